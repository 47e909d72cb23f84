"""Curating the forum: hiding, approving and restoring posts, moving and merging threads.

These are the verbs a moderator's action calls; the app that calls them writes
the audit entry. Each returns whether it changed anything, so that a caller
acting twice (two moderators at once, a rerun) writes its audit entry only
once. ``actor`` is the moderator; ``None`` means an automated decision that the
calling app (moderation's rules) has already taken, so no permission is checked.
"""

from django.db import transaction
from django.db.models import F, Max

from accounts.models import User
from community.models import Category, Post, PostStatus, Thread
from community.permissions import check_can_moderate_thread, check_can_see_category
from community.services.counters import (
    COUNTED_STATUSES,
    is_counted_thread,
    refresh_latest_thread,
)
from community.services.publishing import count_published_post
from community.services.search_index import index_posts


def _check(actor: User | None, thread: Thread) -> None:
    if actor is not None:
        check_can_moderate_thread(actor, thread)


@transaction.atomic
def hide_post(*, actor: User | None, post: Post, reason: str) -> bool:
    """Hide a published ``post`` pending review; its author and moderators still see it."""
    _check(actor, post.thread)
    changed = Post.objects.filter(pk=post.pk, status=PostStatus.PUBLISHED).update(
        status=PostStatus.HIDDEN, hidden_reason=reason[:300]
    )
    if changed:
        post.status, post.hidden_reason = PostStatus.HIDDEN, reason[:300]
    return bool(changed)


@transaction.atomic
def unhide_post(*, actor: User | None, post: Post) -> bool:
    """Show a hidden ``post`` again."""
    _check(actor, post.thread)
    changed = Post.objects.filter(pk=post.pk, status=PostStatus.HIDDEN).update(
        status=PostStatus.PUBLISHED, hidden_reason=""
    )
    if changed:
        post.status, post.hidden_reason = PostStatus.PUBLISHED, ""
    return bool(changed)


@transaction.atomic
def approve_post(*, actor: User | None, post: Post) -> bool:
    """Publish a ``post`` that waited for approval: counters move, followers hear of it."""
    _check(actor, post.thread)
    changed = Post.objects.filter(pk=post.pk, status=PostStatus.PENDING, is_deleted=False).update(
        status=PostStatus.PUBLISHED
    )
    if changed:
        post.status = PostStatus.PUBLISHED
        count_published_post(post)
    return bool(changed)


@transaction.atomic
def restore_post(*, actor: User | None, post: Post) -> bool:
    """Undo the deletion of ``post`` (reverting a moderator's delete from the audit log)."""
    _check(actor, post.thread)
    changed = Post.objects.filter(pk=post.pk, is_deleted=True).update(
        is_deleted=False, deleted_at=None, deleted_by=None
    )
    if changed:
        post.is_deleted = False
        if post.status != PostStatus.PENDING and is_counted_thread(post.thread_id):
            Category.objects.filter(pk=post.thread.category_id).update(
                post_count=F("post_count") + 1
            )
            if post.number > 1:
                Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
            User.objects.filter(pk=post.author_id).update(post_count=F("post_count") + 1)
    return bool(changed)


@transaction.atomic
def move_thread(*, actor: User | None, thread: Thread, category: Category) -> bool:
    """Move ``thread`` into ``category``, carrying its counts from one to the other.

    Both categories' latest thread is worked out again, so that the old one
    no longer shows a thread that may now be out of its readers' sight.
    """
    _check(actor, thread)
    if actor is not None:
        check_can_see_category(actor, category)
    if thread.category_id == category.pk:
        return False
    # A thread awaiting approval has not been counted yet, nor have its posts.
    if thread.is_pending_approval:
        threads = posts = 0
    else:
        threads = 1
        posts = Post.objects.filter(
            thread=thread, is_deleted=False, status__in=COUNTED_STATUSES
        ).count()
    Category.objects.filter(pk=thread.category_id).update(
        thread_count=F("thread_count") - threads, post_count=F("post_count") - posts
    )
    Category.objects.filter(pk=category.pk).update(
        thread_count=F("thread_count") + threads, post_count=F("post_count") + posts
    )
    old_category_id = thread.category_id
    Thread.objects.filter(pk=thread.pk).update(category=category)
    thread.category = category
    refresh_latest_thread(category_id=old_category_id)
    refresh_latest_thread(category_id=category.pk)
    return True


@transaction.atomic
def merge_threads(*, actor: User | None, source: Thread, target: Thread) -> bool:
    """Move every post of ``source`` to the end of ``target``, in order; ``source`` then
    redirects to ``target``, and ``target`` has an official answer if ``source`` had one.
    Returns whether anything moved.
    """
    _check(actor, source)
    _check(actor, target)
    if source.pk == target.pk or source.merged_into_id:
        return False
    first, second = sorted([source, target], key=lambda thread: thread.pk)
    # Lock both rows in id order so that two merges cannot deadlock.
    Thread.objects.select_for_update().filter(pk__in=[first.pk, second.pk]).order_by("pk").count()
    target = Thread.objects.get(pk=target.pk)
    source_answered = Thread.objects.filter(pk=source.pk, has_official_answer=True).exists()
    moved = list(Post.objects.filter(thread=source).order_by("number"))
    offset = target.last_post_number
    # Park the moved posts on numbers no post of the target uses, then renumber.
    top = Post.objects.filter(thread=target).aggregate(top=Max("number"))["top"] or 0
    for index, post in enumerate(moved, start=1):
        Post.objects.filter(pk=post.pk).update(thread=target, number=top + 1_000_000 + index)
    for index, post in enumerate(moved, start=1):
        Post.objects.filter(pk=post.pk).update(number=offset + index)
    # The source's first post no longer carries a title: its document changes.
    index_posts([post.pk for post in moved])
    counted = [p for p in moved if not p.is_deleted and p.status != PostStatus.PENDING]
    last = max((p.created_at for p in counted), default=target.last_post_at)
    # Official answers to feedback raised in the moved posts now show on the target.
    answered = {"has_official_answer": True} if source_answered else {}
    Thread.objects.filter(pk=target.pk).update(
        last_post_number=offset + len(moved),
        reply_count=F("reply_count") + len(counted),
        last_post_at=max(last, target.last_post_at),
        **answered,
    )
    Thread.objects.filter(pk=source.pk).update(
        merged_into=target, last_post_number=0, reply_count=0, accepted_answer=None
    )
    source.merged_into = target
    if source.category_id != target.category_id:
        Category.objects.filter(pk=source.category_id).update(
            post_count=F("post_count") - len(counted)
        )
        Category.objects.filter(pk=target.category_id).update(
            post_count=F("post_count") + len(counted)
        )
    Category.objects.filter(pk=source.category_id).update(thread_count=F("thread_count") - 1)
    refresh_latest_thread(category_id=source.category_id)
    if target.category_id != source.category_id:
        refresh_latest_thread(category_id=target.category_id)
    return bool(moved)
