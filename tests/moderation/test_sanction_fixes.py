"""Sanctions: appeals on a shared post, end dates, lifting, the spam silence, who decides,
own posts, category scope, silenced flaggers, double submissions, automatic reasons."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
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
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, ThreadFactory, first_post
from tests.moderation.factories import (
    CategoryModeratorFactory,
    FlaggedItemFactory,
    FlaggerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory()


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _silence(actor, member, days, **kwargs):
    return services.sanction_member(
        actor=actor,
        member=member,
        kind=SanctionKind.SILENCE,
        reason="Calm down.",
        days=days,
        **kwargs,
    )


# 1. Appeals against two sanctions naming the same post


def _appeal_both_through_the_history(client, member, sanctions):
    client.force_login(member)
    for sanction in sanctions:
        response = client.post(
            reverse("moderation:appeal", args=[sanction.pk]), {"text": "I disagree."}
        )
        assert response.status_code == 302


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


# 2. A later, shorter sanction never shortens a longer one; no second ban


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


def test_the_moderator_is_told_the_member_stays_silenced_until_the_later_end(
    client, moderator, manager, member
):
    _silence(manager, member, 3650)
    client.force_login(moderator)

    response = client.post(
        reverse("moderation:sanction_member", args=[member.username]),
        {"kind": "silence", "days": "1", "reason": "Short."},
    )

    assert response.status_code == 302
    assert any("earlier, longer sanction" in text for text in _messages(response))
    member.refresh_from_db()
    assert member.silenced_until > timezone.now() + timedelta(days=3000)


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


def test_banning_a_banned_member_through_the_page_answers_a_message(client, manager, member):
    services.sanction_member(actor=manager, member=member, kind=SanctionKind.BAN, reason="Out.")
    client.force_login(UserFactory(role=Role.COMMUNITY_MANAGER))

    response = client.post(
        reverse("moderation:sanction_member", args=[member.username]),
        {"kind": "ban", "reason": "Again."},
    )

    assert response.status_code == 400
    assert "This member is already banned." in _messages(response)


# 3. Lifting a sanction


def test_lift_sanction_ends_the_silence_audits_and_tells_the_member(moderator, member):
    silence = _silence(moderator, member, 30)

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


def test_lifting_one_of_two_silences_keeps_the_member_silenced_until_the_other_ends(
    moderator, manager, member
):
    short = _silence(moderator, member, 3)
    long = _silence(manager, member, 30)

    lift_sanction(actor=moderator, sanction=long, reason="Too harsh.")

    member.refresh_from_db()
    assert member.silenced_until == short.ends_at
    notice = Notification.objects.filter(recipient=member).order_by("-pk").first()
    assert "stays in force" in notice.message


def test_lifting_a_ban_lets_the_member_sign_in_again(manager, member):
    ban = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.BAN, reason="Out."
    )

    lift_sanction(actor=manager, sanction=ban, reason="Mistaken identity.")

    member.refresh_from_db()
    assert member.banned_at is None and not member.is_suspended


def test_a_moderator_may_not_lift_a_suspension(moderator, manager, member):
    suspension = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.SUSPENSION, reason="Out.", days=3
    )
    with pytest.raises(PermissionDenied):
        lift_sanction(actor=moderator, sanction=suspension, reason="x")
    member.refresh_from_db()
    assert member.is_suspended


def test_lift_refuses_a_lifted_sanction_a_warning_and_no_reason(moderator, member):
    silence = _silence(moderator, member, 3)
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


def test_lift_grants_a_pending_appeal_and_closes_its_item(moderator, member):
    silence = _silence(moderator, member, 3)
    appeal = services.appeal_sanction(member=member, sanction=silence, text="Sorry.")

    lift_sanction(actor=moderator, sanction=silence, reason="Fair enough.")

    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.DECIDED
    assert appeal.outcome == AppealOutcome.OVERTURNED
    assert ReviewItem.objects.get(appeal=appeal).resolution == "overturned"


def test_the_member_page_offers_lift_for_active_restrictions_the_viewer_may_give(
    client, moderator, manager, member
):
    silence = _silence(moderator, member, 3)
    suspension = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.SUSPENSION, reason="Out.", days=3
    )
    client.force_login(moderator)

    content = client.get(reverse("moderation:member_detail", args=[member.username])).content

    assert reverse("moderation:lift_sanction", args=[silence.pk]).encode() in content
    assert reverse("moderation:lift_sanction", args=[suspension.pk]).encode() not in content


def test_the_lift_page_lifts_refuses_and_rejects_as_it_should(client, moderator, manager, member):
    silence = _silence(moderator, member, 3)
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


# 4. The "spam" action's silence is a sanction: audited and told


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


# 5. Appeals are decided only by those who may give the sanction


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


# 6. Nobody acts on items about their own post


def test_a_moderator_may_not_dismiss_flags_on_their_own_post(moderator):
    item = FlaggedItemFactory(post=first_post(ThreadFactory(author=moderator)))

    with pytest.raises(PermissionDenied):
        services.act_on_item(actor=moderator, item=item, action="dismiss")

    assert ReviewItem.objects.get(pk=item.pk).resolved_at is None
    assert not permissions.can_act_on_item(moderator, item)


def test_a_managers_own_post_item_offers_no_sanction_of_herself(client, manager):
    item = FlaggedItemFactory(post=first_post(ThreadFactory(author=manager)))
    client.force_login(manager)

    response = client.get(reverse("moderation:item_detail", args=[item.pk]))

    assert response.status_code == 403


def test_the_own_member_page_offers_no_sanction_form(client, manager):
    client.force_login(manager)

    response = client.get(reverse("moderation:member_detail", args=[manager.username]))

    assert response.context["sanction_kinds"] == []


# 7. Category moderators and the post a sanction names


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


def test_a_sanction_may_not_name_someone_elses_post(moderator, member):
    staff_room = CategoryFactory(visibility=Visibility.INTERNAL)
    internal = first_post(ThreadFactory(category=staff_room, author=UserFactory(role=Role.ADMIN)))

    with pytest.raises(ValidationError) as error:
        services.sanction_member(
            actor=moderator, member=member, kind=SanctionKind.WARNING, reason="x", post=internal
        )

    assert error.value.error_dict["post_id"][0].code == "invalid_post"
    assert not Sanction.objects.exists()


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


def test_the_appeal_link_never_shows_a_post_the_member_cannot_see(client, manager, member):
    staff_room = CategoryFactory(visibility=Visibility.INTERNAL)
    internal = first_post(
        ThreadFactory(category=staff_room, title="Secret plans", body="Internal only text")
    )
    # A sanction from before the check, naming a post that is not the member's.
    sanction = Sanction.objects.create(
        member=member,
        kind=SanctionKind.SUSPENSION,
        reason="Out.",
        post=internal,
        ends_at=timezone.now() + timedelta(days=3),
        created_by=manager,
    )

    response = client.get(services.appeal_link(sanction=sanction))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Secret plans" not in content and "Internal only text" not in content


# 8. Silenced members do not flag


def test_a_silenced_member_cannot_flag(moderator, member):
    _silence(moderator, member, 3)
    member.refresh_from_db()
    post = first_post(ThreadFactory())

    assert not permissions.can_flag_post(member, post)
    with pytest.raises(PermissionDenied) as error:
        services.flag_post(flagger=member, post=post, reason="spam")
    assert "silenced" in str(error.value)


# 9. Double submissions


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


def test_the_same_sanction_after_the_window_is_a_new_one(moderator, member):
    first = services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Tone."
    )
    Sanction.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(seconds=11))

    second = services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Tone."
    )

    assert second.pk != first.pk


# 10. Automatic reasons in the member's language


def test_the_spam_flag_silence_and_hide_reach_a_german_member_in_german(client, settings):
    settings.LIAISON_FLAG_HIDE_THRESHOLD = 3.0
    author = UserFactory(trust_level=TrustLevel.NEW, language="de")
    post = first_post(ThreadFactory(author=author))
    with translation.override("en"):
        for _n in range(3):
            services.flag_post(flagger=FlaggerFactory(language="en"), post=post, reason="spam")
    post.refresh_from_db()
    assert post.hidden_reason.startswith("Ausgeblendet")
    assert Sanction.objects.get(member=author).reason == (
        "Several members reported your posts as spam."
    )

    client.force_login(author)
    content = client.get(reverse("moderation:my_history"), HTTP_ACCEPT_LANGUAGE="de").content

    assert "Mehrere Mitglieder haben deine Beiträge als Spam gemeldet.".encode() in content


def test_a_moderators_own_reason_is_shown_as_written(client, moderator, member):
    services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Harassment"
    )
    client.force_login(member)

    content = client.get(reverse("moderation:my_history"), HTTP_ACCEPT_LANGUAGE="de").content

    assert b"Harassment" in content


def test_a_reply_by_the_member_counts_for_a_category_moderator(member):
    scoped = CategoryModeratorFactory()
    PostFactory(thread=ThreadFactory(category=scoped.category), author=member)

    assert permissions.can_sanction(scoped.user, SanctionKind.WARNING, member)


def test_a_moderator_note_is_audited_with_its_text(moderator, member):
    from moderation.models import AuditAction, AuditEntry

    services.add_moderator_note(actor=moderator, member=member, text="  Watch the links.  ")

    entry = AuditEntry.objects.get(action=AuditAction.NOTE)
    assert (entry.actor, entry.target_member, entry.after) == (
        moderator,
        member,
        {"note": "Watch the links."},
    )
