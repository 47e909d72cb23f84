"""Searching the forum (community.selectors.search) through the services that write it.

The same tests run on SQLite (FTS5, ``make test``) and on PostgreSQL (tsvector, CI):
what a member finds, in which order and with which passage must not depend on
the database.
"""

import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from community import services
from community.models import Post, ReactionKind, Thread, Visibility
from community.search.query import parse
from community.selectors.search import (
    Filters,
    Sort,
    attach_passages,
    search_posts,
    similar_threads,
)
from community.services import search_index
from community.services.posts import render_body
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, TagFactory, reload
from tests.conftest import held_thread

pytestmark = pytest.mark.django_db

#: Sentences that give a post enough words to be detected as English, about nothing searched.
ENGLISH = "Our team has been using the planning board for a few months now and it is great."
GERMAN = "Unser Team arbeitet seit ein paar Monaten mit der Planungstafel und ist zufrieden."


@pytest.fixture
def member():
    return UserFactory(language="en")


@pytest.fixture
def moderator():
    return UserFactory(role=Role.MODERATOR, language="en")


@pytest.fixture
def category():
    return CategoryFactory()


def start(title: str, body: str, *, category=None, author=None, **kwargs) -> Thread:
    """Start a thread through the service, in a new public category unless given one."""
    return services.start_thread(
        author=author or UserFactory(language="en"),
        category=category or CategoryFactory(),
        title=title,
        body=body,
        **kwargs,
    )


def reply(thread: Thread, body: str, *, author=None) -> Post:
    return services.reply_to_thread(
        author=author or UserFactory(language="en"), thread=thread, body=body
    )


def first(thread: Thread) -> Post:
    return reload(thread.posts.get(number=1))


def search(viewer, text: str, **options) -> list[Post]:
    return list(search_posts(viewer=viewer, query=parse(text), **options))


def found(viewer, text: str, **options) -> list[str]:
    """The titles of the threads ``viewer`` finds for ``text``, best first."""
    return [post.thread.title for post in search(viewer, text, **options)]


def passages(viewer, text: str) -> list[Post]:
    query = parse(text)
    posts = list(search_posts(viewer=viewer, query=query))
    attach_passages(posts, query)
    return posts


# Words, stems and languages


def test_a_german_word_finds_its_other_forms(member):
    start("Feiertag fehlt im Export", f"{GERMAN} Der Export zeigt keinen Feiertag.")
    start("Kalender ohne Feiertagen", f"{GERMAN} Im Kalender fehlen alle Feiertagen.")
    start("Urlaub eintragen", f"{GERMAN} Wie trage ich meinen Urlaub ein?")

    assert sorted(found(member, "Feiertage")) == [
        "Feiertag fehlt im Export",
        "Kalender ohne Feiertagen",
    ]


def test_an_english_word_finds_its_other_forms(member):
    start("Export to Excel", f"{ENGLISH} The export button is missing.")
    start("Printing the plan", f"{ENGLISH} How do I print the board?")

    assert found(member, "exporting") == ["Export to Excel"]
    assert found(member, "exports") == ["Export to Excel"]


def test_each_post_is_searched_with_the_stems_of_its_own_language(member):
    # Only English stems join "holidays" to "holiday", only German ones "Feiertagen" to
    # "Feiertag".
    english = start("Board questions", f"{ENGLISH} The board shows no public holidays.")
    german = start("Fragen zur Tafel", f"{GERMAN} Die Tafel zeigt keine Feiertagen.")

    assert first(english).language == "en"
    assert first(german).language == "de"
    assert found(member, "holiday") == ["Board questions"]
    assert found(member, "Feiertag") == ["Fragen zur Tafel"]


def test_a_word_of_both_languages_finds_posts_in_both(member):
    start("Export to Excel", f"{ENGLISH} The export button is missing.")
    start("Exporte nach Excel", f"{GERMAN} Die Exporte nach Excel sind leer.")

    assert sorted(found(member, "export")) == ["Export to Excel", "Exporte nach Excel"]


