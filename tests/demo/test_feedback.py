"""The feedback demo that ``manage.py load_demo`` loads: every status, routing, a rerun."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from feedback.models import (
    CLOSED_STATUSES,
    Delivery,
    DeliveryStatus,
    Department,
    Insight,
    InsightStatus,
)
from feedback.notices import WORK_NOTICE
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_load_demo_gives_insights_in_every_status(demo):
    statuses = set(Insight.objects.values_list("status", flat=True))

    assert statuses == set(InsightStatus.values)
    assert "Feedback: 4 departments" in demo


def test_load_demo_leaves_exactly_one_insight_unrouted(demo):
    assert Insight.objects.filter(department__isnull=True).count() == 1


def test_load_demo_routes_by_kind_and_keyword(demo):
    by_title = dict(Insight.objects.values_list("title", "department__slug"))

    assert by_title["Dark mode for the web app"] == "product"
    assert by_title["Notification e-mails arrive twice"] == "support"
    assert by_title["DATEV export of billable hours for the monthly invoice"] == "sales"


def test_load_demo_answers_every_closed_insight_publicly(demo):
    closed = Insight.objects.filter(status__in=CLOSED_STATUSES)

    assert closed.exists()
    assert not closed.filter(responses__isnull=True).exists()


def test_load_demo_marks_the_threads_of_answered_insights_and_no_others(demo):
    from community.models import Thread

    answered = Thread.objects.filter(posts__insight_link__insight__responses__isnull=False)

    assert answered.exists()
    assert set(Thread.objects.filter(has_official_answer=True)) == set(answered)


def test_load_demo_gives_insights_supporters_and_notes(demo):
    assert Insight.objects.filter(supporter_count__gt=1).exists()
    assert Insight.objects.filter(notes__isnull=False).exists()


def test_load_demo_sends_every_delivery_in_app_and_by_e_mail(demo):
    deliveries = Delivery.objects.all()

    assert set(deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert set(deliveries.values_list("channel", flat=True)) == {"in_app", "email"}
    assert not Department.objects.exclude(webhook_url="").exists()
    assert Notification.objects.filter(recipient__username="priya", kind=WORK_NOTICE.value).exists()


def test_load_demo_twice_changes_no_feedback_counts(demo):
    # Unmanaged models are SQLite's search tables, absent on PostgreSQL.
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label == "feedback" and model._meta.managed
    ]
    models.append(Notification)
    before = {model: model.objects.count() for model in models}
    statuses = dict(Insight.objects.values_list("pk", "status"))

    call_command("load_demo", stdout=io.StringIO())

    assert {model: model.objects.count() for model in models} == before
    assert dict(Insight.objects.values_list("pk", "status")) == statuses


def test_load_demo_gives_the_reports_weeks_of_history_and_hours_between_steps(demo):
    from feedback.reports import build_report

    report = build_report(weeks=12)
    by_department = report["series"][0]
    weeks_with_feedback = [
        week
        for week, *counts in zip(
            by_department.weeks, *[c for _l, c in by_department.lines], strict=True
        )
        if any(counts)
    ]
    support = next(
        row
        for row in report["departments"]
        if row["department"] and row["department"].slug == "support"
    )

    assert len(weeks_with_feedback) >= 6
    assert support["to_first_response"] and support["to_first_response"] >= 1
