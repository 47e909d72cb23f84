"""Reads of the feedback app that pages share, each a fixed number of queries."""

import re
from collections import Counter, defaultdict
from statistics import median

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from community.models import Category, Post, Thread
from community.selectors import visible_categories
from feedback.models import (
    CLOSED_STATUSES,
    Delivery,
    Department,
    Insight,
    InsightPost,
    InsightStatus,
    RoutingRule,
    Support,
)
from feedback.permissions import check_can_see_insight, department_ids_of, is_triager

WORD = re.compile(r"\w{3,}")


def list_inbox(*, viewer) -> QuerySet[Insight]:
    """Return the insights ``viewer`` works on: all for triagers, their departments' for staff.

    Merged insights are left out; kind, department, assignee and tags come along.
    """
    insights = Insight.objects.filter(merged_into__isnull=True)
    if not is_triager(viewer):
        insights = insights.filter(department__in=department_ids_of(viewer))
    return insights.select_related("kind", "department", "assignee").prefetch_related("tags")


def list_unrouted(*, viewer) -> QuerySet[Insight]:
    """Return the insights no rule routed, newest first (triagers only ask)."""
    return list_inbox(viewer=viewer).filter(department__isnull=True).order_by("-created_at", "-pk")


def get_insight(*, insight_id: int, viewer) -> Insight:
    """Return an insight ``viewer`` may open; ``Http404`` if missing or someone else's."""
    insight = get_object_or_404(
        Insight.objects.select_related("kind", "department", "assignee", "created_by"),
        pk=insight_id,
    )
    check_can_see_insight(viewer, insight)
    return insight


def get_insight_page(*, insight: Insight) -> dict:
    """Return what the insight page shows: posts, supporters, history, notes, answers, outbox."""
    return {
        "insight_posts": list(
            insight.insight_posts.select_related("post__author", "post__thread__category")
        ),
        "supports": list(insight.supports.select_related("member").order_by("created_at")),
        "status_changes": list(insight.status_changes.select_related("changed_by")),
        "notes": list(insight.notes.select_related("author")),
        "responses": list(insight.responses.select_related("author")),
        "deliveries": list(
            insight.deliveries.select_related("department").order_by("-routing_round", "pk")
        ),
        "routing_decisions": list(
            insight.routing_decisions.select_related(
                "rule", "decided_by", "from_department", "to_department"
            )
        ),
        "tags": list(insight.tags.all()),
        "merged": list(insight.merged_insights.all()),
    }


def get_delivery(*, delivery_id: int) -> Delivery:
    """Return a delivery with its insight; the caller checks who may act on it."""
    return get_object_or_404(
        Delivery.objects.select_related("insight", "department"), pk=delivery_id
    )


def _words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def visible_insights(viewer) -> QuerySet[Insight]:
    """Insights raised in posts that ``viewer`` may see (one of its posts is enough).

    Feedback from an internal category stays unknown to members, in
    suggestions and as a target to attach to.
    """
    return Insight.objects.filter(
        pk__in=InsightPost.objects.filter(
            post__thread__category__in=visible_categories(viewer)
        ).values("insight_id")
    )


def similar_insights(
    *, text: str, viewer, limit: int = 5, exclude_id: int | None = None
) -> list[Insight]:
    """Return open insights that ``viewer`` may know of, whose title or summary resemble
    ``text``, best first.

    On PostgreSQL, full-text ranking (``SearchVector`` over title and summary
    against any of the words); elsewhere, the share of common words among the
    latest 500 open insights. One query.
    """
    words = _words(text)
    if not words:
        return []
    candidates = (
        visible_insights(viewer)
        .filter(merged_into__isnull=True)
        .exclude(status__in=CLOSED_STATUSES)
    )
    if exclude_id:
        candidates = candidates.exclude(pk=exclude_id)
    candidates = candidates.select_related("kind", "department")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        query = SearchQuery(" | ".join(sorted(words)), search_type="raw", config="simple")
        vector = SearchVector("title", weight="A", config="simple") + SearchVector(
            "summary", weight="B", config="simple"
        )
        return list(
            candidates.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-rank", "-pk")[:limit]
        )
    scored = []
    for insight in candidates.order_by("-created_at")[:500]:
        common = words & _words(f"{insight.title} {insight.summary}")
        if common:
            scored.append((len(common) / len(words), insight.pk, insight))
    scored.sort(key=lambda each: (-each[0], -each[1]))
    return [insight for _score, _pk, insight in scored[:limit]]


def list_category_status(*, category: Category) -> list[Insight]:
    """Return the insights raised in ``category`` for its public status page, open ones first.

    The caller has checked that the viewer sees the category.
    """
    insights = list(
        Insight.objects.filter(
            merged_into__isnull=True, insight_posts__post__thread__category=category
        )
        .distinct()
        .select_related("kind")
        .prefetch_related("responses")
    )
    roadmap = [
        InsightStatus.IN_PROGRESS,
        InsightStatus.PLANNED,
        InsightStatus.ACKNOWLEDGED,
        InsightStatus.NEW,
        InsightStatus.DONE,
        InsightStatus.DECLINED,
    ]
    order = {status: index for index, status in enumerate(roadmap)}
    insights.sort(key=lambda each: (order[each.status], -each.supporter_count, -each.pk))
    return insights


