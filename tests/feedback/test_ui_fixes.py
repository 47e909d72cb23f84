"""The feedback pages after a review of their wording, accessibility and confirmations."""

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from feedback import services
from feedback.forms import DepartmentForm
from feedback.models import Delivery, DeliveryStatus, InsightPost, RoutingRule
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post
from tests.feedback.factories import DepartmentFactory, InsightFactory, kind, staff_of

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def insight(manager, department, post):
    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    insight.refresh_from_db()
    return insight


class Page(HTMLParser):
    """Collect the accessible names of the buttons and whether a form sits inside a <p>."""

    def __init__(self, html: str):
        super().__init__()
        self.buttons: list[str] = []
        self.has_form_in_paragraph = False
        self._open_paragraphs = 0
        self._button: list[str] | None = None
        self._is_labelled = False
        self._hidden_depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "p":
            self._open_paragraphs += 1
        elif tag == "form" and self._open_paragraphs:
            self.has_form_in_paragraph = True
        elif tag == "button":
            self._is_labelled = "aria-label" in attributes
            self._button = [attributes["aria-label"]] if self._is_labelled else []
        elif self._button is not None and (
            self._hidden_depth or attributes.get("aria-hidden") == "true"
        ):
            self._hidden_depth += 1

    def handle_endtag(self, tag):
        if tag == "p":
            self._open_paragraphs = max(0, self._open_paragraphs - 1)
        elif tag == "button" and self._button is not None:
            self.buttons.append(" ".join("".join(self._button).split()))
            self._button = None
        elif self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if self._button is not None and not self._is_labelled and not self._hidden_depth:
            self._button.append(data)


def row_of(html: str, text: str) -> str:
    """Return the table row that contains ``text``."""
    return next(row for row in html.split("<tr") if text in row)


# 1. Sort labels


def sort_labels(client) -> list[str]:
    html = client.get(reverse("feedback:inbox")).content.decode()
    select = re.search(r'<select name="sort"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


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


# 2. Department form


DEPARTMENT = {"name": "Ops", "slug": "ops", "webhook_secret": "s", "service_level_hours": 24}


def test_the_service_level_input_carries_the_models_bounds(client, manager):
    client.force_login(manager)
    html = client.get(reverse("feedback:department_create")).content.decode()
    field = re.search(r'<input type="number" name="service_level_hours"[^>]*>', html).group(0)
    assert 'min="1"' in field and 'max="8760"' in field


def test_a_negative_service_level_is_told_the_real_lower_bound():
    form = DepartmentForm({**DEPARTMENT, "service_level_hours": "-5"})
    assert form.errors["service_level_hours"] == [
        "Ensure this value is greater than or equal to 1."
    ]


def test_a_service_level_over_a_year_is_refused():
    form = DepartmentForm({**DEPARTMENT, "service_level_hours": str(24 * 365 + 1)})
    assert form.errors["service_level_hours"] == [
        "Ensure this value is less than or equal to 8760."
    ]


def test_a_non_http_webhook_gets_the_models_message_on_its_field():
    form = DepartmentForm({**DEPARTMENT, "webhook_url": "ftp://x.test/"})
    assert form.errors["webhook_url"] == ["Use an http:// or https:// address."]


def test_a_webhook_without_a_scheme_still_becomes_https():
    form = DepartmentForm({**DEPARTMENT, "webhook_url": "hooks.test/in"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["webhook_url"] == "https://hooks.test/in"


# 3. Accessible names and markup


def test_me_too_names_its_insight_and_sits_in_no_paragraph(client, insight):
    client.force_login(UserFactory())
    page = Page(
        client.get(insight.insight_posts.get().post.thread.get_absolute_url()).content.decode()
    )
    assert f"Me too: {insight.title}" in page.buttons
    assert not page.has_form_in_paragraph


def test_retry_names_the_failed_delivery(client, insight, staff):
    delivery = Delivery.objects.filter(insight=insight, channel="email").get()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=5)
    client.force_login(staff)
    page = Page(client.get(insight.get_absolute_url()).content.decode())
    assert "Retry: Product, E-mail" in page.buttons


def test_attach_to_this_one_names_the_suggestion(client, member, post, ideas):
    similar = InsightFactory(title="Export to Excel please")
    InsightPost.objects.create(
        insight=similar,
        post=first_post(ThreadFactory(category=ideas, title="Excel export")),
        added_by=similar.created_by,
    )
    client.force_login(member)
    page = Page(client.get(reverse("feedback:capture", args=[post.pk])).content.decode())
    with translation.override(member.language):
        attach = gettext("Attach to this one")
    assert f"{attach}: Export to Excel please" in page.buttons


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


# 4. Confirmations


def messages_after(client, url: str, data: dict) -> list[str]:
    """Post, follow the redirect, and return the messages the page showed."""
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[0][1] == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_status_change_is_confirmed(client, insight, staff):
    client.force_login(staff)
    url = reverse("feedback:change_status", args=[insight.pk])
    assert messages_after(client, url, {"status": "acknowledged"}) == [
        "Status changed to Acknowledged."
    ]
    # Choosing the status it already has changes nothing, and says nothing.
    assert messages_after(client, url, {"status": "acknowledged"}) == []


def test_a_refused_status_change_is_not_confirmed(client, insight, staff):
    client.force_login(staff)
    notes = messages_after(
        client, reverse("feedback:change_status", args=[insight.pk]), {"status": "done"}
    )
    assert len(notes) == 1 and "cannot go from" in notes[0]


def test_assigning_and_unassigning_are_confirmed(client, insight, staff):
    client.force_login(staff)
    url = reverse("feedback:assign", args=[insight.pk])
    assert messages_after(client, url, {"assignee": staff.pk}) == [
        f"Assigned to {staff.public_name}."
    ]
    assert messages_after(client, url, {"assignee": ""}) == ["Unassigned."]


def test_a_note_is_confirmed(client, insight, staff):
    client.force_login(staff)
    notes = messages_after(client, reverse("feedback:add_note", args=[insight.pk]), {"body": "Hi"})
    assert notes == ["Note added."]


def test_a_delivery_retry_is_confirmed(client, insight, staff):
    delivery = Delivery.objects.filter(insight=insight, channel="email").get()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=5)
    client.force_login(staff)
    url = reverse("feedback:retry_delivery", args=[delivery.pk])
    assert messages_after(client, url, {}) == ["The delivery will be tried again."]


# 5. Departments page


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


# 6. make run


@pytest.mark.skipif(not shutil.which("make"), reason="needs GNU make")
@pytest.mark.parametrize(
    ("environment", "arguments", "expected"),
    [
        ({}, ["PORT=8777"], "http://127.0.0.1:8777"),
        ({}, ["HOST=localhost", "PORT=8001"], "http://localhost:8001"),
        ({"BASE_URL": "https://liaison.test"}, ["PORT=8777"], "https://liaison.test"),
    ],
)
def test_make_run_points_links_at_the_served_port_unless_base_url_is_set(
    environment, arguments, expected
):
    # Dry run: only the probe ("+" runs even under -n) executes, with run's variables.
    probe = ["--eval", "run: probe", "--eval", 'probe: ; +@echo "BASE_URL=$$BASE_URL"']
    env = {key: value for key, value in os.environ.items() if key != "BASE_URL"}
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), *probe, "run", *arguments],
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"BASE_URL={expected}\n" in result.stdout
