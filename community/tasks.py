"""Celery tasks of the forum: each loads ids and calls one service; all are safe to rerun."""

from datetime import timedelta

from celery import shared_task

from accounts.models import User
from community import services


@shared_task
def recompute_trust_level_task(member_id: int) -> int | None:
    """Recompute a member's trust level; return it, or ``None`` if the member is gone."""
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return None
    return int(services.recompute_trust_level(member=member))


@shared_task
def run_notification_job_task(job_id: int) -> bool:
    """Create the notifications of one outbox row, once; return whether it was still pending."""
    return services.run_notification_job(job_id=job_id)


@shared_task
def requeue_lost_notifications_task(older_than_seconds: float | None = None) -> int:
    """Enqueue again the notification jobs and e-mails lost to the broker or a worker."""
    older_than = None if older_than_seconds is None else timedelta(seconds=older_than_seconds)
    return services.requeue_lost_notifications(older_than=older_than)


# The three tasks below take up the jobs enqueued before the outbox existed (a queue
# that outlives a deploy); nothing enqueues them any more.
@shared_task
def notify_about_post_task(post_id: int) -> int:
    """Create the notifications of a new post; return how many."""
    return services.notify_about_post(post_id=post_id)


@shared_task
def notify_about_reaction_task(reaction_id: int) -> bool:
    """Notify a post's author of a reaction (grouped)."""
    return services.notify_about_reaction(reaction_id=reaction_id)


@shared_task
def notify_about_accepted_answer_task(post_id: int, actor_id: int) -> bool:
    """Notify an answer's author that it was accepted."""
    return services.notify_about_accepted_answer(post_id=post_id, actor_id=actor_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails_task(notification_ids: list[int]) -> int:
    """Send the e-mails of a batch of notifications; retried when the mail server is away."""
    return services.send_notification_emails(notification_ids=notification_ids)


@shared_task
def send_daily_digests_task() -> int:
    """Send every member their daily digest."""
    return services.send_daily_digests()
