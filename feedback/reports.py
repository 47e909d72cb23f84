"""The reports page's numbers, all computed in the database.

``build_report`` runs a fixed number of grouped queries whatever the number
of insights: memory holds one row per department, kind, status, tag and week,
never one per insight. ``Median`` and ``HoursBetween`` work on PostgreSQL and
on SQLite, where ``register_sqlite_functions`` (connected to
``connection_created`` in ``FeedbackConfig.ready``) provides the ``median``
aggregate. Merged insights count nowhere: their merge target stands for them.
"""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import NotSupportedError
from django.db.models import (
    Aggregate,
    Count,
    DateField,
    DateTimeField,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, TruncWeek
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from feedback.models import (
    CLOSED_STATUSES,
    Department,
    FeedbackKind,
    Insight,
    InsightStatus,
    StatusChange,
)

#: The periods the page offers, in weeks, and the one it shows first.
REPORT_PERIODS = (4, 12, 26, 52)
DEFAULT_REPORT_WEEKS = 12
TOP_TAGS = 10


class Median(Aggregate):
    """The median of a numeric expression over each group, NULLs left out; a float or None.

    An even number of values gives the mean of the middle two.
    """

    function = "median"
    name = "Median"
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra_context,
        )


class _SQLiteMedian:
    """SQLite's ``median`` aggregate: holds the values of one group, then their median."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the ``median`` aggregate that ``Median`` calls."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("median", 1, _SQLiteMedian)


class HoursBetween(Func):
    """Hours from ``start`` to ``end`` as a float (negative if ``end`` is earlier).

    NULL when either is NULL, so that ``Median`` and comparisons skip the row.
    """

    arity = 2
    output_field = FloatField()

    def _compile_ends(self, compiler):
        start, end = self.get_source_expressions()
        return compiler.compile(start), compiler.compile(end)

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError("HoursBetween supports PostgreSQL and SQLite only.")

    def as_postgresql(self, compiler, connection, **extra_context):
        (start, start_params), (end, end_params) = self._compile_ends(compiler)
        sql = f"(EXTRACT(EPOCH FROM (({end}) - ({start})))::double precision / 3600)"
        return sql, (*end_params, *start_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        (start, start_params), (end, end_params) = self._compile_ends(compiler)
        return f"((julianday({end}) - julianday({start})) * 24)", (*end_params, *start_params)


@dataclass(frozen=True)
class WeeklySeries:
    """Counts per week of one dimension (department, kind or status), ready to chart.

    ``lines`` holds (label, counts) with one count per week of ``weeks``, in
    week order; lines that stay at zero over the whole period are left out.
    """

    name: str
    title: str | Promise
    unit: str | Promise
    weeks: list[date]
    lines: list[tuple[str, list[int]]]


def report_weeks(*, weeks: int, now: datetime) -> list[date]:
    """Return the Mondays of the last ``weeks`` weeks in the current time zone, oldest
    first; the week of ``now`` is the last."""
    today = timezone.localdate(now)
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=weeks - 1 - index) for index in range(weeks)]


def _weekly_counts(queryset: QuerySet, *, moment: str, group: str) -> dict:
    """Return {group value: {Monday: count}} for ``queryset`` bucketed by the week of
    ``moment``. One query, one row per group and week."""
    rows = (
        queryset.annotate(week=TruncWeek(moment, output_field=DateField()))
        .values("week", group)
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict = {}
    for row in rows:
        counts.setdefault(row[group], {})[row["week"]] = row["count"]
    return counts


def _series(*, name, title, unit, weeks, labelled_keys, counts) -> WeeklySeries:
    lines = []
    for key, label in labelled_keys:
        by_week = counts.get(key, {})
        values = [by_week.get(week, 0) for week in weeks]
        if any(values):
            lines.append((label, values))
    return WeeklySeries(name=name, title=title, unit=unit, weeks=weeks, lines=lines)


def _weekly_series(
    *, weeks: list[date], department: Department | None, departments, kinds
) -> list[WeeklySeries]:
    """Return feedback captured per week by department and by kind, and status changes
    per week by the status moved into. Three queries."""
    start = timezone.make_aware(datetime.combine(weeks[0], time.min))
    insights = Insight.objects.filter(merged_into__isnull=True, created_at__gte=start)
    changes = StatusChange.objects.filter(insight__merged_into__isnull=True, changed_at__gte=start)
    if department is not None:
        insights = insights.filter(department=department)
        changes = changes.filter(insight__department=department)
    captured = _("Feedback captured")
    return [
        _series(
            name="department",
            title=_("Feedback captured per week, by department"),
            unit=captured,
            weeks=weeks,
            labelled_keys=[(each.pk, each.name) for each in departments] + [(None, _("Unrouted"))],
            counts=_weekly_counts(insights, moment="created_at", group="department"),
        ),
        _series(
            name="kind",
            title=_("Feedback captured per week, by kind"),
            unit=captured,
            weeks=weeks,
            labelled_keys=[(each.pk, str(each)) for each in kinds],
            counts=_weekly_counts(insights, moment="created_at", group="kind"),
        ),
        _series(
            name="status",
            title=_("Status changes per week, by the status moved to"),
            unit=_("Status changes"),
            weeks=weeks,
            labelled_keys=InsightStatus.choices,
            counts=_weekly_counts(changes, moment="changed_at", group="to_status"),
        ),
    ]


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _department_rows(*, now: datetime, departments, kinds) -> list[dict]:
    """Return one row per department, then one for unrouted feedback if there is any,
    over all time. Two queries."""
    insights = Insight.objects.filter(merged_into__isnull=True)
    # Hours the department has been waiting to answer: until its first response, or now.
    waiting = HoursBetween("routed_at", Coalesce("first_response_at", Value(now, DateTimeField())))
    closed = Q(status__in=CLOSED_STATUSES)
    totals = {
        row["department"]: row
        for row in insights.values("department")
        .annotate(
            total=Count("pk"),
            **{value: Count("pk", filter=Q(status=value)) for value in InsightStatus.values},
            to_route=Median(HoursBetween("created_at", "routed_at")),
            to_first_response=Median(HoursBetween("created_at", "first_response_at")),
            to_answer=Median(HoursBetween("created_at", "answered_at")),
            to_close=Median(HoursBetween("created_at", "closed_at")),
            closed=Count("pk", filter=closed),
            closed_answered=Count("pk", filter=closed & Q(answered_at__isnull=False)),
            # Unrouted feedback has neither routed_at nor a service level: NULL, never counted.
            breaching=Count(
                "pk", filter=GreaterThan(waiting, F("department__service_level_hours"))
            ),
        )
        .order_by()
    }
    kind_counts = {
        (row["department"], row["kind"]): row["count"]
        for row in insights.values("department", "kind").annotate(count=Count("pk")).order_by()
    }
    owners = [*departments, None] if None in totals else list(departments)
    rows = []
    for department in owners:
        key = department.pk if department else None
        numbers = totals.get(key, {})
        closed_count = numbers.get("closed", 0)
        rows.append(
            {
                "department": department,
                "total": numbers.get("total", 0),
                "statuses": [
                    (label, numbers.get(value, 0)) for value, label in InsightStatus.choices
                ],
                "kinds": [
                    (str(kind), kind_counts[key, kind.pk])
                    for kind in kinds
                    if (key, kind.pk) in kind_counts
                ],
                "to_route": _hours(numbers.get("to_route")),
                "to_first_response": _hours(numbers.get("to_first_response")),
                "to_answer": _hours(numbers.get("to_answer")),
                "to_close": _hours(numbers.get("to_close")),
                "answered_share": (
                    round(100 * numbers["closed_answered"] / closed_count) if closed_count else None
                ),
                "breaching": numbers.get("breaching", 0),
            }
        )
    peak = max([row["total"] for row in rows] + [1])
    for row in rows:
        row["width"] = round(100 * row["total"] / peak)
    return rows


def _top_tags() -> list[tuple[str, int]]:
    """Return the ``TOP_TAGS`` tags on most feedback as (name, count). One query."""
    rows = (
        Insight.tags.through.objects.filter(insight__merged_into__isnull=True)
        .values("tag__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "tag__name")[:TOP_TAGS]
    )
    return [(row["tag__name"], row["count"]) for row in rows]


def build_report(
    *,
    weeks: int = DEFAULT_REPORT_WEEKS,
    department: Department | None = None,
    now: datetime | None = None,
) -> dict:
    """Return the numbers of the reports page in eight queries, whatever the data.

    - ``series``: ``WeeklySeries`` over the last ``weeks`` weeks (the current
      one included), narrowed to ``department`` if given: feedback captured
      per department and per kind, status changes per status moved to.
    - ``departments``: per department over all time, feedback count, counts per
      status and kind, median hours from capture to routing, first response,
      public answer and close (one decimal, None without data), the percentage
      of closed feedback with a public answer (None if none closed), and how
      many routed insights went unanswered past the service level (to their
      first response or, still waiting, to ``now``).
    - ``breaching_departments``: the rows above with at least one breach.
    - ``top_tags``: (name, count) of the most used tags.
    """
    now = now or timezone.now()
    departments = list(Department.objects.order_by("name"))
    kinds = list(FeedbackKind.objects.all())
    rows = _department_rows(now=now, departments=departments, kinds=kinds)
    period = report_weeks(weeks=weeks, now=now)
    return {
        "weeks": period,
        "series": _weekly_series(
            weeks=period, department=department, departments=departments, kinds=kinds
        ),
        "departments": rows,
        "breaching_departments": [row for row in rows if row["breaching"]],
        "top_tags": _top_tags(),
    }
