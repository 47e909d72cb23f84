"""Celery tasks of the backoffice: each calls one service and is safe to rerun.

Each task imports the services inside its body: the services enqueue these
tasks, and a module-level import both ways would be a circle (HackSoft's style).
"""

from celery import shared_task


@shared_task
def send_moderator_digest_task() -> int:
    """Send each moderator one summary of the open review items; return how many were sent."""
    from moderation import services

    return services.send_moderator_digest()


@shared_task
def notify_stale_held_posts_task() -> int:
    """Remind moderators of posts held for approval too long, once per post."""
    from moderation import services

    return services.notify_stale_held_posts()
