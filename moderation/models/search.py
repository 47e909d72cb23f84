"""What the backoffice's search reads: a document per audit entry and per review item
with text of its own (community.search), written by ``moderation.services.search_index``."""

from django.db import models

from community.models import SearchDocument, SearchRow
from moderation.models.audit import AuditEntry
from moderation.models.queue import ReviewItem

#: SQLite's FTS5 tables (rowid = the entry's or item's id), made by the migration on
#: SQLite only: stems in the document's language, ``lang`` the configuration's marker.
AUDIT_FTS_TABLE = "moderation_audit_fts"
ITEM_FTS_TABLE = "moderation_item_fts"


class AuditSearch(SearchDocument):
    """An audit entry's searchable text, as it was when the entry was written.

    ``title``: what the action was on (the thread's title, the member's and
    the moderator's names); ``body``: the reason and the texts the entry
    keeps (a post's text, a rule's pattern, a canned reason). Entries do not
    change, so neither does their document. ``vector`` stays empty on SQLite,
    where ``AuditSearchFTS`` does its work.
    """

    entry = models.OneToOneField(
        AuditEntry,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"search document of audit entry {self.entry_id}"


class AuditSearchFTS(SearchRow):
    """A row of SQLite's FTS5 table of audit entries; never used on PostgreSQL.

    ``match`` is FTS5's hidden column named like the table (a string compared
    with it runs a full-text query); ``rank`` is bm25 (lower is better).
    """

    entry = models.OneToOneField(
        AuditEntry,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="search_fts",
    )
    title = models.TextField()
    body = models.TextField()
    match = models.TextField(db_column=AUDIT_FTS_TABLE)

    class Meta(SearchRow.Meta):
        db_table = AUDIT_FTS_TABLE

    def __str__(self) -> str:
        return f"FTS row of audit entry {self.entry_id}"


class ReviewItemSearch(SearchDocument):
    """The text a review item holds besides its post: flaggers' notes, the words automod
    matched, an appeal's text.

    The post's own text is searched in the forum's documents (always
    current); this one is rewritten when a flag with a note joins the item.
    Items without such text have none.
    """

    item = models.OneToOneField(
        ReviewItem,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    body = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"search document of review item {self.item_id}"


class ReviewItemSearchFTS(SearchRow):
    """A row of SQLite's FTS5 table of review items' own text; never used on PostgreSQL."""

    item = models.OneToOneField(
        ReviewItem,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="search_fts",
    )
    body = models.TextField()
    match = models.TextField(db_column=ITEM_FTS_TABLE)

    class Meta(SearchRow.Meta):
        db_table = ITEM_FTS_TABLE

    def __str__(self) -> str:
        return f"FTS row of review item {self.item_id}"
