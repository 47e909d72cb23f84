"""The forum's counters and the rules that keep them, in one place.

The counters, so that list pages read them without aggregating:

- a thread's ``reply_count``, ``last_post_number``, ``last_post_at`` and ``last_poster``;
- a category's ``thread_count``, ``post_count``, ``last_post_at`` and ``last_thread``;
- a member's ``User.post_count`` and their ``MemberActivity`` (``threads_created``,
  ``replies_created``, ``likes_given``, ``likes_received``, ``threads_entered``,
  ``posts_read``), from which trust levels are computed.

The rules:

- A thread counts once it is out of approval and until it is merged into another.
- A post counts while it is neither deleted nor awaiting approval (a hidden one
  counts) in a thread out of approval; it has been published once it is not
  awaiting approval, in such a thread, whether deleted since or not.
- ``reply_count``: the thread's counted posts after the first.
- ``last_post_number``: the thread's highest post number, any post's (numbers are
  never reused).
- ``last_post_at``, ``last_poster``: the thread's latest published post (deleting
  a post does not wind them back); while it has none, its own creation and author.
- ``thread_count``, ``post_count``: the category's counted threads, and their
  counted posts; ``last_thread``, ``last_post_at``: its counted thread with the
  latest activity (the highest id on a tie), or none.
- ``Post.reaction_count``: the reactions of every kind given to the post.
- ``User.post_count``: the member's counted posts.
- ``threads_created``: the threads they opened that came out of approval;
  ``replies_created``: the posts after a thread's first that they published;
  ``likes_given``, ``likes_received``: likes (not the other reactions) given by
  them and to their posts; ``threads_entered``, ``posts_read``: the threads they
  have a read state for, and how far they read them, added up.
- ``days_visited`` and ``last_visit_on`` are not counted from rows: only
  ``record_visit`` knows them, and a recount leaves them as they are.

The services move the counters a step at a time as things happen (with
``add_activity``, ``bump_latest_thread`` and ``refresh_latest_thread`` here);
the ``recount_*`` functions set them from the rows by the same rules, for
writers in bulk (the demo, the large seed) and to repair counters that drifted.
"""

from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from community.models import (
    Category,
    MemberActivity,
    Post,
    PostStatus,
    Reaction,
    ReactionKind,
    ReadState,
    Thread,
)

#: The statuses of posts that count: published, or hidden pending review.
COUNTED_STATUSES = (PostStatus.PUBLISHED, PostStatus.HIDDEN)
#: Threads that count: out of approval and not merged away.
COUNTED_THREAD = Q(is_pending_approval=False, merged_into__isnull=True)
#: Posts that have been published: out of approval, in a thread out of approval.
PUBLISHED_POST = Q(status__in=COUNTED_STATUSES, thread__is_pending_approval=False)
#: Posts that count: published and not deleted.
COUNTED_POST = PUBLISHED_POST & Q(is_deleted=False)


def is_counted_thread(thread_id: int) -> bool:
    """Return whether the posts of a thread count: not while it awaits approval."""
    return not Thread.objects.filter(pk=thread_id, is_pending_approval=True).exists()


def add_activity(user_id: int, **increments: int) -> None:
    """Add ``increments`` (negative to take away) to the member's ``MemberActivity`` fields."""
    MemberActivity.objects.get_or_create(user_id=user_id)
    MemberActivity.objects.filter(user_id=user_id).update(
        **{name: F(name) + value for name, value in increments.items()}
    )


def bump_latest_thread(*, category_id: int, thread_id: int, at) -> None:
    """Make ``thread_id`` its category's latest thread, unless another has newer activity."""
    Category.objects.filter(pk=category_id).filter(
        Q(last_post_at__isnull=True) | Q(last_post_at__lte=at)
    ).update(last_post_at=at, last_thread_id=thread_id)


