"""Moderation at the same moment on PostgreSQL: two moderators on one review item (one
wins), one member's flags against their daily cap."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from accounts.models import User
from accounts.roles import Role
from community.models import Post
from moderation import services
from moderation.models import AuditEntry, Flag, ReviewItem
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post
from tests.moderation.factories import FlaggedItemFactory, FlaggerFactory

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


def flag_at_the_barrier(*, post_id, flagger_id, barrier, outcomes) -> None:
    """Load on this thread's own connection, wait for the others, then flag the post."""
    try:
        flagger = User.objects.get(pk=flagger_id)
        post = Post.objects.select_related("thread__category", "author").get(pk=post_id)
        barrier.wait(timeout=20)
        services.flag_post(flagger=flagger, post=post, reason="off_topic")
        outcomes.append("done")
    except PermissionDenied:
        outcomes.append("refused")
    except Exception as error:  # Reported by the test through outcomes.
        outcomes.append(repr(error))
        barrier.abort()
    finally:
        connections.close_all()


def test_flags_sent_at_once_stay_within_the_daily_cap(postgres, transactional_db, settings):
    settings.LIAISON_MAX_FLAGS_PER_DAY = 2
    flagger = FlaggerFactory()
    posts = [first_post(ThreadFactory()) for _n in range(5)]
    barrier = threading.Barrier(len(posts))
    outcomes: list[str] = []
    workers = [
        threading.Thread(
            target=flag_at_the_barrier,
            kwargs={
                "post_id": post.pk,
                "flagger_id": flagger.pk,
                "barrier": barrier,
                "outcomes": outcomes,
            },
        )
        for post in posts
    ]

    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert sorted(outcomes) == ["done", "done", "refused", "refused", "refused"]
    assert Flag.objects.filter(flagger=flagger).count() == 2
