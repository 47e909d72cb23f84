"""Cursor pagination: a category's threads by latest activity, a thread's posts by number."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import POSTS_PER_PAGE, Post, PostStatus, Thread
from tests.accounts.factories import UserFactory
from tests.api.conftest import client_for
from tests.community.factories import CategoryFactory, PostFactory, ThreadFactory
from tests.conftest import HOLD_MARK

pytestmark = pytest.mark.django_db


def test_threads_come_page_by_page_without_repeats():
    category = CategoryFactory(slug="busy")
    threads = [ThreadFactory(category=category, title=f"Question number {n}") for n in range(30)]
    now = timezone.now()
    for age, thread in enumerate(threads):
        Thread.objects.filter(pk=thread.pk).update(last_post_at=now - timedelta(minutes=age))
    client = client_for()

    seen = []
    url = "/api/v1/categories/busy/threads/"
    while url:
        page = client.get(url).json()
        seen += [thread["id"] for thread in page["results"]]
        url = page["next"]

    assert seen == [thread.pk for thread in threads]


def test_posts_come_page_by_page_by_number(forum):
    thread = forum["thread"]
    for n in range(POSTS_PER_PAGE + 3):
        PostFactory(thread=thread, author=forum["author"], body=f"Reply number {n}")
    client = client_for()

    first = client.get(f"/api/v1/threads/{thread.pk}/posts/").json()
    second = client.get(first["next"]).json()

    assert [post["number"] for post in first["results"]] == list(range(1, POSTS_PER_PAGE + 1))
    assert [post["number"] for post in second["results"]] == list(
        range(POSTS_PER_PAGE + 1, POSTS_PER_PAGE + 6)
    )
    assert second["next"] is None


def test_a_post_awaiting_approval_is_left_out_for_others(forum, hold):
    thread = forum["thread"]
    writer = UserFactory()
    PostFactory(thread=thread, author=writer, body=f"Pending {HOLD_MARK}")

    others = client_for(UserFactory()).get(f"/api/v1/threads/{thread.pk}/posts/").json()
    own = client_for(writer).get(f"/api/v1/threads/{thread.pk}/posts/").json()

    assert [post["number"] for post in others["results"]] == [1, 2]
    assert [post["number"] for post in own["results"]] == [1, 2, 3]


def test_a_hidden_post_is_a_placeholder_but_for_its_author_and_moderators(forum, roles):
    reply = forum["reply"]
    Post.objects.filter(pk=reply.pk).update(status=PostStatus.HIDDEN)
    path = f"/api/v1/threads/{forum['thread'].pk}/posts/"

    def shown(user):
        return client_for(user).get(path).json()["results"][-1]

    assert shown(roles["member"])["html"] is None
    assert shown(roles["member"])["content_hidden"] is True
    assert shown(forum["author"])["html"] is not None
    assert shown(roles["moderator"])["html"] is not None


@pytest.mark.parametrize(
    "path", ["/api/v1/categories/busy/threads/", "/api/v1/threads/{thread}/posts/"]
)
def test_a_page_costs_the_same_queries_however_many_rows(path, django_assert_num_queries):
    # The first request warms the session and the member's caches; the second is the measure.
    category = CategoryFactory(slug="busy")
    thread = ThreadFactory(category=category, title="The first question")
    client = client_for(UserFactory())
    path = path.format(thread=thread.pk)
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for n in range(5):
        other = ThreadFactory(category=category, title=f"Another question {n}")
        PostFactory(thread=thread, body=f"Reply {n}")
        PostFactory(thread=other, body=f"Reply {n}")

    with django_assert_num_queries(len(few)):
        client.get(path)
