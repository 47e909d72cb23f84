"""Celery tasks of the backoffice: each calls one service and is safe to rerun."""

from celery import shared_task

from moderation import services


@shared_task
def send_moderator_digest_task() -> int:
    """Send each moderator one summary of the open review items; return how many were sent."""
    return services.send_moderator_digest()


@shared_task
def notify_stale_held_posts_task() -> int:
    """Remind moderators of posts held for approval too long, once per post."""
    return services.notify_stale_held_posts()
