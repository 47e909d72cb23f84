"""Routing feedback to departments, by rule and by hand (feedback/services/routing.py)."""

import pytest

from feedback import services

pytestmark = pytest.mark.django_db


# Feedback review: re-routing kept the assignee of the department before.
def test_re_routing_to_another_department_clears_the_assignee(
    manager, department, other_department, staff
):
    from tests.feedback.factories import InsightFactory

    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    services.assign_insight(actor=manager, insight=insight, assignee=staff)

    services.route_insight_manually(actor=manager, insight=insight, department=other_department)

    insight.refresh_from_db()
    assert (insight.department, insight.assignee) == (other_department, None)
