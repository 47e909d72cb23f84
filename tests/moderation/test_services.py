"""Flags, queue actions, sanctions, appeals, reverts and the audit trail."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import TrustLevel
from accounts.roles import Role
from community.models import PostStatus
from moderation import services
from moderation.models import (
    AppealOutcome,
    AuditEntry,
    Flag,
    FlagStatus,
    MemberFlagStats,
    ReviewItem,
    ReviewKind,
    Sanction,
    SanctionKind,
)
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post, reload
from tests.moderation.factories import FlaggedItemFactory, FlaggerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return first_post(ThreadFactory())


def test_flag_post_opens_one_review_item_and_refuses_a_second_flag_by_the_same_member(post):
    flagger = FlaggerFactory()
    services.flag_post(flagger=flagger, post=post, reason="spam")
    with pytest.raises(ValidationError) as error:
        services.flag_post(flagger=flagger, post=reload(post), reason="spam")
    assert error.value.code == "already_flagged"
    assert ReviewItem.objects.filter(post=post, kind=ReviewKind.FLAGGED_POST).count() == 1


def test_flag_post_refuses_the_authors_own_post(post):
    with pytest.raises(PermissionDenied):
        services.flag_post(flagger=post.author, post=post, reason="spam")


def test_flags_reaching_the_threshold_hide_the_post_and_tell_the_author_without_names(
    post, settings
):
    settings.LIAISON_FLAG_HIDE_THRESHOLD = 2.0
    flaggers = [FlaggerFactory(), FlaggerFactory()]
    for flagger in flaggers:
        services.flag_post(flagger=flagger, post=reload(post), reason="inappropriate")
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    notice = Notification.objects.get(recipient=post.author)
    assert notice.actor is None
    assert all(flagger.username not in notice.message for flagger in flaggers)
    assert AuditEntry.objects.filter(action="flag_hide", target_post=post).count() == 1


def test_flag_weight_grows_with_trust_level_and_accuracy():
    basic = FlaggerFactory()
    leader = FlaggerFactory(trust_level=TrustLevel.LEADER)
    assert services.flag_weight(leader) > services.flag_weight(basic)
    MemberFlagStats.objects.create(member=basic, agreed_count=8, dismissed_count=0)
    assert services.flag_weight(basic) > 1.0


def test_three_spam_flags_silence_a_new_author(post):
    for _n in range(3):
        services.flag_post(flagger=FlaggerFactory(), post=reload(post), reason="spam")
    post.author.refresh_from_db()
    assert post.author.is_silenced
    assert Sanction.objects.filter(member=post.author, kind=SanctionKind.SILENCE).exists()


def test_agreeing_raises_accuracy_and_dismissing_lowers_it(moderator):
    first, second = first_post(ThreadFactory()), first_post(ThreadFactory())
    flagger = FlaggerFactory()
    services.flag_post(flagger=flagger, post=first, reason="off_topic")
    services.flag_post(flagger=flagger, post=second, reason="off_topic")
    item = ReviewItem.objects.get(post=first)
    services.act_on_item(actor=moderator, item=item, action="agree", reason="Off topic.")
    services.act_on_item(
        actor=moderator, item=ReviewItem.objects.get(post=second), action="dismiss"
    )
    stats = MemberFlagStats.objects.get(member=flagger)
    assert (stats.agreed_count, stats.dismissed_count) == (1, 1)
    assert Flag.objects.get(post=first).status == FlagStatus.AGREED


@pytest.mark.parametrize(
    ("action", "extra"),
    [
        ("approve", {}),
        ("agree", {"reason": "r"}),
        ("dismiss", {}),
        ("hide", {"reason": "r"}),
        ("delete", {"reason": "r"}),
        ("spam", {"reason": "r"}),
        ("edit", {"reason": "r", "body": "A calmer text."}),
        ("lock", {}),
        ("pin", {}),
    ],
)
def test_every_action_writes_exactly_one_audit_entry(moderator, action, extra):
    item = FlaggedItemFactory()
    services.act_on_item(actor=moderator, item=item, action=action, **extra)
    # "spam" also silences the new author: a sanction with its own "silence" entry.
    assert AuditEntry.objects.filter(actor=moderator).exclude(action="silence").count() == 1


def test_a_resolved_item_refuses_a_second_action(moderator):
    item = FlaggedItemFactory()
    services.act_on_item(actor=moderator, item=item, action="hide", reason="Rude.")
    with pytest.raises(ValidationError) as error:
        services.act_on_item(actor=moderator, item=item, action="delete", reason="Rude.")
    assert error.value.code == "already_resolved"
    assert AuditEntry.objects.count() == 1


def test_hide_requires_a_reason(moderator):
    with pytest.raises(ValidationError):
        services.act_on_item(actor=moderator, item=FlaggedItemFactory(), action="hide")


def test_a_claim_blocks_other_moderators_until_it_expires(moderator, settings):
    other = UserFactory(role=Role.MODERATOR)
    item = FlaggedItemFactory()
    assert services.claim_item(actor=moderator, item=item)
    with pytest.raises(ValidationError) as error:
        services.claim_item(actor=other, item=item)
    assert error.value.code == "claimed"
    ReviewItem.objects.filter(pk=item.pk).update(
        claimed_until=timezone.now() - timedelta(minutes=1)
    )
    assert services.claim_item(actor=other, item=item)


def test_release_gives_the_claim_up(moderator):
    item = FlaggedItemFactory()
    services.claim_item(actor=moderator, item=item)
    assert services.release_item(actor=moderator, item=item)
    assert ReviewItem.objects.get(pk=item.pk).status == "open"


def test_a_category_moderator_cannot_act_outside_their_category():
    from django.http import Http404

    from tests.moderation.factories import CategoryModeratorFactory

    scoped = CategoryModeratorFactory().user
    with pytest.raises(Http404):
        services.act_on_item(actor=scoped, item=FlaggedItemFactory(), action="approve")


def test_revert_of_a_hide_shows_the_post_again_once(moderator, manager):
    item = FlaggedItemFactory()
    entry = services.act_on_item(actor=moderator, item=item, action="hide", reason="Rude.")
    services.revert_entry(actor=manager, entry=entry)
    assert reload(item.post).status == PostStatus.PUBLISHED
    with pytest.raises(ValidationError):
        services.revert_entry(actor=manager, entry=AuditEntry.objects.get(pk=entry.pk))


def test_revert_of_a_delete_restores_the_post(moderator, manager):
    item = FlaggedItemFactory()
    entry = services.act_on_item(actor=moderator, item=item, action="delete", reason="Rude.")
    services.revert_entry(actor=manager, entry=entry)
    assert not reload(item.post).is_deleted


def test_moderators_may_silence_but_not_suspend(moderator):
    member = UserFactory()
    services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.SILENCE, reason="Calm down.", days=3
    )
    member.refresh_from_db()
    assert member.is_silenced
    with pytest.raises(PermissionDenied):
        services.sanction_member(
            actor=moderator, member=member, kind=SanctionKind.SUSPENSION, reason="x", days=3
        )


def test_a_sanction_tells_the_member_the_reason_and_end_in_their_language(manager):
    member = UserFactory(language="de")
    services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.SUSPENSION, reason="Spam.", days=2
    )
    notice = Notification.objects.get(recipient=member)
    assert "Spam." in notice.message
    assert notice.url.startswith("/backoffice/appeal/")
    assert AuditEntry.objects.filter(action="suspend", target_member=member).count() == 1


def test_a_silence_needs_a_period(moderator):
    with pytest.raises(ValidationError):
        services.sanction_member(
            actor=moderator, member=UserFactory(), kind=SanctionKind.SILENCE, reason="x"
        )


def test_an_appeal_is_decided_by_another_moderator_and_lifts_the_sanction(moderator, manager):
    member = UserFactory()
    sanction = services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.SILENCE, reason="Rude.", days=3
    )
    appeal = services.appeal_sanction(member=member, sanction=sanction, text="Sorry.")
    with pytest.raises(PermissionDenied):
        services.appeal_sanction(member=member, sanction=sanction, text="Again.")
    with pytest.raises(PermissionDenied):
        services.decide_appeal(
            actor=moderator, appeal=appeal, outcome=AppealOutcome.OVERTURNED, reason="ok"
        )
    services.decide_appeal(
        actor=manager, appeal=appeal, outcome=AppealOutcome.OVERTURNED, reason="Fair."
    )
    member.refresh_from_db()
    assert not member.is_silenced
    assert ReviewItem.objects.get(appeal=appeal).resolution == "overturned"
    assert AuditEntry.objects.filter(action="appeal_overturned").count() == 1


def test_audit_entries_refuse_changes_and_deletion(moderator):
    entry = services.act_on_item(
        actor=moderator, item=FlaggedItemFactory(), action="hide", reason="r"
    )
    entry.reason = "changed"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()


def test_the_admin_offers_no_add_change_or_delete_on_audit_entries(rf):
    from django.contrib.admin.sites import site

    model_admin = site._registry[AuditEntry]
    request = rf.get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_bulk_actions_act_on_each_selected_item(moderator):
    items = [FlaggedItemFactory() for _n in range(3)]
    done, errors = services.bulk_act(actor=moderator, items=items, action="approve")
    assert (done, errors) == (3, [])
    assert AuditEntry.objects.count() == 3


def test_the_digest_sends_one_mail_per_moderator_once_a_day(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    for _n in range(3):
        FlaggedItemFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_moderator_digest() >= 1
    mails = [mail for mail in mailoutbox if moderator.email in mail.to]
    assert len(mails) == 1
    services.send_moderator_digest()
    assert len([mail for mail in mailoutbox if moderator.email in mail.to]) == 1


def test_stale_held_posts_are_reported_once(moderator):
    item = FlaggedItemFactory(kind=ReviewKind.HELD_POST)
    ReviewItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(hours=30))
    assert services.notify_stale_held_posts() == 1
    assert services.notify_stale_held_posts() == 0
    assert Notification.objects.filter(recipient=moderator).count() == 1


def test_a_category_moderator_cannot_move_a_thread_into_a_category_they_do_not_moderate():
    from django.core.exceptions import PermissionDenied

    from tests.community.factories import CategoryFactory
    from tests.moderation.factories import CategoryModeratorFactory, FlaggedItemFactory

    item = FlaggedItemFactory()
    scoped = CategoryModeratorFactory(category=item.category).user
    elsewhere = CategoryFactory()
    with pytest.raises(PermissionDenied, match="categories you moderate"):
        services.act_on_item(actor=scoped, item=item, action="move", category=elsewhere)
    item.post.thread.refresh_from_db()
    assert item.post.thread.category_id == item.category_id


def test_a_category_moderator_moves_a_thread_between_their_categories():
    from tests.moderation.factories import CategoryModeratorFactory, FlaggedItemFactory

    item = FlaggedItemFactory()
    scoped = CategoryModeratorFactory(category=item.category).user
    other = CategoryModeratorFactory(user=scoped).category
    services.act_on_item(actor=scoped, item=item, action="move", category=other)
    item.post.thread.refresh_from_db()
    assert item.post.thread.category_id == other.pk
