"""The feedback pages through the client: who gets in, what they do, what it costs."""

import json
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback import services, webhooks
from feedback.filters import InboxFilter
from feedback.models import Delivery, DeliveryStatus, Insight, InsightPost, RoutingRule
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post
from tests.conftest import free_port
from tests.feedback.factories import InsightFactory, kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(member, moderator, manager, staff, other_staff):
    return {
        "visitor": None,
        "member": member,
        "moderator": moderator,
        "manager": manager,
        "staff": staff,
        "other_staff": other_staff,
    }


def pages(insight, department, post, ideas):
    rule = RoutingRule.objects.create(name="r", department=department, keywords="x")
    delivery = Delivery.objects.filter(insight=insight).first()
    return {
        "inbox": reverse("feedback:inbox"),
        "export": reverse("feedback:inbox_export"),
        "detail": insight.get_absolute_url(),
        "unrouted": reverse("feedback:unrouted"),
        "rules": reverse("feedback:rule_list"),
        "rule_new": reverse("feedback:rule_create"),
        "rule_edit": reverse("feedback:rule_edit", args=[rule.pk]),
        "departments": reverse("feedback:department_list"),
        "department_new": reverse("feedback:department_create"),
        "department_edit": reverse("feedback:department_edit", args=[department.pk]),
        "reports": reverse("feedback:reports"),
        "status": reverse("feedback:status_page", args=[ideas.slug]),
        "capture": reverse("feedback:capture", args=[post.pk]),
        "delivery": delivery,
    }


#: page → who gets a 200 (everyone else: a redirect to sign in, 403 or 404).
ALLOWED = {
    "inbox": {"manager", "staff", "other_staff"},
    "export": {"manager", "staff", "other_staff"},
    "detail": {"manager", "staff"},
    "unrouted": {"manager"},
    "rules": {"manager"},
    "rule_new": {"manager"},
    "rule_edit": {"manager"},
    "departments": {"manager"},
    "department_new": {"manager"},
    "department_edit": {"manager"},
    "reports": {"manager"},
    "status": {"visitor", "member", "moderator", "manager", "staff", "other_staff"},
    "capture": {"member", "manager"},
}


def test_every_feedback_page_answers_each_role_as_it_should(
    client, people, insight, department, post, ideas
):
    urls = pages(insight, department, post, ideas)
    for role, user in people.items():
        client.logout()
        if user:
            client.force_login(user)
        for name, allowed in ALLOWED.items():
            response = client.get(urls[name])
            if role in allowed:
                assert response.status_code == 200, (role, name)
            else:
                assert response.status_code in (302, 403, 404), (role, name, response.status_code)
                if response.status_code == 302:
                    assert role == "visitor", (role, name)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("change_status", {"status": "acknowledged"}),
        ("assign", {"assignee": ""}),
        ("add_note", {"body": "secret"}),
        ("answer", {"body": "Hello", "status": ""}),
    ],
)
def test_actions_on_an_insight_refuse_outsiders_and_work_for_its_staff(
    client, insight, staff, other_staff, member, name, data
):
    url = reverse(f"feedback:{name}", args=[insight.pk])
    for outsider in (member, other_staff):
        client.force_login(outsider)
        assert client.post(url, data).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 405
    assert client.post(url, data).status_code == 302


def test_an_invalid_transition_comes_back_as_a_message(client, insight, staff):
    client.force_login(staff)
    response = client.post(
        reverse("feedback:change_status", args=[insight.pk]), {"status": "done"}, follow=True
    )
    assert "cannot go from" in response.content.decode()
    insight.refresh_from_db()
    assert insight.status == "new"


def test_members_never_see_internal_notes(client, insight, staff, member):
    services.add_internal_note(actor=staff, insight=insight, body="Only for us")
    client.force_login(member)
    thread_page = client.get(insight.insight_posts.get().post.thread.get_absolute_url())
    assert "Only for us" not in thread_page.content.decode()
    assert client.get(insight.get_absolute_url()).status_code == 404


def test_insight_page_gives_every_field_its_own_id_and_label(client, insight, staff):
    """The answer form shares field names with the status and note forms, never their ids."""
    client.force_login(staff)
    html = client.get(insight.get_absolute_url()).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for field_id in ("status_status", "answer_status", "note_body", "answer_body"):
        assert f'<label for="{field_id}">' in html


