"""Departments, routing rules, and routing insights to departments."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community.models import Category
from config.celery import enqueue_on_commit
from feedback import tasks
from feedback.models import (
    Channel,
    Delivery,
    Department,
    DepartmentMembership,
    Insight,
    RoutingDecision,
    RoutingRule,
)
from feedback.permissions import check_can_triage
from feedback.services.deliveries import (
    backoff_seconds,
    enqueue_delivery,
    max_attempts,
    requeue_stuck_deliveries,
    stuck_after,
)
from feedback.services.workflow import tell_community_managers


@transaction.atomic
def save_department(*, actor: User, department: Department, staff: list[User] | None = None):
    """Create or update ``department`` and, when given, set its staff.

    Raises ``PermissionDenied`` unless ``actor`` triages; ``ValidationError``
    for an invalid department (a webhook URL that is not http(s), a webhook
    without a secret).
    """
    check_can_triage(actor)
    department.full_clean()
    department.save()
    if staff is not None:
        DepartmentMembership.objects.filter(department=department).exclude(user__in=staff).delete()
        for member in staff:
            DepartmentMembership.objects.get_or_create(department=department, user=member)
    return department


@transaction.atomic
def save_routing_rule(
    *, actor: User, rule: RoutingRule, kinds=(), tags=(), categories=()
) -> RoutingRule:
    """Create or update ``rule`` with its kinds, tags and categories.

    Raises ``PermissionDenied`` unless ``actor`` triages; ``ValidationError``
    with code ``no_condition`` when the rule has no kind, tag, category or
    keyword, ``no_target`` when it names no department.
    """
    check_can_triage(actor)
    if rule.department_id is None:
        raise ValidationError(
            {
                "department": ValidationError(
                    _("Choose the department this rule sends feedback to."), code="no_target"
                )
            }
        )
    if not (kinds or tags or categories or rule.keyword_list):
        raise ValidationError(
            _("Give the rule at least one condition: a kind, a tag, a category or a keyword."),
            code="no_condition",
        )
    if rule.pk is None and not rule.position:
        rule.position = (
            RoutingRule.objects.order_by("-position").values_list("position", flat=True).first()
            or 0
        ) + 10
    rule.full_clean()
    rule.save()
    rule.kinds.set(kinds)
    rule.tags.set(tags)
    rule.categories.set(categories)
    return rule


@transaction.atomic
def move_routing_rule(*, actor: User, rule: RoutingRule, up: bool) -> bool:
    """Swap ``rule`` with its neighbour above (``up``) or below; return whether it moved."""
    check_can_triage(actor)
    rules = list(RoutingRule.objects.select_for_update().order_by("position", "pk"))
    for index, each in enumerate(rules):
        each.position = (index + 1) * 10
    index = next(i for i, each in enumerate(rules) if each.pk == rule.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(rules):
        return False
    rules[index].position, rules[other].position = rules[other].position, rules[index].position
    RoutingRule.objects.bulk_update(rules, ["position"])
    return True


def matching_rules(insight: Insight) -> list[RoutingRule]:
    """Return the active rules that send ``insight`` somewhere, in order, up to a stop.

    A rule matches when each condition it has matches (kind, tag, the
    category of one of its posts, a keyword in title or summary). Four queries.
    """
    tag_ids = set(insight.tags.values_list("pk", flat=True))
    category_ids = set(
        Category.objects.filter(threads__posts__insight_link__insight=insight).values_list(
            "pk", flat=True
        )
    )
    text = f"{insight.title}\n{insight.summary}".lower()
    matched = []
    for rule in RoutingRule.objects.filter(is_active=True).prefetch_related(
        "kinds", "tags", "categories"
    ):
        kinds = {each.pk for each in rule.kinds.all()}
        tags = {each.pk for each in rule.tags.all()}
        categories = {each.pk for each in rule.categories.all()}
        keywords = rule.keyword_list
        if kinds and insight.kind_id not in kinds:
            continue
        if tags and not tags & tag_ids:
            continue
        if categories and not categories & category_ids:
            continue
        if keywords and not any(word in text for word in keywords):
            continue
        matched.append(rule)
        if rule.stop_processing:
            break
    return matched


def _route(insight: Insight, *, departments: list[Department], rule, actor) -> None:
    """Record a routing round to ``departments[0]`` (copies to the rest) and fill the outbox.

    Moving to another department clears the assignee, who worked for the old one.
    The owner's staff get an in-app notice; every department gets an e-mail
    and a webhook where configured.
    """
    previous = insight.department
    insight.routing_round = F("routing_round") + 1
    insight.department = departments[0] if departments else None
    if insight.department != previous:
        insight.assignee = None  # the new department's staff decide who works on it
    insight.routed_at = timezone.now() if departments else None
    insight.routing_error = ""
    insight.routing_retry_at = None
    insight.routing_failed_at = None
    insight.save(
        update_fields=[
            "routing_round",
            "department",
            "assignee",
            "routed_at",
            "routing_error",
            "routing_retry_at",
            "routing_failed_at",
        ]
    )
    insight.refresh_from_db(fields=["routing_round"])
    RoutingDecision.objects.create(
        insight=insight,
        rule=rule,
        decided_by=actor,
        from_department=previous,
        to_department=insight.department,
        routing_round=insight.routing_round,
    )
    for index, department in enumerate(departments):
        channels = [Channel.IN_APP] if index == 0 else []
        if department.contact_email:
            channels.append(Channel.EMAIL)
        if department.webhook_url:
            channels.append(Channel.WEBHOOK)
        for channel in channels:
            delivery, created = Delivery.objects.get_or_create(
                insight=insight,
                department=department,
                channel=channel,
                routing_round=insight.routing_round,
            )
            if created:
                enqueue_delivery(delivery.pk)


@transaction.atomic
def route_insight(*, insight_id: int) -> Insight | None:
    """Route a new insight by the rules, once; return it (``None`` if it is gone).

    The first matching rule's department owns it; later matches before a
    rule that stops get copies by e-mail and webhook. No match leaves it
    unrouted, on the triage list. An insight already routed (or merged) is
    left alone, so a rerun changes nothing.
    """
    insight = Insight.objects.select_for_update().filter(pk=insight_id).first()
    if insight is None or insight.routing_round > 0 or insight.merged_into_id:
        return insight
    rules = matching_rules(insight)
    departments = []
    for rule in rules:
        if rule.department not in departments:
            departments.append(rule.department)
    _route(insight, departments=departments, rule=rules[0] if rules else None, actor=None)
    return insight


@transaction.atomic
def route_insight_manually(*, actor: User, insight: Insight, department: Department) -> Insight:
    """Route (or re-route) ``insight`` to ``department`` by hand; recorded with who and when.

    Raises ``PermissionDenied`` unless ``actor`` triages, ``ValidationError``
    (code ``same_department``) when it is already there, or merged.
    """
    check_can_triage(actor)
    insight = Insight.objects.select_for_update().get(pk=insight.pk)
    if insight.merged_into_id:
        raise ValidationError(_("This feedback was merged into another one."), code="merged")
    if insight.department_id == department.pk:
        raise ValidationError(
            _("This feedback is already with that department."), code="same_department"
        )
    _route(insight, departments=[department], rule=None, actor=actor)
    return insight


@transaction.atomic
def record_routing_failure(*, insight_id: int, error: str) -> float | None:
    """Count a failed attempt to route ``insight_id``; return seconds until the next one.

    Attempts follow the deliveries' schedule (``backoff_seconds``); after
    ``LIAISON_FEEDBACK_MAX_ATTEMPTS`` the insight is marked failed, stays on
    the triage list with ``error`` and waits for a manager (each community
    manager is told once), and ``None`` is returned. ``None`` too when it is
    gone or was routed meanwhile.
    """
    insight = Insight.objects.select_for_update().filter(pk=insight_id, routing_round=0).first()
    if insight is None or insight.routing_failed_at is not None:
        return None
    now = timezone.now()
    insight.routing_attempts += 1
    insight.routing_error = error[:2000]
    wait = None
    if insight.routing_attempts >= max_attempts():
        insight.routing_failed_at = now
        insight.routing_retry_at = None
        tell_community_managers(
            message=lambda: _("Feedback could not be routed: %(title)s") % {"title": insight.title},
            url=reverse("feedback:unrouted"),
        )
    else:
        wait = backoff_seconds(insight.routing_attempts)
        insight.routing_retry_at = now + timedelta(seconds=wait)
    insight.save(
        update_fields=[
            "routing_attempts",
            "routing_error",
            "routing_retry_at",
            "routing_failed_at",
        ]
    )
    return wait


@transaction.atomic
def retry_routing(*, actor: User, insight: Insight) -> Insight:
    """Give an insight whose routing failed (for good, or waiting for its next attempt)
    a fresh set of attempts, now; return it.

    Raises ``PermissionDenied`` unless ``actor`` triages, ``ValidationError``
    (code ``not_failed``) unless an attempt to route it failed.
    """
    check_can_triage(actor)
    insight = Insight.objects.select_for_update().get(pk=insight.pk)
    if insight.routing_attempts == 0 or insight.routing_round > 0:
        raise ValidationError(
            _("Only feedback whose routing failed can be retried."), code="not_failed"
        )
    insight.routing_attempts = 0
    insight.routing_error = ""
    insight.routing_failed_at = None
    insight.routing_retry_at = None
    insight.save(
        update_fields=[
            "routing_attempts",
            "routing_error",
            "routing_failed_at",
            "routing_retry_at",
        ]
    )
    enqueue_on_commit(tasks.route_insight_task, insight.pk)
    return insight


@transaction.atomic
def requeue_lost_routing(*, older_than: timedelta | None = None) -> int:
    """Enqueue routing again for insights whose routing job was lost; return how many.

    An insight not merged and never routed (``routing_round`` 0, which even a
    routing that matched no rule raises) for longer than ``older_than``
    (default ``LIAISON_FEEDBACK_STUCK_SECONDS``) lost its job to a worker
    that died or a broker restart; so did one whose next attempt after a
    failure was due that long ago. One whose routing failed for good waits
    for a manager (``retry_routing``). Routing twice is harmless:
    ``route_insight`` routes once.
    """
    cutoff = timezone.now() - (stuck_after() if older_than is None else older_than)
    ids = list(
        Insight.objects.filter(
            Q(routing_retry_at__isnull=True, created_at__lte=cutoff)
            | Q(routing_retry_at__lte=cutoff),
            routing_round=0,
            merged_into__isnull=True,
            routing_failed_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    for insight_id in ids:
        enqueue_on_commit(tasks.route_insight_task, insight_id)
    return len(ids)


def sweep_lost_jobs(*, older_than: timedelta | None = None) -> int:
    """Take up the feedback pipeline's lost work: routing and deliveries; return how many."""
    return requeue_lost_routing(older_than=older_than) + requeue_stuck_deliveries(
        older_than=older_than
    )
