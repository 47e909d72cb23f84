"""Sanctions and appeals (moderation/services/sanctions.py and appeals.py): giving and
lifting sanctions, appealing them, the spam action's silence and moderator notes."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import TrustLevel
from accounts.roles import Role
from community.models import Visibility
from moderation import permissions, services
from moderation.models import (
    Appeal,
    AppealOutcome,
    AppealStatus,
    AuditEntry,
    ReviewItem,
    ReviewKind,
    Sanction,
    SanctionKind,
)
from moderation.services.sanctions import lift_sanction
from notifications.models import Notification
from tests.accounts.factories import PASSWORD, UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.moderation.conftest import silence_member
from tests.moderation.factories import (
    CategoryModeratorFactory,
    FlaggedItemFactory,
)

pytestmark = pytest.mark.django_db


def test_a_warning_restricts_nothing_and_tells_the_member(moderator):
    member = UserFactory()

    sanction = services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Mind the tone."
    )

    member.refresh_from_db()
    assert sanction.kind == SanctionKind.WARNING
    assert not member.is_silenced and not member.is_suspended
    assert member.notifications.filter(message__contains="Mind the tone.").exists()


def test_a_ban_keeps_the_member_out_for_good(client, manager):
    member = UserFactory(email="gone@example.test")

    services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.BAN, reason="Repeated abuse."
    )

    member.refresh_from_db()
    assert member.is_suspended and member.banned_at is not None
    client.post(reverse("account_login"), {"login": "gone@example.test", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_moderator_may_not_ban(moderator):
    with pytest.raises(PermissionDenied):
        services.sanction_member(
            actor=moderator, member=UserFactory(), kind=SanctionKind.BAN, reason="No."
        )


# Backoffice review: a later, shorter sanction cut a longer one short.
@pytest.mark.parametrize(
    ("kind", "field"),
    [(SanctionKind.SILENCE, "silenced_until"), (SanctionKind.SUSPENSION, "suspended_until")],
)
def test_a_later_shorter_sanction_keeps_the_longer_end(manager, member, kind, field):
    other_manager = UserFactory(role=Role.COMMUNITY_MANAGER)
    services.sanction_member(actor=manager, member=member, kind=kind, reason="Long.", days=3650)
    member.refresh_from_db()
    long_end = getattr(member, field)

    short = services.sanction_member(
        actor=other_manager, member=member, kind=kind, reason="Short.", days=1
    )

    member.refresh_from_db()
    assert getattr(member, field) == long_end
    assert services.sanctions.outlasting_end(sanction=short) == long_end


# Backoffice review: banning a banned member banned and told them again.
def test_banning_a_banned_member_is_refused_without_a_second_notice(manager, member):
    services.sanction_member(actor=manager, member=member, kind=SanctionKind.BAN, reason="Out.")
    member.refresh_from_db()
    banned_at = member.banned_at
    other_manager = UserFactory(role=Role.COMMUNITY_MANAGER)

    with pytest.raises(ValidationError) as error:
        services.sanction_member(
            actor=other_manager, member=member, kind=SanctionKind.BAN, reason="Again."
        )

    assert error.value.code == "already_banned"
    member.refresh_from_db()
    assert member.banned_at == banned_at
    assert Sanction.objects.filter(member=member, kind=SanctionKind.BAN).count() == 1
    assert Notification.objects.filter(recipient=member).count() == 1


# Backoffice review: a double submission gave and told the same sanction twice.
def test_an_identical_sanction_within_seconds_is_given_and_told_once(moderator, member):
    post = first_post(ThreadFactory(author=member))
    sanctions = [
        services.sanction_member(
            actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Tone.", post=post
        )
        for _n in range(4)
    ]

    assert len({sanction.pk for sanction in sanctions}) == 1
    assert Notification.objects.filter(recipient=member).count() == 1
    assert AuditEntry.objects.filter(action="warn").count() == 1


# Backoffice review: identical sanctions within 10 s are one; later, they are two.
def test_the_same_sanction_after_the_window_is_a_new_one(moderator, member):
    first = services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Tone."
    )
    Sanction.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(seconds=11))

    second = services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Tone."
    )

    assert second.pk != first.pk


# Backoffice review: category moderators sanctioned members of any category.
def test_a_category_moderator_warns_only_members_who_post_in_their_categories(member):
    scoped = CategoryModeratorFactory().user
    ThreadFactory(author=member)  # a post elsewhere

    with pytest.raises(PermissionDenied):
        services.sanction_member(
            actor=scoped, member=member, kind=SanctionKind.WARNING, reason="Tone."
        )
    assert not permissions.can_sanction(scoped, SanctionKind.WARNING, member)

    mine = scoped.moderated_categories.get().category
    ThreadFactory(author=member, category=mine)
    assert services.sanction_member(
        actor=scoped, member=member, kind=SanctionKind.WARNING, reason="Tone."
    )


# Backoffice review: a sanction named an internal post, which the appeal page then showed.
def test_a_sanction_may_not_name_someone_elses_post(moderator, member):
    staff_room = CategoryFactory(visibility=Visibility.INTERNAL)
    internal = first_post(ThreadFactory(category=staff_room, author=UserFactory(role=Role.ADMIN)))

    with pytest.raises(ValidationError) as error:
        services.sanction_member(
            actor=moderator, member=member, kind=SanctionKind.WARNING, reason="x", post=internal
        )

    assert error.value.error_dict["post_id"][0].code == "invalid_post"
    assert not Sanction.objects.exists()


# Backoffice review: a category moderator's sanction named a post they cannot see.
def test_a_sanction_may_not_name_a_post_the_moderator_cannot_see(member):
    scoped_link = CategoryModeratorFactory()
    ThreadFactory(author=member, category=scoped_link.category)
    hidden_away = first_post(
        ThreadFactory(author=member, category=CategoryFactory(visibility=Visibility.INTERNAL))
    )

    with pytest.raises(ValidationError):
        services.sanction_member(
            actor=scoped_link.user,
            member=member,
            kind=SanctionKind.WARNING,
            reason="x",
            post=hidden_away,
        )


# Backoffice review: sanctions could not be lifted; lifting is audited and told.
def test_lift_sanction_ends_the_silence_audits_and_tells_the_member(moderator, member):
    silence = silence_member(moderator, member, 30)

    lift_sanction(actor=moderator, sanction=silence, reason="Reviewed: not spam.")

    member.refresh_from_db()
    silence.refresh_from_db()
    assert not member.is_silenced
    assert silence.revoked_at is not None
    entry = AuditEntry.objects.get(action="lift")
    assert entry.actor == moderator and entry.target_member == member
    assert entry.before["silenced_until"] and entry.after["silenced_until"] is None
    notice = Notification.objects.filter(recipient=member).order_by("-pk").first()
    assert "Reviewed: not spam." in notice.message


# Backoffice review: sanctions could not be lifted; lifting one keeps the others in force.
def test_lifting_one_of_two_silences_keeps_the_member_silenced_until_the_other_ends(
    moderator, manager, member
):
    short = silence_member(moderator, member, 3)
    long = silence_member(manager, member, 30)

    lift_sanction(actor=moderator, sanction=long, reason="Too harsh.")

    member.refresh_from_db()
    assert member.silenced_until == short.ends_at
    notice = Notification.objects.filter(recipient=member).order_by("-pk").first()
    assert "stays in force" in notice.message


# Backoffice review: sanctions could not be lifted.
def test_lifting_a_ban_lets_the_member_sign_in_again(manager, member):
    ban = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.BAN, reason="Out."
    )

    lift_sanction(actor=manager, sanction=ban, reason="Mistaken identity.")

    member.refresh_from_db()
    assert member.banned_at is None and not member.is_suspended


# Backoffice review: sanctions could not be lifted; whoever may give one may lift it.
def test_a_moderator_may_not_lift_a_suspension(moderator, manager, member):
    suspension = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.SUSPENSION, reason="Out.", days=3
    )
    with pytest.raises(PermissionDenied):
        lift_sanction(actor=moderator, sanction=suspension, reason="x")
    member.refresh_from_db()
    assert member.is_suspended


# Backoffice review: sanctions could not be lifted; lifting needs a reason and an active one.
def test_lift_refuses_a_lifted_sanction_a_warning_and_no_reason(moderator, member):
    silence = silence_member(moderator, member, 3)
    with pytest.raises(ValidationError) as error:
        lift_sanction(actor=moderator, sanction=silence, reason="  ")
    assert error.value.error_dict["reason"][0].code == "reason_required"
    lift_sanction(actor=moderator, sanction=silence, reason="ok")
    with pytest.raises(ValidationError) as error:
        lift_sanction(actor=moderator, sanction=silence, reason="again")
    assert error.value.code == "not_active"
    warning = services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Tone."
    )
    with pytest.raises(ValidationError) as error:
        lift_sanction(actor=moderator, sanction=warning, reason="ok")
    assert error.value.code == "not_liftable"


# Backoffice review: sanctions could not be lifted; lifting answers a pending appeal.
def test_lift_grants_a_pending_appeal_and_closes_its_item(moderator, member):
    silence = silence_member(moderator, member, 3)
    appeal = services.appeal_sanction(member=member, sanction=silence, text="Sorry.")

    lift_sanction(actor=moderator, sanction=silence, reason="Fair enough.")

    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.DECIDED
    assert appeal.outcome == AppealOutcome.OVERTURNED
    assert ReviewItem.objects.get(appeal=appeal).resolution == "overturned"


def _appeal_both_through_the_history(client, member, sanctions):
    client.force_login(member)
    for sanction in sanctions:
        response = client.post(
            reverse("moderation:appeal", args=[sanction.pk]), {"text": "I disagree."}
        )
        assert response.status_code == 302


# Backoffice review: a second appeal naming the same post answered 500.
def test_two_warnings_naming_one_post_can_both_be_appealed_and_decided(
    client, moderator, manager, member
):
    post = first_post(ThreadFactory(author=member))
    warnings = [
        services.sanction_member(
            actor=actor, member=member, kind=SanctionKind.WARNING, reason="Tone.", post=post
        )
        for actor in (moderator, manager)
    ]

    _appeal_both_through_the_history(client, member, warnings)

    items = ReviewItem.objects.filter(kind=ReviewKind.APPEAL, resolved_at=None)
    assert items.count() == 2
    decider = UserFactory(role=Role.COMMUNITY_MANAGER)
    for appeal in Appeal.objects.all():
        services.decide_appeal(
            actor=decider, appeal=appeal, outcome=AppealOutcome.UPHELD, reason="It stands."
        )
    assert not ReviewItem.objects.filter(kind=ReviewKind.APPEAL, resolved_at=None).exists()


# Backoffice review: a second appeal naming the same post answered 500.
def test_a_warning_and_the_spam_silence_on_one_post_can_both_be_appealed(
    client, moderator, manager
):
    spammer = UserFactory(trust_level=TrustLevel.NEW)
    post = first_post(ThreadFactory(author=spammer))
    warning = services.sanction_member(
        actor=manager, member=spammer, kind=SanctionKind.WARNING, reason="Ads.", post=post
    )
    services.act_on_item(
        actor=moderator, item=FlaggedItemFactory(post=post), action="spam", reason="Ads."
    )
    silence = Sanction.objects.get(member=spammer, kind=SanctionKind.SILENCE)

    _appeal_both_through_the_history(client, spammer, [warning, silence])

    assert Appeal.objects.filter(sanction__in=[warning, silence]).count() == 2
    assert ReviewItem.objects.filter(kind=ReviewKind.APPEAL, resolved_at=None).count() == 2


# Backoffice review: the spam action's silence was no sanction: not audited, not told.
def test_the_spam_silence_is_audited_and_told_with_its_end_in_the_members_language(moderator):
    spammer = UserFactory(trust_level=TrustLevel.NEW, language="de")
    post = first_post(ThreadFactory(author=spammer))

    services.act_on_item(
        actor=moderator, item=FlaggedItemFactory(post=post), action="spam", reason="Werbung."
    )

    silence = Sanction.objects.get(member=spammer, kind=SanctionKind.SILENCE)
    entry = AuditEntry.objects.get(action="silence", target_member=spammer)
    assert entry.actor == moderator and entry.after["silenced_until"]
    notices = [n.message for n in Notification.objects.filter(recipient=spammer)]
    with translation.override("de"):
        date = services.notices.format_moment(silence.ends_at)
    told = [text for text in notices if "stummgeschaltet" in text]
    assert len(told) == 1
    assert date in told[0] and "Einspruch" in told[0]


# Backoffice review: moderator notes were not audited.
def test_a_moderator_note_is_audited_with_its_text(moderator, member):
    from moderation.models import AuditAction, AuditEntry

    services.add_moderator_note(actor=moderator, member=member, text="  Watch the links.  ")

    entry = AuditEntry.objects.get(action=AuditAction.NOTE)
    assert (entry.actor, entry.target_member, entry.after) == (
        moderator,
        member,
        {"note": "Watch the links."},
    )
