"""The query language: what a person types into a search box, as web search engines read it.

- ``word word``: every word must occur (in any form of the word: stems);
- ``"exact phrase"``: the words next to each other, in this order;
- ``-word`` or ``-"a phrase"``: results with it are left out;
- ``word OR word``: either will do (``OR`` in capitals);
- the last word may match as a prefix while one types (``prefix_last``), as long
  as the text ends on it (not after a space, a quote or punctuation).

A word is a run of letters and digits: ``e-mail`` and ``v2.1`` are read as
phrases of their parts, as both engines index them.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.search.text import WORD, words

#: Longest query read, in characters (Discourse allows 200 too).
MAX_LENGTH = 200
#: Most words and phrases one query may hold.
MAX_TERMS = 12

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Term:
    """A word (one item in ``words``) or a phrase; ``prefix`` matches the last word's start."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (a group is terms joined by OR), no
    excluded term may.

    ``phrase`` is every positive word in order when the query was typed as loose
    words, so that the engines can rank results holding them as a phrase
    higher; ``None`` otherwise.
    """

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()
    phrase: Term | None = None

    @property
    def positive_words(self) -> list[str]:
        """Every word that counts towards a match, for highlighting."""
        return [word for group in self.groups for term in group for word in term.words]


def parse(text: str, *, prefix_last: bool = False) -> Query:
    """Parse ``text`` into a ``Query``.

    Raises ``ValidationError`` (a message for the member) when ``text`` is
    longer than ``MAX_LENGTH``, holds more than ``MAX_TERMS`` terms or no word
    to look for (empty, only operators or only exclusions). Control
    characters, NUL included, are read as spaces; an unclosed quote runs to
    the end.
    """
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("Search for at most %(limit)d characters."),
            code="too_long",
            params={"limit": MAX_LENGTH},
        )
    text = _CONTROL.sub(" ", text)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    loose = True
    matches = list(_TOKEN.finditer(text))
    # Typing has left the last word once anything but a letter or digit follows it.
    ends_on_word = bool(WORD.fullmatch(text[-1:]))
    for index, match in enumerate(matches):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            join_next = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        found = tuple(words(quoted if quoted is not None else bare))
        if not found:
            continue
        prefix = (
            prefix_last
            and ends_on_word
            and index == len(matches) - 1
            and bare is not None
            and not negated
            and len(found) == 1
        )
        term = Term(found, prefix=prefix)
        if negated:
            excluded.append(term)
            join_next = False
            continue
        if quoted is not None or len(found) > 1:
            loose = False
        if join_next and groups:
            groups[-1].append(term)
            loose = False
        else:
            groups.append([term])
        join_next = False
    if not groups:
        raise ValidationError(_("Type at least one word to search for."), code="empty")
    if sum(len(group) for group in groups) + len(excluded) > MAX_TERMS:
        raise ValidationError(
            _("Search for at most %(limit)d words and phrases."),
            code="too_many_terms",
            params={"limit": MAX_TERMS},
        )
    positive = tuple(word for group in groups for term in group for word in term.words)
    phrase = Term(positive) if loose and len(positive) > 1 else None
    return Query(
        groups=tuple(tuple(group) for group in groups), excluded=tuple(excluded), phrase=phrase
    )
