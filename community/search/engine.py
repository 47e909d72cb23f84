"""Matching, ranking and passages on PostgreSQL (tsvector, GIN) and SQLite (FTS5).

A searchable object has a document: a row with its ``config`` (the
text-search configuration of its language, ``community.search.text``), its
text fields and, on PostgreSQL, a ``vector`` built from them with weights
A, B, ...; on SQLite a row of an FTS5 table holds the same fields as stems,
with the configuration's marker in ``lang``. ``Index`` names the relations
from the searched model to both.

Both databases read the same words (``community.search.text.words``: runs of
letters and digits), so that ``v2.1`` or ``www.example.com`` are found by
their parts on both; PostgreSQL's parser would otherwise keep them whole.

A query is compiled once per configuration and each document is matched in
its own: a German post is searched with German stems and stop words, an
English one with English ones, so that ``-word`` excludes in every language.
Stop words (``community.search.stopwords``) are left out of queries on both
databases as PostgreSQL leaves them out: a term of only stop words is
dropped, and so are stop words at either end of a phrase.

Where the databases still differ:

- inside a phrase, PostgreSQL lets any word stand in for a stop word
  (``"public and holidays"`` also finds "public or holidays"); FTS5 wants
  the very words;
- the rank's numbers differ (``ts_rank_cd`` against bm25), and bm25 also
  weighs how rare a word is; orders agree where one match is clearly better
  (title over body, the words as a phrase over the words apart);
- a word's stem comes from PostgreSQL's Snowball on PostgreSQL and from the
  ``snowballstemmer`` package on SQLite: the same algorithms, possibly of
  different releases.
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from community.search.query import Query, Term
from community.search.schema import ALL_CONFIGS
from community.search.stopwords import STOP_WORDS
from community.search.text import SIMPLE, WORD, stems, words

#: FTS5's marker of each configuration in a document's ``lang`` column.
MARKERS = {"english": "en", "german": "de", SIMPLE: "xx"}
#: PostgreSQL's weights for D, C, B, A: the title (A) counts four times the body (B),
#: as FTS5's bm25 weights in the migrations.
WEIGHTS = [0.05, 0.1, 0.25, 1.0]
#: How much more a result holding the query's loose words as a phrase ranks.
PHRASE_LIFT = 0.5
#: Passage markers: control characters, taken out of the text first, escaped
#: around, then turned into <mark>.
START, STOP = "\x02", "\x03"
#: Words around the hits in a passage.
PASSAGE_WORDS = 30
#: Titles are shown whole.
WHOLE = 10_000
#: Hits looked at when choosing a passage: enough for the best window of any post.
MAX_HITS = 200


@dataclass(frozen=True)
class Index:
    """Where a model's search documents are, seen from the model.

    ``document``: the relation to its document row (PostgreSQL reads
    ``config`` and ``vector`` there); ``fts``: the relation to its FTS5 row
    (SQLite; the row's ``match`` and ``rank`` columns); ``fts_table`` and
    ``fts_columns``: the FTS5 table and its text columns.
    """

    document: str
    fts: str
    fts_table: str
    fts_columns: tuple[str, ...] = ("title", "body")


def is_postgresql() -> bool:
    """Return whether the default database is PostgreSQL (else SQLite's FTS5 is used)."""
    return connection.vendor == "postgresql"


def in_config(query: Query, config: str) -> Query | None:
    """Return ``query`` as documents in ``config`` are searched: without the stop words
    PostgreSQL leaves out of that configuration's queries, or ``None`` when no word
    is left to look for (PostgreSQL then finds nothing).

    A term of only stop words is dropped (from its OR group, from the exclusions,
    as the phrase to rank); a phrase loses the stop words at its ends and keeps
    those inside.
    """
    stop = STOP_WORDS.get(config, frozenset())

    def kept(terms) -> tuple[Term, ...]:
        trimmed = (_trimmed(term, stop) for term in terms)
        return tuple(term for term in trimmed if term is not None)

    groups = tuple(group for group in map(kept, query.groups) if group)
    if not groups:
        return None
    phrase = kept((query.phrase,)) if query.phrase is not None else ()
    return Query(groups=groups, excluded=kept(query.excluded), phrase=phrase[0] if phrase else None)


def is_mostly_stop_words(query: Query) -> bool:
    """Return whether ``query`` holds no word but English or German stop words, which
    posts in that language are not searched for (so that a page can say why it found
    little: "the" finds only posts in other languages)."""
    return any(in_config(query, config) is None for config in STOP_WORDS)


def _trimmed(term: Term, stop: frozenset[str]) -> Term | None:
    start, end = 0, len(term.words)
    while start < end and term.words[start] in stop:
        start += 1
    while end > start and term.words[end - 1] in stop:
        end -= 1
    if start == end:
        return None
    return Term(term.words[start:end], prefix=term.prefix)


def _compiled(query: Query) -> dict[str, Query]:
    """Return ``{config: query in that config}`` for the configurations with a word left."""
    found = {config: in_config(query, config) for config in ALL_CONFIGS}
    return {config: compiled for config, compiled in found.items() if compiled is not None}


def _pg_term(term: Term, config: str) -> SearchQuery:
    if term.prefix:
        # The word holds letters and digits only, so to_tsquery cannot misread it.
        return SearchQuery(f"{term.words[0]}:*", config=config, search_type="raw")
    return SearchQuery(" ".join(term.words), config=config, search_type="phrase")


def _pg_query(query: Query, config: str) -> SearchQuery:
    groups = [reduce(or_, (_pg_term(term, config) for term in group)) for group in query.groups]
    compiled = reduce(and_, groups)
    for term in query.excluded:
        compiled = compiled & ~_pg_term(term, config)
    return compiled


def _fts_term(term: Term, config: str) -> str:
    found = stems(list(term.words), config)
    return '"' + " ".join(found) + '"' + ("*" if term.prefix else "")


def _fts_expression(query: Query, config: str, columns: tuple[str, ...]) -> str:
    positive = " AND ".join(
        "(" + " OR ".join(_fts_term(term, config) for term in group) + ")" for group in query.groups
    )
    if query.excluded:
        excluded = " OR ".join(_fts_term(term, config) for term in query.excluded)
        positive = f"({positive}) NOT ({excluded})"
    return f"(lang : {MARKERS[config]} AND {{{' '.join(columns)}}} : ({positive}))"


def fts_query(query: Query, columns: tuple[str, ...] = ("title", "body")) -> str:
    """Return ``query`` as one FTS5 query string matching each document in its language;
    '' when no configuration has a word left to look for (``in_config``)."""
    return " OR ".join(
        _fts_expression(compiled, config, columns) for config, compiled in _compiled(query).items()
    )


def filter_matches(queryset: QuerySet, query: Query, *, index: Index) -> QuerySet:
    """Return ``queryset`` narrowed to what matches ``query``, annotated with
    ``search_rank`` (a float, higher is better: ts_rank_cd or -bm25, lifted by
    ``PHRASE_LIFT`` for the query's loose words as a phrase). Nothing matches a
    query of only stop words."""
    searched = _compiled(query)
    if not searched:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    if is_postgresql():
        return _pg_filter(queryset, searched, index)
    return _fts_filter(queryset, query, index)


def _pg_filter(queryset: QuerySet, searched: dict[str, Query], index: Index) -> QuerySet:
    config_field, vector_field = f"{index.document}__config", f"{index.document}__vector"
    compiled = {config: _pg_query(q, config) for config, q in searched.items()}
    matches = reduce(
        or_,
        (Q(**{config_field: config, vector_field: q}) for config, q in compiled.items()),
    )
    rank = Case(
        *(
            When(
                Q(**{config_field: config}),
                then=SearchRank(F(vector_field), q, weights=WEIGHTS, cover_density=True),
            )
            for config, q in compiled.items()
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )
    phrases = [
        Q(**{config_field: config, vector_field: _pg_term(q.phrase, config)})
        for config, q in searched.items()
        if q.phrase is not None
    ]
    if phrases:
        rank = rank * Case(
            When(reduce(or_, phrases), then=Value(1.0 + PHRASE_LIFT)),
            default=Value(1.0),
            output_field=FloatField(),
        )
    return queryset.filter(matches).annotate(search_rank=rank)


def _fts_filter(queryset: QuerySet, query: Query, index: Index) -> QuerySet:
    expression = fts_query(query, index.fts_columns)
    rank = -F(f"{index.fts}__rank")
    phrase = fts_query(Query(groups=((query.phrase,),)), index.fts_columns) if query.phrase else ""
    if phrase:
        # A second MATCH on the joined table is refused by FTS5: a subquery of its own.
        # The table name is the index's constant; the query string is a parameter.
        in_phrase = RawSQL(  # noqa: S611
            f'SELECT rowid FROM "{index.fts_table}" WHERE "{index.fts_table}" MATCH %s',  # noqa: S608
            [phrase],
        )
        rank = rank * Case(
            When(pk__in=in_phrase, then=Value(1.0 + PHRASE_LIFT)),
            default=Value(1.0),
            output_field=FloatField(),
        )
    return queryset.filter(**{f"{index.fts}__match": expression}).annotate(search_rank=rank)


def passages(documents: QuerySet, query: Query, *, fields=("title", "body")) -> dict:
    """Return ``{document pk: {field: SafeString}}`` with the query's words marked.

    ``documents`` are document rows (``config`` and the text ``fields``), a
    page's worth, read in one query. Passages are cut by ``highlight`` on both
    databases, over the same words as matching (PostgreSQL's ``ts_headline``
    reads words its own way, keeps no "…" where it cuts and loses the text it
    takes for tags). Titles are shown whole. Text is escaped; only ``<mark>``
    is added.
    """
    return {
        document.pk: {
            field: highlight(
                getattr(document, field),
                query,
                document.config,
                size=WHOLE if field == "title" else PASSAGE_WORDS,
            )
            for field in fields
        }
        for document in documents.only("pk", "config", *fields)
    }


def _marked(text: str) -> SafeString:
    escaped = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(escaped)  # noqa: S308 - escaped above, only <mark> added


def highlight(text: str, query: Query, config: str, *, size: int = PASSAGE_WORDS) -> SafeString:
    """Return the passage of ``text`` (about ``size`` words) with the most of
    ``query``'s words, those words marked, escaped, comparing stems in
    ``config``; stop words are not marked, as they were not searched. Text
    without a hit gives its start."""
    query_stems = list(_query_stems(query, config))
    wanted = {stem for stem, term in query_stems if not term.prefix}
    prefixes = tuple(stem for stem, term in query_stems if term.prefix)
    # The markers must be the engine's own: any in the text are only separators.
    pieces = _split_words(text.replace(START, " ").replace(STOP, " "))
    hits = []
    for position, (piece, is_word) in enumerate(pieces):
        if not is_word:
            continue
        stem = stems(words(piece), config)
        if stem and (stem[0] in wanted or (prefixes and stem[0].startswith(prefixes))):
            hits.append(position)
            if len(hits) == MAX_HITS:
                break
    word_positions = [index for index, (_piece, is_word) in enumerate(pieces) if is_word]
    start_word = 0
    if hits:
        best = max(
            hits,
            key=lambda hit: sum(1 for other in hits if hit <= other < hit + size * 2),
        )
        start_word = max(0, word_positions.index(best) - size // 4)
    chosen = word_positions[start_word : start_word + size]
    if not chosen:
        return _marked("")
    first, last = chosen[0], chosen[-1]
    ends_text = last == word_positions[-1]
    # What stands before the first word and after the last ("¿", "?", a closing
    # quote or bracket) belongs to a passage that reaches the text's edge.
    if start_word == 0:
        first = 0
    if ends_text:
        last = len(pieces) - 1
    marked = {position for position in hits if first <= position <= last}
    out = "".join(
        f"{START}{piece}{STOP}" if index in marked else piece
        for index, (piece, _is_word) in enumerate(pieces[first : last + 1], start=first)
    )
    prefix = "… " if start_word > 0 else ""
    suffix = "" if ends_text else " …"
    return _marked(prefix + out + suffix)


def _query_stems(query: Query, config: str):
    searched = in_config(query, config)
    if searched is None:
        return
    stop = STOP_WORDS.get(config, frozenset())
    for group in searched.groups:
        for term in group:
            kept = [word for word in term.words if word not in stop]
            for stem in stems(kept, config):
                yield stem, term


def _split_words(text: str) -> list[tuple[str, bool]]:
    """Cut ``text`` into words and what lies between them, in order."""
    pieces, end = [], 0
    for match in WORD.finditer(text):
        if match.start() > end:
            pieces.append((text[end : match.start()], False))
        pieces.append((match.group(), True))
        end = match.end()
    if end < len(text):
        pieces.append((text[end:], False))
    return pieces
