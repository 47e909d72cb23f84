"""The inbox, its CSV export, an insight's page and the actions on it
(feedback/views/inbox.py)."""

import csv
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from feedback import services
from feedback.models import Delivery, DeliveryStatus, FeedbackKind
from tests.community.factories import TagFactory
from tests.feedback.conftest import Page
from tests.feedback.factories import DepartmentFactory, InsightFactory, kind

pytestmark = pytest.mark.django_db


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_rows(client, **query) -> list[list[str]]:
    response = client.get(reverse("feedback:inbox_export"), query)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


# Inbox review: tags, kind and department went into the CSV export unescaped.
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


# Inbox review: a tag starting with = or - made the tags cell a formula.
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


# Inbox review: every cell of the CSV export is escaped against formulas.
def test_csv_export_cells_never_start_a_formula(client, manager, department):
    InsightFactory(title="-2+3", department=department).tags.add(TagFactory(name="@me"))
    InsightFactory(title="\tTabbed", department=department)
    client.force_login(manager)

    rows = export_rows(client)

    assert len(rows) == 3
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), row


# Inbox review: the export dropped an invalid filter and exported everything.
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


# Inbox review: an invalid filter was dropped silently, showing everything.
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


# Inbox review: an invalid filter was dropped silently, showing everything.
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


# Inbox review: an invalid filter shows its error; a valid one lists as before.
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


def sort_labels(client) -> list[str]:
    html = client.get(reverse("feedback:inbox")).content.decode()
    select = re.search(r'<select name="sort"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


# Feedback pages review: the descending sort labels were formatted once, in English.
def test_the_inbox_names_its_sort_orders_in_the_language_of_each_request(client, manager):
    client.force_login(manager)

    client.cookies["django_language"] = "de"
    german = sort_labels(client)
    client.cookies["django_language"] = "en"
    english = sort_labels(client)

    with translation.override("de"):
        expected = [
            gettext("{label} (descending)").format(label=gettext(label))
            for label in ("Captured", "Supporters", "Status")
        ]
    assert set(expected) <= set(german)
    # "Status" is German too: only the other two show that the label was English.
    assert not {"Captured (descending)", "Supporters (descending)"} & set(german)
    assert {"Captured (descending)", "Supporters (descending)", "Status (descending)"} <= set(
        english
    )


# Feedback pages review: Retry did not name its delivery for screen readers.
def test_retry_names_the_failed_delivery(client, insight, staff):
    delivery = Delivery.objects.filter(insight=insight, channel="email").get()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=5)
    client.force_login(staff)
    page = Page(client.get(insight.get_absolute_url()).content.decode())
    assert "Retry: Product, E-mail" in page.buttons


# Inbox review: a refused insight action did not name the field and its error.
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


# Inbox review: a refused answer's text was lost; it is offered again, once.
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


def messages_after(client, url: str, data: dict) -> list[str]:
    """Post, follow the redirect, and return the messages the page showed."""
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[0][1] == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


# Feedback pages review: a status change did not confirm what it did.
def test_a_status_change_is_confirmed(client, insight, staff):
    client.force_login(staff)
    url = reverse("feedback:change_status", args=[insight.pk])
    assert messages_after(client, url, {"status": "acknowledged"}) == [
        "Status changed to Acknowledged."
    ]
    # Choosing the status it already has changes nothing, and says nothing.
    assert messages_after(client, url, {"status": "acknowledged"}) == []


# Feedback pages review: confirmations; a refused status change gets its refusal only.
def test_a_refused_status_change_is_not_confirmed(client, insight, staff):
    client.force_login(staff)
    notes = messages_after(
        client, reverse("feedback:change_status", args=[insight.pk]), {"status": "done"}
    )
    assert len(notes) == 1 and "cannot go from" in notes[0]


# Feedback pages review: assigning did not confirm what it did.
def test_assigning_and_unassigning_are_confirmed(client, insight, staff):
    client.force_login(staff)
    url = reverse("feedback:assign", args=[insight.pk])
    assert messages_after(client, url, {"assignee": staff.pk}) == [
        f"Assigned to {staff.public_name}."
    ]
    assert messages_after(client, url, {"assignee": ""}) == ["Unassigned."]


