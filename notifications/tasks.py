"""Celery tasks of notifications: each loads ids and calls one service; all are safe to rerun.

Each task imports the services inside its body: the services enqueue these
tasks, and a module-level import both ways would be a circle (HackSoft's style).
"""

from datetime import timedelta

from celery import shared_task


@shared_task
def run_notification_job_task(job_id: int) -> bool:
    """Create the notifications of one outbox row, once; return whether it was still pending."""
    from notifications import services

    return services.run_notification_job(job_id=job_id)


@shared_task
def requeue_lost_notifications_task(older_than_seconds: float | None = None) -> int:
    """Enqueue again the notification jobs and e-mails lost to the broker or a worker."""
    from notifications import services

    older_than = None if older_than_seconds is None else timedelta(seconds=older_than_seconds)
    return services.requeue_lost_notifications(older_than=older_than)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails_task(notification_ids: list[int]) -> int:
    """Send the e-mails of a batch of notifications; retried when the mail server is away."""
    from notifications import services

    return services.send_notification_emails(notification_ids=notification_ids)


@shared_task
def send_daily_digests_task() -> int:
    """Send every member their daily digest."""
    from notifications import services

    return services.send_daily_digests()
