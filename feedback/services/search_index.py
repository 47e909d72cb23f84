"""Keeping the insights' search documents in step with the insights (``feedback.models.search``).

An insight's document holds its title, its summary and the text of the posts
it was captured from, so it is rewritten when any of them changes: when the
insight is created or edited, when a post is captured into it or edited, and
when a merge moves posts into it. Who may find an insight is decided when
searching.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Prefetch

from community.search.text import plain_text
from community.services.search_documents import config_of, write_documents
from feedback.models import INSIGHT_FTS_TABLE, Insight, InsightPost, InsightSearch

#: Insights written per statement when indexing in bulk.
BATCH_SIZE = 500
#: The longest body indexed, in characters: PostgreSQL refuses a search vector past
#: 1 MB, and the first posts of an insight say what it is about.
MAX_BODY = 100_000


def insight_document(insight: Insight) -> InsightSearch:
    """Return ``insight``'s search document, unsaved.

    ``title``: the insight's title; ``body``: its summary, then the plain text
    of its posts in the order they were captured (``insight.captured``, a
    prefetch of ``InsightPost`` rows with their posts), at most ``MAX_BODY``
    characters. The language is detected, with that of whoever created the
    insight (else the site's) as fallback.
    """
    texts = [insight.summary, *(plain_text(link.post.html) for link in insight.captured)]
    body = "\n".join(text for text in texts if text.strip())[:MAX_BODY]
    fallback = insight.created_by.language or settings.LANGUAGE_CODE.split("-")[0]
    return InsightSearch(
        insight_id=insight.pk,
        config=config_of(f"{insight.title}\n{body}", fallback=fallback),
        title=insight.title,
        body=body,
    )


def index_insights(insight_ids: Iterable[int]) -> int:
    """Write the search documents of the insights with ``insight_ids``; return how many.

    Missing ids are skipped. Runs in the caller's transaction: an insight is
    found as soon as it commits. Three queries and the writes.
    """
    insights = (
        Insight.objects.filter(pk__in=list(insight_ids))
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "insight_posts",
                queryset=InsightPost.objects.select_related("post").order_by("pk"),
                to_attr="captured",
            )
        )
    )
    return write_documents(
        [insight_document(insight) for insight in insights], fts_table=INSIGHT_FTS_TABLE
    )


def index_insights_of_post(post_id: int) -> int:
    """Rewrite the document of the insight that the post ``post_id`` feeds, if any (after
    the post was edited); return how many were written."""
    return index_insights(
        InsightPost.objects.filter(post_id=post_id).values_list("insight_id", flat=True)
    )


def rebuild_insights() -> int:
    """Rewrite the search document of every insight, in batches; return how many."""
    ids = list(Insight.objects.order_by("pk").values_list("pk", flat=True))
    return sum(
        index_insights(ids[start : start + BATCH_SIZE]) for start in range(0, len(ids), BATCH_SIZE)
    )
