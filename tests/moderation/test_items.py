"""Review items: claiming, releasing and resolving them (moderation/services/items.py), and
an item's page with its actions and claims (moderation/views/items.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from community.models import Post, PostStatus
from moderation import services
from moderation.models import CannedReason, ReviewItem, ReviewKind
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post, reload
from tests.moderation.conftest import appeal_item, messages_of
from tests.moderation.factories import CategoryModeratorFactory, FlaggedItemFactory

pytestmark = pytest.mark.django_db


def _act(client, item, **data):
    return client.post(reverse("moderation:item_action", args=[item.pk]), data)


# Backoffice review: a refusal of a resolved item says who resolved it.
def test_acting_on_an_item_one_resolved_oneself_says_so(moderator):
    item = FlaggedItemFactory()
    services.act_on_item(actor=moderator, item=item, action="approve")

    with pytest.raises(ValidationError) as error:
        services.act_on_item(actor=moderator, item=item, action="approve")

    assert error.value.code == "already_resolved"
    assert error.value.messages == ["You have already resolved this item."]


# Backoffice review: a claim said nothing of what happened.
def test_claiming_an_item_confirms_the_claim(client, moderator):
    item = FlaggedItemFactory()
    client.force_login(moderator)

    response = client.post(reverse("moderation:claim_item", args=[item.pk]))

    assert "You have claimed this item." in messages_of(response)
    assert ReviewItem.objects.get(pk=item.pk).claimed_by == moderator


# Backoffice review: releasing another moderator's claim failed without saying why.
def test_releasing_another_moderators_claim_says_who_holds_it(client, moderator):
    item = FlaggedItemFactory()
    holder = UserFactory(role=Role.MODERATOR, display_name="Hanna Holder")
    services.claim_item(actor=holder, item=item)
    client.force_login(moderator)

    response = client.post(reverse("moderation:claim_item", args=[item.pk]), {"release": "1"})

    assert messages_of(response) == [
        "Hanna Holder holds the claim on this item; only they can release it."
    ]
    assert ReviewItem.objects.get(pk=item.pk).claimed_by == holder


# Backoffice review: appeals are decided only through the appeal decision.
def test_the_page_of_an_appeal_item_offers_no_post_actions(client, moderator, manager):
    item = appeal_item(manager)
    client.force_login(moderator)

    response = client.get(item.get_absolute_url())

    assert response.status_code == 200
    assert not response.context["offers_post_actions"]
    assert reverse("moderation:item_action", args=[item.pk]) not in response.content.decode()
    assert reverse("moderation:decide_appeal", args=[item.pk]) in response.content.decode()


# Backoffice review: nobody acts on items about their own post.
def test_a_managers_own_post_item_offers_no_sanction_of_herself(client, manager):
    item = FlaggedItemFactory(post=first_post(ThreadFactory(author=manager)))
    client.force_login(manager)

    response = client.get(reverse("moderation:item_detail", args=[item.pk]))

    assert response.status_code == 403


# Backoffice review: errors were not shown and the written reason was lost.
def test_a_deleted_canned_reason_is_shown_as_an_error_and_the_written_reason_kept(
    client, moderator
):
    item = FlaggedItemFactory()
    reason = CannedReason.objects.create(title="Gone", text="Gone.")
    reason_id = reason.pk
    reason.delete()
    client.force_login(moderator)

    response = _act(client, item, action="hide", canned_reason=reason_id, reason="Rude words")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice." in html
    assert ">Rude words</textarea>" in html


# Backoffice review: a refused edit lost the moderator's new text.
def test_a_refused_edit_comes_back_with_the_new_text(client, moderator):
    item = FlaggedItemFactory(post=first_post(ThreadFactory(body="The original words")))
    client.force_login(moderator)

    response = _act(client, item, action="edit", body="A calmer text", reason="")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Give the member a reason." in html
    assert ">A calmer text</textarea>" in html
    assert "The original words</textarea>" not in html


# Backoffice review: a refused action's message was not shown and the reason was lost.
def test_a_refused_action_shows_its_message_on_the_page_with_the_reason_kept(client, moderator):
    post = first_post(ThreadFactory())
    Post.objects.filter(pk=post.pk).update(status=PostStatus.PENDING)
    item = FlaggedItemFactory(kind=ReviewKind.HELD_POST, post=reload(post))
    client.force_login(moderator)

    response = _act(client, item, action="dismiss", reason="Looks fine")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Approve or delete a post that waits for approval." in html
    assert ">Looks fine</textarea>" in html


# Backoffice review: refusals answered a bare 403 page instead of the item page.
def test_a_move_into_a_category_one_does_not_moderate_is_refused_on_the_item_page(client):
    item = FlaggedItemFactory()
    scoped = CategoryModeratorFactory(category=item.category).user
    elsewhere = CategoryFactory()
    client.force_login(scoped)

    response = _act(client, item, action="move", category=elsewhere.pk)

    assert response.status_code == 403
    assert "moderation/item_detail.html" in [template.name for template in response.templates]
    assert "You can only move threads into categories you moderate." in response.content.decode()
    assert reload(item.post).thread.category == item.category


# Backoffice review: refusals answered a bare 403 page instead of the item page.
def test_spam_on_a_staff_members_post_is_refused_on_the_item_page(client, moderator):
    staff_thread = ThreadFactory(author=UserFactory(role=Role.MODERATOR))
    item = FlaggedItemFactory(post=first_post(staff_thread))
    client.force_login(moderator)

    response = _act(client, item, action="spam", reason="Advertising")

    assert response.status_code == 403
    assert "moderation/item_detail.html" in [template.name for template in response.templates]
    assert "Staff members are not sanctioned here." in response.content.decode()
    assert not reload(item.post).is_deleted
