"""Fixtures and helpers of the moderation tests: a moderator, a community manager and a
member; the new-member sandbox is off unless a test turns it on."""

import pytest
from django.contrib.messages import get_messages

from accounts.roles import Role
from moderation import services
from moderation.models import Appeal, AuditEntry, ReviewItem, ReviewKind, Sanction, SanctionKind
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post
from tests.moderation.factories import FlaggedItemFactory


@pytest.fixture(autouse=True)
def _sandbox_off(settings):
    """Switch the sandbox off: most tests post as fresh members; sandbox tests turn it on."""
    settings.LIAISON_SANDBOX_ENABLED = False


@pytest.fixture
def moderator():
    """A moderator of every category."""
    return UserFactory(role=Role.MODERATOR)


@pytest.fixture
def manager():
    """A community manager."""
    return UserFactory(role=Role.COMMUNITY_MANAGER)


@pytest.fixture
def member():
    """A member without a role."""
    return UserFactory()


def messages_of(response) -> list[str]:
    """Return the messages ``response`` left for the next page, as text."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def appeal_item(manager) -> ReviewItem:
    """Return the open item of an appeal against a warning that names a published post."""
    post = first_post(ThreadFactory())
    sanction = Sanction.objects.create(
        member=post.author,
        kind=SanctionKind.WARNING,
        reason="Be kind.",
        post=post,
        created_by=manager,
    )
    appeal = Appeal.objects.create(sanction=sanction, text="I was kind.")
    return ReviewItem.objects.create(kind=ReviewKind.APPEAL, appeal=appeal, post=post)


def silence_member(actor, member, days, **kwargs):
    """Silence ``member`` for ``days`` days, as ``actor``; return the sanction."""
    return services.sanction_member(
        actor=actor,
        member=member,
        kind=SanctionKind.SILENCE,
        reason="Calm down.",
        days=days,
        **kwargs,
    )


def hidden_entry(moderator) -> AuditEntry:
    """Hide the post of a new flagged item as ``moderator``; return the audit entry."""
    item = FlaggedItemFactory()
    return services.act_on_item(actor=moderator, item=item, action="hide", reason="Rude.")
