"""The backoffice demo: a living queue after ``load_demo``, a rerun adds nothing, and its
held post counts once approved."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from community import services
from community.models import Category, Post, PostStatus, Thread
from moderation.models import Appeal, AuditEntry, CannedReason, ReviewItem

pytestmark = pytest.mark.django_db


def test_load_demo_fills_the_queue_once():
    call_command("load_demo", stdout=io.StringIO())
    counts = (ReviewItem.objects.count(), AuditEntry.objects.count(), Appeal.objects.count())
    assert counts[0] >= 3 and counts[2] == 1
    assert CannedReason.objects.count() == 3
    call_command("load_demo", stdout=io.StringIO())
    assert (
        ReviewItem.objects.count(),
        AuditEntry.objects.count(),
        Appeal.objects.count(),
    ) == counts


def counters(post: Post) -> tuple[int, int, int]:
    """The reply count of ``post``'s thread, its category's post count, its author's."""
    thread = Thread.objects.select_related("category", "author").get(pk=post.thread_id)
    author = User.objects.get(pk=post.author_id)
    return thread.reply_count, thread.category.post_count, author.post_count


def test_approving_the_demos_held_post_counts_it_once():
    # The held post used to stay counted from before it was held, so that
    # approving it from the queue counted it a second time.
    call_command("load_demo", stdout=io.StringIO())
    held = Post.objects.select_related("thread__category").get(status=PostStatus.PENDING)
    replies, posts, written = counters(held)

    services.approve_post(actor=None, post=held)

    assert counters(held) == (replies + 1, posts + 1, written + 1)
    services.recount_threads(Thread.objects.filter(pk=held.thread_id))
    services.recount_categories(Category.objects.filter(pk=held.thread.category_id))
    services.recount_members(User.objects.filter(pk=held.author_id))
    assert counters(held) == (replies + 1, posts + 1, written + 1)
