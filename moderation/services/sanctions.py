"""Sanctions on members (warn, silence, suspend, ban), lifting them, and moderator notes."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as accounts
from accounts.models import TrustLevel, User
from moderation.models import (
    Appeal,
    AppealOutcome,
    AppealStatus,
    AuditAction,
    ModeratorNote,
    Resolution,
    ReviewItem,
    Sanction,
    SanctionKind,
)
from moderation.permissions import (
    can_cite_post,
    check_can_lift_sanction,
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
#: The member's field that holds the end of each restriction with a period.
RESTRICTION_FIELDS = {
    SanctionKind.SILENCE: "silenced_until",
    SanctionKind.SUSPENSION: "suspended_until",
}
#: An identical sanction (member, kind, post, moderator) given again within this many
#: seconds is a double submission: the first one stands, and nobody is told twice.
DUPLICATE_WINDOW_SECONDS = 10


def lock_member(member) -> None:
    """Lock ``member``'s row for the transaction and load their current restrictions into it.

    Sanctions against one member then run one after another, each seeing the
    restrictions the previous one left.
    """
    locked = User.objects.select_for_update().get(pk=member.pk)
    for field in ("silenced_until", "suspended_until", "banned_at"):
        setattr(member, field, getattr(locked, field))


def _restrict(member, kind: str, ends_at) -> None:
    if kind == SanctionKind.SILENCE:
        accounts.restrict_member(member=member, silenced_until=ends_at)
    elif kind == SanctionKind.SUSPENSION:
        accounts.restrict_member(member=member, suspended_until=ends_at)
    elif kind == SanctionKind.BAN:
        accounts.restrict_member(member=member, banned=True)


def restore_restriction(member, kind: str) -> None:
    """Recompute ``member``'s restriction of ``kind`` from their sanctions still in force.

    Called once a sanction is revoked: another active sanction of the same
    kind keeps the member restricted until it ends.
    """
    remaining = Sanction.objects.filter(member=member, kind=kind, revoked_at=None).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now())
    )
    if kind == SanctionKind.BAN:
        if not remaining.exists():
            accounts.restrict_member(member=member, banned=False)
    elif kind in RESTRICTION_FIELDS:
        field = RESTRICTION_FIELDS[kind]
        end = remaining.aggregate(end=Max("ends_at"))["end"]
        accounts.restrict_member(member=member, replace=(field,), **{field: end})


def is_restricted(*, member, kind: str) -> bool:
    """Return whether ``member`` is under a restriction of ``kind`` now (never for a warning)."""
    if kind == SanctionKind.BAN:
        return member.banned_at is not None
    until = restricted_until(member=member, kind=kind)
    return until is not None and until > timezone.now()


def restricted_until(*, member, kind: str):
    """Return when ``member``'s silence or suspension ends; ``None`` for other kinds."""
    field = RESTRICTION_FIELDS.get(kind)
    return getattr(member, field) if field else None


def outlasting_end(*, sanction: Sanction):
    """Return the end of an earlier restriction that outlasts ``sanction``, else ``None``.

    A shorter silence or suspension never shortens a longer one: the member
    stays restricted until this moment.
    """
    until = restricted_until(member=sanction.member, kind=sanction.kind)
    if sanction.ends_at is not None and until is not None and until > sanction.ends_at:
        return until
    return None


def _sanction_message(sanction: Sanction, until) -> str:
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
    date = format_moment(until) if until else ""
    if sanction.kind in LOCKED_OUT_KINDS:
        how_to_appeal = _("You can appeal this decision, without signing in, from this link.")
    else:
        how_to_appeal = _("You can appeal this decision from your moderation history.")
    return texts[sanction.kind] % {"reason": sanction.reason, "date": date} + " " + how_to_appeal


def _give_sanction(*, actor, member, kind: str, reason: str, ends_at, post) -> Sanction:
    """Restrict ``member``, store the sanction, write its audit entry and tell the member.

    The caller has checked the permission and locked the member's row.
    """
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
    # The notice names the end the member lives with, a longer earlier one included.
    until = outlasting_end(sanction=sanction) or ends_at
    tell_member(member=member, build_message=lambda: _sanction_message(sanction, until), url=url)
    return sanction


