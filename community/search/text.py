"""Plain text and stems: what the engines index and what queries are compared with."""

import html
import re
from functools import cache

import snowballstemmer

#: A word as both engines see it: letters and digits, nothing else. FTS5's
#: unicode61 tokenizer splits on the same characters, so that stems written
#: by Python and tokens read by SQLite line up one to one.
WORD = re.compile(r"[^\W_]+")

#: PostgreSQL text-search configuration per language code; every other
#: language is indexed and searched by ``simple`` (lower case, no stemming).
CONFIGS = {"en": "english", "de": "german"}
SIMPLE = "simple"

_TAG = re.compile(r"<[^>]*>")
#: The tags of the elements a post's sanitised HTML shows inside a line
#: (community.markdown.ALLOWED_TAGS): they join what is around them, so that
#: ``**Ex**port`` stays one word; every other tag separates words.
_INLINE_TAG = re.compile(r"</?(?:a|code|del|em|s|strong)(?:\s[^>]*)?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_text(rendered_html: str) -> str:
    """Return the words of a post's sanitised HTML as one line of plain text.

    Block tags and line breaks become spaces (so that paragraphs, list items
    and table cells do not run together), inline tags vanish (so that words
    marked up in part stay whole), entities are decoded, control characters
    dropped.
    """
    return one_line(html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", rendered_html))))


def one_line(text: str) -> str:
    """Return plain ``text`` (a title) on one line: each run of white space and control
    characters becomes one space, none at either end."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def config_for(language: str) -> str:
    """Return the text-search configuration (``english``, ``german``, ``simple``)
    for an ISO 639-1 ``language`` code ('' for unknown)."""
    return CONFIGS.get(language, SIMPLE)


@cache
def _stemmer(config: str):
    return snowballstemmer.stemmer(config)


def words(text: str) -> list[str]:
    """Return the words of ``text`` in lower case, in order."""
    return WORD.findall(text.lower())


def stems(text_words: list[str], config: str) -> list[str]:
    """Return the Snowball stems of ``text_words`` for ``config`` (lower-cased
    words unchanged for ``simple``), one per word, in order."""
    if config == SIMPLE:
        return list(text_words)
    return _stemmer(config).stemWords(text_words)


def stemmed(text: str, config: str) -> str:
    """Return ``text`` as its stems joined by spaces, ready for an FTS5 column."""
    return " ".join(stems(words(text), config))


#: Words too common to say what a title or an insight is about, in English and
#: German, greetings and thanks included: left out when looking for similar
#: threads and similar insights (search itself leaves out only the stop words of
#: community.search.stopwords).
_COMMON = """
    a about after all also an and any are as at be because been but by can could did do
    does for from get had has have how i if in into is it its just like may me more most
    my no not now of on one only or other our out should so some such than that the their
    them then there these they this to too up use using very was way we what when where
    which while who why will with would you your
    anyone anybody hello hi hey please thanks thank help idea question problem issue
    aber alle als also am an auch auf aus bei bin bis bitte da damit dann das dass dem den
    der des die dies diese doch du durch ein eine einem einen einer es für gibt hab habe
    hat hier ich ihr im in ist ja jetzt kann kein keine man mehr mein meine mit muss nach
    nicht noch nur ob oder schon sehr sich sie sind so über um und uns von vor wann warum
    was weil wenn wer werden wie wir wird wo zu zum zur
    hallo danke dank vielen gruß grüße jemand hilfe idee frage problem
"""
COMMON_WORDS = frozenset(_COMMON.split())
