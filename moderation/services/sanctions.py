"""Sanctions on members (warn, silence, suspend, ban), moderator notes and appeals."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as accounts
from accounts.models import TrustLevel
from moderation import conf
from moderation.models import (
    Appeal,
    AppealOutcome,
    AppealStatus,
    AuditAction,
    AuditEntry,
    ModeratorNote,
    Resolution,
    ReviewItem,
    ReviewKind,
    Sanction,
    SanctionKind,
)
from moderation.permissions import (
    check_can_appeal,
    check_can_decide_appeal,
    check_can_sanction,
    check_can_view_member,
)
from moderation.services.appeal_links import appeal_link
from moderation.services.audit import member_state, write_entry
from moderation.services.notices import format_moment, tell_member

AUDIT_ACTIONS = {
    SanctionKind.WARNING: AuditAction.WARN,
    SanctionKind.SILENCE: AuditAction.SILENCE,
    SanctionKind.SUSPENSION: AuditAction.SUSPEND,
    SanctionKind.BAN: AuditAction.BAN,
}
#: Sanctions that keep the member from signing in: their notice carries a signed appeal link.
LOCKED_OUT_KINDS = {SanctionKind.SUSPENSION, SanctionKind.BAN}


def _restrict(member, kind: str, ends_at) -> None:
    if kind == SanctionKind.SILENCE:
        accounts.restrict_member(member=member, silenced_until=ends_at)
    elif kind == SanctionKind.SUSPENSION:
        accounts.restrict_member(member=member, suspended_until=ends_at)
    elif kind == SanctionKind.BAN:
        accounts.restrict_member(member=member, banned=True)


def _sanction_message(sanction: Sanction) -> str:
    texts = {
        SanctionKind.WARNING: _("A moderator warned you. Reason: %(reason)s"),
        SanctionKind.SILENCE: _(
            "A moderator silenced you: you cannot post until %(date)s. Reason: %(reason)s"
        ),
        SanctionKind.SUSPENSION: _(
            "A moderator suspended your account until %(date)s. Reason: %(reason)s"
        ),
        SanctionKind.BAN: _("A moderator banned your account. Reason: %(reason)s"),
    }
    date = format_moment(sanction.ends_at) if sanction.ends_at else ""
    if sanction.kind in LOCKED_OUT_KINDS:
        how_to_appeal = _("You can appeal this decision, without signing in, from this link.")
    else:
        how_to_appeal = _("You can appeal this decision from your moderation history.")
    return texts[sanction.kind] % {"reason": sanction.reason, "date": date} + " " + how_to_appeal


@transaction.atomic
def sanction_member(
    *, actor, member, kind: str, reason: str, days: int | None = None, post=None
) -> Sanction:
    """Warn, silence (``days``), suspend (``days``) or ban ``member``; return the sanction.

    The member is told in their language with the reason and end date; one
    audit entry holds their restrictions before and after. Raises
    ``PermissionDenied`` and ``ValidationError`` (``reason_required``,
    ``days_required``).
    """
    check_can_sanction(actor, kind, member)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Give the member a reason."), "reason_required")}
        )
    ends_at = None
    if kind in {SanctionKind.SILENCE, SanctionKind.SUSPENSION}:
        if not days or days < 1:
            raise ValidationError(
                {"days": ValidationError(_("Give a period of at least one day."), "days_required")}
            )
        ends_at = timezone.now() + timedelta(days=days)
    before = member_state(member)
    _restrict(member, kind, ends_at)
    sanction = Sanction(
        member=member, kind=kind, reason=reason, post=post, ends_at=ends_at, created_by=actor
    )
    sanction.full_clean()
    sanction.save()
    write_entry(
        actor=actor,
        action=AUDIT_ACTIONS[kind],
        reason=reason,
        target_member=member,
        target_post=post,
        before=before,
        after=member_state(member),
    )
    # A suspended or banned member cannot sign in to reach their history.
    url = appeal_link(sanction=sanction) if kind in LOCKED_OUT_KINDS else ""
    tell_member(member=member, build_message=lambda: _sanction_message(sanction), url=url)
    return sanction


def silence_spammer(*, post, reason: str, actor) -> Sanction | None:
    """Silence ``post``'s author when still new (the "spam" action); no own audit entry.

    Called inside ``act_on_item``, whose entry records the whole action.
    """
    author = post.author
    if author.trust_level != TrustLevel.NEW:
        return None
    ends_at = timezone.now() + timedelta(days=conf.get("LIAISON_SPAM_SILENCE_DAYS"))
    accounts.restrict_member(member=author, silenced_until=ends_at)
    return Sanction.objects.create(
        member=author,
        kind=SanctionKind.SILENCE,
        reason=reason,
        post=post,
        ends_at=ends_at,
        created_by=actor,
    )


@transaction.atomic
def add_moderator_note(*, actor, member, text: str) -> ModeratorNote:
    """Add a note about ``member`` that only moderators read; return it."""
    check_can_view_member(actor)
    note = ModeratorNote(member=member, author=actor, text=text.strip())
    note.full_clean()
    note.save()
    return note


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
    ReviewItem.objects.create(kind=ReviewKind.APPEAL, appeal=appeal, post=sanction.post)
    return appeal


def _reapply_remaining(member) -> None:
    """Lift ``member``'s restrictions, then set again those of their other active sanctions."""
    accounts.lift_restrictions(member=member)
    now = timezone.now()
    active = Sanction.objects.filter(member=member, revoked_at=None).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )
    for sanction in active:
        _restrict(member, sanction.kind, sanction.ends_at)


@transaction.atomic
def decide_appeal(*, actor, appeal: Appeal, outcome: str, reason: str) -> AuditEntry:
    """Uphold or overturn ``appeal``'s sanction; return the audit entry.

    Overturning revokes the sanction and lifts its restriction. The member is
    told the outcome. Raises ``PermissionDenied`` (the sanction's own author,
    not a moderator) and ``ValidationError`` (``already_decided``).
    """
    appeal = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("sanction__member")
        .get(pk=appeal.pk)
    )
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
    sanction, member = appeal.sanction, appeal.sanction.member
    before = member_state(member)
    now = timezone.now()
    Appeal.objects.filter(pk=appeal.pk).update(
        status=AppealStatus.DECIDED, outcome=outcome, decided_by=actor, decided_at=now
    )
    if outcome == AppealOutcome.OVERTURNED:
        Sanction.objects.filter(pk=sanction.pk).update(revoked_at=now)
        _reapply_remaining(member)
        member.refresh_from_db()
    overturned = outcome == AppealOutcome.OVERTURNED
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