def test_an_excluded_word_is_excluded_in_every_language(member):
    start("Calendar export", f"{ENGLISH} The calendar export is missing holidays.")
    start("Calendar printing", f"{ENGLISH} The calendar printout is too small.")
    start("Kalender exportieren", f"{GERMAN} Beim Kalender fehlen im Export die Feiertagen.")
    start("Kalender drucken", f"{GERMAN} Der Kalender wird beim Drucken zu klein.")

    assert found(member, "calendar -exporting") == ["Calendar printing"]
    assert found(member, "Kalender -Feiertage") == ["Kalender drucken"]


def test_a_post_too_short_to_tell_is_searched_in_its_authors_language(member):
    thread = start("Feiertage im Kalender", f"{GERMAN} Die Tafel zeigt keine Feiertage.")
    reply(thread, "Feiertagen!", author=UserFactory(language="de"))

    assert found(member, "Feiertag", filters=Filters(thread=thread)) == [thread.title] * 2


def test_common_words_in_a_query_need_not_be_in_the_post(member):
    # PostgreSQL leaves English and German stop words out; SQLite once wanted every one of
    # them in the post, so that "how to export" did not find this thread there.
    start("Export is slow", f"{ENGLISH} The export takes an hour.")
    start("Export ist langsam", f"{GERMAN} Der Export dauert eine Stunde.")

    assert found(member, "how to export") == ["Export is slow"]
    assert found(member, "wie ist der Export") == ["Export ist langsam"]


def test_a_query_of_only_common_words_finds_nothing(member):
    start("Export is slow", f"{ENGLISH} The export takes an hour and it is a problem.")

    assert found(member, "the") == []
    assert found(member, "it is") == []


def test_an_excluded_common_word_excludes_nothing(member):
    start("Export is slow", f"{ENGLISH} The export takes an hour.")

    assert found(member, "export -the") == ["Export is slow"]


def test_a_quoted_phrase_of_common_and_other_words_is_found(member):
    start("Not near enough", f"{ENGLISH} The marker is not near the border of the board.")

    assert found(member, '"not near the border"') == ["Not near enough"]


@pytest.mark.parametrize(
    "query",
    ["not", "NOT", "and", "AND", "or", "near", "NEAR", '"NOT"', '"and"', '"AND NOT"', "lang"],
)
def test_words_that_are_fts5_operators_are_found_as_words(member, query):
    start(
        "Schaltplan mit Gattern",
        f"{GERMAN} Im Schaltplan steht ein AND NOT Gatter, ein OR Baustein und ein NEAR "
        "Modus; das Kabel ist zu lang.",
    )
    start("Urlaub eintragen", f"{GERMAN} Wie trage ich meinen Urlaub ein?")

    assert found(member, query) == ["Schaltplan mit Gattern"]


@pytest.mark.parametrize("query", ["de", "en", "xx", "lang"])
def test_a_posts_language_is_not_a_word_of_it(member, query):
    start("Export is slow", f"{ENGLISH} The export takes an hour.")
    start("Export ist langsam", f"{GERMAN} Der Export dauert eine Stunde.")

    assert found(member, query) == []


def test_numbers_are_words(member):
    start("Release notes", f"{ENGLISH} Version 2024 brings the new timeline view.")

    assert found(member, "2024") == ["Release notes"]
    assert found(member, "2025") == []


@pytest.mark.parametrize("query", ["v2.1", '"v2.1"', "V2.1", "1.5"])
def test_a_version_number_is_found_as_written(member, query):
    # PostgreSQL's parser read "v2.1" and "1.5" as single tokens, the query as their parts.
    start("Release notes", f"{ENGLISH} Version v2.1 makes the board 1.5 times faster.")

    assert found(member, query) == ["Release notes"]


