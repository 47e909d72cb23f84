"""Two moderators acting on one review item at the same moment on PostgreSQL: one wins."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from accounts.models import User
from accounts.roles import Role
from community.models import Notification
from moderation import services
from moderation.models import AuditEntry, ReviewItem
from tests.accounts.factories import UserFactory
from tests.moderation.factories import FlaggedItemFactory

pytestmark = pytest.mark.services


def act_at_the_barrier(*, item_id, moderator_id, barrier, outcomes) -> None:
    """Load on this thread's own connection, wait for the other, then hide the post."""
    try:
        moderator = User.objects.get(pk=moderator_id)
        item = ReviewItem.objects.get(pk=item_id)
        barrier.wait(timeout=20)
        services.act_on_item(actor=moderator, item=item, action="hide", reason="Rude.")
        outcomes.append("done")
    except ValidationError as error:
        outcomes.append(error.code)
    except Exception as error:  # Reported by the test through outcomes.
        outcomes.append(repr(error))
        barrier.abort()
    finally:
        connections.close_all()


def test_two_moderators_hiding_one_item_at_once_write_one_entry_and_one_notice(
    postgres, transactional_db
):
    item = FlaggedItemFactory()
    moderators = [UserFactory(role=Role.MODERATOR) for _n in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list = []
    workers = [
        threading.Thread(
            target=act_at_the_barrier,
            kwargs={
                "item_id": item.pk,
                "moderator_id": moderator.pk,
                "barrier": barrier,
                "outcomes": outcomes,
            },
        )
        for moderator in moderators
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert sorted(outcomes) == ["already_resolved", "done"]
    assert AuditEntry.objects.filter(review_item=item).count() == 1
    assert Notification.objects.filter(recipient=item.post.author).count() == 1
