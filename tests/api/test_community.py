"""What the forum's endpoints answer and change, beyond their statuses."""

import pytest

from community.models import Post, Reaction
from tests.accounts.factories import UserFactory
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_reaction_is_given_then_taken_back(forum):
    client = client_for(UserFactory())
    path = f"/api/v1/posts/{forum['reply'].pk}/reactions/"

    given = client.send("post", path, {"kind": "thanks"}).json()
    taken = client.send("post", path, {"kind": "thanks"}).json()

    assert given == {"kind": "thanks", "is_given": True}
    assert taken == {"kind": "thanks", "is_given": False}
    assert not Reaction.objects.exists()


def test_a_new_thread_answers_with_its_tags_and_place(forum):
    client = client_for(UserFactory())

    response = client.send(
        "post",
        "/api/v1/categories/general/threads/",
        {"title": "Export to Excel", "body": "Is it planned?", "tags": ["exports"]},
    )

    thread = response.json()
    assert response.status_code == 201
    assert thread["category"] == "general"
    assert thread["tags"] == ["exports"]
    assert thread["can_reply"] is True


def test_an_edit_answers_with_the_new_text(forum):
    client = client_for(forum["author"])

    response = client.send(
        "patch", f"/api/v1/posts/{forum['reply'].pk}/", {"body": "It is under **Settings**."}
    )

    assert "<strong>Settings</strong>" in response.json()["html"]


def test_a_deleted_post_stays_as_a_placeholder(forum):
    client = client_for(forum["author"])

    client.send("delete", f"/api/v1/posts/{forum['reply'].pk}/")

    posts = client.get(f"/api/v1/threads/{forum['thread'].pk}/posts/").json()["results"]
    assert Post.objects.get(pk=forum["reply"].pk).is_deleted
    assert posts[-1]["is_deleted"] is True
    assert posts[-1]["html"] is None


def test_search_marks_the_words_found(forum):
    response = client_for().get("/api/v1/search/", {"q": "export"})

    results = response.json()["results"]
    assert [result["thread_id"] for result in results] == [forum["thread"].pk]
    assert results[0]["title_passage"] == "How do I <mark>export</mark> data?"


def test_search_leaves_out_what_the_viewer_may_not_see(forum):
    response = client_for().get("/api/v1/search/", {"q": "launch"})

    assert response.json()["results"] == []
