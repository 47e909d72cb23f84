"""Notifications' Django admin: the outbox's changelist opens at a fixed query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_the_outbox_changelist_opens_and_costs_the_same_with_more_rows(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    url = reverse("admin:notifications_notificationjob_changelist")
    for _n in range(3):
        PostFactory(thread=ThreadFactory())
    client.get(url)  # the day's first visit writes once; measure the pages alone
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _n in range(12):
        PostFactory(thread=ThreadFactory())
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200

    assert len(many) == len(few)
