"""Counting and announcing a post once others see it: when written, or when approved."""

from django.db.models import Case, F, Q, Value, When

from accounts.models import User
from community.models import Category, Post, PostStatus, Thread
from community.services.counters import (
    COUNTED_STATUSES,
    add_activity,
    bump_latest_thread,
    is_counted_thread,
)
from community.signals import post_published


def count_published_post(post: Post) -> None:
    """Update the counters that a newly visible ``post`` changes, and announce it.

    Moves them a step by the rules in ``community.services.counters``, and
    sends ``community.signals.post_published`` in the caller's transaction.

    Called when a post is published: at once when written, or when a
    moderator approves it. A reply in a thread that awaits approval is seen
    by nobody else yet: it counts, and is announced, when the thread is
    approved, together with the thread's other published replies.
    """
    thread = post.thread
    if post.is_first:
        was_pending = Thread.objects.filter(pk=thread.pk, is_pending_approval=True).update(
            is_pending_approval=False
        )
        thread.is_pending_approval = False
        Category.objects.filter(pk=thread.category_id).update(
            thread_count=F("thread_count") + 1, post_count=F("post_count") + 1
        )
        bump_latest_thread(category_id=thread.category_id, thread_id=thread.pk, at=post.created_at)
        add_activity(post.author_id, threads_created=1)
        User.objects.filter(pk=post.author_id).update(post_count=F("post_count") + 1)
        post_published.send(sender=Post, post=post)
        if was_pending:
            _count_replies_of_approved_thread(thread)
        return
    if not is_counted_thread(thread.pk):
        return
    # A held reply approved after later ones were written is not the latest.
    is_latest = Q(last_post_at__lte=post.created_at)
    Thread.objects.filter(pk=thread.pk).update(
        last_post_at=Case(When(is_latest, then=Value(post.created_at)), default=F("last_post_at")),
        last_poster=Case(
            When(is_latest, then=Value(post.author_id)),
            default=F("last_poster"),
            output_field=Thread._meta.get_field("last_poster"),
        ),
        reply_count=F("reply_count") + 1,
    )
    Category.objects.filter(pk=thread.category_id).update(post_count=F("post_count") + 1)
    bump_latest_thread(category_id=thread.category_id, thread_id=thread.pk, at=post.created_at)
    add_activity(post.author_id, replies_created=1)
    User.objects.filter(pk=post.author_id).update(post_count=F("post_count") + 1)
    post_published.send(sender=Post, post=post)


def _count_replies_of_approved_thread(thread: Thread) -> None:
    """Count and announce the replies written while ``thread`` awaited approval.

    Replies still awaiting approval themselves are left for their own approval.
    """
    replies = list(
        Post.objects.filter(
            thread=thread,
            number__gt=1,
            is_deleted=False,
            status__in=COUNTED_STATUSES,
        )
        .order_by("number")
        .only("pk", "author_id", "created_at", "status")
    )
    if not replies:
        return
    last = max(replies, key=lambda reply: reply.created_at)
    Thread.objects.filter(pk=thread.pk).update(
        last_post_at=last.created_at,
        last_poster_id=last.author_id,
        reply_count=F("reply_count") + len(replies),
    )
    Category.objects.filter(pk=thread.category_id).update(post_count=F("post_count") + len(replies))
    bump_latest_thread(category_id=thread.category_id, thread_id=thread.pk, at=last.created_at)
    by_author: dict[int, int] = {}
    for reply in replies:
        by_author[reply.author_id] = by_author.get(reply.author_id, 0) + 1
    for author_id, count in by_author.items():
        add_activity(author_id, replies_created=count)
        User.objects.filter(pk=author_id).update(post_count=F("post_count") + count)
    for reply in replies:
        if reply.status == PostStatus.PUBLISHED:
            post_published.send(sender=Post, post=reply)
