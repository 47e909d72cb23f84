"""What search reads: one document per post (community.search)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from community.models.posts import Post

#: SQLite's FTS5 table of the posts' stems (rowid = the post's id), created by
#: the migration on SQLite only: columns ``title`` and ``body`` hold stems in
#: the post's language, ``lang`` the configuration's marker (community.search.engine).
POST_FTS_TABLE = "community_post_fts"


class PostSearch(models.Model):
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
    config = models.CharField(max_length=16)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True)

    def __str__(self) -> str:
        return f"search document of {self.post_id}"


class PostSearchFTS(models.Model):
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
    lang = models.TextField()
    match = models.TextField(db_column=POST_FTS_TABLE)
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = POST_FTS_TABLE

    def __str__(self) -> str:
        return f"FTS row of {self.post_id}"
