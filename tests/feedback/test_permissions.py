"""Who may see and do what with feedback."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import Role
from feedback.permissions import can_see_feedback_link
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.COMMUNITY_MANAGER, Role.DEPARTMENT_STAFF, Role.ADMIN])
def test_roles_that_answer_or_triage_feedback_see_the_feedback_link(role):
    assert can_see_feedback_link(UserFactory(role=role)) is True


@pytest.mark.parametrize("role", [None, Role.MODERATOR])
def test_members_and_moderators_see_no_feedback_link(role):
    assert can_see_feedback_link(UserFactory(role=role)) is False


def test_a_visitor_sees_no_feedback_link():
    assert can_see_feedback_link(AnonymousUser()) is False
