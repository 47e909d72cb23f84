"""The inbox, its CSV export, the triage list and the insight actions, after review."""

import csv
import io
import re

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from feedback import services
from feedback.models import FeedbackKind, InsightPost
from tests.community.factories import TagFactory, ThreadFactory, first_post
from tests.feedback.factories import DepartmentFactory, InsightFactory, kind

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def insight(manager, department, post):
    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    insight.refresh_from_db()
    return insight


def export_rows(client, **query) -> list[list[str]]:
    response = client.get(reverse("feedback:inbox_export"), query)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_export_quotes_formulas_in_tags_kind_and_department(client, manager):
    department = DepartmentFactory(name="@SUM(1+1)*cmd|' /C calc'!A0")
    evil_kind = FeedbackKind.objects.create(slug="evil", name="+HYPERLINK(evil)")
    insight = InsightFactory(title="Plain", kind=evil_kind, department=department)
    insight.tags.add(TagFactory(name="=cmd|' /C calc'!A0"))
    client.force_login(manager)

    header, row = export_rows(client)

    cells = dict(zip(header, row, strict=True))
    assert cells["tags"] == "'=cmd|' /C calc'!A0"
    assert cells["kind"] == "'+HYPERLINK(evil)"
    assert cells["department"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert cells["title"] == "Plain"


def test_csv_export_tags_cell_never_starts_a_formula_whatever_the_tag_order(
    client, manager, department
):
    insight = InsightFactory(department=department)
    insight.tags.add(TagFactory(name="alpha"), TagFactory(name="-2+3"), TagFactory(name="=1+1"))
    client.force_login(manager)

    header, row = export_rows(client)

    tags = dict(zip(header, row, strict=True))["tags"]
    assert not tags.startswith(FORMULA_STARTS)
    assert {name.lstrip("'") for name in tags.split(", ")} == {"alpha", "-2+3", "=1+1"}


def test_csv_export_cells_never_start_a_formula(client, manager, department):
    InsightFactory(title="-2+3", department=department).tags.add(TagFactory(name="@me"))
    InsightFactory(title="\tTabbed", department=department)
    client.force_login(manager)

    rows = export_rows(client)

    assert len(rows) == 3
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), row


@pytest.mark.parametrize(
    ("query", "field", "error"),
    [
        ({"status": "bogus"}, "status", "Select a valid choice."),
        ({"created_after": "abc"}, "created_after", "Enter a valid date."),
        ({"min_supporters": "x"}, "min_supporters", "Enter a number."),
    ],
)
def test_inbox_with_an_invalid_filter_shows_its_error_and_no_feedback(
    client, staff, department, query, field, error
):
    InsightFactory(title="Should stay hidden", department=department)
    client.force_login(staff)

    response = client.get(reverse("feedback:inbox"), query)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Should stay hidden" not in html
    assert "Fix the filter to see feedback." in html
    assert 'role="alert"' in html
    assert f'<p class="field-error" id="id_{field}_error">{error}' in html
    assert re.search(rf'id="id_{field}"[^>]*aria-describedby="id_{field}_error"', html) or (
        re.search(rf'aria-describedby="id_{field}_error"[^>]*id="id_{field}"', html)
    )
    assert 'aria-invalid="true"' in html


def test_inbox_shows_a_department_error_even_to_staff_without_the_department_filter(
    client, staff, department, other_department
):
    InsightFactory(title="Should stay hidden", department=department)
    client.force_login(staff)

    response = client.get(reverse("feedback:inbox"), {"department": other_department.slug})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Should stay hidden" not in html
    assert 'id="id_department_error"' in html


def test_inbox_with_a_valid_or_no_filter_lists_feedback(client, staff, department):
    InsightFactory(title="Planned one", department=department, status="planned")
    client.force_login(staff)

    unfiltered = client.get(reverse("feedback:inbox"))
    filtered = client.get(reverse("feedback:inbox"), {"status": "planned", "page": "1"})

    for response in (unfiltered, filtered):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Planned one" in html
        assert "Fix the filter" not in html
        assert "field-error" not in html


def test_csv_export_with_an_invalid_filter_is_a_plain_text_400(client, manager, department):
    InsightFactory(title="Should stay hidden", department=department)
    client.force_login(manager)

    response = client.get(reverse("feedback:inbox_export"), {"min_supporters": "x"})

    text = response.content.decode()
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "Content-Disposition" not in response
    assert "Should stay hidden" not in text
    assert "At least supporters: Enter a number." in text


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


def test_capture_shows_the_error_of_a_bad_hidden_attach_to(client, member, post, internal, staff):
    secret = InsightFactory(title="Internal only")
    InsightPost.objects.create(
        insight=secret,
        post=first_post(ThreadFactory(category=internal, author=staff)),
        added_by=staff,
    )
    client.force_login(member)

    response = client.post(
        reverse("feedback:capture", args=[post.pk]),
        {"kind": kind("need").pk, "attach_to": secret.pk},
    )

    html = response.content.decode()
    with translation.override(member.language):
        expected = str(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    assert response.status_code == 400
    assert f'<div class="form-errors" role="alert">\n    <p>{expected}</p>' in html
    assert "Internal only" not in html


def test_form_fields_output_is_unchanged_without_hidden_errors(client, member, post):
    client.force_login(member)

    html = client.get(reverse("feedback:capture", args=[post.pk])).content.decode()

    assert "form-errors" not in html
    assert '<input type="hidden" name="attach_to" id="id_attach_to">' in html


@pytest.mark.parametrize(
    ("view", "data", "error"),
    [
        (
            "feedback:add_note",
            {"body": "x" * 4001},
            "Internal note: Ensure this value has at most 4000 characters (it has 4001).",
        ),
        (
            "feedback:answer",
            {"body": "x" * 9000},
            "Public answer: Ensure this value has at most 8000 characters (it has 9000).",
        ),
        ("feedback:change_status", {"status": "bogus"}, "Status: Select a valid choice."),
    ],
)
def test_insight_action_with_an_invalid_form_names_the_field_error(
    client, staff, insight, view, data, error
):
    client.force_login(staff)

    response = client.post(reverse(view, args=[insight.pk]), data)

    assert response.status_code == 302
    assert response.url == insight.get_absolute_url()
    notes = [str(message) for message in get_messages(response.wsgi_request)]
    assert len(notes) == 1
    assert notes[0].startswith(error)
    assert "Check the form" not in notes[0]


def test_a_refused_answer_keeps_its_text_for_the_next_try(client, staff, department, manager, post):
    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    client.force_login(staff)
    url = reverse("feedback:answer", args=[insight.pk])
    long_answer = "We will look into this. " * 400

    response = client.post(url, {"body": long_answer, "status": ""}, follow=True)

    page = response.content.decode()
    assert "at most 8000 characters" in page
    assert "We will look into this. We will look into this." in page
    again = client.get(insight.get_absolute_url()).content.decode()
    assert "We will look into this. We will look into this." not in again, "offered once"
