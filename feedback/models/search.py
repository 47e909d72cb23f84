"""What the feedback search reads: a document per insight (community.search), written by
``feedback.services.search_index``."""

from django.db import models

from community.models import SearchDocument, SearchRow
from feedback.models.insights import Insight

#: SQLite's FTS5 table of the insights' stems (rowid = the insight's id), made by the
#: migration on SQLite only; ``lang`` holds the configuration's marker.
INSIGHT_FTS_TABLE = "feedback_insight_fts"


class InsightSearch(SearchDocument):
    """An insight's searchable text: its title, and its summary with the text of the posts
    it was captured from (those of insights merged into it included).

    Rewritten when the insight is created or edited, when a post is captured
    into it or edited, and when a merge moves posts into it. Who may find it
    is decided when searching (the inbox's visibility). ``vector`` stays empty
    on SQLite, where ``InsightSearchFTS`` does its work.
    """

    insight = models.OneToOneField(
        Insight,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"search document of insight {self.insight_id}"


class InsightSearchFTS(SearchRow):
    """A row of SQLite's FTS5 table of insights; never used on PostgreSQL.

    ``match`` is FTS5's hidden column named like the table (a string compared
    with it runs a full-text query); ``rank`` is bm25 with the title weighted
    above the body (lower is better).
    """

    insight = models.OneToOneField(
        Insight,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="search_fts",
    )
    title = models.TextField()
    body = models.TextField()
    match = models.TextField(db_column=INSIGHT_FTS_TABLE)

    class Meta(SearchRow.Meta):
        db_table = INSIGHT_FTS_TABLE

    def __str__(self) -> str:
        return f"FTS row of insight {self.insight_id}"
