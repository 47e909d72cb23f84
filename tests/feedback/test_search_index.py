"""The insights' search documents (feedback/services/search_index.py): written when an
insight is created, edited, merged or takes a post, and when its posts are edited."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from community import services as community
from feedback import services
from feedback.models import Insight, InsightSearch
from feedback.services import search_index
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post, reload
from tests.feedback.factories import kind

pytestmark = pytest.mark.django_db


def document(insight: Insight) -> InsightSearch:
    return InsightSearch.objects.get(insight=insight)


def captured(manager, category, body: str, **fields) -> Insight:
    post = first_post(ThreadFactory(category=category, body=body))
    return services.capture_feedback(actor=manager, post=post, kind=kind(), **fields)


def test_a_captured_insight_is_indexed_with_its_summary_and_posts_text(manager, ideas):
    insight = captured(
        manager,
        ideas,
        "Bitte den **Export** der Rechnungen nach DATEV anbieten.",
        title="DATEV-Export",
        summary="Buchhaltung braucht die Rechnungen jeden Monat.",
    )

    assert document(insight).title == "DATEV-Export"
    assert document(insight).body == (
        "Buchhaltung braucht die Rechnungen jeden Monat.\n"
        "Bitte den Export der Rechnungen nach DATEV anbieten."
    )
    assert document(insight).config == "german"


def test_a_post_captured_into_an_insight_joins_its_document(manager, ideas):
    insight = captured(manager, ideas, "Dark mode, please.")

    captured(manager, ideas, "My eyes hurt at night.", insight=insight)

    assert document(insight).body == "Dark mode, please.\nMy eyes hurt at night."


def test_a_merge_moves_the_posts_text_to_the_target(manager, ideas):
    source = captured(manager, ideas, "Export to Excel.", summary="From the source.")
    target = captured(manager, ideas, "Spreadsheet export.")

    services.merge_insights(actor=manager, source=source, target=target)

    # In the order the posts were captured: the source's came first.
    assert document(target).body == "Export to Excel.\nSpreadsheet export."
    assert document(source).body == "From the source."


def test_editing_a_captured_post_rewrites_its_insights_document(manager, ideas):
    insight = captured(manager, ideas, "Export to Excel.")
    post = reload(insight.insight_posts.get().post)

    community.edit_post(editor=post.author, post=post, body="Export to LibreOffice.")

    assert document(insight).body == "Export to LibreOffice."


def test_editing_a_post_that_feeds_nothing_writes_no_document(ideas):
    post = reload(first_post(ThreadFactory(category=ideas, body="Plain")))

    community.edit_post(editor=post.author, post=post, body="Still plain")

    assert not InsightSearch.objects.exists()


def test_an_insight_edited_in_the_admin_is_indexed_again(manager, ideas):
    from feedback.admin import InsightAdmin

    insight = captured(manager, ideas, "Export to Excel.")
    insight.title = "Spreadsheet export"
    request = RequestFactory().post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)

    InsightAdmin(Insight, admin.site).save_model(request, insight, form=None, change=True)

    assert document(insight).title == "Spreadsheet export"


def test_a_long_body_is_cut(manager, ideas, monkeypatch):
    monkeypatch.setattr(search_index, "MAX_BODY", 20)

    insight = captured(manager, ideas, "Export to Excel, and to many other formats.")

    assert document(insight).body == "Export to Excel, and"


def test_rebuilding_rewrites_every_insights_document(manager, ideas, monkeypatch):
    for body in ("Export to Excel.", "Dark mode.", "Gantt charts."):
        captured(manager, ideas, body)
    InsightSearch.objects.all().delete()
    monkeypatch.setattr(search_index, "BATCH_SIZE", 2)

    assert search_index.rebuild_insights() == 3
    assert sorted(InsightSearch.objects.values_list("body", flat=True)) == [
        "Dark mode.",
        "Export to Excel.",
        "Gantt charts.",
    ]