def _recent_duplicate(*, actor, member, kind: str, post) -> Sanction | None:
    since = timezone.now() - timedelta(seconds=DUPLICATE_WINDOW_SECONDS)
    return (
        Sanction.objects.filter(
            member=member,
            kind=kind,
            post=post,
            created_by=actor,
            created_at__gte=since,
            revoked_at=None,
        )
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def sanction_member(
    *, actor, member, kind: str, reason: str, days: int | None = None, post=None
) -> Sanction:
    """Warn, silence (``days``), suspend (``days``) or ban ``member``; return the sanction.

    The member is told in their language with the reason and end date; one
    audit entry holds their restrictions before and after. A silence or
    suspension never shortens a longer one in force (see ``outlasting_end``).
    The same sanction by the same moderator within ``DUPLICATE_WINDOW_SECONDS``
    (a double submission) returns the first and changes nothing. ``post``
    must be the member's, and one ``actor`` sees. Raises ``PermissionDenied``
    and ``ValidationError`` (``reason_required``, ``days_required``,
    ``invalid_post``, ``already_banned``).
    """
    check_can_sanction(actor, kind, member)
    lock_member(member)
    duplicate = _recent_duplicate(actor=actor, member=member, kind=kind, post=post)
    if duplicate is not None:
        return duplicate
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Give the member a reason."), "reason_required")}
        )
    if post is not None and not can_cite_post(actor, member, post):
        raise ValidationError(
            {
                "post_id": ValidationError(
                    _("A sanction can only name one of the member's posts that you can see."),
                    "invalid_post",
                )
            }
        )
    if kind == SanctionKind.BAN and member.banned_at is not None:
        raise ValidationError(_("This member is already banned."), code="already_banned")
    ends_at = None
    if kind in {SanctionKind.SILENCE, SanctionKind.SUSPENSION}:
        if not days or days < 1:
            raise ValidationError(
                {"days": ValidationError(_("Give a period of at least one day."), "days_required")}
            )
        ends_at = timezone.now() + timedelta(days=days)
    return _give_sanction(
        actor=actor, member=member, kind=kind, reason=reason, ends_at=ends_at, post=post
    )


def silence_spammer(*, post, reason: str, actor) -> Sanction | None:
    """Silence ``post``'s author when still new (the "spam" action); return the sanction.

    Called inside ``act_on_item``, whose entry records the deletion; the
    silence writes its own entry, and the member is told its end and how to
    appeal. The caller has checked that ``actor`` may silence the author.
    """
    author = post.author
    if author.trust_level != TrustLevel.NEW:
        return None
    lock_member(author)
    ends_at = timezone.now() + timedelta(days=settings.LIAISON_SPAM_SILENCE_DAYS)
    return _give_sanction(
        actor=actor,
        member=author,
        kind=SanctionKind.SILENCE,
        reason=reason,
        ends_at=ends_at,
        post=post,
    )


@transaction.atomic
def lift_sanction(*, actor, sanction: Sanction, reason: str) -> Sanction:
    """End ``sanction``'s silence, suspension or ban before its time; return the sanction.

    Only this sanction ends: another of the same kind still in force keeps
    the member restricted until it ends. A pending appeal against it is
    granted with it. The member is told; one audit entry. Raises
    ``PermissionDenied`` and ``ValidationError`` (``not_liftable``,
    ``not_active``, ``reason_required``).
    """
    check_can_lift_sanction(actor, sanction)
    member = sanction.member
    lock_member(member)
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    sanction.member = member
    if sanction.kind == SanctionKind.WARNING:
        raise ValidationError(_("A warning has no restriction to lift."), code="not_liftable")
    if not sanction.is_active:
        raise ValidationError(_("This sanction is no longer in force."), code="not_active")
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Give the member a reason."), "reason_required")}
        )
    before = member_state(member)
    now = timezone.now()
    Sanction.objects.filter(pk=sanction.pk).update(revoked_at=now)
    sanction.revoked_at = now
    restore_restriction(member, sanction.kind)
    appeals = Appeal.objects.filter(sanction=sanction, status=AppealStatus.PENDING)
    ReviewItem.objects.filter(appeal__in=appeals, resolved_at=None).update(
        resolved_at=now,
        resolved_by=actor,
        resolution=Resolution.OVERTURNED,
        claimed_by=None,
        claimed_until=None,
    )
    appeals.update(
        status=AppealStatus.DECIDED,
        outcome=AppealOutcome.OVERTURNED,
        decided_by=actor,
        decided_at=now,
    )
    write_entry(
        actor=actor,
        action=AuditAction.LIFT,
        reason=reason,
        target_member=member,
        target_post=sanction.post,
        before=before,
        after=member_state(member),
    )
    still_restricted = is_restricted(member=member, kind=sanction.kind)
    until = restricted_until(member=member, kind=sanction.kind)

    def message() -> str:
        text = _("A moderator lifted a sanction against you (%(kind)s). Reason: %(reason)s") % {
            "kind": sanction.get_kind_display(),
            "reason": reason,
        }
        if still_restricted and until is not None:
            text += " " + _("Another sanction of this kind stays in force until %(date)s.") % {
                "date": format_moment(until)
            }
        elif still_restricted:
            text += " " + _("Another ban on your account stays in force.")
        return text

    tell_member(member=member, build_message=message)
    return sanction


@transaction.atomic
def add_moderator_note(*, actor, member, text: str) -> ModeratorNote:
    """Add a note about ``member`` that only moderators read; return it."""
    check_can_view_member(actor)
    note = ModeratorNote(member=member, author=actor, text=text.strip())
    note.full_clean()
    note.save()
    write_entry(
        actor=actor,
        action=AuditAction.NOTE,
        target_member=member,
        after={"note": note.text},
    )
    return note
