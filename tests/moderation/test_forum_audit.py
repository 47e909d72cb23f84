"""Moderators' actions taken in the forum itself land in the audit log too."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from moderation.models import AuditAction, AuditEntry
from moderation.services import act_on_item
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory, ThreadFactory, reload
from tests.moderation.factories import FlaggedItemFactory

pytestmark = pytest.mark.django_db


def test_locking_a_thread_in_the_forum_writes_one_audit_entry(client):
    moderator = UserFactory(role=Role.MODERATOR)
    thread = ThreadFactory()
    client.force_login(moderator)

    client.post(reverse("community:lock_thread", args=[thread.pk]), {"value": "1"})

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_thread) == (AuditAction.LOCK, moderator, thread)
    assert entry.before["is_locked"] is False
    assert entry.after["is_locked"] is True


def test_a_moderator_deleting_someone_elses_post_is_audited_with_its_text(client):
    moderator = UserFactory(role=Role.MODERATOR)
    post = reload(PostFactory(thread=ThreadFactory(), body="Buy cheap watches"))
    client.force_login(moderator)

    client.post(reverse("community:delete_post", args=[post.pk]))

    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.DELETE
    assert entry.before["body"] == "Buy cheap watches"
    assert entry.is_revertible


def test_members_deleting_their_own_posts_are_not_audited(client):
    post = reload(PostFactory(thread=ThreadFactory()))
    client.force_login(post.author)

    client.post(reverse("community:delete_post", args=[post.pk]))

    assert not AuditEntry.objects.exists()


def test_a_backoffice_action_writes_exactly_one_entry():
    moderator = UserFactory(role=Role.MODERATOR)
    item = FlaggedItemFactory()

    act_on_item(actor=moderator, item=item, action="lock")

    assert AuditEntry.objects.filter(action=AuditAction.LOCK).count() == 1
