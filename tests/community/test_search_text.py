"""What search reads of a post (community.search.text, community.search.language): its
rendered Markdown as plain words, their stems, and the language it is written in."""

import pytest

from community import services
from community.search.language import detect
from community.search.text import COMMON_WORDS, config_for, plain_text, stems, words
from community.services.posts import render_body
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, reload

GERMAN = (
    "Wir haben die Feiertage im Kalender eingetragen, aber der Export zeigt nur einen "
    "Feiertag. Kann mir jemand sagen, woran das liegt?"
)
ENGLISH = (
    "We export the calendar every night, but the file misses the public holidays. "
    "Does anyone know why that happens?"
)


def plain(markdown: str) -> str:
    return plain_text(render_body(markdown).html)


def test_paragraphs_list_items_and_table_cells_do_not_run_together():
    text = plain(
        "# Heading\n\nFirst paragraph\n\n- item one\n- item two\n\n"
        "| plan | seats |\n|---|---|\n| Team | 10 |\n\n```\ncode\nblock\n```\nafter"
    )

    assert words(text) == [
        *("heading", "first", "paragraph", "item", "one", "item", "two"),
        *("plan", "seats", "team", "10", "code", "block", "after"),
    ]


def test_a_line_break_separates_words():
    assert words(plain("line  \nbreak")) == ["line", "break"]


def test_a_word_marked_up_in_part_stays_one_word():
    # "**Ex**port" shows as one word; read as "Ex port" it was not found by "export".
    text = plain("**Ex**port, pre*fix*, [link](https://example.com/)s and `code`s")

    assert words(text) == ["export", "prefix", "links", "and", "codes"]


def test_tags_are_dropped_and_text_about_tags_is_kept_as_text():
    text = plain("Why does `<script>` break **AT&T**'s page?")

    assert text == "Why does <script> break AT&T's page?"
    assert "strong" not in text and "code" not in text


def test_control_characters_become_spaces():
    assert plain_text("<p>one\x02two\x03three</p>") == "one two three"


def test_german_words_share_a_stem_with_their_plural_and_dative():
    assert len(set(stems(["Feiertag", "Feiertage", "Feiertagen"], "german"))) == 1


def test_english_words_share_a_stem_with_their_inflections():
    assert len(set(stems(["export", "exports", "exporting", "exported"], "english"))) == 1


def test_words_of_other_languages_are_only_lower_cased():
    assert stems(words("Exportations Fériés"), config_for("fr")) == ["exportations", "fériés"]


def test_common_words_of_both_languages_are_known():
    assert {"the", "and", "with", "und", "der", "nicht"} <= COMMON_WORDS
    assert "export" not in COMMON_WORDS


def test_german_text_is_detected_as_german():
    assert detect(GERMAN, fallback="en") == "de"


def test_english_text_is_detected_as_english():
    assert detect(ENGLISH, fallback="de") == "en"


@pytest.mark.parametrize("text", ["Danke!", "Thanks, works.", "+1", ""])
def test_short_text_takes_the_authors_language(text):
    assert detect(text, fallback="de") == "de"
    assert detect(text) == ""


def test_text_without_language_takes_the_authors_language():
    # py3langid answers "zxx" (no linguistic content) for strings like these, and is sure of it.
    assert detect("xqzvwkpl bgtrfdsa mnhjklpo", fallback="de") == "de"


def test_text_in_a_mix_of_languages_takes_the_authors_language():
    assert detect("Danke Thanks Merci Gracias Grazie Dank Obrigado", fallback="de") == "de"


@pytest.mark.django_db
def test_a_new_thread_stores_the_language_of_its_first_post():
    category = CategoryFactory()
    german = services.start_thread(
        author=UserFactory(language="en"), category=category, title="Feiertage", body=GERMAN
    )
    english = services.start_thread(
        author=UserFactory(language="de"), category=category, title="Holidays", body=ENGLISH
    )

    assert german.posts.get().language == "de"
    assert english.posts.get().language == "en"


@pytest.mark.django_db
def test_a_short_reply_stores_its_authors_language():
    thread = ThreadFactory(body=ENGLISH)

    author = UserFactory(language="de")

    reply = services.reply_to_thread(author=author, thread=thread, body="Danke!")

    assert reload(reply).language == "de"


@pytest.mark.django_db
def test_a_short_reply_by_an_author_without_a_language_has_none():
    thread = ThreadFactory(body=ENGLISH)

    reply = services.reply_to_thread(author=UserFactory(language=""), thread=thread, body="+1")

    assert reload(reply).language == ""


@pytest.mark.django_db
def test_an_edit_into_another_language_changes_the_stored_language():
    author = UserFactory(language="")
    thread = ThreadFactory(author=author, body=ENGLISH)
    post = thread.posts.get()

    services.edit_post(editor=author, post=reload(post), body=GERMAN)

    assert reload(post).language == "de"
