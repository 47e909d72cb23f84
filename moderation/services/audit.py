"""The audit trail: snapshots of what an action changes, writing entries, reverting them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community import services as community
from community.models import Post
from moderation.models import AuditAction, AuditEntry
from moderation.permissions import check_can_revert_entry
from moderation.services.search_index import index_audit_entries


def post_state(post: Post) -> dict:
    """Return what moderation may change about ``post``, as JSON."""
    return {
        "status": post.status,
        "hidden_reason": post.hidden_reason,
        "is_deleted": post.is_deleted,
        "body": post.body,
        "thread_id": post.thread_id,
        "number": post.number,
    }


def thread_state(thread) -> dict:
    """Return what moderation may change about ``thread``, as JSON."""
    return {
        "title": thread.title,
        "category_id": thread.category_id,
        "is_locked": thread.is_locked,
        "is_pinned": thread.is_pinned,
        "merged_into_id": thread.merged_into_id,
    }


def member_state(member) -> dict:
    """Return a member's restrictions, as JSON."""

    def iso(moment):
        return moment.isoformat() if moment else None

    return {
        "silenced_until": iso(member.silenced_until),
        "suspended_until": iso(member.suspended_until),
        "banned_at": iso(member.banned_at),
    }


def rule_state(rule) -> dict:
    """Return an automod rule's settings and categories as stored, as JSON."""
    return {
        "rule_id": rule.pk,
        "name": rule.name,
        "kind": rule.kind,
        "pattern": rule.pattern,
        "action": rule.action,
        "message": rule.message,
        "trust_level_below": rule.trust_level_below,
        "is_active": rule.is_active,
        "category_ids": sorted(rule.categories.values_list("pk", flat=True)),
    }


def canned_reason_state(reason) -> dict:
    """Return a canned reason, as JSON."""
    return {
        "reason_id": reason.pk,
        "title": reason.title,
        "text": reason.text,
        "position": reason.position,
    }


def category_moderator_state(moderator) -> dict:
    """Return who moderates which category through a ``CategoryModerator`` row, as JSON."""
    return {
        "category_moderator_id": moderator.pk,
        "user_id": moderator.user_id,
        "username": moderator.user.username,
        "category_id": moderator.category_id,
        "category": moderator.category.name,
    }


def write_entry(*, actor, action: str, reason: str = "", **fields) -> AuditEntry:
    """Write one audit entry and its search document and return it; call inside the
    action's transaction.

    Pass the thread and member it concerns as objects, not ids: the document
    reads their title and names (``moderation.services.search_index``).
    """
    entry = AuditEntry(actor=actor, action=action, reason=reason, **fields)
    entry.full_clean(exclude=["actor", "rule", "reason"])
    entry.save()
    index_audit_entries([entry])
    return entry


@transaction.atomic
def revert_entry(*, actor, entry: AuditEntry, reason: str = "") -> AuditEntry:
    """Undo the hide or delete that ``entry`` records; return the new entry.

    Raises ``ValidationError`` with code ``not_revertible`` when the entry is
    not a hide or delete, or was reverted already, and ``nothing_to_revert``
    when the post is visible or restored already (nothing is written then);
    ``PermissionDenied`` unless ``actor`` reads the audit log and moderates
    the post's category.
    """
    entry = (
        AuditEntry.objects.select_for_update(of=("self",))
        .select_related("target_post__thread__category", "target_post__author")
        .get(pk=entry.pk)
    )
    if not entry.is_revertible:
        raise ValidationError(_("This action cannot be reverted."), code="not_revertible")
    check_can_revert_entry(actor, entry)
    post = entry.target_post
    before = post_state(post)
    if entry.action in {AuditAction.DELETE, AuditAction.SPAM}:
        changed = community.restore_post(actor=actor, post=post)
        action = AuditAction.RESTORE
        unchanged = _("Nothing to revert: the post has already been restored.")
    else:
        changed = community.unhide_post(actor=actor, post=post)
        action = AuditAction.UNHIDE
        unchanged = _("Nothing to revert: the post is already visible.")
    if not changed:
        raise ValidationError(unchanged, code="nothing_to_revert")
    reverting = write_entry(
        actor=actor,
        action=action,
        reason=reason or _("Reverted entry %(id)d.") % {"id": entry.pk},
        target_post=post,
        target_thread=post.thread,
        target_member=post.author,
        before=before,
        after=post_state(post),
    )
    # The one column of an entry written after the fact; an UPDATE skips save()'s refusal.
    AuditEntry.objects.filter(pk=entry.pk, reverted_by_entry=None).update(
        reverted_by_entry=reverting
    )
    return reverting
