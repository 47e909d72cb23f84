"""Reads of threads: the lists of category, tag and profile pages, and one thread."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.shortcuts import get_object_or_404

from accounts.models import User
from community.models import Category, Post, PostStatus, ReadState, Tag, Thread
from community.permissions import check_can_see_thread, is_forum_staff
from community.selectors.categories import visible_categories


def list_threads(*, viewer, category: Category | None = None, tag: Tag | None = None):
    """Return threads for a category or tag page: pinned first, then latest activity.

    Each thread carries ``last_read_number`` and ``unread_count``: ``None``
    for visitors and for threads the viewer never opened, so pages can mark
    new threads and count unread posts. Unread counts stop at the last post
    the viewer can see: a post awaiting approval is no news to anyone else.
    """
    threads = Thread.objects.select_related("author", "last_poster", "category").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name"))
    )
    if category is not None:
        threads = threads.filter(category=category).order_by("-is_pinned", "-last_post_at", "-pk")
    else:
        threads = threads.filter(category__in=visible_categories(viewer)).order_by(
            "-last_post_at", "-pk"
        )
    if tag is not None:
        threads = threads.filter(tags=tag)
    threads = threads.filter(merged_into__isnull=True)
    is_staff = is_forum_staff(viewer, category)
    if not is_staff:
        waiting = Q(is_pending_approval=True)
        threads = (
            threads.exclude(waiting & ~Q(author=viewer))
            if viewer.is_authenticated
            else (threads.exclude(waiting))
        )
    if viewer.is_authenticated:
        read = ReadState.objects.filter(user=viewer, thread=OuterRef("pk")).values(
            "last_read_number"
        )
        threads = threads.annotate(
            last_read_number=Subquery(read, output_field=IntegerField()),
            last_visible_number=(
                F("last_post_number") if is_staff else _last_visible_number(viewer)
            ),
        ).annotate(unread_count=F("last_visible_number") - F("last_read_number"))
    else:
        threads = threads.annotate(
            last_read_number=Value(None, output_field=IntegerField()),
            unread_count=Value(None, output_field=IntegerField()),
        )
    return threads


def _last_visible_number(viewer) -> Subquery:
    """The number of the last post of the outer thread that ``viewer`` (a member) sees."""
    last = (
        Post.objects.filter(thread=OuterRef("pk"))
        .exclude(Q(status=PostStatus.PENDING) & ~Q(author=viewer))
        .order_by("-number")
        .values("number")[:1]
    )
    return Subquery(last, output_field=IntegerField())


def get_thread(*, thread_id: int, viewer) -> Thread:
    """Return the thread with its category, tags and answer; ``Http404`` if missing or hidden."""
    thread = get_object_or_404(
        Thread.objects.select_related(
            "category", "author", "accepted_answer__author"
        ).prefetch_related("tags"),
        pk=thread_id,
    )
    check_can_see_thread(viewer, thread)
    return thread


def get_last_read_number(*, viewer, thread: Thread) -> int | None:
    """Return how far ``viewer`` has read ``thread``, or ``None`` (never, or a visitor)."""
    if not viewer.is_authenticated:
        return None
    return (
        ReadState.objects.filter(user=viewer, thread=thread)
        .values_list("last_read_number", flat=True)
        .first()
    )


def list_member_threads(*, member: User, viewer, limit: int = 10) -> list[Thread]:
    """Return the latest threads ``member`` started that ``viewer`` may see."""
    return list(
        Thread.objects.filter(
            author=member,
            category__in=visible_categories(viewer),
            is_pending_approval=False,
            merged_into__isnull=True,
        )
        .select_related("category")
        .order_by("-created_at")[:limit]
    )


#: Entries in a feed: enough for a reader polling a few times a day.
FEED_LENGTH = 30


def list_feed_threads(*, category: Category | None = None, tag: Tag | None = None) -> list[Thread]:
    """Return the latest threads a visitor sees, in ``category`` or with ``tag`` if given.

    Feeds are read without a session, so they show what a visitor may see:
    public categories, no thread awaiting approval or merged away. Ordered by
    latest activity (pinned threads are not lifted); at most ``FEED_LENGTH``.
    """
    threads = list_threads(viewer=AnonymousUser(), category=category, tag=tag)
    return list(threads.order_by("-last_post_at", "-pk")[:FEED_LENGTH])