def test_capture_page_creates_an_insight_and_suggests_similar_ones(
    client, member, post, similar_insight
):
    client.force_login(member)
    page = client.get(reverse("feedback:capture", args=[post.pk]))
    assert "Export to Excel please" in page.content.decode()
    response = client.post(
        reverse("feedback:capture", args=[post.pk]),
        {"kind": kind("need").pk, "title": "", "summary": "Needed weekly"},
    )
    assert response.status_code == 302
    assert Insight.objects.get(insight_posts__post=post).kind.slug == "need"


def test_members_are_not_told_of_internal_feedback_nor_may_attach_to_it(
    client, member, post, internal, staff
):
    secret = InsightFactory(title="Export to Excel internally")
    InsightPost.objects.create(
        insight=secret,
        post=first_post(ThreadFactory(category=internal, author=staff)),
        added_by=staff,
    )
    client.force_login(member)

    page = client.get(reverse("feedback:capture", args=[post.pk]))
    attach = client.post(
        reverse("feedback:capture", args=[post.pk]),
        {"kind": kind("need").pk, "attach_to": secret.pk},
    )

    assert "Export to Excel internally" not in page.content.decode()
    assert attach.status_code == 400
    assert not InsightPost.objects.filter(insight=secret, post=post).exists()


def test_capture_of_an_invisible_post_is_404(client, member, internal, staff):
    hidden = first_post(ThreadFactory(category=internal, author=staff))
    client.force_login(member)
    assert client.get(reverse("feedback:capture", args=[hidden.pk])).status_code == 404


def test_thread_shows_status_answer_and_me_too(client, insight, staff, manager):
    services.answer_publicly(actor=staff, insight=insight, body="Coming in **May**.")
    thread_url = insight.insight_posts.get().post.thread.get_absolute_url()
    supporter = UserFactory()
    client.force_login(supporter)
    html = client.get(thread_url).content.decode()
    assert "<strong>May</strong>" in html and "Me too" in html and "New" in html
    client.post(reverse("feedback:support", args=[insight.pk]))
    insight.refresh_from_db()
    assert insight.supporter_count == 2
    assert "You support this." in client.get(thread_url).content.decode()


def test_mark_as_feedback_link_shows_for_the_author_in_a_welcoming_category(client, member, post):
    client.force_login(member)
    html = client.get(post.thread.get_absolute_url()).content.decode()
    assert reverse("feedback:capture", args=[post.pk]) in html
    client.force_login(UserFactory())
    html = client.get(post.thread.get_absolute_url()).content.decode()
    assert reverse("feedback:capture", args=[post.pk]) not in html


