"""Read state: how far a member has read each thread, and the days they visited."""

import datetime

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import User
from community.models import MemberActivity, ReadState, Thread
from community.services.counters import add_activity


@transaction.atomic
def mark_read(*, user: User, thread: Thread, up_to_number: int) -> int:
    """Record that ``user`` has read ``thread`` up to post ``up_to_number``.

    Read state only moves forward. Returns how many posts were newly read
    (counted towards trust levels as posts read).
    """
    up_to_number = min(up_to_number, thread.last_post_number)
    state, created = ReadState.objects.get_or_create(
        user=user, thread=thread, defaults={"last_read_number": up_to_number}
    )
    newly_read = up_to_number if created else max(0, up_to_number - state.last_read_number)
    if not created and newly_read:
        ReadState.objects.filter(pk=state.pk).update(
            last_read_number=Greatest(F("last_read_number"), up_to_number)
        )
    if newly_read:
        add_activity(user.pk, posts_read=newly_read, threads_entered=1 if created else 0)
    return newly_read


@transaction.atomic
def record_visit(*, user: User, on: datetime.date | None = None) -> bool:
    """Count ``on`` (today by default) as a day ``user`` visited; return whether it was new."""
    on = on or timezone.localdate()
    MemberActivity.objects.get_or_create(user=user)
    changed = (
        MemberActivity.objects.filter(user=user)
        .exclude(last_visit_on=on)
        .update(days_visited=F("days_visited") + 1, last_visit_on=on)
    )
    return bool(changed)