@pytest.mark.parametrize("query", ["example", "example.com", "docs", "support", "e-mail"])
def test_the_words_of_an_address_are_found(member, query):
    # PostgreSQL's parser read host names, URLs and e-mail addresses as single tokens.
    start(
        "Where are the docs",
        f"{ENGLISH} Read www.example.com/docs or e-mail support@example.com for help.",
    )

    assert found(member, query) == ["Where are the docs"]


@pytest.mark.parametrize("query", ["Übersicht", "übersicht", "Größe", "Straße", "Strasse"])
def test_words_with_umlauts_and_sharp_s_are_found(member, query):
    start("Größe der Übersicht", f"{GERMAN} Die Übersicht zeigt die Straße in falscher Größe.")

    assert found(member, query) == ["Größe der Übersicht"]


def test_a_very_long_word_is_found(member):
    long_word = "supercalifragilistic" * 7
    start("A long word", f"{ENGLISH} Someone wrote {long_word} into the board.")

    assert found(member, long_word) == ["A long word"]
    assert found(member, long_word[:-1] + "x") == []


def test_markdown_punctuation_does_not_hide_words(member):
    start("Export help", f"{ENGLISH} Use the **Ex**port button, then `save` and *share*.")

    assert found(member, "export save share") == ["Export help"]


# Ranking


def test_a_word_in_a_title_ranks_above_the_same_word_in_a_body(member):
    start("Calendar export", f"{ENGLISH} It stopped working yesterday.")
    start("Something broke", f"{ENGLISH} The calendar export stopped working yesterday.")

    assert found(member, "export") == ["Calendar export", "Something broke"]


def test_the_words_as_a_phrase_rank_above_the_same_words_apart(member):
    # The same words, so the same rank but for the phrase: on a tie the newer comes first.
    start(
        "Planning help",
        f"{ENGLISH} After the review we plan the board, and public holidays come last.",
    )
    start(
        "Weekly planning",
        f"{ENGLISH} After the public review we plan the board, and holidays come last.",
    )

    assert found(member, "public holidays") == ["Planning help", "Weekly planning"]


@pytest.fixture
def questions(member):
    """Two Q&A threads whose only answer says "baseline", the older one first."""
    category = CategoryFactory(is_qa=True)
    threads = []
    for title in ("Older question", "Newer question"):
        thread = start(title, f"{ENGLISH} How do we compare plans?", category=category)
        reply(thread, f"{ENGLISH} Save a baseline before you change the plan.")
        threads.append(thread)
    assert found(member, "baseline") == ["Newer question", "Older question"]
    return threads


def test_an_accepted_answer_ranks_higher(member, questions):
    older, _newer = questions

    services.accept_answer(actor=older.author, post=older.posts.get(number=2))

    assert found(member, "baseline") == ["Older question", "Newer question"]


def test_an_official_answer_ranks_higher(member, questions):
    older, _newer = questions

    # The feedback app sets the flag when a department answers publicly.
    Thread.objects.filter(pk=older.pk).update(has_official_answer=True)

    assert found(member, "baseline") == ["Older question", "Newer question"]


def test_reactions_rank_higher(member, questions):
    older, _newer = questions
    answer = older.posts.get(number=2)

    for _ in range(3):
        services.toggle_reaction(user=UserFactory(), post=answer, kind=ReactionKind.LIKE)

    assert found(member, "baseline") == ["Older question", "Newer question"]


def test_a_better_match_still_ranks_above_every_lift(member, questions):
    older, _newer = questions
    answer = older.posts.get(number=2)
    services.accept_answer(actor=older.author, post=answer)
    Thread.objects.filter(pk=older.pk).update(has_official_answer=True)
    for _ in range(12):
        services.toggle_reaction(user=UserFactory(), post=answer, kind=ReactionKind.LIKE)

    start("Baseline", f"{ENGLISH} Nobody here can help with that, sorry.")

    assert found(member, "baseline")[:2] == ["Baseline", "Older question"]


