"""The feedback demo: departments, routing rules and insights in every status.

Loaded by ``manage.py load_demo`` after the community's and the backoffice's
demos; finds their people by username and their threads by title. Work goes
through the services, as in the app; the jobs they enqueue are run here, in
process, so that the demo does not depend on a worker. Idempotent: rows are
found by natural keys (a department's slug, a rule's name, the post an
insight was captured from) and an existing insight is left as it is.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from community.models import Post
from feedback import services
from feedback.models import (
    Delivery,
    DeliveryStatus,
    Department,
    DepartmentMembership,
    FeedbackKind,
    Insight,
    InsightPost,
    InsightStatus,
    RoutingRule,
    StatusChange,
)

EMAIL_DOMAIN = "dept.demo.liaison.test"

#: (slug, name, service level in hours, staff usernames)
DEPARTMENTS = [
    ("product", "Product", 72, ["priya"]),
    ("support", "Support", 24, ["sam"]),
    ("marketing", "Marketing", 120, []),
    ("sales", "Sales", 48, []),
]

#: (name, department slug, kind slugs, keywords); tried in this order.
RULES = [
    ("Pricing and invoices go to Sales", "sales", [], "pricing, invoice, price, quote"),
    ("Bugs and problems go to Support", "support", ["bug", "problem"], ""),
    ("Ideas and needs go to Product", "product", ["idea", "need"], ""),
]

#: Each insight: the thread it comes from, its kind, its title when not the thread's,
#: the statuses it moves through (by its department's staff), the public answer given
#: before the last move, an internal note and its supporters.
INSIGHTS = [
    {
        "thread": "Dark mode for the web app",
        "kind": "idea",
        "path": [InsightStatus.ACKNOWLEDGED, InsightStatus.PLANNED],
        "note": "Design has mock-ups for the timeline colours; planned for 4.14.",
        "supporters": ["alice", "bernd", "dana"],
    },
    {
        "thread": "Dependencies across projects in the timeline",
        "kind": "idea",
        "path": [InsightStatus.ACKNOWLEDGED, InsightStatus.IN_PROGRESS],
        "note": "Beta group signed up in the lounge; engineering is on it.",
        "supporters": ["chen", "alice"],
    },
    {
        "thread": "Approval workflow for timesheets",
        "kind": "need",
        "path": [InsightStatus.ACKNOWLEDGED],
        "supporters": ["bernd"],
    },
    {
        "thread": "Bulk edit custom fields in the list view",
        "kind": "idea",
        "path": [],
        "supporters": ["dana"],
    },
    {
        "thread": "Slack: daily digest of tasks due today",
        "kind": "idea",
        "path": [InsightStatus.ACKNOWLEDGED, InsightStatus.IN_PROGRESS, InsightStatus.DONE],
        "answer": "The Slack app now posts a daily digest at 08:00 in each member's time "
        "zone. Switch it on under **Integrations → Slack**.",
        "note": "Shipped in 4.12.",
        "supporters": ["alice", "chen"],
    },
    {
        "thread": "Highlight the critical path in the timeline",
        "kind": "idea",
        "path": [InsightStatus.DECLINED],
        "answer": "Thank you for the idea. The slack column of the schedule report shows "
        "the critical path already, so we will not add it to the timeline for now.",
        "note": "Revisit with the timeline redesign.",
        "supporters": ["bernd"],
    },
    {
        "thread": "Notification e-mails arrive twice",
        "kind": "bug",
        "path": [InsightStatus.ACKNOWLEDGED, InsightStatus.DONE],
        "answer": "Fixed: a retry after a mail-server timeout sent the e-mail again. "
        "Each notification now goes out once.",
        "supporters": ["dana", "alice"],
    },
    {
        "thread": "Printed timeline cuts off the last column",
        "kind": "bug",
        "path": [InsightStatus.ACKNOWLEDGED, InsightStatus.IN_PROGRESS],
        "note": "Reproduced with A4 landscape at 100 % zoom.",
        "supporters": ["chen"],
    },
    {
        "thread": "Android app logs me out after every update",
        "kind": "problem",
        "path": [],
        "supporters": ["bernd", "dana"],
    },
    {
        "thread": "DATEV-Export der Stunden für die Lohnabrechnung",
        "kind": "need",
        "title": "DATEV export of billable hours for the monthly invoice",
        "path": [InsightStatus.ACKNOWLEDGED],
        "supporters": ["bernd"],
    },
    {
        "thread": "Show & tell: our portfolio dashboard for construction projects",
        "kind": "praise",
        "path": [],
        "supporters": ["alice"],
    },
]


@transaction.atomic
def load(stdout=None) -> dict:
    """Load the feedback demo once; return the departments by slug and the new insights."""
    people = {user.username: user for user in User.objects.filter(username__in=_usernames())}
    carla = people.get("carla")
    departments = _load_departments(people)
    _load_rules(departments)
    created = []
    if carla is not None:
        for index, spec in enumerate(INSIGHTS):
            insight = _load_insight(spec, carla=carla, people=people)
            if insight is not None:
                created.append(insight)
                _spread_over_weeks(insight, index=index)
    _deliver_pending()
    if stdout is not None:
        stdout.write(
            f"Feedback: {len(departments)} departments, {len(RULES)} routing rules, "
            f"{len(created)} insights added.\n"
        )
    return {"departments": departments, "insights": created}


def _usernames() -> set[str]:
    names = {"carla"}
    for _slug, _name, _hours, staff in DEPARTMENTS:
        names.update(staff)
    for spec in INSIGHTS:
        names.update(spec["supporters"])
    return names


def _load_departments(people: dict[str, User]) -> dict[str, Department]:
    departments = {}
    for slug, name, hours, staff in DEPARTMENTS:
        department, _created = Department.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "contact_email": f"{slug}@{EMAIL_DOMAIN}",
                "service_level_hours": hours,
            },
        )
        for username in staff:
            if username in people:
                DepartmentMembership.objects.get_or_create(
                    department=department, user=people[username]
                )
        departments[slug] = department
    return departments


def _load_rules(departments: dict[str, Department]) -> None:
    for position, (name, slug, kind_slugs, keywords) in enumerate(RULES, 1):
        rule, created = RoutingRule.objects.get_or_create(
            name=name,
            defaults={
                "department": departments[slug],
                "keywords": keywords,
                "position": position * 10,
            },
        )
        if created:
            rule.kinds.set(FeedbackKind.objects.filter(slug__in=kind_slugs))


def _load_insight(spec: dict, *, carla: User, people: dict[str, User]):
    """Capture the thread's first post as an insight and work it; ``None`` if done before."""
    post = (
        Post.objects.filter(thread__title=spec["thread"], number=1)
        .select_related("thread__category")
        .first()
    )
    if post is None or InsightPost.objects.filter(post=post).exists():
        return None
    insight = services.capture_feedback(
        actor=carla,
        post=post,
        kind=FeedbackKind.objects.get(slug=spec["kind"]),
        tags=list(post.thread.tags.all()),
        title=spec.get("title", ""),
    )
    insight = services.route_insight(insight_id=insight.pk)
    for username in spec["supporters"]:
        if username in people:
            services.support_insight(actor=people[username], insight=insight)
    if insight.department is None:
        return insight
    # A fresh copy of the staff member: their departments are cached on the object.
    worker = insight.department.staff.order_by("pk").first() or User.objects.get(pk=carla.pk)
    if spec.get("note"):
        services.add_internal_note(actor=worker, insight=insight, body=spec["note"])
    path = spec["path"]
    for status in path[:-1] if spec.get("answer") else path:
        services.change_status(actor=worker, insight=insight, status=status)
    if spec.get("answer"):
        services.answer_publicly(
            actor=worker, insight=insight, body=spec["answer"], status=path[-1]
        )
    insight.refresh_from_db()
    return insight


