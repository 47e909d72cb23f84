"""Staff and authors acting on whole threads: lock, pin, accepted answers."""

from django.db import transaction

from accounts.models import User
from community import hooks
from community.models import Post, Thread
from community.permissions import check_can_accept_answer, check_can_moderate_thread
from community.signals import answer_accepted, moderator_acted


def announce_thread_action(*, actor: User, action: str, thread: Thread, before: dict) -> None:
    """Send ``moderator_acted`` for a thread, unless the caller records it itself."""
    if hooks.should_announce_moderation():
        moderator_acted.send(
            sender=Thread, actor=actor, action=action, thread=thread, post=None, before=before
        )


@transaction.atomic
def lock_thread(*, actor: User, thread: Thread, is_locked: bool = True) -> bool:
    """Lock (or unlock) ``thread``; return whether that changed anything."""
    check_can_moderate_thread(actor, thread)
    changed = (
        Thread.objects.filter(pk=thread.pk).exclude(is_locked=is_locked).update(is_locked=is_locked)
    )
    thread.is_locked = is_locked
    if changed:
        announce_thread_action(
            actor=actor,
            action="lock" if is_locked else "unlock",
            thread=thread,
            before={"is_locked": not is_locked},
        )
    return bool(changed)


@transaction.atomic
def pin_thread(*, actor: User, thread: Thread, is_pinned: bool = True) -> bool:
    """Pin (or unpin) ``thread`` atop its category; return whether that changed anything."""
    check_can_moderate_thread(actor, thread)
    changed = (
        Thread.objects.filter(pk=thread.pk).exclude(is_pinned=is_pinned).update(is_pinned=is_pinned)
    )
    thread.is_pinned = is_pinned
    if changed:
        announce_thread_action(
            actor=actor,
            action="pin" if is_pinned else "unpin",
            thread=thread,
            before={"is_pinned": not is_pinned},
        )
    return bool(changed)


@transaction.atomic
def accept_answer(*, actor: User, post: Post) -> bool:
    """Mark ``post`` as its thread's accepted answer; return whether that changed anything.

    Raises ``PermissionDenied`` outside Q&A categories, for the question
    itself, a deleted post, or someone other than the asker or staff.
    """
    check_can_accept_answer(actor, post)
    changed = (
        Thread.objects.filter(pk=post.thread_id)
        .exclude(accepted_answer=post)
        .update(accepted_answer=post)
    )
    post.thread.accepted_answer = post
    if changed:
        answer_accepted.send(sender=Post, post=post, actor=actor)
    return bool(changed)


@transaction.atomic
def unaccept_answer(*, actor: User, post: Post) -> bool:
    """Take back the acceptance of ``post``; return whether that changed anything."""
    check_can_accept_answer(actor, post)
    changed = Thread.objects.filter(pk=post.thread_id, accepted_answer=post).update(
        accepted_answer=None
    )
    if changed:
        post.thread.accepted_answer = None
    return bool(changed)
