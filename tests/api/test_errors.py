"""Bad input to every write endpoint is a 400 in the one error shape, never a 500."""

import pytest

from tests.accounts.factories import UserFactory
from tests.api.conftest import client_for
from tests.community.factories import PostFactory

pytestmark = pytest.mark.django_db

#: (method, path with {thread} and {post}, body, the field at fault).
BAD_INPUT = [
    ("post", "/api/v1/categories/general/threads/", {"title": "Hi", "body": ""}, "body"),
    ("post", "/api/v1/categories/general/threads/", {"body": "No title."}, "title"),
    ("post", "/api/v1/categories/general/threads/", {"title": "x" * 201, "body": "Hi"}, "title"),
    ("post", "/api/v1/categories/general/threads/", {"title": "A", "body": "Hi"}, "title"),
    (
        "post",
        "/api/v1/categories/general/threads/",
        {"title": "Fine title", "body": "\x00"},
        "body",
    ),
    ("post", "/api/v1/threads/{thread}/posts/", {"body": "   "}, "body"),
    ("post", "/api/v1/threads/{thread}/posts/", {"body": ["a list"]}, "body"),
    ("patch", "/api/v1/posts/{post}/", {}, "body"),
    ("patch", "/api/v1/posts/{post}/", {"body": ""}, "body"),
    ("post", "/api/v1/posts/{other}/reactions/", {"kind": "<script>"}, "kind"),
    ("post", "/api/v1/posts/{other}/reactions/", {}, "kind"),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), BAD_INPUT)
def test_bad_input_is_a_400_naming_the_field(forum, method, path, body, field):
    others_post = PostFactory(thread=forum["thread"], author=UserFactory())
    client = client_for(forum["author"])
    path = path.format(thread=forum["thread"].pk, post=forum["reply"].pk, other=others_post.pk)

    response = client.send(method, path, body)

    assert response.status_code == 400, response.content
    data = response.json()
    assert set(data) == {"detail", "errors"}
    assert data["detail"]
    assert field in data["errors"]
    assert all(isinstance(message, str) for message in data["errors"][field])


@pytest.mark.parametrize("body", ["{not json", "[]", '"text"'])
def test_a_body_that_is_not_an_object_is_a_400(forum, body):
    client = client_for(forum["author"])

    response = client.post(
        f"/api/v1/threads/{forum['thread'].pk}/posts/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_a_form_body_is_refused_as_an_unsupported_type(forum):
    client = client_for(forum["author"])

    response = client.post(f"/api/v1/threads/{forum['thread'].pk}/posts/", {"body": "Hi"})

    assert response.status_code == 415
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.parametrize("query", ["", "-alone", '""', "x" * 201, "a\x00b"])
def test_a_query_the_parser_refuses_is_a_400_with_its_message(forum, query):
    response = client_for().get("/api/v1/search/", {"q": query})

    assert response.status_code == 400
    assert response.json()["errors"]["q"]


def test_an_unknown_search_filter_is_a_400(forum):
    response = client_for().get("/api/v1/search/", {"q": "export", "tag": "nowhere"})

    assert response.status_code == 400
    assert "tag" in response.json()["errors"]


@pytest.mark.parametrize("after", ["-1", "abc", "99999999999999999999999", "\x00"])
def test_a_bad_cursor_is_a_400(forum, after):
    response = client_for().get(f"/api/v1/threads/{forum['thread'].pk}/posts/", {"after": after})

    assert response.status_code == 400
    assert "after" in response.json()["errors"]


@pytest.mark.parametrize(
    "path", ["/api/v1/threads/99999999999999999999999/", "/api/v1/categories/none/threads/"]
)
def test_what_does_not_exist_is_a_404_in_the_same_shape(path):
    response = client_for().get(path)

    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}


def test_too_many_requests_from_a_member_are_a_429_with_retry_after(forum, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"member": "2/minute", "address": "100/minute"},
    }
    client = client_for(UserFactory())

    statuses = [client.get("/api/v1/categories/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = client.get("/api/v1/categories/")
    assert int(response["Retry-After"]) > 0
    assert set(response.json()) == {"detail", "errors"}


def test_too_many_requests_from_one_address_are_a_429(forum, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"member": "100/minute", "address": "2/minute"},
    }
    clients = [client_for(), client_for(UserFactory()), client_for()]

    statuses = [client.get("/api/v1/categories/").status_code for client in clients]

    assert statuses == [200, 200, 429]
