"""Fixtures of the notifications tests."""

import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block, then what it enqueued on commit (tasks run eagerly)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
