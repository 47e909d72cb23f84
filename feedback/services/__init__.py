"""Every write of the feedback app, one module per topic, re-exported here."""

from feedback.services.deliveries import (
    DeliveryFailed,
    deliver,
    requeue_stuck_deliveries,
    retry_delivery,
)
from feedback.services.insights import (
    capture_feedback,
    merge_insights,
    recount_supporters,
    support_insight,
)
from feedback.services.routing import (
    move_routing_rule,
    record_routing_failure,
    requeue_lost_routing,
    retry_routing,
    route_insight,
    route_insight_manually,
    save_department,
    save_routing_rule,
    sweep_lost_jobs,
)
from feedback.services.workflow import (
    add_internal_note,
    answer_publicly,
    apply_tracker_update,
    assign_insight,
    change_status,
    escalate_overdue_insights,
    send_weekly_department_digests,
)

__all__ = [
    "DeliveryFailed",
    "add_internal_note",
    "answer_publicly",
    "apply_tracker_update",
    "assign_insight",
    "capture_feedback",
    "change_status",
    "deliver",
    "escalate_overdue_insights",
    "merge_insights",
    "move_routing_rule",
    "record_routing_failure",
    "recount_supporters",
    "requeue_lost_routing",
    "requeue_stuck_deliveries",
    "retry_delivery",
    "retry_routing",
    "route_insight",
    "route_insight_manually",
    "save_department",
    "save_routing_rule",
    "send_weekly_department_digests",
    "support_insight",
    "sweep_lost_jobs",
]
