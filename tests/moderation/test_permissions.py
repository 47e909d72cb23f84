"""Who may do what in the backoffice (moderation/permissions.py)."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from moderation import permissions, services
from moderation.models import AppealOutcome, SanctionKind
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory, ThreadFactory
from tests.moderation.conftest import hidden_entry
from tests.moderation.factories import CategoryModeratorFactory

pytestmark = pytest.mark.django_db


# Backoffice review: a moderator decided an appeal against a ban, which they may not give.
def test_a_moderator_may_not_decide_an_appeal_against_a_ban(moderator, manager, member):
    ban = services.sanction_member(actor=manager, member=member, kind=SanctionKind.BAN, reason="x")
    appeal = services.appeal_sanction(member=member, sanction=ban, text="Please.")

    assert not permissions.can_decide_appeal(moderator, appeal)
    with pytest.raises(PermissionDenied):
        services.decide_appeal(
            actor=moderator, appeal=appeal, outcome=AppealOutcome.OVERTURNED, reason="ok"
        )
    member.refresh_from_db()
    assert member.banned_at is not None
    other_manager = UserFactory(role=Role.COMMUNITY_MANAGER)
    assert permissions.can_decide_appeal(other_manager, appeal)
    assert not permissions.can_decide_appeal(manager, appeal)


# Backoffice review: category moderators sanction members who post in their categories.
def test_a_reply_by_the_member_counts_for_a_category_moderator(member):
    scoped = CategoryModeratorFactory()
    PostFactory(thread=ThreadFactory(category=scoped.category), author=member)

    assert permissions.can_sanction(scoped.user, SanctionKind.WARNING, member)


# Backoffice review: revert is for those who read the audit log.
def test_a_manager_may_revert_an_entry(manager, moderator):
    assert permissions.can_revert_entry(manager, hidden_entry(moderator))


# Backoffice review: revert is for those who read the audit log.
def test_a_moderator_may_not_revert_an_entry(moderator):
    assert not permissions.can_revert_entry(moderator, hidden_entry(moderator))


# Backoffice review: revert is for those who read the audit log.
def test_a_category_moderator_may_not_revert_an_entry_in_their_category(moderator):
    entry = hidden_entry(moderator)
    scoped = CategoryModeratorFactory(category=entry.target_post.thread.category).user
    assert not permissions.can_revert_entry(scoped, entry)
