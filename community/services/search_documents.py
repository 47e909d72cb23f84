"""Writing the search documents of other apps' objects (community.search).

An app whose objects are searched keeps a document model beside them, as the
forum keeps ``community.models.PostSearch`` beside posts: its primary key is
the object's, ``config`` holds the text-search configuration, a text field per
weight (the first weighs most) and a ``vector`` (PostgreSQL); on SQLite an
FTS5 table made by ``community.search.schema.create_search_indexes`` holds the
same text fields as stems, its rowid the object's id. ``write_documents``
writes both, so that no app repeats the SQL of either engine; the posts'
documents (``community.services.search_index``) are written with it too.
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model

from community.search import language
from community.search.engine import MARKERS, is_postgresql
from community.search.text import config_for, stemmed, words

#: PostgreSQL's weight of each text field, in the order the fields are given.
WEIGHT_LABELS = "ABCD"


def config_of(text: str, *, fallback: str = "") -> str:
    """Return the text-search configuration to index ``text`` in: that of its detected
    language, else of ``fallback`` (an ISO 639-1 code, '' for none): ``english``,
    ``german`` or ``simple``."""
    return config_for(language.detect(text, fallback=fallback))


def write_documents(
    documents: Sequence[Model], *, fts_table: str, fields: tuple[str, ...] = ("title", "body")
) -> int:
    """Insert or replace ``documents`` and what each engine matches; return how many.

    Input: unsaved instances of one document model, each with its primary key
    (the searched object's id), ``config`` and the text ``fields`` set;
    ``fts_table``, the model's FTS5 table (SQLite); ``fields``, the text fields
    in weight order, as the FTS5 table's columns. Both engines read the
    fields' words as ``community.search.text.words`` does, as the queries are
    read: PostgreSQL builds ``vector`` from them, weighted A, B, … in that
    order; SQLite stores their Snowball stems in the FTS5 row whose rowid is
    the key. Runs in the caller's transaction: the documents are found once it
    commits.
    """
    if not documents:
        return 0
    model = type(documents[0])
    key = model._meta.pk
    model.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=[key.name],
        update_fields=["config", *fields],
    )
    if is_postgresql():
        _write_vectors(model, documents, fields)
    else:
        _write_fts_rows(documents, fts_table, fields)
    return len(documents)


def _write_vectors(model: type[Model], documents: Sequence[Model], fields: tuple[str, ...]) -> None:
    quote = connection.ops.quote_name
    columns = [f"field_{number}" for number in range(len(fields))]
    # As for posts: the vectors are built from the words as Python reads them, as the
    # queries and SQLite's rows are (PostgreSQL's parser would keep "v2.1" whole and
    # drop "<word ...>" as a tag).
    vector = " || ".join(
        f"setweight(to_tsvector(document.config::regconfig, new.{column}), '{label}')"
        for column, label in zip(columns, WEIGHT_LABELS, strict=False)
    )
    arrays = ", ".join("%s::text[]" for _field in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            # Names come from the model and the labels are constants; the text is parameters.
            f"UPDATE {quote(model._meta.db_table)} AS document SET vector = {vector} "  # noqa: S608
            f"FROM unnest(%s::bigint[], {arrays}) AS new (document_id, {', '.join(columns)}) "
            f"WHERE document.{quote(model._meta.pk.column)} = new.document_id",
            [
                [document.pk for document in documents],
                *(
                    [" ".join(words(getattr(document, field))) for document in documents]
                    for field in fields
                ),
            ],
        )


def _write_fts_rows(documents: Sequence[Model], fts_table: str, fields: tuple[str, ...]) -> None:
    table = connection.ops.quote_name(fts_table)
    columns = ", ".join(connection.ops.quote_name(field) for field in fields)
    values = ", ".join("%s" for _field in (*fields, "lang"))
    with connection.cursor() as cursor:
        placeholders = ", ".join("%s" for _document in documents)
        cursor.execute(
            f"DELETE FROM {table} WHERE rowid IN ({placeholders})",  # noqa: S608 - quoted names
            [document.pk for document in documents],
        )
        cursor.executemany(
            f"INSERT INTO {table} (rowid, {columns}, lang) VALUES (%s, {values})",  # noqa: S608
            [
                (
                    document.pk,
                    *(stemmed(getattr(document, field), document.config) for field in fields),
                    MARKERS[document.config],
                )
                for document in documents
            ],
        )
