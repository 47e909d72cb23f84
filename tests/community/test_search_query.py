"""The search box's language (community.search.query): words, "phrases", -exclusions, OR,
the last word as a prefix while typing, and the inputs it refuses."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from community.search.query import MAX_LENGTH, MAX_TERMS, Query, Term, parse


def word(text: str, *, prefix: bool = False) -> Term:
    return Term((text,), prefix=prefix)


def phrase(*texts: str) -> Term:
    return Term(texts)


def refused(text: str, **options) -> str:
    with pytest.raises(ValidationError) as caught:
        parse(text, **options)
    return caught.value.code


def test_every_word_must_match_in_lower_case():
    query = parse("Export CALENDAR")

    assert query.groups == ((word("export"),), (word("calendar"),))
    assert query.excluded == ()


def test_loose_words_are_also_ranked_as_a_phrase():
    assert parse("export calendar").phrase == phrase("export", "calendar")


def test_a_single_word_has_no_phrase_to_rank():
    assert parse("export").phrase is None


def test_quotes_keep_words_together_in_order():
    query = parse('"public holidays" export')

    assert query.groups == ((phrase("public", "holidays"),), (word("export"),))
    # The person chose their phrase; no other is ranked.
    assert query.phrase is None


def test_a_minus_excludes_a_word():
    query = parse("export -csv")

    assert query.groups == ((word("export"),),)
    assert query.excluded == (word("csv"),)


def test_a_minus_before_quotes_excludes_the_phrase():
    query = parse('export -"public holidays"')

    assert query.groups == ((word("export"),),)
    assert query.excluded == (phrase("public", "holidays"),)


def test_or_in_capitals_lets_either_word_match():
    query = parse("csv OR pdf export")

    assert query.groups == ((word("csv"), word("pdf")), (word("export"),))
    assert query.phrase is None


def test_or_in_lower_case_is_a_word_to_find():
    assert parse("csv or pdf").groups == ((word("csv"),), (word("or"),), (word("pdf"),))


def test_an_or_with_nothing_on_one_side_is_ignored():
    assert parse("OR csv OR").groups == ((word("csv"),),)


def test_an_or_does_not_join_a_word_to_an_exclusion():
    query = parse("csv OR -pdf export")

    assert query.groups == ((word("csv"),), (word("export"),))
    assert query.excluded == (word("pdf"),)


def test_words_joined_by_punctuation_are_a_phrase_of_their_parts():
    assert parse("e-mail").groups == ((phrase("e", "mail"),),)
    assert parse("v2.1").groups == ((phrase("v2", "1"),),)


def test_letters_with_umlauts_and_digits_are_words():
    assert parse("Übersicht 2024").groups == ((word("übersicht"),), (word("2024"),))


def test_fts5_keywords_are_plain_words():
    assert parse('and NOT "NEAR"').groups == ((word("and"),), (word("not"),), (word("near"),))


def test_no_word_is_a_prefix_unless_asked():
    assert parse("calendar exp").groups == ((word("calendar"),), (word("exp"),))


def test_the_last_word_is_a_prefix_while_typing_when_asked():
    query = parse("calendar exp", prefix_last=True)

    assert query.groups == ((word("calendar"),), (word("exp", prefix=True),))


@pytest.mark.parametrize(
    "typed",
    [
        "calendar exp ",  # a space: the word is finished
        "calendar exp.",  # so is it after punctuation
        "calendar exp?",
        '"calendar exp',  # inside a phrase
        '"calendar exp"',
        "calendar -exp",  # an exclusion
    ],
)
def test_the_last_word_is_no_prefix_once_typing_has_left_it(typed):
    query = parse(typed, prefix_last=True)

    assert not any(term.prefix for group in query.groups for term in group)
    assert not any(term.prefix for term in query.excluded)


def test_an_unclosed_quote_runs_to_the_end():
    query = parse('export "public holidays')

    assert query.groups == ((word("export"),), (phrase("public", "holidays"),))


def test_a_stray_quote_is_ignored():
    assert parse('export "').groups == ((word("export"),),)
    assert parse('ex"port').groups == ((phrase("ex", "port"),),)


@pytest.mark.parametrize("control", ["\x00", "\x01", "\t", "\n", "\x1f", "\x7f"])
def test_control_characters_separate_words(control):
    assert parse(f"export{control}calendar").groups == ((word("export"),), (word("calendar"),))


def test_a_query_of_control_characters_is_empty():
    assert refused("\x00\x00\x07") == "empty"


def test_a_query_of_the_longest_length_is_read():
    query = parse("a" * MAX_LENGTH)

    assert query.groups == ((word("a" * MAX_LENGTH),),)


@pytest.mark.parametrize("length", [MAX_LENGTH + 1, 1_000])
def test_a_longer_query_is_refused(length):
    assert refused("a" * length) == "too_long"


def test_the_length_limit_counts_characters_before_anything_is_dropped():
    assert refused("\x00" * 1_000) == "too_long"


@pytest.mark.parametrize("text", ["", "   ", "OR", "-", "--", '""', '-""', "- OR -", "!?", "…"])
def test_a_query_of_only_operators_or_punctuation_is_empty(text):
    assert refused(text) == "empty"


def test_a_query_that_only_excludes_is_empty():
    assert refused('-export -"public holidays"') == "empty"


def test_the_most_terms_are_read():
    query = parse(" ".join(f"w{n}" for n in range(MAX_TERMS - 1)) + " -x")

    assert len(query.groups) == MAX_TERMS - 1
    assert query.excluded == (word("x"),)


@pytest.mark.parametrize(
    "text",
    [
        " ".join(f"w{n}" for n in range(MAX_TERMS + 1)),
        " ".join(f"w{n}" for n in range(MAX_TERMS)) + " -x",
        " OR ".join(f"w{n}" for n in range(MAX_TERMS + 1)),
    ],
)
def test_more_terms_are_refused(text):
    assert refused(text) == "too_many_terms"


def test_the_refusals_speak_to_the_member():
    with pytest.raises(ValidationError) as too_long:
        parse("a" * 1_000)
    with pytest.raises(ValidationError) as empty:
        parse("-")

    assert too_long.value.messages == [f"Search for at most {MAX_LENGTH} characters."]
    assert empty.value.messages == ["Type at least one word to search for."]


def test_the_refusals_speak_german_to_a_german_member():
    with translation.override("de"):
        with pytest.raises(ValidationError) as too_long:
            parse("a" * 1_000)
        with pytest.raises(ValidationError) as empty:
            parse("-")
        with pytest.raises(ValidationError) as too_many:
            parse(" ".join(f"w{n}" for n in range(MAX_TERMS + 1)))

        assert too_long.value.messages == [f"Suche nach höchstens {MAX_LENGTH} Zeichen."]
        assert empty.value.messages == [
            "Gib mindestens ein Wort ein, nach dem gesucht werden soll."
        ]
        assert too_many.value.messages == [
            f"Suche nach höchstens {MAX_TERMS} Wörtern und Wortgruppen."
        ]


def test_positive_words_leave_out_exclusions():
    assert parse('csv OR pdf "public holidays" -draft').positive_words == [
        "csv",
        "pdf",
        "public",
        "holidays",
    ]


def test_an_equal_query_reads_the_same():
    assert parse("export -csv") == Query(groups=((word("export"),),), excluded=(word("csv"),))
