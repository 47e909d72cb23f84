"""The forum's Django admin: changelists open, search, and stay at a fixed query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory, TagFactory, ThreadFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = ["category", "thread", "post", "tag", "reaction"]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def make_threads(count: int) -> None:
    tag = TagFactory()
    for number in range(count):
        thread = ThreadFactory(title=f"Exporting plans {number}", tags=[tag])
        PostFactory(thread=thread)


@pytest.mark.parametrize("model", CHANGELISTS)
def test_each_changelist_opens_and_costs_the_same_with_more_rows(admin_client, model):
    url = reverse(f"admin:community_{model}_changelist")
    make_threads(3)
    admin_client.get(url)  # the day's first visit writes once; measure the pages alone
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    make_threads(12)
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(url).status_code == 200

    assert len(many) == len(few)


def test_threads_are_searchable_by_title(admin_client):
    make_threads(2)
    ThreadFactory(title="Gantt chart colours")

    response = admin_client.get(reverse("admin:community_thread_changelist"), {"q": "Gantt"})

    assert "Gantt chart colours" in response.content.decode()
    assert "Exporting plans" not in response.content.decode()
