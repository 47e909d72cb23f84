"""Other apps' search documents (community/services/search_documents.py) and their rebuild
by ``manage.py rebuild_search_index``."""

from io import StringIO

import pytest
from django.core.management import call_command

from community import hooks
from community.models import Post, PostSearch
from community.search.engine import filter_matches
from community.search.query import parse
from community.selectors.search import POST_INDEX
from community.services.search_documents import config_of, write_documents
from tests.community.factories import ThreadFactory, first_post

pytestmark = pytest.mark.django_db


def found(text: str) -> list[int]:
    matches = filter_matches(Post.objects.all(), parse(text), index=POST_INDEX)
    return list(matches.order_by("-search_rank").values_list("pk", flat=True))


# The writer is generic: the posts' own document model serves to try it on both engines.
def test_written_documents_are_found_by_their_stems_in_their_language():
    english, german = first_post(ThreadFactory()), first_post(ThreadFactory())

    written = write_documents(
        [
            PostSearch(post_id=english.pk, config="english", title="", body="Invoices arrived"),
            PostSearch(post_id=german.pk, config="german", title="", body="Die Rechnungen fehlen"),
        ],
        fts_table="community_post_fts",
    )

    assert written == 2
    assert found("invoice") == [english.pk]
    assert found("Rechnung") == [german.pk]


def test_rewriting_a_document_replaces_what_is_found():
    post = first_post(ThreadFactory())
    write_documents(
        [PostSearch(post_id=post.pk, config="english", title="", body="old words")],
        fts_table="community_post_fts",
    )

    write_documents(
        [PostSearch(post_id=post.pk, config="english", title="Fresh", body="new text")],
        fts_table="community_post_fts",
    )

    assert found("old") == []
    assert found("fresh text") == [post.pk]
    assert PostSearch.objects.get(pk=post.pk).title == "Fresh"


def test_the_first_field_weighs_most():
    in_title, in_body = first_post(ThreadFactory()), first_post(ThreadFactory())
    write_documents(
        [
            PostSearch(post_id=in_body.pk, config="english", title="Other", body="a dashboard"),
            PostSearch(post_id=in_title.pk, config="english", title="Dashboard", body="words"),
        ],
        fts_table="community_post_fts",
    )

    assert found("dashboard") == [in_title.pk, in_body.pk]


def test_both_engines_read_the_words_as_the_queries_do():
    post = first_post(ThreadFactory())

    write_documents(
        [PostSearch(post_id=post.pk, config="english", title="", body="See www.example.com <b>")],
        fts_table="community_post_fts",
    )

    assert found("example") == [post.pk]
    assert found("b") == [post.pk]


def test_nothing_to_write_writes_nothing():
    assert write_documents([], fts_table="community_post_fts") == 0


def test_the_configuration_follows_the_detected_language_else_the_fallback():
    assert config_of("Die Rechnungen für den letzten Monat fehlen immer noch.") == "german"
    assert config_of("The invoices for last month are still missing.") == "english"
    assert config_of("Rechnung", fallback="de") == "german"
    assert config_of("Rechnung") == "simple"


def test_the_rebuild_command_rebuilds_what_other_apps_registered(monkeypatch):
    ThreadFactory()
    monkeypatch.setattr(
        hooks, "search_documents", [hooks.SearchDocuments(name="widgets", rebuild=lambda: 7)]
    )
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert "Indexed 1 posts" in out.getvalue()
    assert "Indexed 7 widgets" in out.getvalue()
