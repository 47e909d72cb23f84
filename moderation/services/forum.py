"""A moderator's actions on the forum's threads and posts, from the review queue or from
the thread page: community's verb and its audit entry, in one transaction.

Each returns the entry it wrote, or ``None`` when the verb changed nothing (the
thread was locked already, the post deleted), so that acting twice writes one
entry. Community checks that ``actor`` moderates the thread.
"""

from django.db import transaction

from community import services as community
from community.models import Category, Post, Thread
from community.permissions import check_can_moderate_thread
from moderation.models import AuditAction, AuditEntry, ReviewItem, ReviewKind
from moderation.permissions import check_can_move_thread_to
from moderation.services.audit import post_state, thread_state, write_entry


def _record_thread_action(
    *, actor, action: str, thread: Thread, before: dict, reason: str, review_item
) -> AuditEntry:
    """Write the entry of ``action`` on ``thread``, whose state was ``before``.

    An entry written from a review item names the item's post, the one the
    queue showed; one written from the thread page names the thread's author.
    """
    thread.refresh_from_db()
    return write_entry(
        actor=actor,
        action=action,
        reason=reason,
        target_thread=thread,
        target_post=review_item.post if review_item else None,
        target_member=None if review_item else thread.author,
        review_item=review_item,
        before=before,
        after=thread_state(thread),
    )


@transaction.atomic
def lock_thread(
    *,
    actor,
    thread: Thread,
    is_locked: bool = True,
    reason: str = "",
    review_item: ReviewItem | None = None,
) -> AuditEntry | None:
    """Lock (or unlock) ``thread`` and record it; return the entry, or ``None`` if it was so."""
    before = thread_state(thread)
    if not community.lock_thread(actor=actor, thread=thread, is_locked=is_locked):
        return None
    return _record_thread_action(
        actor=actor,
        action=AuditAction.LOCK if is_locked else AuditAction.UNLOCK,
        thread=thread,
        before=before,
        reason=reason,
        review_item=review_item,
    )


@transaction.atomic
def pin_thread(
    *,
    actor,
    thread: Thread,
    is_pinned: bool = True,
    reason: str = "",
    review_item: ReviewItem | None = None,
) -> AuditEntry | None:
    """Pin (or unpin) ``thread`` and record it; return the entry, or ``None`` if it was so."""
    before = thread_state(thread)
    if not community.pin_thread(actor=actor, thread=thread, is_pinned=is_pinned):
        return None
    return _record_thread_action(
        actor=actor,
        action=AuditAction.PIN if is_pinned else AuditAction.UNPIN,
        thread=thread,
        before=before,
        reason=reason,
        review_item=review_item,
    )


def _move_open_items(post_ids, category: Category) -> None:
    """Let the open items on ``post_ids`` follow their thread into ``category``."""
    ReviewItem.objects.filter(post__in=post_ids, resolved_at=None).exclude(
        kind=ReviewKind.APPEAL
    ).update(category=category)


@transaction.atomic
def move_thread(
    *,
    actor,
    thread: Thread,
    category: Category,
    reason: str = "",
    review_item: ReviewItem | None = None,
) -> AuditEntry | None:
    """Move ``thread`` into ``category``, one ``actor`` moderates, with its open items.

    Returns the entry, or ``None`` when the thread is in ``category`` already.
    """
    check_can_move_thread_to(actor, category)
    before = thread_state(thread)
    if not community.move_thread(actor=actor, thread=thread, category=category):
        return None
    _move_open_items(Post.objects.filter(thread=thread).values("pk"), category)
    return _record_thread_action(
        actor=actor,
        action=AuditAction.MOVE,
        thread=thread,
        before=before,
        reason=reason,
        review_item=review_item,
    )


@transaction.atomic
def merge_threads(
    *,
    actor,
    source: Thread,
    target: Thread,
    reason: str = "",
    review_item: ReviewItem | None = None,
) -> AuditEntry | None:
    """Merge ``source`` into ``target``, both moderated by ``actor``; open items follow the posts.

    Returns the entry (on ``source``), or ``None`` when nothing moved.
    """
    check_can_moderate_thread(actor, target)
    before = thread_state(source)
    # Name the source's posts before the merge carries them into the target.
    moved = list(Post.objects.filter(thread=source).values_list("pk", flat=True))
    if not community.merge_threads(actor=actor, source=source, target=target):
        return None
    _move_open_items(moved, target.category)
    return _record_thread_action(
        actor=actor,
        action=AuditAction.MERGE,
        thread=source,
        before=before,
        reason=reason,
        review_item=review_item,
    )


def _record_post_action(*, actor, action: str, post: Post, before: dict) -> AuditEntry:
    return write_entry(
        actor=actor,
        action=action,
        target_post=post,
        target_thread=post.thread,
        target_member=post.author,
        before=before,
        after=post_state(post),
    )


@transaction.atomic
def edit_post(*, actor, post: Post, body: str, title: str | None = None) -> AuditEntry | None:
    """Change another member's ``post`` (and a first post's thread title) and record it.

    Returns the entry, or ``None`` when the edit changed nothing. Raises
    ``PermissionDenied`` unless ``actor`` moderates the thread, and
    ``ValidationError`` keyed by ``body`` or ``title``.
    """
    check_can_moderate_thread(actor, post.thread)
    before = {**post_state(post), "title": post.thread.title}
    community.edit_post(editor=actor, post=post, body=body, title=title)
    if (post.body, post.thread.title) == (before["body"], before["title"]):
        return None
    return _record_post_action(actor=actor, action=AuditAction.EDIT, post=post, before=before)


@transaction.atomic
def delete_post(*, actor, post: Post) -> AuditEntry | None:
    """Delete another member's ``post`` and record it (revertible from the audit log).

    Returns the entry, or ``None`` when the post was deleted already. Raises
    ``PermissionDenied`` unless ``actor`` moderates the thread.
    """
    check_can_moderate_thread(actor, post.thread)
    before = post_state(post)
    if not community.delete_post(actor=actor, post=post):
        return None
    return _record_post_action(actor=actor, action=AuditAction.DELETE, post=post, before=before)
