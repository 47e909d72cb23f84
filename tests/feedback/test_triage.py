"""Triage: unrouted feedback, the routing rules and the departments
(feedback/views/triage.py)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.models import RoutingRule
from tests.feedback.conftest import Page
from tests.feedback.factories import DepartmentFactory, InsightFactory, staff_of

pytestmark = pytest.mark.django_db


def row_of(html: str, text: str) -> str:
    """Return the table row that contains ``text``."""
    return next(row for row in html.split("<tr") if text in row)


# Inbox review: the triage list's route selects shared one id and had no labels.
def test_unrouted_route_selects_have_unique_ids_and_labels(client, manager):
    first, second = InsightFactory(title="First"), InsightFactory(title="Second")
    client.force_login(manager)

    html = client.get(reverse("feedback:unrouted")).content.decode()

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert 'id="id_department"' not in html
    for insight in (first, second):
        select_id = f"route_{insight.pk}_department"
        assert f'<select name="department" id="{select_id}" required>' in html
        assert re.search(rf'<label class="visually-hidden" for="{select_id}">[^<]+</label>', html)


# Inbox review: the triage list's route selects, each with its own id, still route.
def test_unrouted_route_select_offers_every_department_and_routes(client, manager, department):
    insight = InsightFactory()
    DepartmentFactory(name="Support")
    client.force_login(manager)

    html = client.get(reverse("feedback:unrouted")).content.decode()
    response = client.post(
        reverse("feedback:route", args=[insight.pk]), {"department": department.pk}
    )

    assert f'<option value="{department.pk}">Product</option>' in html
    assert ">Support</option>" in html
    assert response.status_code == 302
    insight.refresh_from_db()
    assert insight.department == department


# Inbox review: each row's route select must not cost queries of its own.
def test_unrouted_query_count_does_not_grow_with_rows(client, manager):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("feedback:unrouted")).status_code == 200
        return len(queries)

    client.force_login(manager)
    client.get(reverse("feedback:unrouted"))  # the first visit of the day writes activity rows
    InsightFactory()
    one = count()
    for _n in range(9):
        InsightFactory()
    assert count() == one


def unrouted_titles(response) -> list[str]:
    return [insight.title for insight in response.context["page"].object_list]


def test_the_triage_list_searches_unrouted_insights_by_stems(client, manager, department):
    InsightFactory(title="Exporting invoices", summary="Monthly, to DATEV.")
    InsightFactory(title="Lohnabrechnung", summary="Die Rechnungen fehlen jeden Monat im Export.")
    InsightFactory(title="Invoice layout", department=department)
    InsightFactory(title="Dark mode")
    client.force_login(manager)

    english = client.get(reverse("feedback:unrouted"), {"q": "invoice"})
    german = client.get(reverse("feedback:unrouted"), {"q": "Rechnung"})
    nothing = client.get(reverse("feedback:unrouted"), {"q": "roadmap"})

    assert english.status_code == 200
    assert unrouted_titles(english) == ["Exporting invoices"]
    assert unrouted_titles(german) == ["Lohnabrechnung"]
    assert unrouted_titles(nothing) == []
    assert "No unrouted feedback matches the search." in nothing.content.decode()
    assert 'name="q" value="invoice"' in english.content.decode()


def test_a_triage_search_that_cannot_be_searched_says_why_and_lists_nothing(client, manager):
    InsightFactory(title="Should stay hidden")
    client.force_login(manager)

    response = client.get(reverse("feedback:unrouted"), {"q": '-"only this"'})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Should stay hidden" not in html
    assert "Type at least one word to search for." in html
    assert "Fix the search to see feedback." in html


def test_department_staff_cannot_search_the_triage_list(client, staff):
    client.force_login(staff)

    assert client.get(reverse("feedback:unrouted"), {"q": "invoice"}).status_code == 403


def test_a_triage_search_runs_as_many_queries_for_12_matches_as_for_2(client, manager):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("feedback:unrouted"), {"q": "excel"})
            assert response.status_code == 200
        return len(queries), len(response.context["page"].object_list)

    client.force_login(manager)
    client.get(reverse("feedback:unrouted"))  # the first visit of the day writes activity rows
    for _n in range(2):
        InsightFactory(title="Export to Excel")
    two = count()
    for _n in range(10):
        InsightFactory(title="Export to Excel")
    assert count() == (two[0], 12)


# Feedback pages review: Move up/down named no rule, and inactive rules did not say so.
def test_rule_moves_name_their_rule_and_inactive_rules_say_so(client, manager, department):
    RoutingRule.objects.create(name="Bugs", department=department, keywords="bug")
    RoutingRule.objects.create(name="Old", department=department, keywords="x", is_active=False)
    client.force_login(manager)
    html = client.get(reverse("feedback:rule_list")).content.decode()
    page = Page(html)
    assert {"Move up: Bugs", "Move down: Bugs", "Move up: Old", "Move down: Old"} <= set(
        page.buttons
    )
    assert "(inactive)" in row_of(html, ">Old</a>")
    assert "(inactive)" not in row_of(html, ">Bugs</a>")


# Feedback pages review: departments without active staff offered in-app notices.
def test_departments_without_active_staff_offer_no_in_app_notice_and_say_so(client, manager):
    staffed = DepartmentFactory(name="Staffed")
    staff_of(staffed)
    DepartmentFactory(name="Empty", contact_email="")
    retired = DepartmentFactory(name="Retired")
    staff_of(retired, is_active=False)
    client.force_login(manager)

    html = client.get(reverse("feedback:department_list")).content.decode()

    warning = "No active staff: nobody gets in-app notices."
    assert "In-app" in row_of(html, ">Staffed<") and warning not in row_of(html, ">Staffed<")
    for name in ("Empty", "Retired"):
        assert "In-app" not in row_of(html, f">{name}<")
        assert warning in row_of(html, f">{name}<")
    assert "e-mail" in row_of(html, ">Retired<") and ", e-mail" not in row_of(html, ">Retired<")


# Feedback pages review: the departments page must cost no query per department.
def test_the_departments_page_query_count_does_not_grow_with_rows(client, manager):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("feedback:department_list")).status_code == 200
        return len(queries)

    client.force_login(manager)
    staff_of(DepartmentFactory())
    client.get(reverse("feedback:department_list"))  # the first visit writes activity rows
    one = count()
    for _n in range(5):
        staff_of(DepartmentFactory())
    assert count() == one