def test_newest_first_ignores_how_well_a_post_matches(member):
    start("Calendar export", f"{ENGLISH} The calendar export is broken.")
    start("Something else", f"{ENGLISH} By the way, export works for me.")

    assert found(member, "export", sort=Sort.NEWEST) == ["Something else", "Calendar export"]


def test_most_reactions_first(member):
    liked = start("Slow board", f"{ENGLISH} The export takes an hour.")
    start("Export works", f"{ENGLISH} The export is fast for us.")
    for _ in range(2):
        services.toggle_reaction(user=UserFactory(), post=first(liked), kind=ReactionKind.LIKE)

    assert found(member, "export") == ["Export works", "Slow board"]
    assert found(member, "export", sort=Sort.REACTIONS) == ["Slow board", "Export works"]


def test_a_thread_is_found_once_by_its_best_post(member):
    thread = start("Board questions", f"{ENGLISH} Where is the export?")
    reply(thread, f"{ENGLISH} Export, export, export: the export is under Share.")
    reply(thread, f"{ENGLISH} The export menu moved.")

    results = search(member, "export")

    assert [post.thread for post in results] == [thread]
    assert results[0].number == 2
    assert search_posts(viewer=member, query=parse("export")).count() == 1


def test_a_thread_filter_finds_each_of_its_posts_best_first(member):
    thread = start("Export questions", f"{ENGLISH} Where is the export?")
    reply(thread, f"{ENGLISH} The export is under Share.")
    reply(thread, f"{ENGLISH} Nobody knows.")
    start("Other export", f"{ENGLISH} The export is broken.")

    results = search(member, "export", filters=Filters(thread=thread))

    # The title makes the first post the best; on a tie the newer would come first.
    assert [post.number for post in results] == [1, 2]


# Filters


def test_filters_by_category(member, category):
    start("Export here", f"{ENGLISH} The export is broken.", category=category)
    start("Export there", f"{ENGLISH} The export is broken.")

    assert found(member, "export", filters=Filters(category=category)) == ["Export here"]


def test_filters_by_tag(member):
    tag = TagFactory(name="timeline")
    start("Export tagged", f"{ENGLISH} The export is broken.", tags=["timeline"])
    start("Export untagged", f"{ENGLISH} The export is broken.")

    assert found(member, "export", filters=Filters(tag=tag)) == ["Export tagged"]


def test_filters_by_author(member):
    author = UserFactory(language="en")
    thread = start("Export question", f"{ENGLISH} Where is the export?")
    reply(thread, f"{ENGLISH} The export is under Share.", author=author)
    start("Export elsewhere", f"{ENGLISH} The export is broken.")

    results = search(member, "export", filters=Filters(author=author))

    assert [(post.thread.title, post.author) for post in results] == [("Export question", author)]


def test_filters_by_day_from_and_until_inclusive(member):
    today = timezone.localdate()
    days = {}
    for age in (10, 5, 0):
        thread = start(f"Export {age} days ago", f"{ENGLISH} The export is broken.")
        day = today - datetime.timedelta(days=age)
        Post.objects.filter(thread=thread).update(
            created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        )
        days[age] = day

    after = Filters(after=days[5])
    before = Filters(before=days[5])
    between = Filters(after=days[10], before=days[5])

    assert found(member, "export", filters=after) == ["Export 0 days ago", "Export 5 days ago"]
    assert found(member, "export", filters=before) == ["Export 5 days ago", "Export 10 days ago"]
    assert found(member, "export", filters=between) == ["Export 5 days ago", "Export 10 days ago"]


