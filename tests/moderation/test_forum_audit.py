"""A moderator's tools on the thread page take moderation's road: one audit entry per
action, as from the backoffice (moderation.views.forum, moderation.services.forum)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from community.models import Visibility
from moderation.models import AuditAction, AuditEntry
from moderation.services import act_on_item
from tests.accounts.factories import UserFactory
from tests.community.conftest import assert_refused, signed_in
from tests.community.factories import PostFactory, ThreadFactory, first_post, reload
from tests.moderation.factories import FlaggedItemFactory

pytestmark = pytest.mark.django_db

TOOLS = [("lock_thread", "is_locked"), ("pin_thread", "is_pinned")]


# lock and pin ------------------------------------------------------------------------------


def test_locking_a_thread_from_its_page_writes_one_audit_entry(client):
    moderator = signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory()

    client.post(reverse("moderation:lock_thread", args=[thread.pk]), {"value": "1"})

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_thread) == (AuditAction.LOCK, moderator, thread)
    assert entry.target_member == thread.author
    assert entry.before["is_locked"] is False
    assert entry.after["is_locked"] is True


def test_a_backoffice_action_writes_exactly_one_entry():
    moderator = UserFactory(role=Role.MODERATOR)
    item = FlaggedItemFactory()

    act_on_item(actor=moderator, item=item, action="lock")

    assert AuditEntry.objects.filter(action=AuditAction.LOCK).count() == 1


def test_locking_a_locked_thread_again_writes_no_second_entry(client):
    signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory()
    url = reverse("moderation:lock_thread", args=[thread.pk])

    client.post(url, {"value": "1"})
    response = client.post(url, {"value": "1"})

    assert response.status_code == 302
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize(("name", "field"), TOOLS)
def test_a_moderator_locks_and_pins_then_undoes_it_and_is_back_on_the_thread(client, name, field):
    signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory()
    url = reverse(f"moderation:{name}", args=[thread.pk])

    response = client.post(url, {"value": "1", "next": thread.get_absolute_url()})

    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    thread.refresh_from_db()
    assert getattr(thread, field) is True
    client.post(url, {"value": "0"})
    thread.refresh_from_db()
    assert getattr(thread, field) is False
    assert [entry.action for entry in AuditEntry.objects.order_by("pk")] == [
        name.removesuffix("_thread"),
        "un" + name.removesuffix("_thread"),
    ]


@pytest.mark.parametrize("name", ["lock_thread", "pin_thread"])
@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example"])
def test_a_next_off_the_site_sends_the_moderator_back_to_the_thread(client, name, next_url):
    signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory()

    response = client.post(
        reverse(f"moderation:{name}", args=[thread.pk]), {"value": "1", "next": next_url}
    )

    assert response.url == thread.get_absolute_url()


@pytest.mark.parametrize("name", ["lock_thread", "pin_thread"])
def test_a_member_cannot_lock_or_pin(client, name):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(reverse(f"moderation:{name}", args=[thread.pk]), {"value": "1"})

    assert_refused(response, "Only moderators can do this.")
    thread.refresh_from_db()
    assert not thread.is_locked
    assert not thread.is_pinned
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("name", ["lock_thread", "pin_thread"])
@pytest.mark.parametrize("data", [{}, {"value": "yes"}, {"value": "2"}])
def test_locking_or_pinning_with_a_bad_value_is_a_bad_request(client, name, data):
    signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory()

    response = client.post(reverse(f"moderation:{name}", args=[thread.pk]), data)

    assert response.status_code == 400
    thread.refresh_from_db()
    assert not thread.is_locked
    assert not thread.is_pinned


@pytest.mark.parametrize("name", ["lock_thread", "pin_thread", "delete_post"])
def test_the_tools_that_change_at_once_refuse_a_get(client, name):
    signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory()
    target = first_post(thread).pk if name == "delete_post" else thread.pk

    assert client.get(reverse(f"moderation:{name}", args=[target])).status_code == 405


def test_locking_a_thread_in_a_hidden_category_is_404(client):
    signed_in(client)
    thread = ThreadFactory(
        category__visibility=Visibility.INTERNAL, author=UserFactory(role=Role.ADMIN)
    )

    response = client.post(reverse("moderation:lock_thread", args=[thread.pk]), {"value": "1"})

    assert response.status_code == 404


def test_the_thread_page_shows_its_moderators_the_tools_of_moderation(client):
    thread = ThreadFactory()
    signed_in(client, role=Role.MODERATOR)

    content = client.get(thread.get_absolute_url()).content.decode()

    assert f'action="{reverse("moderation:lock_thread", args=[thread.pk])}"' in content
    assert f'action="{reverse("moderation:pin_thread", args=[thread.pk])}"' in content
    assert ">Lock</button>" in content


def test_the_thread_page_shows_members_no_moderator_tools(client):
    thread = ThreadFactory()
    signed_in(client)

    content = client.get(thread.get_absolute_url()).content.decode()

    assert reverse("moderation:lock_thread", args=[thread.pk]) not in content
    assert "moderation-tools" not in content


# edit and delete ---------------------------------------------------------------------------


def test_a_moderator_deleting_someone_elses_post_is_audited_with_its_text(client):
    moderator = signed_in(client, role=Role.MODERATOR)
    post = reload(PostFactory(thread=ThreadFactory(), body="Buy cheap watches"))

    response = client.post(reverse("moderation:delete_post", args=[post.pk]))

    assert response.status_code == 302
    assert response.url == post.get_absolute_url()
    assert reload(post).is_deleted
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_post) == (AuditAction.DELETE, moderator, post)
    assert entry.target_member == post.author
    assert entry.before["body"] == "Buy cheap watches"
    assert entry.before["is_deleted"] is False
    assert entry.is_revertible


def test_a_moderator_editing_someone_elses_post_is_audited_with_what_it_said(client):
    moderator = signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory(title="Original title", body="Original words")
    post = first_post(thread)

    response = client.post(
        reverse("moderation:edit_post", args=[post.pk]),
        {"title": "Better title", "body": "Better words"},
    )

    assert response.status_code == 302
    assert response.url == reload(post).get_absolute_url()
    assert reload(post).body == "Better words"
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.target_post) == (AuditAction.EDIT, moderator, post)
    assert entry.before["body"] == "Original words"
    assert entry.before["title"] == "Original title"
    assert entry.after["body"] == "Better words"


def test_a_moderators_edit_that_changes_nothing_is_not_audited(client):
    signed_in(client, role=Role.MODERATOR)
    post = reload(PostFactory(body="Fine as it is"))

    client.post(reverse("moderation:edit_post", args=[post.pk]), {"body": "Fine as it is"})

    assert not AuditEntry.objects.exists()


def test_the_moderators_edit_page_shows_the_post_in_the_forums_form(client):
    signed_in(client, role=Role.MODERATOR)
    post = PostFactory(body="Typo teh")

    response = client.get(reverse("moderation:edit_post", args=[post.pk]))

    assert response.status_code == 200
    assert "Typo teh" in response.content.decode()


def test_an_invalid_moderators_edit_shows_the_error_and_changes_nothing(client):
    signed_in(client, role=Role.MODERATOR)
    post = reload(PostFactory(body="Kept"))

    response = client.post(reverse("moderation:edit_post", args=[post.pk]), {"body": ""})

    assert response.status_code == 400
    assert "Write something first." in response.content.decode()
    assert reload(post).body == "Kept"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("name", ["edit_post", "delete_post"])
def test_a_member_cannot_use_the_moderators_edit_or_delete(client, name):
    signed_in(client)
    post = reload(PostFactory(body="Not yours"))

    response = client.post(reverse(f"moderation:{name}", args=[post.pk]), {"body": "Mine"})

    assert_refused(response, "Only moderators can do this.")
    post = reload(post)
    assert (post.body, post.is_deleted) == ("Not yours", False)


def test_members_deleting_their_own_posts_are_not_audited(client):
    post = reload(PostFactory(thread=ThreadFactory()))
    client.force_login(post.author)

    client.post(reverse("community:delete_post", args=[post.pk]))

    assert reload(post).is_deleted
    assert not AuditEntry.objects.exists()


def test_the_thread_page_offers_a_moderator_edit_and_delete_through_moderation(client):
    moderator = signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory(author=moderator)
    other = PostFactory(thread=thread)

    content = client.get(thread.get_absolute_url()).content.decode()

    assert f'href="{reverse("moderation:edit_post", args=[other.pk])}"' in content
    assert f'action="{reverse("moderation:delete_post", args=[other.pk])}"' in content
    assert reverse("community:edit_post", args=[other.pk]) not in content
    assert reverse("community:delete_post", args=[other.pk]) not in content
    # The moderator's own post keeps the forum's own links.
    own = first_post(thread)
    assert reverse("community:edit_post", args=[own.pk]) in content
    assert reverse("moderation:edit_post", args=[own.pk]) not in content


@pytest.mark.parametrize("name", ["edit_post", "delete_post"])
def test_the_forums_own_edit_and_delete_refuse_a_moderator_on_someone_elses_post(client, name):
    """Those would change the post without an audit entry: one road, moderation's."""
    signed_in(client, role=Role.MODERATOR)
    post = reload(PostFactory(body="Theirs"))

    response = client.post(reverse(f"community:{name}", args=[post.pk]), {"body": "Changed"})

    assert response.status_code == 403
    post = reload(post)
    assert (post.body, post.is_deleted) == ("Theirs", False)
