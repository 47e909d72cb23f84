"""The backoffice demo: a living queue after ``load_demo``, and a rerun adds nothing."""

import io

import pytest
from django.core.management import call_command

from moderation.models import Appeal, AuditEntry, CannedReason, ReviewItem

pytestmark = pytest.mark.django_db


def test_load_demo_fills_the_queue_once():
    call_command("load_demo", stdout=io.StringIO())
    counts = (ReviewItem.objects.count(), AuditEntry.objects.count(), Appeal.objects.count())
    assert counts[0] >= 3 and counts[2] == 1
    assert CannedReason.objects.count() == 3
    call_command("load_demo", stdout=io.StringIO())
    assert (
        ReviewItem.objects.count(),
        AuditEntry.objects.count(),
        Appeal.objects.count(),
    ) == counts
