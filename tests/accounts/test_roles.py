"""Roles as groups, their permissions, trust levels and the staff MFA rule."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import TrustLevel
from accounts.permissions import check_can_edit_profile, offers_profile_edit
from accounts.roles import ROLE_PERMISSIONS, Role
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_with_its_permissions():
    for role, permissions in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(permissions), role


@pytest.mark.parametrize(
    ("role", "backoffice", "manage", "answer"),
    [
        (None, False, False, False),
        (Role.MODERATOR, True, False, False),
        (Role.COMMUNITY_MANAGER, True, True, False),
        (Role.DEPARTMENT_STAFF, False, False, True),
        (Role.ADMIN, True, True, True),
    ],
)
def test_roles_grant_their_permissions(role, backoffice, manage, answer):
    user = UserFactory(role=role)

    assert user.has_perm("accounts.access_backoffice") is backoffice
    assert user.has_perm("accounts.manage_community") is manage
    assert user.has_perm("accounts.answer_feedback") is answer
    assert user.is_staff_member is (role is not None)


def test_a_member_cannot_edit_another_members_profile():
    with pytest.raises(PermissionDenied):
        check_can_edit_profile(UserFactory(), UserFactory())


def test_an_admin_may_edit_another_members_profile():
    check_can_edit_profile(UserFactory(role=Role.ADMIN), UserFactory())


def test_a_public_profile_offers_its_own_member_the_profile_form():
    member = UserFactory()

    assert offers_profile_edit(member, member) is True


@pytest.mark.parametrize("role", [None, Role.ADMIN])
def test_a_public_profile_offers_others_no_profile_form(role):
    """The form edits one's own profile: an admin edits others' in the admin."""
    assert offers_profile_edit(UserFactory(role=role), UserFactory()) is False


def test_a_public_profile_offers_a_visitor_no_profile_form():
    assert offers_profile_edit(AnonymousUser(), UserFactory()) is False


def test_new_members_start_at_trust_level_new():
    assert UserFactory().trust_level == TrustLevel.NEW


def test_staff_without_mfa_are_sent_to_set_it_up_when_required(client, settings):
    settings.LIAISON_REQUIRE_MFA_FOR_STAFF = True
    moderator = UserFactory(role=Role.MODERATOR)
    client.force_login(moderator)

    response = client.get(reverse("community:index"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_mfa_and_members_pass_when_mfa_is_required(client, settings):
    settings.LIAISON_REQUIRE_MFA_FOR_STAFF = True
    moderator = UserFactory(role=Role.MODERATOR)
    Authenticator.objects.create(user=moderator, type=Authenticator.Type.TOTP, data={})
    client.force_login(moderator)
    assert client.get(reverse("community:index")).status_code == 200

    client.force_login(UserFactory())
    assert client.get(reverse("community:index")).status_code == 200


def test_staff_are_not_forced_into_mfa_by_default(client):
    client.force_login(UserFactory(role=Role.MODERATOR))

    assert client.get(reverse("community:index")).status_code == 200


def test_every_member_can_set_up_totp_after_signing_in(client):
    member = UserFactory(email="alice@example.test")
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert "form" in response.context
    assert "totp_svg" in response.context or "authenticator_secret" in response.context
