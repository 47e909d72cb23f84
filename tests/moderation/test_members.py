"""A member's backoffice page and its sanction and lift forms (moderation/views/members.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from moderation import services
from moderation.models import Sanction, SanctionKind
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post
from tests.moderation.conftest import messages_of, silence_member

pytestmark = pytest.mark.django_db


# Backoffice review: nobody sanctions themselves.
def test_the_own_member_page_offers_no_sanction_form(client, manager):
    client.force_login(manager)

    response = client.get(reverse("moderation:member_detail", args=[manager.username]))

    assert response.context["sanction_kinds"] == []


# Backoffice review: a shorter sanction cut a longer one short, and nobody was told.
def test_the_moderator_is_told_the_member_stays_silenced_until_the_later_end(
    client, moderator, manager, member
):
    silence_member(manager, member, 3650)
    client.force_login(moderator)

    response = client.post(
        reverse("moderation:sanction_member", args=[member.username]),
        {"kind": "silence", "days": "1", "reason": "Short."},
    )

    assert response.status_code == 302
    assert any("earlier, longer sanction" in text for text in messages_of(response))
    member.refresh_from_db()
    assert member.silenced_until > timezone.now() + timedelta(days=3000)


# Backoffice review: banning a banned member banned them again.
def test_banning_a_banned_member_through_the_page_answers_a_message(client, manager, member):
    services.sanction_member(actor=manager, member=member, kind=SanctionKind.BAN, reason="Out.")
    client.force_login(UserFactory(role=Role.COMMUNITY_MANAGER))

    response = client.post(
        reverse("moderation:sanction_member", args=[member.username]),
        {"kind": "ban", "reason": "Again."},
    )

    assert response.status_code == 400
    assert "This member is already banned." in messages_of(response)


# Backoffice review: a sanction named a post that is not the member's.
def test_the_sanction_page_answers_a_form_error_for_a_foreign_post(client, moderator, member):
    foreign = first_post(ThreadFactory())
    client.force_login(moderator)

    for post_id in (str(foreign.pk), "999999"):
        response = client.post(
            reverse("moderation:sanction_member", args=[member.username]),
            {"kind": "warning", "reason": "Tone.", "post_id": post_id},
        )
        assert response.status_code == 400
        assert "post_id" in response.context["sanction_form"].errors
    assert not Sanction.objects.exists()


# Backoffice review: sanctions could not be lifted.
def test_the_member_page_offers_lift_for_active_restrictions_the_viewer_may_give(
    client, moderator, manager, member
):
    silence = silence_member(moderator, member, 3)
    suspension = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.SUSPENSION, reason="Out.", days=3
    )
    client.force_login(moderator)

    content = client.get(reverse("moderation:member_detail", args=[member.username])).content

    assert reverse("moderation:lift_sanction", args=[silence.pk]).encode() in content
    assert reverse("moderation:lift_sanction", args=[suspension.pk]).encode() not in content


# Backoffice review: sanctions could not be lifted.
def test_the_lift_page_lifts_refuses_and_rejects_as_it_should(client, moderator, manager, member):
    silence = silence_member(moderator, member, 3)
    suspension = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.SUSPENSION, reason="Out.", days=3
    )
    client.force_login(moderator)
    url = reverse("moderation:lift_sanction", args=[silence.pk])

    assert client.post(url, {"reason": ""}).status_code == 400
    forbidden = reverse("moderation:lift_sanction", args=[suspension.pk])
    assert client.post(forbidden, {"reason": "x"}).status_code == 403
    response = client.post(url, {"reason": "Reviewed."})

    assert response.status_code == 302
    assert response.url == reverse("moderation:member_detail", args=[member.username])
    member.refresh_from_db()
    assert not member.is_silenced and member.is_suspended
    client.force_login(UserFactory())
    assert client.post(url, {"reason": "x"}).status_code == 403
