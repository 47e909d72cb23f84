"""The reports page: numbers computed in the database, charts, the period and department."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format

from feedback.charts import PALETTE, stacked_bars
from feedback.models import Insight, InsightStatus, StatusChange
from feedback.reports import HoursBetween, Median, WeeklySeries, build_report, report_weeks
from tests.accounts.factories import UserFactory
from tests.community.factories import TagFactory
from tests.feedback.factories import DepartmentFactory, InsightFactory, kind

pytestmark = pytest.mark.django_db

URL = reverse("feedback:reports")


@pytest.fixture
def author():
    return UserFactory()


@pytest.fixture
def now():
    return timezone.now()


def make(author, **fields) -> Insight:
    return InsightFactory(created_by=author, **fields)


def row_of(report: dict, department) -> dict:
    return next(row for row in report["departments"] if row["department"] == department)


def series(report: dict, name: str) -> dict[str, list[int]]:
    """Return the lines of one weekly series as {label: counts per week}."""
    found = next(each for each in report["series"] if each.name == name)
    return {str(label): counts for label, counts in found.lines}


def test_median_hours_are_the_middle_value_per_department(author, department, now):
    for hours in (1, 3, 10):
        start = now - timedelta(days=2)
        make(
            author,
            department=department,
            created_at=start,
            routed_at=start + timedelta(hours=hours),
            first_response_at=start + timedelta(hours=2 * hours),
            answered_at=start + timedelta(hours=3 * hours),
            closed_at=start + timedelta(hours=4 * hours),
            status=InsightStatus.DONE,
        )

    row = row_of(build_report(now=now), department)

    assert row["to_route"] == 3.0
    assert row["to_first_response"] == 6.0
    assert row["to_answer"] == 9.0
    assert row["to_close"] == 12.0


def test_an_even_number_of_values_gives_the_mean_of_the_middle_two(author, department, now):
    for hours in (1, 3, 10, 20):
        make(author, department=department, created_at=now, routed_at=now + timedelta(hours=hours))

    assert row_of(build_report(now=now), department)["to_route"] == 6.5


def test_a_step_nothing_has_reached_has_no_median(author, department, now):
    make(author, department=department, created_at=now, routed_at=now)

    row = row_of(build_report(now=now), department)

    assert row["to_route"] == 0.0
    assert row["to_first_response"] is None
    assert row["to_close"] is None


def test_the_median_aggregate_works_on_this_database(author, department, now):
    for minutes in (30, 90, 600):
        make(
            author,
            department=department,
            created_at=now,
            routed_at=now + timedelta(minutes=minutes),
        )

    median = Insight.objects.aggregate(hours=Median(HoursBetween("created_at", "routed_at")))

    assert median["hours"] == pytest.approx(1.5)


def test_share_of_closed_feedback_with_a_public_answer(author, department, now):
    make(author, department=department, status=InsightStatus.DONE, answered_at=now)
    make(author, department=department, status=InsightStatus.DECLINED, answered_at=now)
    make(author, department=department, status=InsightStatus.DONE)
    # Open feedback counts for neither side of the share, answered or not.
    make(author, department=department, status=InsightStatus.IN_PROGRESS, answered_at=now)

    row = row_of(build_report(now=now), department)

    assert row["answered_share"] == 67
    assert row["total"] == 4
    assert dict(row["statuses"])["Done"] == 2


def test_no_share_without_closed_feedback(author, department, now):
    make(author, department=department, status=InsightStatus.NEW)

    assert row_of(build_report(now=now), department)["answered_share"] is None


def test_breaches_count_routed_feedback_unanswered_past_the_service_level(author, now):
    support = DepartmentFactory(name="Support", service_level_hours=24)
    late = now - timedelta(hours=30)
    # Still waiting after 30 hours, and answered after 26: both breach.
    make(author, department=support, routed_at=late, created_at=late)
    make(author, department=support, routed_at=late, first_response_at=late + timedelta(hours=26))
    # Answered within 2 hours, and waiting only 10 hours so far: neither breaches.
    make(author, department=support, routed_at=late, first_response_at=late + timedelta(hours=2))
    make(author, department=support, routed_at=now - timedelta(hours=10))
    # Unrouted feedback has no service level.
    make(author, created_at=now - timedelta(days=30))

    report = build_report(now=now)

    assert row_of(report, support)["breaching"] == 2
    assert row_of(report, None)["breaching"] == 0
    assert [row["department"] for row in report["breaching_departments"]] == [support]


def test_weeks_without_feedback_count_zero(author, department, now):
    make(author, department=department, created_at=now)
    make(author, department=department, created_at=now - timedelta(weeks=2))

    report = build_report(weeks=4, now=now)

    assert len(report["weeks"]) == 4
    assert all(week.weekday() == 0 for week in report["weeks"])
    assert report["weeks"][-1] == timezone.localdate(now) - timedelta(
        days=timezone.localdate(now).weekday()
    )
    assert series(report, "department") == {"Product": [0, 1, 0, 1]}


def test_series_count_per_department_kind_and_status(author, department, other_department, now):
    bug, idea = kind("bug"), kind("idea")
    first = make(author, department=department, kind=bug, created_at=now)
    make(author, department=department, kind=idea, created_at=now)
    make(author, department=other_department, kind=bug, created_at=now - timedelta(weeks=1))
    make(author, kind=idea, created_at=now)
    for to_status in (InsightStatus.ACKNOWLEDGED, InsightStatus.DONE):
        StatusChange.objects.create(
            insight=first, from_status=InsightStatus.NEW, to_status=to_status, changed_at=now
        )
    StatusChange.objects.create(
        insight=first,
        from_status=InsightStatus.NEW,
        to_status=InsightStatus.ACKNOWLEDGED,
        changed_at=now - timedelta(weeks=1),
    )

    report = build_report(weeks=4, now=now)

    assert series(report, "department") == {
        "Product": [0, 0, 0, 2],
        "Sales": [0, 0, 1, 0],
        "Unrouted": [0, 0, 0, 1],
    }
    assert series(report, "kind") == {"Idea": [0, 0, 0, 2], "Bug": [0, 0, 1, 1]}
    assert series(report, "status") == {"Acknowledged": [0, 0, 1, 1], "Done": [0, 0, 0, 1]}


def test_feedback_before_the_period_is_left_out_of_the_series_only(author, department, now):
    make(author, department=department, created_at=now - timedelta(weeks=5))

    report = build_report(weeks=4, now=now)

    assert series(report, "department") == {}
    assert row_of(report, department)["total"] == 1


def test_a_department_narrows_the_series(author, department, other_department, now):
    make(author, department=department, created_at=now)
    make(author, department=other_department, created_at=now)

    report = build_report(weeks=4, department=other_department, now=now)

    assert series(report, "department") == {"Sales": [0, 0, 0, 1]}
    assert {row["department"] for row in report["departments"]} == {department, other_department}


def test_merged_feedback_counts_nowhere(author, department, now):
    target = make(author, department=department, created_at=now)
    merged = make(author, department=department, created_at=now, merged_into=target)
    tag = TagFactory(name="export")
    merged.tags.add(tag)
    StatusChange.objects.create(
        insight=merged,
        from_status=InsightStatus.NEW,
        to_status=InsightStatus.DECLINED,
        changed_at=now,
    )

    report = build_report(weeks=4, now=now)

    assert row_of(report, department)["total"] == 1
    assert series(report, "department") == {"Product": [0, 0, 0, 1]}
    assert series(report, "status") == {}
    assert report["top_tags"] == []


def test_top_tags_are_the_ten_most_used(author, now):
    tags = [TagFactory(name=f"tag{number:02}") for number in range(12)]
    for count, tag in enumerate(tags, start=1):
        for _ in range(count):
            make(author).tags.add(tag)

    top = build_report(now=now)["top_tags"]

    assert top[0] == ("tag11", 12)
    assert len(top) == 10
    assert top[-1] == ("tag02", 3)


def create_feedback(author, count: int, now) -> None:
    departments = [DepartmentFactory() for _ in range(count // 3)]
    for number in range(count):
        insight = make(
            author,
            department=departments[number % len(departments)],
            kind=kind(("bug", "idea", "need")[number % 3]),
            created_at=now - timedelta(days=number),
            routed_at=now - timedelta(days=number) + timedelta(hours=number),
        )
        insight.tags.add(TagFactory())
        StatusChange.objects.create(
            insight=insight,
            from_status=InsightStatus.NEW,
            to_status=InsightStatus.ACKNOWLEDGED,
            changed_at=now,
        )


def queries_of_the_page(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"weeks": 52}).status_code == 200
    return len(queries)


def test_the_report_takes_as_many_queries_for_3_as_for_30_insights(
    client, manager, author, now, django_assert_num_queries
):
    client.force_login(manager)
    # The first visit of a session records it; later ones are what is measured.
    client.get(URL)
    create_feedback(author, 3, now)
    with CaptureQueriesContext(connection) as few:
        build_report(weeks=52, now=now)
    few_on_the_page = queries_of_the_page(client)
    create_feedback(author, 30, now)

    with django_assert_num_queries(len(few.captured_queries)):
        build_report(weeks=52, now=now)
    assert queries_of_the_page(client) == few_on_the_page


@pytest.fixture
def signed_in(client, manager):
    client.force_login(manager)
    return client


def test_the_page_draws_a_chart_and_its_table_per_dimension(signed_in, author, department, now):
    make(author, department=department, created_at=now)

    html = signed_in.get(URL).content.decode()

    for name in ("department", "kind", "status"):
        assert f'aria-labelledby="chart-{name}-title chart-{name}-desc"' in html
        assert f'<title id="chart-{name}-title">' in html
    assert html.count('role="img"') == 3
    assert html.count("<details") == 3
    assert "Week starting" in html
    assert html.count("<rect") >= 1
    # Twelve weeks by default, each a row of every chart's table.
    assert html.count('<th scope="row"><time') == 3 * 12


def test_the_period_sets_the_number_of_weeks(signed_in):
    html = signed_in.get(URL, {"weeks": "4"}).content.decode()

    assert html.count('<th scope="row"><time') == 3 * 4
    assert '<option value="4" selected>' in html


@pytest.mark.parametrize("weeks", ["abc", "5", "-1", "12.5"])
def test_an_unknown_period_shows_an_error_and_twelve_weeks(signed_in, weeks):
    response = signed_in.get(URL, {"weeks": weeks})

    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert html.count('<th scope="row"><time') == 3 * 12


def test_an_empty_period_means_twelve_weeks(signed_in):
    html = signed_in.get(URL, {"weeks": ""}).content.decode()

    assert "errorlist" not in html
    assert '<option value="12" selected>' in html
    assert html.count('<th scope="row"><time') == 3 * 12


def test_an_unknown_department_shows_an_error_and_every_department(
    signed_in, author, department, now
):
    make(author, department=department, created_at=now)

    response = signed_in.get(URL, {"department": "999999"})

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert response.context["department"] is None


def test_breaching_departments_are_highlighted(signed_in, author, department, now):
    make(author, department=department, routed_at=now - timedelta(days=30))

    html = signed_in.get(URL).content.decode()

    assert "Breaching their service level" in html
    assert "Product: 1 insight without a first response" in html
    assert 'class="feedback-breach-row"' in html


def test_the_page_is_for_managers_only(client, staff):
    client.force_login(staff)

    assert client.get(URL).status_code == 403


def test_the_page_speaks_german(signed_in, author, department, now):
    make(author, department=department, created_at=now, routed_at=now + timedelta(minutes=90))

    html = signed_in.get(URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    monday = timezone.localdate(now) - timedelta(days=timezone.localdate(now).weekday())
    with translation.override("de"):
        week_label = date_format(monday, "j M")
        median = number_format(1.5, 1)
    assert '<html lang="de">' in html
    assert f">{week_label}</text>" in html
    assert f">{median}</td>" in html
    assert "Letzte 12 Wochen" in html and "Last 12 weeks" not in html
    # Chart coordinates stay SVG numbers, without a decimal comma.
    assert not re.search(r'(?:x|y|width|height)="-?\d+,\d+"', html)


def test_bars_stack_to_each_weeks_total():
    weeks = report_weeks(weeks=3, now=timezone.now())
    chart = stacked_bars(
        WeeklySeries(
            name="kind",
            title="Per kind",
            unit="Feedback",
            weeks=weeks,
            lines=[("Bug", [1, 0, 4]), ("Idea", [1, 0, 6])],
        )
    )

    assert [column.total for column in chart.columns] == [2, 0, 10]
    assert [tick.value for tick in chart.ticks] == [0, 2, 4, 6, 8, 10]
    full = chart.plot_bottom - chart.plot_top
    last = chart.columns[-1].segments
    assert sum(segment.height for segment in last) == pytest.approx(full)
    assert last[0].y + last[0].height == pytest.approx(chart.plot_bottom)
    assert chart.columns[1].segments == []
    assert [row.counts for row in chart.rows] == [[1, 1], [0, 0], [4, 6]]
    assert [entry.colour for entry in chart.legend] == list(PALETTE[:2])


def test_more_lines_than_colours_fold_the_smallest_into_other():
    weeks = report_weeks(weeks=1, now=timezone.now())
    lines = [(f"Team {number}", [number]) for number in range(1, 11)]

    chart = stacked_bars(WeeklySeries("department", "t", "u", weeks, lines))

    labels = [str(entry.label) for entry in chart.legend]
    assert len(labels) == len(PALETTE)
    assert labels[0] == "Team 4"
    assert labels[-1] == "Other"
    assert chart.legend[-1].total == 1 + 2 + 3
    assert len({entry.colour for entry in chart.legend}) == len(PALETTE)


def contrast_with_white(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return 1.05 / (luminance + 0.05)


def test_chart_colours_are_distinct_and_stand_out_against_the_page():
    assert len(set(PALETTE)) == len(PALETTE)
    assert all(contrast_with_white(colour) >= 3 for colour in PALETTE)
