"""What search reads: one document per post (community.search)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from community.models.posts import Post

#: SQLite's FTS5 table of the posts' stems (rowid = the post's id), created by
#: the migration on SQLite only: columns ``title`` and ``body`` hold stems in
#: the post's language, ``lang`` the configuration's marker (community.search.engine).
POST_FTS_TABLE = "community_post_fts"


class SearchDocument(models.Model):
    """What every search document has besides its text fields and its key (a one-to-one
    primary key to the object searched): the text-search configuration of its language
    and PostgreSQL's vector, empty on SQLite (community.search.engine)."""

    config = models.CharField(max_length=16)
    vector = SearchVectorField(null=True)

    class Meta:
        abstract = True


class SearchRow(models.Model):
    """What every row of an SQLite FTS5 table of documents has besides its text columns,
    its key (``db_column="rowid"``) and ``match``, FTS5's hidden column named like the
    table (a string compared with it runs a full-text query): the configuration's
    marker and bm25's ``rank`` (lower is better). Never used on PostgreSQL."""

    lang = models.TextField()
    rank = models.FloatField()

    class Meta:
        abstract = True
        managed = False


class PostSearch(SearchDocument):
    """A post's searchable text: its thread's title (on the first post only) and its
    words as plain text, with PostgreSQL's search vector built from them.

    Written by ``community.services.search_index`` whenever a post is written,
    edited or moved; who may find it is decided when searching, from the post,
    its thread and its category, so hiding, deleting or moving needs no rewrite.
    ``vector`` stays empty on SQLite, where ``PostSearchFTS`` does its work.
    """

    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"search document of {self.post_id}"


class PostSearchFTS(SearchRow):
    """A row of SQLite's FTS5 table of post stems; never used on PostgreSQL.

    ``match`` is FTS5's hidden column named like the table: comparing it with
    a string runs a full-text query. ``rank`` is FTS5's bm25 score with the
    title weighted above the body (lower is better).
    """

    post = models.OneToOneField(
        Post,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="search_fts",
    )
    title = models.TextField()
    body = models.TextField()
    match = models.TextField(db_column=POST_FTS_TABLE)

    class Meta(SearchRow.Meta):
        db_table = POST_FTS_TABLE

    def __str__(self) -> str:
        return f"FTS row of {self.post_id}"
