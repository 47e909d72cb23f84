"""Reads of posts: a page of a thread, newer posts, one post, revisions, reactions."""

import difflib
from collections import defaultdict

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from community import hooks, markdown, permissions
from community.models import (
    POSTS_PER_PAGE,
    REACTION_EMOJI,
    Post,
    PostRevision,
    PostStatus,
    Reaction,
    ReactionKind,
    Thread,
)
from community.permissions import check_can_see_thread, is_forum_staff
from community.selectors.categories import visible_categories
from community.selectors.threads import FEED_LENGTH


def list_thread_posts(*, thread: Thread, page: int, viewer) -> list[Post]:
    """Return the posts on ``page`` of ``thread`` in order; ``Http404`` past the last page.

    Pages select a range of post numbers (a keyset), so page 1,000 costs what
    page 1 costs. Each post carries its reactions and what ``viewer`` may do
    with it (``attach_post_actions``).
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
    attach_post_actions(posts, thread=thread, viewer=viewer)
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
    """Return up to a page of the posts ``viewer`` sees in ``thread`` numbered above ``after``,
    each with its reactions and what ``viewer`` may do with it (``attach_post_actions``)."""
    posts = list(
        _visible_posts(thread, viewer)
        .filter(number__gt=after, number__lte=after + POSTS_PER_PAGE)
        .select_related("author")
        .order_by("number")
    )
    attach_post_actions(posts, thread=thread, viewer=viewer)
    return posts


def attach_post_actions(posts: list[Post], *, thread: Thread, viewer) -> None:
    """Set on each post of ``thread`` its reactions and what ``viewer`` may do with it.

    ``reactions_shown`` lists every kind of reaction with its ``label``, ``emoji``,
    ``count`` and whether ``viewer`` ``given`` it; the flags ``can_see_content``,
    ``can_see_history``, ``can_edit``, ``can_delete`` (one's own post: a
    moderator's on others' come in ``extra_links``), ``can_react`` and
    ``can_accept`` come from community.permissions, and ``extra_links`` from the
    apps registered in community.hooks. Three queries at most, whatever the
    number of posts.
    """
    attach_reactions(posts, viewer)
    revisions = list_revision_editors(posts=posts)
    for post in posts:
        post.thread = thread
        post.can_see_content = permissions.can_see_post_content(viewer, post)
        post.can_see_history = bool(post.edited_at) and permissions.can_see_post_history(
            viewer, post, revisions.get(post.pk, [])
        )
        post.extra_links = hooks.links_for_post(viewer, post) if not post.is_deleted else []
        post.can_edit = permissions.can_edit_own_post(viewer, post)
        post.can_delete = permissions.can_delete_own_post(viewer, post)
        post.can_react = permissions.can_react(viewer, post)
        post.can_accept = permissions.can_accept_post(viewer, post)
        post.reactions_shown = [
            {
                "kind": kind,
                "label": label,
                "emoji": REACTION_EMOJI[kind],
                "count": post.reaction_counts.get(kind, 0),
                "given": kind in post.viewer_reactions,
            }
            for kind, label in ReactionKind.choices
        ]


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


def get_quote_markdown(*, thread: Thread, post_id: int, viewer) -> str:
    """Return the Markdown with which ``viewer`` quotes post ``post_id`` of ``thread``, or ""
    when it is not in ``thread``, is deleted, or its text is hidden from ``viewer``."""
    quoted = find_post_in_thread(thread=thread, post_id=post_id)
    if quoted is None or quoted.is_deleted:
        return ""
    quoted.thread = thread
    if not permissions.can_see_post_content(viewer, quoted):
        return ""
    return markdown.quote_source(
        username=quoted.author.username, permalink=quoted.get_absolute_url(), body=quoted.body
    )


def list_revisions(*, post: Post) -> list[PostRevision]:
    """Return the revisions of ``post``, oldest first, with their editors."""
    return list(post.revisions.select_related("editor").order_by("number"))


def attach_revision_diffs(revisions: list[PostRevision]) -> None:
    """Set ``diff`` on each of ``revisions`` (oldest first): its lines against the one before,
    each a dict of ``kind`` ("added", "removed" or "same") and ``text``."""
    previous = ""
    for revision in revisions:
        revision.diff = [
            {"kind": {"+": "added", "-": "removed"}.get(line[0], "same"), "text": line[2:]}
            for line in difflib.ndiff(previous.splitlines(), revision.body.splitlines())
            if not line.startswith("?")
        ]
        previous = revision.body


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


def list_feed_posts(*, thread: Thread) -> list[Post]:
    """Return the latest posts of ``thread`` that a visitor sees, newest first.

    Published and not deleted: a post awaiting approval, hidden or deleted is
    left out. At most ``FEED_LENGTH``; each post carries ``thread``, so its
    link costs no query.
    """
    posts = list(
        _visible_posts(thread, AnonymousUser())
        .filter(status=PostStatus.PUBLISHED, is_deleted=False)
        .select_related("author")
        .order_by("-number")[:FEED_LENGTH]
    )
    for post in posts:
        post.thread = thread
    return posts
