"""Fixtures of the moderation tests: the new-member sandbox is off unless a test turns it on."""

import pytest


@pytest.fixture(autouse=True)
def _sandbox_off(settings):
    """Switch the sandbox off: most tests post as fresh members; sandbox tests turn it on."""
    settings.LIAISON_SANDBOX_ENABLED = False