def test_filters_solved_and_unsolved_questions(member):
    qa = CategoryFactory(is_qa=True)
    solved = start("Solved export", f"{ENGLISH} Where is the export?", category=qa)
    answer = reply(solved, f"{ENGLISH} Under Share.")
    services.accept_answer(actor=solved.author, post=answer)
    start("Open export", f"{ENGLISH} Where is the export?", category=qa)
    start("Export talk", f"{ENGLISH} The export is nice.")

    assert found(member, "export", filters=Filters(solved=True)) == ["Solved export"]
    assert found(member, "export", filters=Filters(solved=False)) == ["Open export"]


def test_filters_threads_with_an_official_answer(member):
    answered = start("Answered export", f"{ENGLISH} Where is the export?")
    Thread.objects.filter(pk=answered.pk).update(has_official_answer=True)
    start("Unanswered export", f"{ENGLISH} Where is the export?")

    assert found(member, "export", filters=Filters(official=True)) == ["Answered export"]


# Who finds what


@pytest.fixture
def categories():
    return {visibility: CategoryFactory(visibility=visibility) for visibility in Visibility.values}


@pytest.fixture
def everywhere(categories, moderator):
    """A thread about "roadmap" in a public, a members-only and an internal category."""
    for visibility, category in categories.items():
        start(
            f"Roadmap {visibility}", f"{ENGLISH} The roadmap.", category=category, author=moderator
        )


def test_a_visitor_finds_only_public_posts(everywhere):
    visitor = AnonymousUser()

    assert found(visitor, "roadmap") == ["Roadmap public"]
    assert search_posts(viewer=visitor, query=parse("roadmap")).count() == 1


def test_a_member_never_finds_internal_posts(everywhere, member):
    assert sorted(found(member, "roadmap")) == ["Roadmap members", "Roadmap public"]
    assert search_posts(viewer=member, query=parse("roadmap")).count() == 2


def test_staff_find_internal_posts(everywhere, moderator):
    assert sorted(found(moderator, "roadmap")) == [
        "Roadmap internal",
        "Roadmap members",
        "Roadmap public",
    ]


def test_similar_threads_never_suggest_what_the_viewer_may_not_see(everywhere, member):
    visitor = AnonymousUser()

    assert [thread.title for thread in similar_threads(viewer=visitor, title="Roadmap")] == [
        "Roadmap public"
    ]
    assert sorted(t.title for t in similar_threads(viewer=member, title="Roadmap")) == [
        "Roadmap members",
        "Roadmap public",
    ]


def test_nobody_finds_a_post_held_for_approval_until_it_is_approved(hold, member, moderator):
    thread = start("Roadmap", f"{ENGLISH} The plan.")
    held = reply(thread, f"{ENGLISH} The secret roadmap [hold]")
    author = held.author

    for viewer in (member, moderator, author):
        assert found(viewer, "secret") == []
        assert search_posts(viewer=viewer, query=parse("secret")).count() == 0

    services.approve_post(actor=moderator, post=reload(held))

    assert found(member, "secret") == ["Roadmap"]


def test_nobody_finds_the_posts_of_a_thread_held_for_approval(hold, moderator):
    author = UserFactory(language="en")
    thread = held_thread(author, CategoryFactory(), title="Secret launch plans")

    for viewer in (author, moderator):
        assert found(viewer, "launch") == []
        assert found(viewer, "plans") == []
        assert search_posts(viewer=viewer, query=parse("plans")).count() == 0

    services.approve_post(actor=moderator, post=first(thread))

    assert found(author, "launch") == ["Secret launch plans"]


def test_nobody_finds_a_reply_in_a_thread_held_for_approval(reply_in_held_thread, moderator):
    author = reply_in_held_thread.author

    for viewer in (author, moderator):
        assert found(viewer, "draft") == []
        assert search_posts(viewer=viewer, query=parse("draft")).count() == 0


