"""Fixtures of the moderation tests: a moderator and a community manager; the new-member
sandbox is off unless a test turns it on."""

import pytest

from accounts.roles import Role
from tests.accounts.factories import UserFactory


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
