"""community_time's ``when``: recent times relatively, older ones as a date."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import formats, timezone, translation

from community.models import (
    Thread,
)
from tests.community.factories import (
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


# Forum review: lists said "1 week ago" in German words instead of a German date.
def test_lists_show_a_recent_time_relatively_and_an_older_one_as_a_german_date():
    recent = ThreadFactory(title="Recent question")
    older = ThreadFactory(title="Older question", category=recent.category)
    eight_days_ago = timezone.now() - timedelta(days=8)
    Thread.objects.filter(pk=older.pk).update(last_post_at=eight_days_ago)
    Thread.objects.filter(pk=recent.pk).update(last_post_at=timezone.now() - timedelta(hours=3))

    page = Client().get(recent.category.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")

    with translation.override("de"):
        date = formats.date_format(timezone.localtime(eight_days_ago), "DATE_FORMAT")
    assert re.search(rf'<time datetime="[^"]+">{re.escape(date)}</time>', page.text)
    assert "vor 3 Stunden" in page.text
    assert "Woche" not in page.text