def test_a_hidden_post_is_found_again_once_unhidden(member, moderator):
    thread = start("Roadmap", f"{ENGLISH} The plan.")
    post = reply(thread, f"{ENGLISH} Buy cheap watches here.")

    services.hide_post(actor=moderator, post=reload(post), reason="Spam")

    for viewer in (member, moderator, post.author):
        assert found(viewer, "watches") == []
        assert search_posts(viewer=viewer, query=parse("watches")).count() == 0

    services.unhide_post(actor=moderator, post=reload(post))

    assert found(member, "watches") == ["Roadmap"]


def test_a_deleted_post_is_found_again_once_restored(member, moderator):
    thread = start("Roadmap", f"{ENGLISH} The plan.")
    post = reply(thread, f"{ENGLISH} The timeline slips by a week.")

    services.delete_post(actor=post.author, post=reload(post))

    for viewer in (member, moderator, post.author):
        assert found(viewer, "timeline") == []
        assert search_posts(viewer=viewer, query=parse("timeline")).count() == 0

    services.restore_post(actor=moderator, post=reload(post))

    assert found(member, "timeline") == ["Roadmap"]


def test_a_thread_moved_into_an_internal_category_is_found_by_staff_only(member, moderator):
    public = CategoryFactory()
    internal = CategoryFactory(visibility=Visibility.INTERNAL)
    thread = start("Roadmap", f"{ENGLISH} The plan.", category=public)

    services.move_thread(actor=moderator, thread=thread, category=internal)

    assert found(member, "roadmap") == []
    assert search_posts(viewer=member, query=parse("roadmap")).count() == 0
    assert found(moderator, "roadmap") == ["Roadmap"]

    services.move_thread(actor=moderator, thread=thread, category=public)

    assert found(member, "roadmap") == ["Roadmap"]


def test_a_merged_threads_posts_are_found_in_the_thread_they_joined(member, moderator):
    source = start("Export duplicate", f"{ENGLISH} The spreadsheet export is broken.")
    reply(source, f"{ENGLISH} The spreadsheet export is empty for us too.")
    target = start("Export problems", f"{ENGLISH} Exports stopped working.")

    services.merge_threads(actor=moderator, source=source, target=target)

    results = search(member, "spreadsheet", filters=Filters(thread=target))
    assert [post.thread_id for post in results] == [target.pk, target.pk]
    assert [post.thread for post in search(member, "spreadsheet")] == [target]
    assert search(member, "spreadsheet", filters=Filters(thread=source)) == []


def test_a_merged_threads_title_no_longer_finds_anything(member, moderator):
    source = start("Duplicate about spreadsheets", f"{ENGLISH} The export is broken.")
    target = start("Export problems", f"{ENGLISH} Exports stopped working.")

    services.merge_threads(actor=moderator, source=source, target=target)

    assert found(member, "duplicate") == []
    assert found(member, "export") == ["Export problems"]


def test_counts_never_include_what_the_viewer_may_not_find(categories, hold, member, moderator):
    public = start("Roadmap", f"{ENGLISH} The roadmap.", category=categories["public"])
    start(
        "Roadmap internal",
        f"{ENGLISH} The roadmap.",
        category=categories["internal"],
        author=moderator,
    )
    reply(public, f"{ENGLISH} A roadmap draft [hold]")
    hidden = start("Roadmap spam", f"{ENGLISH} The roadmap.")
    services.hide_post(actor=moderator, post=first(hidden), reason="Spam")
    deleted = start("Roadmap deleted", f"{ENGLISH} The roadmap.")
    services.delete_post(actor=moderator, post=first(deleted))

    results = search_posts(viewer=member, query=parse("roadmap"))

    assert results.count() == len(list(results)) == 1


# Keeping the index in step


def test_an_edit_changes_what_finds_the_post(member):
    thread = start("Board questions", f"{ENGLISH} The export is broken.")
    post = first(thread)

    services.edit_post(editor=post.author, post=post, body=f"{ENGLISH} The timeline is broken.")

    assert found(member, "export") == []
    assert found(member, "timeline") == ["Board questions"]


