"""Appeals against sanctions: a member files one, a moderator upholds or overturns it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import (
    Appeal,
    AppealOutcome,
    AppealStatus,
    AuditAction,
    AuditEntry,
    Resolution,
    ReviewItem,
    ReviewKind,
    Sanction,
)
from moderation.permissions import check_can_appeal, check_can_decide_appeal
from moderation.services.audit import member_state, write_entry
from moderation.services.notices import tell_member
from moderation.services.sanctions import lock_member, restore_restriction
from moderation.services.search_index import index_review_items


@transaction.atomic
def appeal_sanction(*, member, sanction: Sanction, text: str) -> Appeal:
    """File ``member``'s appeal against ``sanction`` (once); return it.

    Opens an appeal item in the queue. Raises ``PermissionDenied``,
    ``Http404`` and ``ValidationError`` (``already_appealed``, ``empty``).
    """
    check_can_appeal(member, sanction)
    if not text.strip():
        raise ValidationError({"text": ValidationError(_("Tell us why."), "empty")})
    appeal = Appeal(sanction=sanction, text=text.strip())
    try:
        with transaction.atomic():
            appeal.save()
    except IntegrityError as error:
        raise ValidationError(
            _("You have already appealed this decision."), code="already_appealed"
        ) from error
    # The item names no post: a post has one open item per kind, yet several sanctions
    # (and so several appeals, each decided on its own) may name the same post.
    item = ReviewItem.objects.create(kind=ReviewKind.APPEAL, appeal=appeal)
    index_review_items([item.pk])
    return appeal


@transaction.atomic
def decide_appeal(*, actor, appeal: Appeal, outcome: str, reason: str) -> AuditEntry:
    """Uphold or overturn ``appeal``'s sanction; return the audit entry.

    Overturning revokes the sanction and lifts its restriction, unless another
    sanction of its kind still runs. The member is told the outcome. Raises
    ``PermissionDenied`` (the sanction's own author, not a moderator, one who
    may not give that kind of sanction) and ``ValidationError``
    (``already_decided``).
    """
    member = Appeal.objects.select_related("sanction__member").get(pk=appeal.pk).sanction.member
    # Lock the member before the appeal, in the order sanction_member and lift_sanction take.
    lock_member(member)
    appeal = (
        Appeal.objects.select_for_update(of=("self",)).select_related("sanction").get(pk=appeal.pk)
    )
    appeal.sanction.member = member
    check_can_decide_appeal(actor, appeal)
    if appeal.status == AppealStatus.DECIDED:
        raise ValidationError(_("This appeal has already been decided."), code="already_decided")
    if outcome not in AppealOutcome.values:
        raise ValidationError(_("Pick an outcome."), code="invalid")
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Give the member a reason."), "reason_required")}
        )
    sanction = appeal.sanction
    before = member_state(member)
    now = timezone.now()
    Appeal.objects.filter(pk=appeal.pk).update(
        status=AppealStatus.DECIDED, outcome=outcome, decided_by=actor, decided_at=now
    )
    overturned = outcome == AppealOutcome.OVERTURNED
    if overturned and sanction.revoked_at is None:
        Sanction.objects.filter(pk=sanction.pk).update(revoked_at=now)
        restore_restriction(member, sanction.kind)
    ReviewItem.objects.filter(appeal=appeal, resolved_at=None).update(
        resolved_at=now,
        resolved_by=actor,
        resolution=Resolution.OVERTURNED if overturned else Resolution.UPHELD,
    )
    entry = write_entry(
        actor=actor,
        action=AuditAction.APPEAL_OVERTURNED if overturned else AuditAction.APPEAL_UPHELD,
        reason=reason,
        target_member=member,
        target_post=sanction.post,
        before=before,
        after=member_state(member),
    )

    def message() -> str:
        if overturned:
            text = _("Your appeal was granted: the sanction (%(kind)s) is lifted. %(reason)s")
        else:
            text = _("Your appeal was refused: the sanction (%(kind)s) stands. %(reason)s")
        return text % {"kind": sanction.get_kind_display(), "reason": reason}

    tell_member(member=member, build_message=message)
    return entry
