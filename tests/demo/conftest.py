"""Fixtures of the demo tests."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo() -> str:
    """Load the demo and return what the command printed."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()
