"""Index structures the engines need that Django's models cannot declare, for migrations.

Each app's migration calls these through ``RunPython`` for its own documents:
on PostgreSQL a GIN index per text-search configuration (partial, so that a
query in one configuration reads only its documents); on SQLite an FTS5 table
whose rowid is the document's id, ranked by bm25 with the given weights.
"""

from community.search.text import CONFIGS, SIMPLE

#: The configurations a document can be indexed in, and FTS5's marker for each.
ALL_CONFIGS = (*CONFIGS.values(), SIMPLE)


def create_search_indexes(
    schema_editor, *, table: str, fts_table: str, fts_columns: tuple[str, ...], weights
) -> None:
    """Create the search indexes for the documents in ``table`` (PostgreSQL: its
    ``vector`` and ``config`` columns) or in ``fts_table`` (SQLite).

    ``fts_columns`` are the FTS5 table's text columns, ``weights`` their bm25
    weights in that order; a last ``lang`` column (weight 0) holds the
    configuration's marker. Other databases get nothing (search is not offered).
    """
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    if vendor == "postgresql":
        for config in ALL_CONFIGS:
            schema_editor.execute(
                f"CREATE INDEX {quote(f'{table}_{config}_gin')} ON {quote(table)} "
                f"USING gin (vector) WHERE config = '{config}'"
            )
    elif vendor == "sqlite":
        columns = ", ".join(quote(column) for column in (*fts_columns, "lang"))
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {quote(fts_table)} USING fts5({columns}, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
        ranking = ", ".join(f"{float(weight)}" for weight in (*weights, 0))
        schema_editor.execute(
            # Names quoted and weights converted to floats: nothing here comes from input.
            f"INSERT INTO {quote(fts_table)} ({quote(fts_table)}, rank) "  # noqa: S608
            f"VALUES ('rank', 'bm25({ranking})')"
        )


def drop_search_indexes(schema_editor, *, table: str, fts_table: str) -> None:
    """Undo ``create_search_indexes``."""
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    if vendor == "postgresql":
        for config in ALL_CONFIGS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(f'{table}_{config}_gin')}")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {quote(fts_table)}")
