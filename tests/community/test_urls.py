"""community.urls: no URL of the forum answers 500, whatever garbage it is sent."""

import re

import pytest
from django.test import Client

from accounts.roles import Role
from community import urls as community_urls
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    PostFactory,
    TagFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


GARBAGE_QUERIES = [
    "",
    "?page=abc",
    "?page=99999999999999999999",
    "?quote=abc&after=%00&tag=%00&undo=1&value=%00&kind=%00&page=-1",
    "?quote=99999999999999999999&after=99999999999999999999&tag=x&tag=y",
]
GARBAGE_HTMX_QUERIES = ["", "?after=-5&quote=%00"]
GARBAGE_POSTS = [
    {},
    {"body": "\x00", "title": "t" * 500, "tags": "," * 300, "kind": "<script>", "value": "-1"},
    {"body": "x" * 40_000, "undo": "2", "value": "1", "kind": "like"},
]
ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def community_paths(values: dict[str, list], index: int) -> set[str]:
    """Every community URL, its parameters filled in with value ``index`` (or the last one)."""

    def fill(match) -> str:
        choices = values[match.group(1)]
        return str(choices[min(index, len(choices) - 1)])

    return {
        "/" + ROUTE_PARAMETER.sub(fill, str(pattern.pattern))
        for pattern in community_urls.urlpatterns
    }


@pytest.mark.parametrize("who", ["visitor", "moderator"])
def test_no_url_answers_500_to_garbage(who):
    author = UserFactory(username="garbage-author")
    thread = ThreadFactory(author=author, category__is_qa=True, tags=[TagFactory()])
    post = PostFactory(thread=thread)
    browser = Client(raise_request_exception=False)
    if who == "moderator":
        # A moderator passes every check, so garbage reaches the deepest code.
        browser.force_login(UserFactory(role=Role.MODERATOR))
    values = {
        "thread_slug": [thread.slug, "wrong", "%20"],
        "thread_id": [thread.pk, 0, 99999999999999999999],
        "number": [2, 0, 99999999999999999999],
        "post_id": [post.pk, 0, 99999999999999999999],
        "category_slug": [thread.category.slug, "no-such"],
        "tag_slug": [thread.tags.get().slug, "no-such"],
        "username": [author.username, "no.such-member", "x" * 300],
        "notification_id": [0, 99999999999999999999],
        "token": ["garbage", "a" * 500],
    }
    real_paths = community_paths(values, 0)
    wrong_paths = community_paths(values, 1) | community_paths(values, 2)
    assert len(real_paths) == len(community_urls.urlpatterns)

    failures = []
    for path in sorted(real_paths):
        for query in GARBAGE_QUERIES:
            if browser.get(path + query).status_code >= 500:
                failures.append(("GET", path + query))
        for query in GARBAGE_HTMX_QUERIES:
            if browser.get(path + query, headers={"HX-Request": "true"}).status_code >= 500:
                failures.append(("GET htmx", path + query))
        for data in GARBAGE_POSTS:
            if browser.post(path, data).status_code >= 500:
                failures.append(("POST", path, sorted(data)))
    for path in sorted(wrong_paths - real_paths):
        if browser.get(path).status_code >= 500:
            failures.append(("GET", path))
        if browser.get(path, headers={"HX-Request": "true"}).status_code >= 500:
            failures.append(("GET htmx", path))
        if browser.post(path, GARBAGE_POSTS[2]).status_code >= 500:
            failures.append(("POST", path))

    assert failures == []