def test_a_new_thread_title_finds_the_thread(member):
    thread = start("Board questions", f"{ENGLISH} Something is broken.")
    post = first(thread)

    services.edit_post(editor=post.author, post=post, body=post.body, title="Timeline trouble")

    assert found(member, "timeline") == ["Timeline trouble"]
    assert found(member, "questions") == []


def test_a_new_title_is_not_given_to_the_replies(member):
    thread = start("Board questions", f"{ENGLISH} Something is broken.")
    reply(thread, f"{ENGLISH} Same here.")
    post = first(thread)

    services.edit_post(editor=post.author, post=post, body=post.body, title="Timeline trouble")

    assert [p.number for p in search(member, "timeline", filters=Filters(thread=thread))] == [1]


def test_rebuilding_the_index_reports_progress_and_finds_the_same(member, monkeypatch):
    for n in range(3):
        thread = start(f"Export {n}", f"{ENGLISH} The export is broken.")
        reply(thread, f"{ENGLISH} The export is broken for us too.")
    before = search(member, "export")
    monkeypatch.setattr(search_index, "BATCH_SIZE", 4)
    out = io.StringIO()

    call_command("rebuild_search_index", stdout=out)

    after = search(member, "export")
    assert [post.pk for post in after] == [post.pk for post in before]
    assert [post.search_rank for post in after] == pytest.approx(
        [post.search_rank for post in before]
    )
    assert out.getvalue().splitlines()[:2] == ["  4 of 6 posts", "  6 of 6 posts"]
    assert "Indexed 6 posts for search" in out.getvalue()


def bulk_reply(thread: Thread, body: str) -> Post:
    """A reply written as bulk loaders write them: the row only, no search document."""
    thread = first(thread).thread
    return Post.objects.create(
        thread=thread,
        number=thread.last_post_number + 1,
        author=thread.author,
        body=body,
        html=render_body(body).html,
    )


def test_posts_written_in_bulk_are_found_once_the_missing_are_indexed(member):
    thread = start("Roadmap", f"{ENGLISH} The plan.")
    bulk_reply(thread, f"{ENGLISH} The timeline slips.")
    assert found(member, "timeline") == []

    assert search_index.index_missing() == 1
    assert search_index.index_missing() == 0
    assert found(member, "timeline") == ["Roadmap"]


def test_rebuilding_the_index_finds_posts_written_in_bulk(member):
    thread = start("Roadmap", f"{ENGLISH} The plan.")
    bulk_reply(thread, f"{ENGLISH} The timeline slips.")

    call_command("rebuild_search_index", stdout=io.StringIO())

    assert found(member, "timeline") == ["Roadmap"]
    assert found(member, "plan") == ["Roadmap"]


# Passages


def test_the_words_found_are_marked_in_the_passage(member):
    start("Board questions", f"{ENGLISH} We keep exporting the board, but the export is empty.")

    [post] = passages(member, "export")

    assert post.body_passage.count("<mark>") == 2
    assert "<mark>exporting</mark>" in post.body_passage
    assert "<mark>export</mark>" in post.body_passage


def test_a_long_post_shows_the_passage_around_its_words(member):
    filler = " ".join(["Nothing to see here."] * 40)
    start("Board questions", f"{ENGLISH} {filler} The export is empty. {filler}")

    [post] = passages(member, "export")

    assert "<mark>export</mark>" in post.body_passage
    assert post.body_passage.startswith("…")
    assert post.body_passage.endswith("…")
    assert len(post.body_passage) < 400


def test_html_in_a_post_is_escaped_in_its_passage(member):
    start("Board questions", f"{ENGLISH} Why does `<script>` break the **export** page?")

    [post] = passages(member, "script")

    assert "&lt;<mark>script</mark>&gt;" in post.body_passage
    assert "<script" not in post.body_passage
    assert "<strong>" not in post.body_passage


