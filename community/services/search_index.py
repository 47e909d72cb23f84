"""Keeping the posts' search documents in step with the posts (community.search).

A post's document holds its text, so it is rewritten when the text changes:
when the post is written or edited, when its thread's title changes (the
first post carries the title) and when a merge moves it. Who may find a post
is decided when searching, from the post, its thread and its category, so
hiding, restoring, deleting, approving and moving a thread rewrite nothing.
"""

from collections.abc import Callable, Iterable

from django.db import connection

from community.models import POST_FTS_TABLE, Post, PostSearch
from community.search import language
from community.search.engine import is_postgresql
from community.search.text import config_for, one_line, plain_text
from community.services.search_documents import write_documents

#: Posts written per statement when indexing in bulk.
BATCH_SIZE = 1000


def index_posts(post_ids: Iterable[int]) -> int:
    """Write the search documents of the posts with ``post_ids``; return how many.

    Each post's language is detected from its title and text, with its
    author's language as fallback, and stored on the post
    (``Post.language``); it chooses the stemmer. Missing ids are skipped.
    Runs in the caller's transaction: a post is found as soon as it commits.
    """
    ids = list(post_ids)
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        written += _index_batch(ids[start : start + BATCH_SIZE])
    return written


def _index_batch(ids: list[int]) -> int:
    rows = Post.objects.filter(pk__in=ids).values_list(
        "pk", "number", "html", "language", "author__language", "thread__title"
    )
    documents, changed_language = [], []
    for pk, number, html, known, fallback, title in rows:
        body = plain_text(html)
        title = one_line(title) if number == 1 else ""
        found = language.detect(f"{title} {body}", fallback=fallback or "")
        if found != known:
            changed_language.append(Post(pk=pk, language=found))
        documents.append(PostSearch(post_id=pk, config=config_for(found), title=title, body=body))
    if changed_language:
        Post.objects.bulk_update(changed_language, ["language"])
    return write_documents(documents, fts_table=POST_FTS_TABLE)


def index_thread(thread_id: int) -> int:
    """Rewrite the documents of every post of a thread (after its title changed or a
    merge moved posts into it); return how many."""
    return index_posts(Post.objects.filter(thread_id=thread_id).values_list("pk", flat=True))


def rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Rewrite every post's document, in batches of ``BATCH_SIZE``; return how many.

    ``progress(done, total)`` is called after each batch. Documents of posts
    that no longer exist are removed first.
    """
    PostSearch.objects.exclude(post__in=Post.objects.all()).delete()
    if not is_postgresql():
        # Rows are replaced one batch at a time, never emptied first: search keeps
        # answering from the old rows while the rebuild runs.
        table = connection.ops.quote_name(POST_FTS_TABLE)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE rowid NOT IN (SELECT id FROM community_post)"  # noqa: S608
            )
    ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        done += _index_batch(ids[start : start + BATCH_SIZE])
        if progress is not None:
            progress(done, len(ids))
    analyze()
    return done


def analyze() -> None:
    """Refresh PostgreSQL's statistics of the posts' documents after writing many.

    Without them the planner takes a freshly filled table for empty, walks the
    threads instead of the GIN indexes and reads every post (seen: 270 ms
    instead of 2 ms on 50,000 posts).
    """
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE community_postsearch")


def index_missing() -> int:
    """Write the documents of posts that have none (after a bulk load); return how many."""
    return index_posts(
        Post.objects.filter(search_document__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
