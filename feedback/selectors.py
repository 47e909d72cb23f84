"""Reads of the feedback app that pages share, each a fixed number of queries."""

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    When,
)
from django.shortcuts import get_object_or_404

from community.models import Category, Post, PostStatus, Thread
from community.search.engine import Index, filter_matches
from community.search.query import MAX_TERMS, Query, Term
from community.search.text import COMMON_WORDS, words
from community.selectors import visible_categories
from community.selectors.search import MIN_SIMILAR_LETTERS
from feedback import reports
from feedback.models import (
    CLOSED_STATUSES,
    INSIGHT_FTS_TABLE,
    Delivery,
    Department,
    DepartmentMembership,
    Insight,
    InsightPost,
    InsightStatus,
    RoutingRule,
    Support,
)
from feedback.permissions import check_can_see_insight, department_ids_of, is_triager


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


#: Where the insights' documents are (feedback.models.search).
INSIGHT_INDEX = Index(document="search_document", fts="search_fts", fts_table=INSIGHT_FTS_TABLE)


def search_insights(insights: QuerySet[Insight], query: Query) -> QuerySet[Insight]:
    """Return ``insights`` narrowed to those whose title, summary or captured posts' text
    matches ``query``, in their order, each with ``search_rank``.

    Who sees which insight is ``insights``' business (``list_inbox``,
    ``list_unrouted``: department staff only their departments'). Adds no query.
    """
    return filter_matches(insights, query, index=INSIGHT_INDEX)


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


def get_insight_to_support(*, insight_id: int) -> Insight:
    """Return the insight that a "Me too" for ``insight_id`` counts for: that one, or the one
    it was merged into; ``Http404`` if missing. The caller finds a post the viewer may see."""
    insight = get_object_or_404(Insight.objects.select_related("merged_into"), pk=insight_id)
    return insight.merged_into or insight


def list_supporter_ids(*, insight: Insight) -> set[int]:
    """Return the ids of the members behind ``insight``: its posts' authors and supporters.

    Posts and supports of insights merged into it were moved onto it by
    ``merge_insights``, so they count here too. Two queries.
    """
    authors = Post.objects.filter(insight_link__insight=insight).values_list("author_id", flat=True)
    members = Support.objects.filter(insight=insight).values_list("member_id", flat=True)
    return set(authors) | set(members)


def list_answered_thread_ids(*, insight: Insight) -> set[int]:
    """Return the ids of the threads that show ``insight``'s official answers: those of its
    posts and of the posts of insights merged into it. One query."""
    return set(
        Post.objects.filter(
            Q(insight_link__insight=insight) | Q(insight_link__insight__merged_into=insight)
        ).values_list("thread_id", flat=True)
    )


def get_delivery(*, delivery_id: int) -> Delivery:
    """Return a delivery with its insight; the caller checks who may act on it."""
    return get_object_or_404(
        Delivery.objects.select_related("insight", "department"), pk=delivery_id
    )


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


#: Words of a text that similar insights are looked up by, at most: as many as a
#: typed query may hold.
MAX_SIMILAR_WORDS = MAX_TERMS


def similar_insights(
    *, text: str, viewer, limit: int = 5, exclude_id: int | None = None
) -> list[Insight]:
    """Return up to ``limit`` open insights that ``viewer`` may know of whose title, summary
    or captured posts share words with ``text``, best first.

    The words looked for are the first ``MAX_SIMILAR_WORDS`` of ``text`` worth
    it (``MIN_SIMILAR_LETTERS`` letters or more, not among the ``COMMON_WORDS``
    of English and German), so a post's thread title, given first, counts
    whole. Any may match, each by its stem in the insight's language
    (``community.search``: "exports" finds "Export"), and insights sharing
    more and rarer words, in their titles above all, rank higher, as similar
    threads do. An empty list when ``text`` holds no word worth looking for.
    """
    found = list(
        dict.fromkeys(
            word
            for word in words(text)
            if len(word) >= MIN_SIMILAR_LETTERS and word not in COMMON_WORDS
        )
    )[:MAX_SIMILAR_WORDS]
    if not found:
        return []
    query = Query(groups=(tuple(Term((word,)) for word in found),))
    candidates = (
        visible_insights(viewer)
        .filter(merged_into__isnull=True)
        .exclude(status__in=CLOSED_STATUSES)
    )
    if exclude_id:
        candidates = candidates.exclude(pk=exclude_id)
    matches = search_insights(candidates, query).select_related("kind", "department")
    return list(matches.order_by("-search_rank", "-pk")[:limit])


#: The order of the public status page: what is being worked on first, closed last.
ROADMAP_ORDER = [
    InsightStatus.IN_PROGRESS,
    InsightStatus.PLANNED,
    InsightStatus.ACKNOWLEDGED,
    InsightStatus.NEW,
    InsightStatus.DONE,
    InsightStatus.DECLINED,
]


def captured_post_ids(*, thread: Thread) -> set[int]:
    """Return the ids of ``thread``'s posts that feed an insight. One query."""
    return set(InsightPost.objects.filter(post__thread=thread).values_list("post_id", flat=True))