def _spread_over_weeks(insight, *, index: int) -> None:
    """Move ``insight``'s history into the past, the ``index``-th one further back, so that
    the reports show weeks of feedback and hours (not milliseconds) between its steps.

    Captured 3 + 5 times ``index`` days ago, routed ten minutes later; each status
    change, note and answer follows the one before by a number of hours that
    differs from insight to insight.
    """
    captured = timezone.now() - timedelta(days=3 + 5 * index, hours=index)
    step = timedelta(hours=5 + (index * 7) % 31)
    routed = captured + timedelta(minutes=10) if insight.routed_at else None
    changes = list(insight.status_changes.order_by("changed_at", "pk"))
    for number, change in enumerate(changes, 1):
        change.changed_at = captured + step * number
    StatusChange.objects.bulk_update(changes, ["changed_at"])
    last = changes[-1].changed_at if changes else captured + step
    insight.responses.update(created_at=last)
    insight.notes.update(created_at=captured + step / 2)
    insight.routing_decisions.update(decided_at=routed or captured)
    insight.supports.update(created_at=captured + step / 3)
    Delivery.objects.filter(insight=insight).update(created_at=routed or captured)
    Insight.objects.filter(pk=insight.pk).update(
        created_at=captured,
        routed_at=routed,
        first_response_at=changes[0].changed_at if changes else None,
        answered_at=last if insight.answered_at else None,
        closed_at=last if insight.closed_at else None,
    )


def _deliver_pending() -> None:
    """Send the demo departments' outbox now, not waiting for a worker (it would find it sent).

    A failed attempt stays pending with its next attempt time, for the sweep.
    """
    pending = Delivery.objects.filter(
        status=DeliveryStatus.PENDING, department__slug__in=[each[0] for each in DEPARTMENTS]
    ).values_list("pk", flat=True)
    for delivery_id in list(pending):
        try:
            services.deliver(delivery_id=delivery_id)
        except services.DeliveryFailed:
            continue
