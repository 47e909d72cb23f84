"""The feedback admin: every changelist loads and searches; actions go through the services."""

import pytest
from django.urls import reverse

from feedback.models import Delivery, DeliveryStatus, Insight
from tests.accounts.factories import UserFactory
from tests.feedback.factories import DepartmentFactory, InsightFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model", ["department", "feedbackkind", "insight", "routingrule", "delivery"]
)
def test_every_feedback_changelist_loads_and_searches(admin_client, model):
    insight = InsightFactory(title="Export to Excel")
    Delivery.objects.create(insight=insight, department=DepartmentFactory(), channel="email")
    url = reverse(f"admin:feedback_{model}_changelist")

    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Excel"}).status_code == 200


def test_deliveries_are_read_only_in_the_admin(admin_client):
    delivery = Delivery.objects.create(
        insight=InsightFactory(), department=DepartmentFactory(), channel="email"
    )
    response = admin_client.post(
        reverse("admin:feedback_delivery_change", args=[delivery.pk]), {"status": "sent"}
    )

    assert response.status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING


def test_the_retry_action_gives_failed_deliveries_fresh_attempts(admin_client):
    delivery = Delivery.objects.create(
        insight=InsightFactory(),
        department=DepartmentFactory(),
        channel="email",
        status=DeliveryStatus.FAILED,
        attempts=5,
    )
    admin_client.post(
        reverse("admin:feedback_delivery_changelist"),
        {"action": "retry_failed", "_selected_action": [delivery.pk]},
    )

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


def test_the_route_action_routes_feedback_never_routed(admin_client):
    insight = InsightFactory()
    admin_client.post(
        reverse("admin:feedback_insight_changelist"),
        {"action": "route_by_rules", "_selected_action": [insight.pk]},
    )

    assert Insight.objects.get(pk=insight.pk).routing_round == 1
