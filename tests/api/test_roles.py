"""Every endpoint of the API, walked as each role: the status each one gets."""

import pytest

from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "moderator", "manager", "department staff"]


def _expect(visitor, member, moderator, manager, staff) -> dict[str, int]:
    return dict(zip(ROLES, [visitor, member, moderator, manager, staff], strict=True))


#: (name, method, path with {thread}, {internal} and {reply}, body, status by role).
WALK = [
    ("schema", "get", "/api/schema/", None, _expect(200, 200, 200, 200, 200)),
    ("docs", "get", "/api/docs/", None, _expect(200, 200, 200, 200, 200)),
    ("me", "get", "/api/v1/me/", None, _expect(401, 200, 200, 200, 200)),
    ("categories", "get", "/api/v1/categories/", None, _expect(200, 200, 200, 200, 200)),
    (
        "public threads",
        "get",
        "/api/v1/categories/general/threads/",
        None,
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "internal threads",
        "get",
        "/api/v1/categories/staff/threads/",
        None,
        _expect(404, 404, 200, 200, 200),
    ),
    ("thread", "get", "/api/v1/threads/{thread}/", None, _expect(200, 200, 200, 200, 200)),
    (
        "internal thread",
        "get",
        "/api/v1/threads/{internal}/",
        None,
        _expect(404, 404, 200, 200, 200),
    ),
    ("posts", "get", "/api/v1/threads/{thread}/posts/", None, _expect(200, 200, 200, 200, 200)),
    (
        "internal posts",
        "get",
        "/api/v1/threads/{internal}/posts/",
        None,
        _expect(404, 404, 200, 200, 200),
    ),
    ("search", "get", "/api/v1/search/?q=export", None, _expect(200, 200, 200, 200, 200)),
    (
        "start thread",
        "post",
        "/api/v1/categories/general/threads/",
        {"title": "A question about exports", "body": "Where do I find them?"},
        _expect(401, 201, 201, 201, 201),
    ),
    (
        "start internal thread",
        "post",
        "/api/v1/categories/staff/threads/",
        {"title": "A question about launches", "body": "When is it?"},
        _expect(401, 404, 201, 201, 201),
    ),
    (
        "reply",
        "post",
        "/api/v1/threads/{thread}/posts/",
        {"body": "Thanks, that helped."},
        _expect(401, 201, 201, 201, 201),
    ),
    (
        "reply internal",
        "post",
        "/api/v1/threads/{internal}/posts/",
        {"body": "Thanks, that helped."},
        _expect(401, 404, 201, 201, 201),
    ),
    (
        "react",
        "post",
        "/api/v1/posts/{reply}/reactions/",
        {"kind": "like"},
        _expect(401, 200, 200, 200, 200),
    ),
    # Other members' posts are changed through moderation, which the API does not offer yet.
    (
        "edit another's post",
        "patch",
        "/api/v1/posts/{reply}/",
        {"body": "Changed."},
        _expect(401, 403, 403, 403, 403),
    ),
    (
        "delete another's post",
        "delete",
        "/api/v1/posts/{reply}/",
        None,
        _expect(401, 403, 403, 403, 403),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"), WALK, ids=[w[0] for w in WALK]
)
def test_each_role_gets_the_expected_status(forum, roles, role, name, method, path, body, expected):
    client = client_for(roles[role])
    path = path.format(
        thread=forum["thread"].pk, internal=forum["internal"].pk, reply=forum["reply"].pk
    )

    response = client.send(method, path, body)

    assert response.status_code == expected[role], response.content


@pytest.mark.parametrize(
    ("method", "body", "status"),
    [("patch", {"body": "Found it under Settings, Export."}, 200), ("delete", None, 204)],
)
def test_the_author_edits_and_deletes_their_own_post(forum, method, body, status):
    client = client_for(forum["author"])

    response = client.send(method, f"/api/v1/posts/{forum['reply'].pk}/", body)

    assert response.status_code == status, response.content


def test_an_authors_reaction_to_their_own_post_is_refused_with_the_rule(forum):
    client = client_for(forum["author"])

    response = client.send(
        "post", f"/api/v1/posts/{forum['reply'].pk}/reactions/", {"kind": "like"}
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot react to your own post.", "errors": {}}