def test_failed_delivery_has_a_retry_button_that_works(client, insight, manager, staff):
    delivery = Delivery.objects.filter(insight=insight).first()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=5)
    client.force_login(staff)
    assert "Retry" in client.get(insight.get_absolute_url()).content.decode()
    client.post(reverse("feedback:retry_delivery", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.status in ("pending", "sent") and delivery.attempts <= 1


def test_inbox_query_count_does_not_grow_with_rows(client, manager, department, staff):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("feedback:inbox")).status_code == 200
        return len(queries)

    client.force_login(staff)
    client.get(reverse("feedback:inbox"))  # the first visit of the day writes activity rows
    for _n in range(5):
        insight = InsightFactory()
        services.route_insight_manually(actor=manager, insight=insight, department=department)
    five = count()
    for _n in range(45):
        InsightFactory(department=department)
    assert count() == five


def test_an_inbox_search_runs_as_many_queries_for_45_matches_as_for_5(
    client, manager, department, staff
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("feedback:inbox"), {"q": "export"})
            assert response.status_code == 200
        return len(queries), len(response.context["page"].object_list)

    client.force_login(staff)
    client.get(reverse("feedback:inbox"))  # the first visit of the day writes activity rows
    for _n in range(5):
        InsightFactory(title="Export to Excel", department=department)
    five, listed = count()
    assert listed == 5
    for _n in range(40):
        InsightFactory(title="Export to Excel", department=department)
    assert count() == (five, 25)


def test_csv_export_lists_the_filtered_inbox(client, manager, department):
    InsightFactory(title="=HYPERLINK(evil)", department=department, status="planned")
    InsightFactory(title="Other", department=department)
    client.force_login(manager)
    response = client.get(reverse("feedback:inbox_export"), {"status": "planned"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 2
    assert "'=HYPERLINK(evil)" in lines[1]


def test_inbox_filters_and_sorts(client, manager, department):
    InsightFactory(title="Few", department=department, supporter_count=1)
    InsightFactory(title="Many", department=department, supporter_count=9)
    client.force_login(manager)
    html = client.get(reverse("feedback:inbox"), {"sort": "-supporters"}).content.decode()
    assert html.index("Many") < html.index("Few")
    html = client.get(reverse("feedback:inbox"), {"min_supporters": 5}).content.decode()
    assert "Few" not in html


def test_a_rule_without_a_condition_is_refused_on_the_form(client, manager, department):
    client.force_login(manager)
    response = client.post(
        reverse("feedback:rule_create"),
        {
            "name": "Everything",
            "department": department.pk,
            "stop_processing": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 400
    assert not RoutingRule.objects.exists()


def test_a_department_webhook_must_be_http_on_the_form(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("feedback:department_create"),
        {
            "name": "Ops",
            "slug": "ops",
            "webhook_url": "ftp://ops.test/",
            "webhook_secret": "s",
            "service_level_hours": 24,
        },
    )
    assert response.status_code == 400


def test_reports_show_departments_and_breaches(client, manager, insight):
    client.force_login(manager)
    html = client.get(reverse("feedback:reports")).content.decode()
    assert "Product" in html


def signed(client, department, body: dict, *, secret=None, timestamp=None):
    raw = json.dumps(body).encode()
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = webhooks.sign(
        secret=secret or department.webhook_secret, timestamp=timestamp, body=raw
    )
    return client.post(
        reverse("feedback:tracker_hook", args=[department.slug]),
        raw,
        content_type="application/json",
        headers={"X-Liaison-Timestamp": str(timestamp), "X-Liaison-Signature": signature},
    )


@pytest.fixture
def hooked(department):
    department.webhook_secret = "tracker-secret"
    department.webhook_url = "https://tracker.test/in"
    department.save()
    return department


def test_a_signed_tracker_update_changes_status_and_answers(client, insight, hooked):
    response = signed(client, hooked, {"insight": insight.pk, "status": "acknowledged"})
    assert response.status_code == 200
    response = signed(client, hooked, {"insight": insight.pk, "status": "done", "answer": "Fixed."})
    assert response.json() == {"insight": insight.pk, "status": "done"}
    insight.refresh_from_db()
    assert insight.responses.get().body == "Fixed."
    assert insight.status_changes.last().source == "webhook:product"


def test_a_forged_tracker_update_is_refused(client, insight, hooked):
    response = signed(
        client, hooked, {"insight": insight.pk, "status": "acknowledged"}, secret="wrong"
    )
    assert response.status_code == 403
    insight.refresh_from_db()
    assert insight.status == "new"


def test_a_replayed_or_stale_tracker_update_is_refused(client, insight, hooked):
    stale = signed(
        client,
        hooked,
        {"insight": insight.pk, "status": "acknowledged"},
        timestamp=int(time.time()) - 301,
    )
    assert stale.status_code == 403
    timestamp = int(time.time())
    body = {"insight": insight.pk, "status": "acknowledged"}
    assert signed(client, hooked, body, timestamp=timestamp).status_code == 200
    assert signed(client, hooked, body, timestamp=timestamp).status_code == 403


@pytest.mark.parametrize(
    ("timestamp", "signature"),
    [("9" * 400, "ab" * 32), ("1700000000", "é" * 64), ("", ""), ("12.5", "zz")],
)
def test_a_garbled_signature_or_timestamp_is_refused_not_a_server_error(
    client, insight, hooked, timestamp, signature
):
    response = client.post(
        reverse("feedback:tracker_hook", args=[hooked.slug]),
        b"{}",
        content_type="application/json",
        headers={"X-Liaison-Timestamp": timestamp, "X-Liaison-Signature": signature},
    )

    assert response.status_code == 403


def test_a_replay_with_a_recased_signature_is_refused(client, insight, hooked):
    raw = json.dumps({"insight": insight.pk, "status": "acknowledged"}).encode()
    timestamp = str(int(time.time()))
    signature = webhooks.sign(secret=hooked.webhook_secret, timestamp=timestamp, body=raw)
    url = reverse("feedback:tracker_hook", args=[hooked.slug])

    def send(value):
        return client.post(
            url,
            raw,
            content_type="application/json",
            headers={"X-Liaison-Timestamp": timestamp, "X-Liaison-Signature": value},
        )

    assert send(signature).status_code == 200
    assert send(f" {signature.upper()} ").status_code == 403


def test_a_tracker_update_waits_while_the_cache_cannot_remember_signatures(
    client, insight, hooked, settings
):
    """With Redis down the cache forgets (config/cache.py): the replay check would be blind,
    so the update is refused with 503 and Retry-After, for the tracker to send again."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }

    response = signed(client, hooked, {"insight": insight.pk, "status": "acknowledged"})

    assert (response.status_code, response["Retry-After"]) == (503, "60")
    insight.refresh_from_db()
    assert insight.status != "acknowledged"


def test_deeply_nested_json_is_a_bad_request(client, insight, hooked):
    raw = b"[" * 100_000 + b"]" * 100_000
    timestamp = str(int(time.time()))
    signature = webhooks.sign(secret=hooked.webhook_secret, timestamp=timestamp, body=raw)

    response = client.post(
        reverse("feedback:tracker_hook", args=[hooked.slug]),
        raw,
        content_type="application/json",
        headers={"X-Liaison-Timestamp": timestamp, "X-Liaison-Signature": signature},
    )

    assert response.status_code == 400


def test_a_tracker_cannot_touch_another_departments_insight(client, insight, other_department):
    other_department.webhook_secret = "x"
    other_department.webhook_url = "https://x.test/"
    other_department.save()
    response = signed(client, other_department, {"insight": insight.pk, "status": "acknowledged"})
    assert response.status_code == 400


def test_staff_are_not_offered_other_departments_to_filter_by(rf, staff, other_department, manager):
    def choices(user):
        request = rf.get("/feedback/")
        request.user = user
        form = InboxFilter({}, queryset=Insight.objects.all(), request=request).form
        return {value for value, _label in form.fields["department"].choices if value}

    assert {str(value) for value in choices(staff)} == {"product"}
    assert {str(value) for value in choices(manager)} == {"product", "sales"}


def test_a_tracker_answer_longer_than_an_answer_may_be_is_refused(client, insight, hooked):
    response = signed(client, hooked, {"insight": insight.pk, "status": "", "answer": "x" * 8001})

    assert response.status_code == 400
    assert "at most 8000 characters" in " ".join(response.json()["error"])
    insight.refresh_from_db()
    assert not insight.responses.exists()
    assert insight.answered_at is None


def test_a_tracker_update_about_a_merged_insight_goes_to_its_target(
    client, insight, hooked, manager, ideas
):
    from feedback.models import InsightStatus

    older = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas, title="Older")), kind=kind()
    )
    services.route_insight_manually(actor=manager, insight=older, department=hooked)
    services.merge_insights(actor=manager, source=older, target=insight)

    response = signed(client, hooked, {"insight": older.pk, "status": "acknowledged"})

    assert response.json() == {"insight": insight.pk, "status": "acknowledged"}
    older.refresh_from_db()
    insight.refresh_from_db()
    assert (older.status, insight.status) == (InsightStatus.NEW, InsightStatus.ACKNOWLEDGED)


@pytest.mark.parametrize(
    "payload",
    [[1, 2], {"insight": "x", "answer": 123}, {"insight": 1, "status": ["done"]}],
)
def test_a_tracker_update_of_the_wrong_shape_says_so(client, insight, hooked, payload):
    if isinstance(payload, dict) and payload.get("insight") == 1:
        payload["insight"] = insight.pk

    response = signed(client, hooked, payload)

    assert response.status_code == 400
    assert response.json()["error"] != ["malformed JSON"]
