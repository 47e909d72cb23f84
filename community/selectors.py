"""Reads of the forum that pages and the API share, each a fixed number of queries."""

from collections import defaultdict

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from community.models import (
    POSTS_PER_PAGE,
    Category,
    Post,
    PostRevision,
    PostStatus,
    Reaction,
    ReactionKind,
    ReadState,
    Tag,
    Thread,
    Visibility,
)
from community.permissions import (
    check_can_see_category,
    check_can_see_thread,
    is_forum_staff,
)


def visible_categories(viewer) -> QuerySet[Category]:
    """Return the categories ``viewer`` may see, in their order."""
    categories = Category.objects.all()
    if not viewer.is_authenticated:
        return categories.filter(visibility=Visibility.PUBLIC)
    if viewer.has_perm("accounts.view_internal_categories"):
        return categories
    return categories.exclude(visibility=Visibility.INTERNAL)


def list_categories(*, viewer) -> QuerySet[Category]:
    """Return the visible categories with their latest thread and its last poster."""
    return visible_categories(viewer).select_related("last_thread", "last_thread__last_poster")


def get_category(*, category_slug: str, viewer) -> Category:
    """Return the category with ``category_slug``; ``Http404`` if missing or hidden."""
    category = get_object_or_404(Category, slug=category_slug)
    check_can_see_category(viewer, category)
    return category


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


def get_tag(*, tag_slug: str, viewer) -> Tag:
    """Return the tag with ``tag_slug``; ``Http404`` if none, or if no thread that
    ``viewer`` may see carries it (a tag of internal threads stays unknown)."""
    return get_object_or_404(
        Tag.objects.filter(
            threads__category__in=visible_categories(viewer),
            threads__is_pending_approval=False,
        ).distinct(),
        slug=tag_slug,
    )


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


def list_thread_posts(*, thread: Thread, page: int, viewer) -> list[Post]:
    """Return the posts on ``page`` of ``thread`` in order; ``Http404`` past the last page.

    Pages select a range of post numbers (a keyset), so page 1,000 costs what
    page 1 costs. Each post carries ``reaction_counts`` (kind → count, in
    ReactionKind order) and ``viewer_reactions`` (kinds the viewer gave).
    """
    if page < 1 or page > thread.page_count:
        raise Http404
    first = (page - 1) * POSTS_PER_PAGE + 1
    posts = list(
        _visible_posts(thread, viewer)
        .filter(number__gte=first, number__lt=first + POSTS_PER_PAGE)
        .select_related("author")
        .order_by("number")
    )
    attach_reactions(posts, viewer)
    return posts


def _visible_posts(thread: Thread, viewer) -> QuerySet[Post]:
    """Posts of ``thread`` that ``viewer`` sees: those awaiting approval only by their
    author and the category's moderators."""
    posts = Post.objects.filter(thread=thread)
    if is_forum_staff(viewer, thread.category):
        return posts
    if viewer.is_authenticated:
        return posts.exclude(Q(status=PostStatus.PENDING) & ~Q(author=viewer))
    return posts.exclude(status=PostStatus.PENDING)


def list_posts_after(*, thread: Thread, after: int, viewer) -> list[Post]:
    """Return up to a page of the posts ``viewer`` sees in ``thread`` numbered above ``after``."""
    return list(
        _visible_posts(thread, viewer)
        .filter(number__gt=after, number__lte=after + POSTS_PER_PAGE)
        .select_related("author")
        .order_by("number")
    )


def attach_reactions(posts: list[Post], viewer) -> None:
    """Set ``reaction_counts`` and ``viewer_reactions`` on each post, in two queries."""
    ids = [post.pk for post in posts]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Reaction.objects.filter(post_id__in=ids)
        .values("post_id", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        counts[row["post_id"]][row["kind"]] = row["count"]
    given: dict[int, set[str]] = defaultdict(set)
    if viewer.is_authenticated and ids:
        for post_id, kind in Reaction.objects.filter(post_id__in=ids, user=viewer).values_list(
            "post_id", "kind"
        ):
            given[post_id].add(kind)
    for post in posts:
        post.reaction_counts = {
            kind: counts[post.pk][kind] for kind in ReactionKind.values if kind in counts[post.pk]
        }
        post.viewer_reactions = given[post.pk]


def get_post(*, post_id: int, viewer) -> Post:
    """Return a post with its thread and category; ``Http404`` if missing or hidden
    (its category, or its thread while that awaits approval)."""
    post = get_object_or_404(
        Post.objects.select_related("thread__category", "author", "thread__accepted_answer"),
        pk=post_id,
    )
    check_can_see_thread(viewer, post.thread)
    return post


def get_post_by_number(*, thread: Thread, number: int) -> Post:
    """Return post ``number`` of ``thread``; ``Http404`` if there is none."""
    return get_object_or_404(Post, thread=thread, number=number)


def find_post_in_thread(*, thread: Thread, post_id: int) -> Post | None:
    """Return the post ``post_id`` if it belongs to ``thread``, else ``None``."""
    return Post.objects.select_related("author").filter(thread=thread, pk=post_id).first()


def list_revisions(*, post: Post) -> list[PostRevision]:
    """Return the revisions of ``post``, oldest first, with their editors."""
    return list(post.revisions.select_related("editor").order_by("number"))


def list_revision_editors(*, posts: list[Post]) -> dict[int, list[PostRevision]]:
    """Return post id → its revisions (only who edited) for the edited ``posts``: one query."""
    edited = [post.pk for post in posts if post.edited_at and not post.is_deleted]
    revisions: dict[int, list[PostRevision]] = defaultdict(list)
    if edited:
        for revision in PostRevision.objects.filter(post_id__in=edited).only(
            "pk", "post_id", "editor_id"
        ):
            revisions[revision.post_id].append(revision)
    return revisions


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


def list_member_posts(*, member: User, viewer, limit: int = 10) -> list[Post]:
    """Return the latest replies by ``member`` that ``viewer`` may see, deleted ones left out."""
    return list(
        Post.objects.filter(
            author=member,
            is_deleted=False,
            status=PostStatus.PUBLISHED,
            number__gt=1,
            thread__category__in=visible_categories(viewer),
            thread__is_pending_approval=False,
        )
        .select_related("thread")
        .order_by("-created_at")[:limit]
    )
