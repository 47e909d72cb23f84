"""community.views.profiles: a member's public activity."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from community import services
from community.models import (
    Post,
    Visibility,
)
from tests.accounts.factories import UserFactory
from tests.community.conftest import (
    signed_in,
    text,
)
from tests.community.factories import (
    PostFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


# profile ----------------------------------------------------------------------------------


def profile_url(member) -> str:
    return reverse("community:profile", args=[member.username])


def member_active_everywhere():
    member = UserFactory(role=Role.MODERATOR)
    ThreadFactory(author=member, title="Public thread by them")
    ThreadFactory(
        author=member, title="Internal thread by them", category__visibility=Visibility.INTERNAL
    )
    PostFactory(author=member, thread=ThreadFactory(title="Public host"))
    PostFactory(
        author=member,
        thread=ThreadFactory(
            title="Internal host",
            category__visibility=Visibility.INTERNAL,
            author=UserFactory(role=Role.ADMIN),
        ),
    )
    deleted = PostFactory(author=member, thread=ThreadFactory(title="Deleted reply host"))
    Post.objects.filter(pk=deleted.pk).update(is_deleted=True)
    return member


def test_profile_lists_threads_and_replies_but_not_from_hidden_categories(client):
    member = member_active_everywhere()
    signed_in(client)

    response = client.get(profile_url(member))

    assert response.status_code == 200
    content = text(response)
    assert "Public thread by them" in content
    assert "Public host #2" in content
    assert "Internal thread by them" not in content
    assert "Internal host" not in content
    assert "Deleted reply host" not in content


def test_profile_lists_internal_activity_to_staff(client):
    member = member_active_everywhere()
    signed_in(client, role=Role.DEPARTMENT_STAFF)

    content = text(client.get(profile_url(member)))

    assert "Internal thread by them" in content
    assert "Internal host #2" in content


def test_profile_cuts_a_reply_excerpt_of_one_long_word(client):
    """Cut by words only, a reply of one 5,000-letter word made a 195,129 px wide excerpt."""
    member = UserFactory()
    PostFactory(author=member, body="a" * 5_000)

    response = client.get(profile_url(member))

    (excerpt,) = re.findall(r'<p class="excerpt">([^<]*)</p>', response.text)
    assert excerpt == "a" * 239 + "…"


def test_profile_of_an_unknown_or_inactive_member_is_404(client):
    gone = UserFactory(is_active=False)

    assert client.get(reverse("community:profile", args=["nobody"])).status_code == 404
    assert client.get(profile_url(gone)).status_code == 404


def test_a_profile_name_with_a_nul_character_is_404():
    browser = Client(raise_request_exception=False)

    assert browser.get("/u/%00/").status_code == 404


# Forum visibility review: profile excerpts were escaped twice.
def test_profile_excerpts_are_escaped_once():
    member = UserFactory(username="writer")
    services.reply_to_thread(author=member, thread=ThreadFactory(), body="a < b && c > d")

    page = Client().get(reverse("community:profile", args=["writer"])).content.decode()

    assert "a &lt; b &amp;&amp; c &gt; d" in page
    assert "&amp;lt;" not in page
