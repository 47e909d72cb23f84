"""Celery tasks of the forum: each loads ids and calls one service; all are safe to rerun.

Each task imports the services inside its body: the services enqueue these
tasks, and a module-level import both ways would be a circle (HackSoft's style).
"""

from celery import shared_task

from accounts.models import User


@shared_task
def recompute_trust_level_task(member_id: int) -> int | None:
    """Recompute a member's trust level; return it, or ``None`` if the member is gone."""
    from community import services

    member = User.objects.filter(pk=member_id).first()
    if member is None:
        return None
    return int(services.recompute_trust_level(member=member))
