"""Feedback routing: departments, insights, routing rules, deliveries and answers.

An ``Insight`` gathers forum posts that say the same thing; routing rules send
it to a ``Department``; one ``Delivery`` row per channel is the outbox that
``feedback.services.deliver`` works through; an ``OfficialResponse`` carries
the department's answer back to the thread and to every supporter.
"""

from feedback.models.deliveries import (
    Channel,
    Delivery,
    DeliveryStatus,
)
from feedback.models.departments import (
    Department,
    DepartmentMembership,
    webhook_url_validator,
)
from feedback.models.insights import (
    ALLOWED_TRANSITIONS,
    CLOSED_STATUSES,
    SEEDED_KIND_NAMES,
    FeedbackKind,
    Insight,
    InsightPost,
    InsightStatus,
    InternalNote,
    OfficialResponse,
    StatusChange,
    Support,
)
from feedback.models.routing import (
    RoutingDecision,
    RoutingRule,
)
from feedback.models.search import INSIGHT_FTS_TABLE, InsightSearch, InsightSearchFTS

__all__ = [
    "ALLOWED_TRANSITIONS",
    "CLOSED_STATUSES",
    "INSIGHT_FTS_TABLE",
    "SEEDED_KIND_NAMES",
    "Channel",
    "Delivery",
    "DeliveryStatus",
    "Department",
    "DepartmentMembership",
    "FeedbackKind",
    "Insight",
    "InsightPost",
    "InsightSearch",
    "InsightSearchFTS",
    "InsightStatus",
    "InternalNote",
    "OfficialResponse",
    "RoutingDecision",
    "RoutingRule",
    "StatusChange",
    "Support",
    "webhook_url_validator",
]