def get_thread_feedback(*, thread: Thread, viewer) -> tuple[list[Insight], set[int]]:
    """Return the insights fed by ``thread``'s posts with their answers, and those
    ``viewer`` supports. Three queries at most."""
    insights = list(
        Insight.objects.filter(insight_posts__post__thread=thread)
        .distinct()
        .select_related("kind", "merged_into")
        .prefetch_related(
            Prefetch("responses", queryset=_responses()),
            Prefetch("merged_into__responses", queryset=_responses()),
        )
        .order_by("pk")
    )
    supported = set()
    if viewer.is_authenticated and insights:
        supported = set(
            Support.objects.filter(member=viewer, insight__in=insights).values_list(
                "insight_id", flat=True
            )
        )
    return insights, supported


def _responses():
    from feedback.models import OfficialResponse

    return OfficialResponse.objects.select_related("author").order_by("created_at")


def list_routing_rules() -> list[RoutingRule]:
    """Return every routing rule in order with its conditions and department."""
    return list(
        RoutingRule.objects.select_related("department").prefetch_related(
            "kinds", "tags", "categories"
        )
    )


def list_departments() -> QuerySet[Department]:
    """Return the departments with their staff and open insight count."""
    return (
        Department.objects.prefetch_related("staff")
        .annotate(
            open_count=Count(
                "insights",
                filter=Q(insights__merged_into__isnull=True)
                & ~Q(insights__status__in=CLOSED_STATUSES),
            )
        )
        .order_by("name")
    )


def capture_suggestions(*, post: Post, viewer) -> list[Insight]:
    """Return open insights, known to ``viewer``, that resemble ``post``'s thread and text."""
    return similar_insights(text=f"{post.thread.title} {post.body[:2000]}", viewer=viewer)


def _hours(start, end) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 3600


def build_report() -> dict:
    """Return the numbers of the reports page, in a fixed number of queries.

    Per department: counts per status and kind, median hours from capture to
    routing, to first response, to public answer and to close, share of
    closed insights with a public answer, and how many breach the service
    level. Also top tags and insights created per week over the last 12 weeks.
    """
    from django.utils import timezone

    now = timezone.now()
    insights = list(
        Insight.objects.filter(merged_into__isnull=True).select_related("department", "kind")
    )
    tags = Counter(
        name
        for name in Insight.tags.through.objects.filter(
            insight__merged_into__isnull=True
        ).values_list("tag__name", flat=True)
    )
    rows = defaultdict(lambda: {"insights": [], "statuses": Counter(), "kinds": Counter()})
    weeks = Counter()
    for insight in insights:
        row = rows[insight.department]
        row["insights"].append(insight)
        row["statuses"][insight.status] += 1
        row["kinds"][str(insight.kind)] += 1
        age = (now - insight.created_at).days // 7
        if age < 12:
            weeks[age] += 1
    departments = []
    for department, row in sorted(rows.items(), key=lambda item: item[0].name if item[0] else ""):
        items = row["insights"]

        def median_hours(field, items=items):
            values = [
                hours
                for each in items
                if (hours := _hours(each.created_at, getattr(each, field))) is not None
            ]
            return round(median(values), 1) if values else None

        closed = [each for each in items if each.is_closed]
        breaching = 0
        if department is not None:
            limit = department.service_level_hours
            for each in items:
                end = each.first_response_at or now
                if each.routed_at and _hours(each.routed_at, end) > limit:
                    breaching += 1
        departments.append(
            {
                "department": department,
                "total": len(items),
                "statuses": [
                    (label, row["statuses"][value]) for value, label in InsightStatus.choices
                ],
                "kinds": sorted(row["kinds"].items()),
                "to_route": median_hours("routed_at"),
                "to_first_response": median_hours("first_response_at"),
                "to_answer": median_hours("answered_at"),
                "to_close": median_hours("closed_at"),
                "answered_share": (
                    round(100 * sum(1 for each in closed if each.answered_at) / len(closed))
                    if closed
                    else None
                ),
                "breaching": breaching,
            }
        )
    peak = max([row["total"] for row in departments] + [1])
    for row in departments:
        row["width"] = round(100 * row["total"] / peak)
    week_peak = max([*weeks.values(), 1])
    return {
        "departments": departments,
        "top_tags": tags.most_common(10),
        "weeks": [
            {"weeks_ago": age, "count": weeks[age], "height": round(100 * weeks[age] / week_peak)}
            for age in range(11, -1, -1)
        ],
    }


def list_status_categories(*, viewer) -> list[Category]:
    """Return the categories ``viewer`` sees that have feedback, for links to status pages."""
    from community.selectors import visible_categories

    return list(
        visible_categories(viewer).filter(
            pk__in=InsightPost.objects.values("post__thread__category")
        )
    )