def refresh_latest_thread(*, category_id: int) -> None:
    """Point the category at the thread with its latest activity that all who see the
    category may see (none awaiting approval, none merged away), or at none."""
    latest = (
        Thread.objects.filter(COUNTED_THREAD, category_id=category_id)
        .order_by("-last_post_at", "-pk")
        .values_list("pk", "last_post_at")
        .first()
    )
    thread_id, at = latest or (None, None)
    Category.objects.filter(pk=category_id).update(last_thread_id=thread_id, last_post_at=at)


def _count(rows: QuerySet) -> Subquery:
    """The number of ``rows`` (filtered by an ``OuterRef``), as a value for ``update``."""
    return Subquery(
        rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


def _sum(rows: QuerySet, field: str):
    """The sum of ``field`` over ``rows`` (0 for none), as a value for ``update``."""
    total = rows.order_by().annotate(total=Func(F(field), function="SUM")).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def recount_threads(threads: QuerySet[Thread]) -> int:
    """Set the counters of ``threads`` from their posts; return how many threads there are.

    Runs one UPDATE, whatever the number of threads.
    """
    thread = OuterRef("pk")
    latest = Post.objects.filter(PUBLISHED_POST, thread=thread).order_by("-created_at", "-number")
    highest = Post.objects.filter(thread=thread).order_by("-number").values("number")[:1]
    return threads.update(
        reply_count=_count(Post.objects.filter(COUNTED_POST, thread=thread, number__gt=1)),
        last_post_number=Coalesce(Subquery(highest), 0),
        last_post_at=Coalesce(Subquery(latest.values("created_at")[:1]), F("created_at")),
        last_poster=Coalesce(Subquery(latest.values("author")[:1]), F("author")),
    )


def recount_posts(posts: QuerySet[Post]) -> int:
    """Set ``reaction_count`` of ``posts`` from their reactions; return how many posts.

    Runs one UPDATE, whatever the number of posts.
    """
    return posts.update(reaction_count=_count(Reaction.objects.filter(post=OuterRef("pk"))))


def recount_categories(categories: QuerySet[Category]) -> int:
    """Set the counters of ``categories`` from their threads and posts; return how many.

    Reads the threads' ``last_post_at``: recount the threads first when those
    may be wrong too. Runs one UPDATE, whatever the number of categories.
    """
    threads = Thread.objects.filter(COUNTED_THREAD, category=OuterRef("pk"))
    latest = threads.order_by("-last_post_at", "-pk")
    return categories.update(
        thread_count=_count(threads),
        post_count=_count(Post.objects.filter(COUNTED_POST, thread__category=OuterRef("pk"))),
        last_thread=Subquery(latest.values("pk")[:1]),
        last_post_at=Subquery(latest.values("last_post_at")[:1]),
    )


def recount_members(members: QuerySet[User]) -> int:
    """Set ``members``' post counts and activity from their posts, threads, reactions
    and read states, giving an activity row to those without; return how many members.

    Leaves ``days_visited``, ``last_visit_on`` and trust levels as they are
    (``recompute_trust_level`` works the latter out). Runs a fixed number of
    queries, whatever the number of members.
    """
    MemberActivity.objects.bulk_create(
        MemberActivity(user_id=user_id)
        for user_id in members.filter(activity__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    count = members.update(
        post_count=_count(Post.objects.filter(COUNTED_POST, author=OuterRef("pk")))
    )
    member = OuterRef("user")
    likes = Reaction.objects.filter(kind=ReactionKind.LIKE)
    read = ReadState.objects.filter(user=member)
    MemberActivity.objects.filter(user__in=members.values("pk")).update(
        threads_created=_count(Thread.objects.filter(author=member, is_pending_approval=False)),
        replies_created=_count(Post.objects.filter(PUBLISHED_POST, author=member, number__gt=1)),
        likes_given=_count(likes.filter(user=member)),
        likes_received=_count(likes.filter(post__author=member)),
        threads_entered=_count(read),
        posts_read=_sum(read, "last_read_number"),
    )
    return count
