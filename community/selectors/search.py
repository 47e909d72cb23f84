"""Reads of search: the forum's results for a viewer, their passages, similar threads."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When, Window
from django.db.models.expressions import ExpressionWrapper
from django.db.models.functions import Least, RowNumber
from django.http import Http404

from accounts.models import User
from accounts.selectors import get_member
from community.models import POST_FTS_TABLE, Category, Post, PostSearch, PostStatus, Tag, Thread
from community.permissions import can_see_thread
from community.search.engine import Index, filter_matches, passages
from community.search.query import MAX_LENGTH, Query, Term
from community.search.text import COMMON_WORDS, WORD, words
from community.selectors.categories import visible_categories

#: Where the posts' documents are (community.models.search).
POST_INDEX = Index(document="search_document", fts="search_fts", fts_table=POST_FTS_TABLE)

#: How much an accepted answer, an official answer and each reaction (up to
#: ``MAX_LIFTING_REACTIONS``) lift a result's rank, as parts of it: "a little",
#: so that what matches best still comes first. All together (x1.3) they stay
#: below what a word in the title earns over one in the body on SQLite, where
#: bm25 saturates: about x1.75 with the weights 4:1, where PostgreSQL gives x4.
ACCEPTED_LIFT = 0.1
OFFICIAL_LIFT = 0.1
REACTION_LIFT = 0.01
MAX_LIFTING_REACTIONS = 10


class Sort:
    """The orders of search results."""

    RELEVANCE = "relevance"
    NEWEST = "newest"
    REACTIONS = "reactions"
    CHOICES = (RELEVANCE, NEWEST, REACTIONS)


@dataclass(frozen=True)
class Filters:
    """What narrows the results; each ``None`` (or ``False``) lets everything through.

    ``solved``: ``True`` for solved questions only, ``False`` for unsolved ones
    (both in Q&A categories). ``after``/``before``: the post's day, inclusive.
    """

    category: Category | None = None
    tag: Tag | None = None
    author: User | None = None
    after: date | None = None
    before: date | None = None
    solved: bool | None = None
    official: bool = False
    thread: Thread | None = None


def searchable_posts(viewer) -> QuerySet[Post]:
    """Return the posts ``viewer`` may find: published, not deleted, in a thread out of
    approval and not merged away, in a category ``viewer`` sees.

    Stricter than what staff may open: the review queue is where held and
    hidden posts are searched.
    """
    return Post.objects.filter(
        status=PostStatus.PUBLISHED,
        is_deleted=False,
        thread__is_pending_approval=False,
        thread__merged_into__isnull=True,
        thread__category__in=visible_categories(viewer),
    )


def search_posts(
    *, viewer, query: Query, filters: Filters = Filters(), sort: str = Sort.RELEVANCE
) -> QuerySet[Post]:
    """Return the posts ``viewer`` may find that match ``query`` and ``filters``, in ``sort``
    order, each with its thread, category and author loaded and ``search_rank`` set.

    One result per thread (its best post) unless ``filters.thread`` asks for one
    thread's posts. The queryset runs one query per page and one to count.
    """
    posts = _filtered(searchable_posts(viewer), filters)
    posts = filter_matches(posts, query, index=POST_INDEX)
    lift = (
        Value(1.0)
        + _when(Q(thread__accepted_answer=F("pk")), ACCEPTED_LIFT)
        + _when(Q(thread__has_official_answer=True), OFFICIAL_LIFT)
        + REACTION_LIFT * Least(F("reaction_count"), Value(MAX_LIFTING_REACTIONS))
    )
    posts = posts.annotate(
        search_score=ExpressionWrapper(F("search_rank") * lift, output_field=FloatField())
    )
    if filters.thread is None:
        posts = posts.annotate(
            best_in_thread=Window(
                RowNumber(),
                partition_by=[F("thread_id")],
                order_by=[F("search_score").desc(), F("number").asc()],
            )
        ).filter(best_in_thread=1)
    order = {
        Sort.RELEVANCE: ["-search_score", "-created_at", "-pk"],
        Sort.NEWEST: ["-created_at", "-pk"],
        Sort.REACTIONS: ["-reaction_count", "-search_score", "-pk"],
    }[sort]
    return posts.select_related("thread__category", "author").order_by(*order)


def _when(condition: Q, amount: float) -> Case:
    return Case(When(condition, then=Value(amount)), default=Value(0.0), output_field=FloatField())


def _filtered(posts: QuerySet[Post], filters: Filters) -> QuerySet[Post]:
    if filters.category is not None:
        posts = posts.filter(thread__category=filters.category)
    if filters.tag is not None:
        posts = posts.filter(thread__tags=filters.tag)
    if filters.author is not None:
        posts = posts.filter(author=filters.author)
    if filters.after is not None:
        posts = posts.filter(created_at__date__gte=filters.after)
    if filters.before is not None:
        posts = posts.filter(created_at__date__lte=filters.before)
    if filters.solved is not None:
        posts = posts.filter(
            thread__category__is_qa=True, thread__accepted_answer__isnull=not filters.solved
        )
    if filters.official:
        posts = posts.filter(thread__has_official_answer=True)
    if filters.thread is not None:
        posts = posts.filter(thread=filters.thread)
    return posts


def attach_passages(posts: list[Post], query: Query) -> None:
    """Set ``title_passage`` and ``body_passage`` (safe HTML, the query's words in
    ``<mark>``) on each of ``posts``, in one query."""
    found = passages(PostSearch.objects.filter(pk__in=[post.pk for post in posts]), query)
    for post in posts:
        marked = found.get(post.pk, {})
        post.title_passage = marked.get("title") or None
        post.body_passage = marked.get("body") or ""


#: Words of a title that similar threads are looked up by: the longest, as they
#: say most; shorter than ``MIN_SIMILAR_LETTERS`` they say nothing.
MAX_SIMILAR_WORDS = 8
MIN_SIMILAR_LETTERS = 3


def similar_threads(*, viewer, title: str, limit: int = 5) -> list[Thread]:
    """Return up to ``limit`` threads ``viewer`` may see whose title or first post share
    words with ``title`` (the last word as a prefix, as one types), best first.

    Any word may match, and threads sharing more and rarer words rank higher,
    as Discourse's "similar topics" while composing. An empty list when the
    title holds no word worth looking for. One query.
    """
    found = sorted(
        {
            word
            for word in words(title[:MAX_LENGTH])
            if len(word) >= MIN_SIMILAR_LETTERS and word not in COMMON_WORDS
        },
        key=len,
        reverse=True,
    )[:MAX_SIMILAR_WORDS]
    if not found:
        return []
    # As the search box reads it: typing has left the last word once anything else follows.
    last = words(title)[-1] if WORD.fullmatch(title[-1:]) else None
    query = Query(groups=(tuple(Term((word,), prefix=word == last) for word in found),))
    posts = filter_matches(searchable_posts(viewer).filter(number=1), query, index=POST_INDEX)
    return [
        post.thread
        for post in posts.select_related("thread__category").order_by("-search_rank", "-pk")[:limit]
    ]


# What the search form's filters name (its categories are ``visible_categories``). Each
# answers None alike for what does not exist and for what the viewer may not see, so
# that a filter never tells whether a tag or thread of an internal category exists.

#: A thread id as a URL may carry it: a bigint's digits at most, so that no larger
#: number reaches the database (SQLite raises OverflowError past 2**63 - 1).
_THREAD_ID = re.compile(r"[0-9]{1,18}")


def find_filter_tag(*, tag_slug: str, viewer) -> Tag | None:
    """Return the tag with ``tag_slug`` if a thread ``viewer`` may see carries it, else
    ``None`` (as ``get_tag`` finds tags, without its ``Http404``). One query."""
    return Tag.objects.filter(
        slug=tag_slug,
        threads__category__in=visible_categories(viewer),
        threads__is_pending_approval=False,
    ).first()


def find_filter_author(*, username: str) -> User | None:
    """Return the active member called ``username`` (any case), whose profile anyone may
    open, or ``None``. At most one query."""
    try:
        return get_member(username=username)
    except Http404:
        return None


def find_filter_thread(*, thread_id: str, viewer) -> Thread | None:
    """Return the thread numbered ``thread_id`` (digits, as the URL carries it) with its
    category, if ``viewer`` may see it, else ``None``. At most two queries (the second
    only for a thread awaiting approval)."""
    if not _THREAD_ID.fullmatch(thread_id):
        return None
    thread = Thread.objects.select_related("category").filter(pk=int(thread_id)).first()
    if thread is None or not can_see_thread(viewer, thread):
        return None
    return thread


def similar_threads_to_confirm(*, viewer, title: str, idempotency_key: str | None) -> list[Thread]:
    """Return the threads like ``title`` to show a member who sent the new-thread form
    without having seen any (``similar_threads``), or none when that form (its token
    ``idempotency_key``) already opened a thread: sent twice, it leads to that thread
    (``community.services.start_thread``) instead of showing it as similar. Two queries
    at most."""
    if (
        idempotency_key
        and Post.objects.filter(author=viewer, idempotency_key=idempotency_key).exists()
    ):
        return []
    return similar_threads(viewer=viewer, title=title)