# Feedback pages review: a note did not confirm it was added.
def test_a_note_is_confirmed(client, insight, staff):
    client.force_login(staff)
    notes = messages_after(client, reverse("feedback:add_note", args=[insight.pk]), {"body": "Hi"})
    assert notes == ["Note added."]


# Feedback pages review: a delivery retry did not confirm what it did.
def test_a_delivery_retry_is_confirmed(client, insight, staff):
    delivery = Delivery.objects.filter(insight=insight, channel="email").get()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=5)
    client.force_login(staff)
    url = reverse("feedback:retry_delivery", args=[delivery.pk])
    assert messages_after(client, url, {}) == ["The delivery will be tried again."]


def captured_into(department, manager, category, *, title: str, body: str, **fields):
    """Return a new insight captured from a thread saying ``body``, routed to ``department``."""
    from tests.community.factories import ThreadFactory, first_post

    post = first_post(ThreadFactory(category=category, title=title, body=body))
    insight = services.capture_feedback(
        actor=manager, post=post, kind=kind(), title=title, **fields
    )
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    insight.refresh_from_db()
    return insight


def listed(response) -> list[str]:
    return [insight.title for insight in response.context["page"].object_list]


def test_staff_search_their_departments_insights_by_stems_in_both_languages(
    client, staff, manager, department, other_department, ideas
):
    captured_into(department, manager, ideas, title="Exporting invoices", body="To DATEV.")
    captured_into(
        department,
        manager,
        ideas,
        title="Lohnabrechnung",
        body="Der Export der Rechnungen nach DATEV schlägt jeden Monat fehl.",
    )
    captured_into(other_department, manager, ideas, title="Invoice layout", body="Too wide.")
    client.force_login(staff)

    english = client.get(reverse("feedback:inbox"), {"q": "invoice"})
    german = client.get(reverse("feedback:inbox"), {"q": "Rechnung"})
    both = client.get(reverse("feedback:inbox"), {"q": "export"})
    client.force_login(manager)
    everyone = client.get(reverse("feedback:inbox"), {"q": "invoice"})

    assert english.status_code == 200
    assert listed(english) == ["Exporting invoices"]
    assert listed(german) == ["Lohnabrechnung"]
    assert sorted(listed(both)) == ["Exporting invoices", "Lohnabrechnung"]
    assert sorted(listed(everyone)) == ["Exporting invoices", "Invoice layout"]
    assert 'name="q" value="invoice"' in english.content.decode()


def test_the_inbox_search_combines_with_its_filters_and_sort(client, manager, department, ideas):
    planned = captured_into(department, manager, ideas, title="Dark mode", body="At night.")
    services.change_status(actor=manager, insight=planned, status="acknowledged")
    services.change_status(actor=manager, insight=planned, status="planned")
    captured_into(department, manager, ideas, title="Darker mode", body="Even darker.")
    captured_into(department, manager, ideas, title="Gantt", body="Milestones.")
    client.force_login(manager)

    filtered = client.get(reverse("feedback:inbox"), {"q": "mode", "status": "planned"})
    sorted_ = client.get(reverse("feedback:inbox"), {"q": "mode", "sort": "status"})
    exported = export_rows(client, q="mode", status="planned")

    assert listed(filtered) == ["Dark mode"]
    assert listed(sorted_) == ["Darker mode", "Dark mode"]
    assert [row[1] for row in exported[1:]] == ["Dark mode"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("-nothing -else", "Type at least one word to search for."),
        ("x" * 201, "Search for at most 200 characters."),
        (" ".join(f"w{n}" for n in range(13)), "Search for at most 12 words and phrases."),
    ],
)
def test_an_inbox_search_that_cannot_be_searched_says_why_and_lists_nothing(
    client, staff, department, text, error
):
    InsightFactory(title="Should stay hidden", department=department)
    client.force_login(staff)

    response = client.get(reverse("feedback:inbox"), {"q": text})
    exported = client.get(reverse("feedback:inbox_export"), {"q": text})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Should stay hidden" not in html
    assert f'<p class="field-error" id="id_q_error">{error}' in html
    assert exported.status_code == 400
    assert f"Search: {error}" in exported.content.decode()


def test_an_inbox_search_says_why_in_german(client, staff, department):
    client.force_login(staff)

    html = client.get(
        reverse("feedback:inbox"), {"q": "-nichts"}, HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()

    assert "Gib mindestens ein Wort ein, nach dem gesucht werden soll." in html
