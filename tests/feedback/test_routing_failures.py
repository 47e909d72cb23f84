"""An insight whose routing keeps failing: retried with backoff, then failed, then retried by hand.

A routing rule set that raises for one insight stands for any bug or outage
met while routing; it must never hold up the other insights.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from feedback import services
from feedback.models import Insight, RoutingRule
from feedback.notices import WORK_NOTICE
from feedback.services import routing
from feedback.tasks import route_insight_task
from notifications.models import Notification
from tests.feedback.factories import InsightFactory, kind

pytestmark = pytest.mark.django_db

POISON = "UNROUTABLE"


@pytest.fixture
def broken_rules(monkeypatch):
    """Make routing raise for insights whose title says ``POISON``; ``.heal()`` undoes it."""
    real = routing.matching_rules

    def matching_rules(insight):
        if POISON in insight.title:
            raise RuntimeError("rule set exploded")
        return real(insight)

    monkeypatch.setattr(routing, "matching_rules", matching_rules)

    class Switch:
        @staticmethod
        def heal():
            monkeypatch.setattr(routing, "matching_rules", real)

    return Switch


@pytest.fixture
def rule(department):
    return RoutingRule.objects.create(name="Ideas", department=department, keywords="idea")


def test_each_failed_attempt_backs_off_and_the_last_marks_the_routing_failed(
    settings, broken_rules, rule
):
    settings.LIAISON_FEEDBACK_MAX_ATTEMPTS = 3
    settings.LIAISON_FEEDBACK_RETRY_BASE_SECONDS = 10
    insight = InsightFactory(title=f"{POISON} idea")

    waits = [services.record_routing_failure(insight_id=insight.pk, error="boom") for _ in range(3)]

    insight.refresh_from_db()
    assert waits == [10, 20, None]
    assert insight.routing_attempts == 3
    assert insight.routing_failed_at is not None and insight.routing_retry_at is None
    assert insight.routing_error == "boom"
    assert services.record_routing_failure(insight_id=insight.pk, error="again") is None
    insight.refresh_from_db()
    assert insight.routing_attempts == 3


def test_a_poison_insight_does_not_hold_up_the_others(broken_rules, rule, department):
    good = InsightFactory(title="A good idea")
    poison = InsightFactory(title=f"{POISON} idea")
    other = InsightFactory(title="Another idea")

    results = [route_insight_task.apply(args=[each.pk]).get() for each in (good, poison, other)]

    assert results == [department.pk, None, department.pk]
    poison.refresh_from_db()
    assert (poison.department, poison.routing_round, poison.routing_attempts) == (None, 0, 1)
    assert "rule set exploded" in poison.routing_error
    assert poison.routing_retry_at is not None and poison.routing_failed_at is None


def test_in_process_a_failed_routing_waits_for_the_sweep_then_succeeds(
    broken_rules, rule, department, committed
):
    poison = InsightFactory(title=f"{POISON} idea", created_at=timezone.now() - timedelta(hours=1))
    route_insight_task.apply(args=[poison.pk])

    assert services.requeue_lost_routing() == 0, "its next attempt is not due yet"
    Insight.objects.filter(pk=poison.pk).update(
        routing_retry_at=timezone.now() - timedelta(hours=1)
    )
    broken_rules.heal()
    with committed():
        assert services.requeue_lost_routing() == 1
    poison.refresh_from_db()
    assert (poison.department, poison.routing_round) == (department, 1)
    assert (poison.routing_error, poison.routing_retry_at) == ("", None)


def test_a_failed_routing_waits_for_a_manager_who_retries_it(
    client, settings, broken_rules, rule, department, manager, staff, member, committed
):
    settings.LIAISON_FEEDBACK_MAX_ATTEMPTS = 2
    poison = InsightFactory(title=f"{POISON} idea", created_at=timezone.now() - timedelta(days=1))
    for _attempt in range(2):
        route_insight_task.apply(args=[poison.pk])
    poison.refresh_from_db()
    assert poison.routing_failed_at is not None
    assert services.requeue_lost_routing() == 0, "the sweep leaves a failed routing alone"
    notices = Notification.objects.filter(recipient=manager, kind=WORK_NOTICE.value)
    assert [each.message for each in notices] == [f"Feedback could not be routed: {poison.title}"]
    assert notices[0].url == reverse("feedback:unrouted")

    client.force_login(manager)
    page = client.get(reverse("feedback:unrouted")).content.decode()
    assert "Routing failed after 2 attempts." in page
    assert "rule set exploded" in page
    url = reverse("feedback:retry_routing", args=[poison.pk])
    assert url in page
    detail = client.get(poison.get_absolute_url()).content.decode()
    assert "Routing failed after 2 attempts." in detail and url in detail

    for outsider in (member, staff):
        client.force_login(outsider)
        assert client.post(url).status_code in (403, 404)
    poison.refresh_from_db()
    assert poison.routing_failed_at is not None

    broken_rules.heal()
    client.force_login(manager)
    with committed():
        response = client.post(url, follow=True)
    assert "Routing is being tried again." in response.content.decode()
    poison.refresh_from_db()
    assert (poison.department, poison.routing_round, poison.routing_failed_at) == (
        department,
        1,
        None,
    )
    response = client.post(url, follow=True)
    assert "Only feedback whose routing failed can be retried." in response.content.decode()


def test_routing_a_failed_insight_by_hand_clears_the_failure(
    settings, broken_rules, manager, other_department
):
    settings.LIAISON_FEEDBACK_MAX_ATTEMPTS = 1
    poison = InsightFactory(title=f"{POISON} idea")
    route_insight_task.apply(args=[poison.pk])

    services.route_insight_manually(actor=manager, insight=poison, department=other_department)

    poison.refresh_from_db()
    assert poison.department == other_department
    assert (poison.routing_failed_at, poison.routing_error) == (None, "")
    with pytest.raises(ValidationError):
        services.retry_routing(actor=manager, insight=poison)


def test_the_triage_list_says_a_routing_is_pending_or_will_be_tried_again(
    client, broken_rules, manager
):
    waiting = InsightFactory(title="Waiting for its job", kind=kind("need"))
    poison = InsightFactory(title=f"{POISON} idea")
    route_insight_task.apply(args=[poison.pk])

    client.force_login(manager)
    page = client.get(reverse("feedback:unrouted")).content.decode()

    assert waiting.title in page and "Being routed by the rules." in page
    assert "Routing failed; trying again at" in page


def test_a_routing_waiting_for_its_next_attempt_can_be_retried_now(
    client, broken_rules, rule, department, manager, committed
):
    poison = InsightFactory(title=f"{POISON} idea")
    route_insight_task.apply(args=[poison.pk])
    client.force_login(manager)
    url = reverse("feedback:retry_routing", args=[poison.pk])
    assert url in client.get(reverse("feedback:unrouted")).content.decode()

    broken_rules.heal()
    with committed():
        client.post(url)

    poison.refresh_from_db()
    assert (poison.department, poison.routing_retry_at, poison.routing_attempts) == (
        department,
        None,
        0,
    )
