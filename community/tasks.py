"""Celery tasks of the forum: each loads ids and calls one service; all are safe to rerun."""

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