def test_a_title_is_shown_whole_with_its_words_marked(member):
    title = "Export " + " ".join(f"w{n}" for n in range(40))
    start(title, f"{ENGLISH} Something is broken.")

    [post] = passages(member, "export")

    assert post.title_passage == "<mark>Export</mark> " + title.removeprefix("Export ")


def test_a_passage_that_reaches_the_end_keeps_the_last_punctuation(member):
    start('Why "Export" fails (again)?', f"{ENGLISH} Why does the export stop at row 1,000?")

    [post] = passages(member, "export")

    assert post.title_passage == 'Why "<mark>Export</mark>" fails (again)?'.replace('"', "&quot;")
    assert post.body_passage.endswith("row 1,000?")


def test_a_reply_has_no_title_passage(member):
    thread = start("Board questions", f"{ENGLISH} Something is broken.")
    reply(thread, f"{ENGLISH} The export is broken here too.")

    [post] = passages(member, "export")

    assert post.number == 2
    assert post.title_passage is None


def test_control_characters_in_a_title_do_not_break_the_passage(member):
    # \x02 and \x03 were the passage's own markers: a title holding them opened a <mark>.
    start("Export\x02 \x03trouble", f"{ENGLISH} Something is broken.")

    [post] = passages(member, "export")

    assert post.title_passage == "<mark>Export</mark> trouble"


def test_passages_take_the_same_queries_for_3_and_30_results(member):
    def queries_for_a_page() -> int:
        query = parse("export")
        with CaptureQueriesContext(connection) as context:
            posts = list(search_posts(viewer=member, query=query)[:50])
            attach_passages(posts, query)
        return len(context.captured_queries), len(posts)

    for n in range(3):
        start(f"Export {n}", f"{ENGLISH} The export is broken.")
    # The viewer's permissions are loaded once, by whichever query comes first.
    assert member.has_perm("accounts.view_internal_categories") is False
    queries, results = queries_for_a_page()
    assert results == 3

    for n in range(3, 30):
        start(f"Export {n}", f"{ENGLISH} The export is broken.")

    assert queries_for_a_page() == (queries, 30)


# Similar threads


def similar(viewer, title: str) -> list[str]:
    return [thread.title for thread in similar_threads(viewer=viewer, title=title)]


def test_similar_threads_share_a_word_of_the_title(member):
    start("Calendar export fails", f"{ENGLISH} Since Monday.")
    start("Printing the board", f"{ENGLISH} Since Monday.")

    assert similar(member, "Exporting the calendar") == ["Calendar export fails"]


def test_similar_threads_rank_threads_sharing_more_words_first(member):
    start("Calendar export fails", f"{ENGLISH} Since Monday.")
    start("Calendar colours", f"{ENGLISH} Since Monday.")

    assert similar(member, "Calendar export") == ["Calendar export fails", "Calendar colours"]


def test_similar_threads_read_the_last_word_as_typed_so_far(member):
    start("Dashboard is slow", f"{ENGLISH} Since Monday.")

    assert similar(member, "My dashbo") == ["Dashboard is slow"]
    # A space or punctuation after it says the word is complete.
    assert similar(member, "My dashbo ") == []
    assert similar(member, "My dashbo?") == []


def test_similar_threads_ignore_common_words(member):
    start("What is the best way to do it", f"{ENGLISH} We would like to know.")

    assert similar(member, "What is the best way") == ["What is the best way to do it"]
    assert similar(member, "What is the") == []
    assert similar(member, "Wie ist der") == []


def test_similar_threads_need_a_word(member):
    start("Calendar export", f"{ENGLISH} Since Monday.")

    assert similar(member, "") == []
    assert similar(member, "?!") == []


def test_similar_threads_come_from_the_first_post_and_title_only(member):
    thread = start("Calendar export", f"{ENGLISH} Since Monday.")
    reply(thread, f"{ENGLISH} The dashboard is slow too.")

    assert similar(member, "Dashboard") == []
