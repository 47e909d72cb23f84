"""Members flagging posts, and the queue items that flags and post checks open."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import services as accounts
from accounts.models import TrustLevel, User
from community import services as community
from community.hooks import CheckAction
from community.models import Post, PostStatus
from moderation.automod import AUTOMOD
from moderation.models import (
    AuditAction,
    Flag,
    FlagReason,
    FlagStatus,
    MemberFlagStats,
    ReviewItem,
    ReviewKind,
    Sanction,
    SanctionKind,
)
from moderation.permissions import check_can_flag_post
from moderation.posting_limits import SANDBOX
from moderation.services.audit import member_state, post_state, write_entry
from moderation.services.notices import format_moment, tell_member, translate_for
from moderation.services.search_index import index_review_items

#: A flag's weight before accuracy, by the flagger's trust level.
TRUST_WEIGHT = {
    TrustLevel.NEW: 1.0,
    TrustLevel.BASIC: 1.0,
    TrustLevel.MEMBER: 1.5,
    TrustLevel.REGULAR: 2.0,
    TrustLevel.LEADER: 3.0,
}
#: Automatic reasons, kept in English (the audit log, the sanction) and shown to each
#: member in their own language, never in that of whoever flagged.
FLAG_HIDE_REASON = gettext_noop("Hidden after members flagged it; a moderator will review it.")
SPAM_FLAGS_REASON = gettext_noop("Several members reported your posts as spam.")


def _young_accounts_joined_after():
    """Return the moment after which an account counts as young for flagging."""
    return timezone.now() - timedelta(hours=settings.LIAISON_YOUNG_FLAGGER_HOURS)


def flag_weight(member) -> float:
    """Return the weight of ``member``'s next flag: trust level times accuracy (0.5x to 1.5x),
    times ``LIAISON_YOUNG_FLAGGER_WEIGHT`` (0.5) while the account is younger than
    ``LIAISON_YOUNG_FLAGGER_HOURS`` (24).

    The last factor is Liaison's, not Discourse's: accounts made for the
    purpose (sock puppets) need twice as many flags to hide a post.
    """
    stats = MemberFlagStats.objects.filter(member=member).first()
    accuracy = stats.accuracy if stats else 0.5
    weight = TRUST_WEIGHT[member.trust_level] * (0.5 + accuracy)
    if member.date_joined > _young_accounts_joined_after():
        weight *= settings.LIAISON_YOUNG_FLAGGER_WEIGHT
    return round(weight, 2)


def open_item(*, post: Post, kind: str, **fields) -> ReviewItem:
    """Return the unresolved item of ``kind`` for ``post``, creating it if there is none.

    The partial unique constraint makes two concurrent callers share one item.
    """
    item, _created = ReviewItem.objects.get_or_create(
        post=post,
        kind=kind,
        resolved_at=None,
        defaults={"category_id": post.thread.category_id, **fields},
    )
    return item


@transaction.atomic
def flag_post(*, flagger, post: Post, reason: str, note: str = "") -> Flag:
    """Record ``flagger``'s flag on ``post`` and return it.

    Once the open flags weigh ``LIAISON_FLAG_HIDE_THRESHOLD`` the post is
    hidden at once and its author told why (never by whom). Spam flags from
    ``LIAISON_SPAM_FLAGS_TO_SILENCE`` members whose accounts are past
    ``LIAISON_YOUNG_FLAGGER_HOURS`` silence a new author pending review.
    Raises ``PermissionDenied`` (among others for a new member, or one past
    their daily flags), ``Http404`` and ``ValidationError``
    (``already_flagged``, ``invalid_reason``).
    """
    # Lock the flagger's row so that concurrent flags cannot all slip under the daily cap.
    list(User.objects.select_for_update().filter(pk=flagger.pk).values_list("pk", flat=True))
    check_can_flag_post(flagger, post)
    if reason not in FlagReason.values:
        raise ValidationError({"reason": ValidationError(_("Pick a reason."), "invalid_reason")})
    item = open_item(post=post, kind=ReviewKind.FLAGGED_POST)
    item = ReviewItem.objects.select_for_update().get(pk=item.pk)
    flag = Flag(
        post=post,
        flagger=flagger,
        reason=reason,
        note=note.strip(),
        weight=flag_weight(flagger),
        review_item=item,
    )
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError as error:
        raise ValidationError(
            _("You have already flagged this post."), code="already_flagged"
        ) from error
    if flag.note:
        index_review_items([item.pk])
    score = Flag.objects.filter(review_item=item, status=FlagStatus.OPEN).aggregate(
        total=Sum("weight")
    )["total"]
    ReviewItem.objects.filter(pk=item.pk).update(score=score)
    if score >= settings.LIAISON_FLAG_HIDE_THRESHOLD:
        _hide_on_flags(post=post, item=item)
    if reason == FlagReason.SPAM:
        _silence_on_spam_flags(post=post, item=item)
    return flag


def _hide_on_flags(*, post: Post, item: ReviewItem) -> None:
    before = post_state(post)
    # The post shows its reason to its author as stored: store it in their language.
    hidden_reason = translate_for(post.author, FLAG_HIDE_REASON)
    if not community.hide_post(actor=None, post=post, reason=hidden_reason):
        return
    write_entry(
        actor=None,
        action=AuditAction.FLAG_HIDE,
        reason=FLAG_HIDE_REASON,
        target_post=post,
        target_thread=post.thread,
        target_member=post.author,
        review_item=item,
        before=before,
        after=post_state(post),
    )
    tell_member(
        member=post.author,
        build_message=lambda: (
            _(
                'Your post in "%(thread)s" is hidden because several members flagged it. '
                "A moderator will review it soon."
            )
            % {"thread": post.thread.title}
        ),
        url=post.get_absolute_url(),
    )


def _silence_on_spam_flags(*, post: Post, item: ReviewItem) -> None:
    author = post.author
    if author.trust_level != TrustLevel.NEW or author.is_silenced:
        return
    # Accounts younger than a day do not count, as their flags weigh less: a few
    # accounts made for the purpose must not silence anyone.
    flaggers = (
        Flag.objects.filter(post__author=author, reason=FlagReason.SPAM, status=FlagStatus.OPEN)
        .exclude(flagger__date_joined__gt=_young_accounts_joined_after())
        .values("flagger")
        .distinct()
        .count()
    )
    if flaggers < settings.LIAISON_SPAM_FLAGS_TO_SILENCE:
        return
    before = member_state(author)
    ends_at = timezone.now() + timedelta(days=settings.LIAISON_SPAM_SILENCE_DAYS)
    accounts.restrict_member(member=author, silenced_until=ends_at)
    # No moderator gave it: pages show this reason translated for their reader.
    Sanction.objects.create(
        member=author,
        kind=SanctionKind.SILENCE,
        reason=SPAM_FLAGS_REASON,
        post=post,
        ends_at=ends_at,
    )
    write_entry(
        actor=None,
        action=AuditAction.SILENCE,
        reason=SPAM_FLAGS_REASON,
        target_post=post,
        target_member=author,
        review_item=item,
        before=before,
        after=member_state(author),
    )
    tell_member(
        member=author,
        build_message=lambda: (
            _(
                "Several members reported your posts as spam, so you cannot post until "
                "%(date)s while a moderator reviews them. You can appeal."
            )
            % {"date": format_moment(ends_at)}
        ),
    )


@transaction.atomic
def record_blocked_post(*, draft, result) -> list:
    """Write the audit entries of automod rules that blocked a post before it existed.

    ``draft`` is the refused ``community.hooks.PostDraft``: the entry keeps its
    author, thread and text, since no post row remains. Sandbox refusals are
    limits, not decisions, and are not logged. Returns the entries written.
    """
    if result.details.get("source") != AUTOMOD:
        return []
    return [
        write_entry(
            actor=None,
            rule_id=hit["rule_id"],
            action=AuditAction.AUTOMOD,
            reason=hit["action"],
            target_thread=draft.thread,
            target_member=draft.author,
            before={"title": draft.title, "body": draft.body},
            after={"action": hit["action"], "matched_text": hit["matched_text"]},
        )
        for hit in result.details["hits"]
        if hit["action"] == CheckAction.BLOCK
    ]


def record_post_checks(*, post: Post, results) -> list[ReviewItem]:
    """Record the sandbox's and automod's results on a new ``post``; return the items opened.

    A sandbox HOLD opens a held-post item; every automod hit writes an audit
    entry, and a HOLD or FLAG by automod opens an automod item.
    """
    items = []
    for result in results:
        source = result.details.get("source")
        if source == SANDBOX and result.action == CheckAction.HOLD:
            items.append(open_item(post=post, kind=ReviewKind.HELD_POST))
        if source != AUTOMOD:
            continue
        for hit in result.details["hits"]:
            write_entry(
                actor=None,
                rule_id=hit["rule_id"],
                action=AuditAction.AUTOMOD,
                reason=hit["action"],
                target_post=post,
                target_thread=post.thread,
                target_member=post.author,
                after={"action": hit["action"], "matched_text": hit["matched_text"]},
            )
        if result.action in {CheckAction.HOLD, CheckAction.FLAG}:
            decisive = next(hit for hit in result.details["hits"] if hit["action"] == result.action)
            item = open_item(
                post=post,
                kind=ReviewKind.AUTOMOD,
                automod_rule_id=decisive["rule_id"],
                matched_text=decisive["matched_text"][:200],
                score=1.0 if post.status == PostStatus.PUBLISHED else 2.0,
            )
            index_review_items([item.pk])
            items.append(item)
    return items
