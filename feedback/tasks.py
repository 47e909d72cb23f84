"""Celery tasks of the feedback pipeline: each loads ids and calls one service; all rerun safely.

Each task imports the services inside its body: the services enqueue these
tasks, and a module-level import both ways would be a circle (HackSoft's style).
"""

import logging
from datetime import timedelta

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=None)
def route_insight_task(self, insight_id: int) -> int | None:
    """Route a new insight by the rules; return its department's id (``None``: unrouted).

    Any error while routing (a broken rule, a bug) counts as a failed attempt:
    the job comes back after the service's backoff until the attempts run
    out, then the insight shows as failed on the triage list. A poison
    insight so never holds up the others. Run in-process, a failed attempt
    waits for the sweep instead of the request.
    """
    from feedback import services

    try:
        insight = services.route_insight(insight_id=insight_id)
    except Exception as error:  # whatever broke, the attempt is counted
        logger.exception("Routing insight %s failed", insight_id)
        retry_in = services.record_routing_failure(
            insight_id=insight_id, error=f"{error.__class__.__name__}: {error}"
        )
        if retry_in is None or self.request.is_eager:
            return None
        raise self.retry(countdown=retry_in) from error
    return insight.department_id if insight else None


@shared_task(bind=True, max_retries=None)
def deliver_task(self, delivery_id: int) -> bool:
    """Send one delivery; a failed attempt comes back after the service's backoff.

    The service owns the attempt limit (it marks the row failed and stops
    raising), so the task retries for as long as it is told to. Run
    in-process (no broker), the task does not wait in the request: the row
    stays pending with its next attempt time, for the sweep to take up.
    """
    from feedback import services

    try:
        return services.deliver(delivery_id=delivery_id)
    except services.DeliveryFailed as failure:
        if self.request.is_eager:
            return False
        raise self.retry(countdown=failure.retry_in) from failure


@shared_task
def requeue_stuck_deliveries_task() -> int:
    """Re-enqueue routing and deliveries whose worker died or whose job was lost."""
    from feedback import services

    return services.sweep_lost_jobs()


@shared_task
def requeue_lost_routing_task(older_than_seconds: float | None = None) -> int:
    """Re-enqueue routing jobs lost to the broker; run as a worker reconnects to it."""
    from feedback import services

    older_than = None if older_than_seconds is None else timedelta(seconds=older_than_seconds)
    return services.requeue_lost_routing(older_than=older_than)


@shared_task
def escalate_overdue_insights_task() -> int:
    """Tell community managers about feedback not acknowledged within its service level."""
    from feedback import services

    return services.escalate_overdue_insights()


@shared_task
def send_weekly_department_digests_task() -> int:
    """Mail each department its weekly digest."""
    from feedback import services

    return services.send_weekly_department_digests()