def _public_links() -> QuerySet[InsightPost]:
    """Links to posts that everyone who sees their thread sees: published, not deleted,
    in a thread that is not awaiting approval. Public pages show feedback only
    through these, so that it never reveals what moderation holds back."""
    return InsightPost.objects.filter(
        post__status=PostStatus.PUBLISHED,
        post__is_deleted=False,
        post__thread__is_pending_approval=False,
    )


def list_category_status(*, category: Category, status: str = "") -> QuerySet[Insight]:
    """Return the insights raised in ``category`` for its public status page, roadmap order.

    In progress, planned, acknowledged, new, then done and declined; within a
    status the most supported first. Only insights with a published post in
    ``category`` show, each with ``public_posts``: those posts, oldest first,
    for a link to the thread.
    ``status`` (one of ``InsightStatus``) narrows it. The caller has checked
    that the viewer sees the category and paginates the result.
    """
    raised_in = _public_links().filter(post__thread__category=category)
    insights = Insight.objects.filter(merged_into__isnull=True, pk__in=raised_in.values("insight"))
    if status:
        insights = insights.filter(status=status)
    raised_in = raised_in.select_related("post__thread").order_by("pk")
    return (
        insights.select_related("kind")
        .prefetch_related(Prefetch("insight_posts", queryset=raised_in, to_attr="public_posts"))
        .annotate(
            roadmap_position=Case(
                *[When(status=value, then=index) for index, value in enumerate(ROADMAP_ORDER)],
                output_field=IntegerField(),
            )
        )
        .order_by("roadmap_position", "-supporter_count", "-pk")
    )


def get_thread_feedback(*, thread: Thread, viewer) -> tuple[list[Insight], set[int]]:
    """Return the insights fed by ``thread``'s published posts with their answers, and
    the ids of those ``viewer`` stands behind (supports, or wrote a post of; merged
    insights as their targets). Four queries at most."""
    insights = list(
        Insight.objects.filter(pk__in=_public_links().filter(post__thread=thread).values("insight"))
        .select_related("kind", "merged_into")
        .prefetch_related(
            Prefetch("responses", queryset=_responses()),
            Prefetch("merged_into__responses", queryset=_responses()),
        )
        .order_by("pk")
    )
    supported = set()
    if viewer.is_authenticated and insights:
        # The authors of its posts count as supporters already: no "Me too" for them.
        behind = [each.merged_into or each for each in insights]
        supported = set(
            Support.objects.filter(member=viewer, insight__in=behind).values_list(
                "insight_id", flat=True
            )
        ) | set(
            InsightPost.objects.filter(post__author=viewer, insight__in=behind).values_list(
                "insight_id", flat=True
            )
        )
    return insights, supported


def first_visible_post(*, insight: Insight, viewer) -> Post | None:
    """Return the oldest published post of ``insight`` that ``viewer`` may see, with its
    thread, or ``None``. One query."""
    link = (
        _public_links()
        .filter(insight=insight, post__thread__category__in=visible_categories(viewer))
        .select_related("post__thread")
        .order_by("pk")
        .first()
    )
    return link.post if link else None


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


def get_routing_rule(*, rule_id: int) -> RoutingRule:
    """Return the routing rule ``rule_id``; ``Http404`` if missing. The caller checks who asks."""
    return get_object_or_404(RoutingRule, pk=rule_id)


def get_department(*, department_id: int) -> Department:
    """Return the department ``department_id``; ``Http404`` if missing."""
    return get_object_or_404(Department, pk=department_id)


def get_department_by_slug(*, department_slug: str) -> Department:
    """Return the department whose slug is ``department_slug``; ``Http404`` if missing."""
    return get_object_or_404(Department, slug=department_slug)


def list_department_staff(*, department: Department) -> list:
    """Return the members who work for ``department``."""
    return list(department.staff.all())


def list_departments() -> QuerySet[Department]:
    """Return the departments with their staff, open insight count and ``has_active_staff``:
    whether anyone gets their in-app notices (only active staff do)."""
    return (
        Department.objects.prefetch_related("staff")
        .annotate(
            open_count=Count(
                "insights",
                filter=Q(insights__merged_into__isnull=True)
                & ~Q(insights__status__in=CLOSED_STATUSES),
            ),
            has_active_staff=Exists(
                DepartmentMembership.objects.filter(department=OuterRef("pk"), user__is_active=True)
            ),
        )
        .order_by("name")
    )


def capture_suggestions(*, post: Post, viewer) -> list[Insight]:
    """Return open insights, known to ``viewer``, that resemble ``post``'s thread and text."""
    return similar_insights(text=f"{post.thread.title} {post.body[:2000]}", viewer=viewer)


def build_report(*, weeks: int, department: Department | None = None) -> dict:
    """Return the numbers of the reports page over the last ``weeks`` weeks, the series
    narrowed to ``department`` if given; see ``feedback.reports.build_report``."""
    return reports.build_report(weeks=weeks, department=department)


def list_status_categories(*, viewer) -> list[Category]:
    """Return the categories ``viewer`` sees that have feedback, for links to status pages."""
    from community.selectors import visible_categories

    return list(
        visible_categories(viewer).filter(
            pk__in=InsightPost.objects.values("post__thread__category")
        )
    )
