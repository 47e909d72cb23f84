"""The review queue's fixes: appeals kept from post actions, items following their thread,
the queue's filters and sort, error messages and kept input, claims, refusals on the page,
German labels and the header's Backoffice link."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from community.models import Post, PostStatus, Visibility
from moderation import selectors, services
from moderation.forms import ItemActionForm
from moderation.models import (
    Appeal,
    AppealStatus,
    AuditEntry,
    CannedReason,
    ReviewItem,
    ReviewKind,
    Sanction,
    SanctionKind,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    CategoryFactory,
    PostFactory,
    ThreadFactory,
    first_post,
    reload,
)
from tests.moderation.factories import CategoryModeratorFactory, FlaggedItemFactory

pytestmark = pytest.mark.django_db


def _appeal_item(manager) -> ReviewItem:
    """Return the open item of an appeal against a warning that names a published post."""
    post = first_post(ThreadFactory())
    sanction = Sanction.objects.create(
        member=post.author,
        kind=SanctionKind.WARNING,
        reason="Be kind.",
        post=post,
        created_by=manager,
    )
    appeal = Appeal.objects.create(sanction=sanction, text="I was kind.")
    return ReviewItem.objects.create(kind=ReviewKind.APPEAL, appeal=appeal, post=post)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _act(client, item, **data):
    return client.post(reverse("moderation:item_action", args=[item.pk]), data)


# 1. Appeals are decided only through the appeal decision.


def test_a_post_action_on_an_appeal_item_is_refused_and_the_appeal_stays_pending(
    moderator, manager
):
    item = _appeal_item(manager)

    with pytest.raises(ValidationError) as error:
        services.act_on_item(actor=moderator, item=item, action="dismiss")

    assert error.value.code == "appeal"
    assert ReviewItem.objects.get(pk=item.pk).resolved_at is None
    assert Appeal.objects.get(pk=item.appeal_id).status == AppealStatus.PENDING


def test_a_bulk_action_skips_an_appeal_item_with_a_message(moderator, manager):
    item = _appeal_item(manager)

    done, errors = services.bulk_act(actor=moderator, items=[item], action="approve")

    assert done == 0
    assert errors == [
        f"#{item.pk}: An appeal is decided in its Appeal section, so that the member is told."
    ]
    assert Appeal.objects.get(pk=item.appeal_id).status == AppealStatus.PENDING


def test_the_page_of_an_appeal_item_offers_no_post_actions(client, moderator, manager):
    item = _appeal_item(manager)
    client.force_login(moderator)

    response = client.get(item.get_absolute_url())

    assert response.status_code == 200
    assert not response.context["offers_post_actions"]
    assert reverse("moderation:item_action", args=[item.pk]) not in response.content.decode()
    assert reverse("moderation:decide_appeal", args=[item.pk]) in response.content.decode()


# 2. A thread's open items follow it when it moves or merges.


def test_moving_a_thread_takes_its_other_open_items_into_the_new_category(moderator):
    thread = ThreadFactory()
    reply_item = FlaggedItemFactory(post=reload(PostFactory(thread=thread)))
    opener_item = FlaggedItemFactory(post=first_post(thread))
    destination = CategoryFactory()
    destination_moderator = CategoryModeratorFactory(category=destination).user

    services.act_on_item(actor=moderator, item=opener_item, action="move", category=destination)

    assert ReviewItem.objects.get(pk=reply_item.pk).category == destination
    assert ReviewItem.objects.get(pk=opener_item.pk).category == destination
    listed = selectors.list_review_items(viewer=destination_moderator)
    assert set(listed.values_list("pk", flat=True)) == {reply_item.pk, opener_item.pk}


def test_merging_a_thread_takes_its_open_items_into_the_target_category(moderator):
    source = ThreadFactory()
    reply_item = FlaggedItemFactory(post=reload(PostFactory(thread=source)))
    opener_item = FlaggedItemFactory(post=first_post(source))
    target = ThreadFactory(category=CategoryFactory())

    services.act_on_item(actor=moderator, item=opener_item, action="merge", target_thread=target)

    assert ReviewItem.objects.get(pk=reply_item.pk).category == target.category
    assert ReviewItem.objects.get(pk=opener_item.pk).category == target.category


# 3. The category filter offers only the categories the viewer works on.


def test_the_category_filter_offers_a_category_moderator_only_their_categories(client):
    mine = CategoryFactory(name="Mine")
    CategoryFactory(name="Staff room", visibility=Visibility.INTERNAL)
    other = CategoryFactory(name="Elsewhere")
    client.force_login(CategoryModeratorFactory(category=mine).user)

    response = client.get(reverse("moderation:queue"))

    assert list(response.context["filter"].form.fields["category"].queryset) == [mine]
    assert "Staff room" not in response.content.decode()
    refused = client.get(reverse("moderation:queue"), {"category": other.pk})
    assert refused.status_code == 400


# 4. Errors are shown and the input comes back.


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


def test_a_refused_edit_comes_back_with_the_new_text(client, moderator):
    item = FlaggedItemFactory(post=first_post(ThreadFactory(body="The original words")))
    client.force_login(moderator)

    response = _act(client, item, action="edit", body="A calmer text", reason="")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Give the member a reason." in html
    assert ">A calmer text</textarea>" in html
    assert "The original words</textarea>" not in html


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


def test_an_invalid_queue_filter_answers_400_with_its_error_and_no_items(client, moderator):
    FlaggedItemFactory()
    client.force_login(moderator)

    response = client.get(reverse("moderation:queue"), {"min_score": "1e308"})

    assert response.status_code == 400
    assert list(response.context["page"]) == []
    assert "Ensure this value is less than or equal to" in response.content.decode()


def test_an_invalid_audit_filter_answers_400_with_its_error_and_no_entries(client, manager):
    services.act_on_item(actor=manager, item=FlaggedItemFactory(), action="approve")
    assert AuditEntry.objects.exists()
    client.force_login(manager)

    response = client.get(reverse("moderation:audit_log"), {"since": "2024-13-45"})

    assert response.status_code == 400
    assert list(response.context["page"]) == []
    assert "Enter a valid date." in response.content.decode()


# 5. The age sort says what it does, in the viewer's language.


def test_the_age_sort_lists_the_youngest_first_and_descending_the_oldest(client, moderator):
    old = FlaggedItemFactory(created_at=timezone.now() - timedelta(days=3))
    young = FlaggedItemFactory()
    client.force_login(moderator)

    ascending = client.get(reverse("moderation:queue"), {"sort": "age"})
    descending = client.get(reverse("moderation:queue"), {"sort": "-age"})

    assert [item.pk for item in ascending.context["page"]] == [young.pk, old.pk]
    assert [item.pk for item in descending.context["page"]] == [old.pk, young.pk]
    choices = dict(ascending.context["filter"].form.fields["sort"].choices)
    assert (str(choices["age"]), str(choices["-age"])) == ("Age", "Age (descending)")


def test_the_sort_labels_follow_the_viewers_language(client):
    client.force_login(UserFactory(role=Role.MODERATOR, language="de"))

    html = client.get(reverse("moderation:queue")).content.decode()

    assert "Alter (absteigend)" in html
    assert "Punktzahl (absteigend)" in html
    assert "(descending)" not in html


# 6. German labels and plurals.


def test_the_queue_shows_an_items_status_by_its_translated_label(client):
    FlaggedItemFactory()
    client.force_login(UserFactory(role=Role.MODERATOR, language="de"))

    html = client.get(reverse("moderation:queue")).content.decode()

    assert "<td>Offen" in html
    assert "<td>open" not in html


def test_the_item_forms_action_field_has_a_translated_label():
    with translation.override("de"):
        assert str(ItemActionForm()["action"].label) == "Aktion"


def test_a_bulk_action_on_one_item_says_item_in_the_singular(client, moderator):
    item = FlaggedItemFactory()
    client.force_login(moderator)

    response = client.post(
        reverse("moderation:bulk_action"), {"action": "approve", "items": [item.pk]}
    )

    assert "1 item done." in _messages(response)


# 7. Claims and resolved items say what happened.


def test_claiming_an_item_confirms_the_claim(client, moderator):
    item = FlaggedItemFactory()
    client.force_login(moderator)

    response = client.post(reverse("moderation:claim_item", args=[item.pk]))

    assert "You have claimed this item." in _messages(response)
    assert ReviewItem.objects.get(pk=item.pk).claimed_by == moderator


def test_releasing_another_moderators_claim_says_who_holds_it(client, moderator):
    item = FlaggedItemFactory()
    holder = UserFactory(role=Role.MODERATOR, display_name="Hanna Holder")
    services.claim_item(actor=holder, item=item)
    client.force_login(moderator)

    response = client.post(reverse("moderation:claim_item", args=[item.pk]), {"release": "1"})

    assert _messages(response) == [
        "Hanna Holder holds the claim on this item; only they can release it."
    ]
    assert ReviewItem.objects.get(pk=item.pk).claimed_by == holder


def test_acting_on_an_item_one_resolved_oneself_says_so(moderator):
    item = FlaggedItemFactory()
    services.act_on_item(actor=moderator, item=item, action="approve")

    with pytest.raises(ValidationError) as error:
        services.act_on_item(actor=moderator, item=item, action="approve")

    assert error.value.code == "already_resolved"
    assert error.value.messages == ["You have already resolved this item."]


# 9. Refusals appear on the item page, not as a bare 403 page.


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


def test_spam_on_a_staff_members_post_is_refused_on_the_item_page(client, moderator):
    staff_thread = ThreadFactory(author=UserFactory(role=Role.MODERATOR))
    item = FlaggedItemFactory(post=first_post(staff_thread))
    client.force_login(moderator)

    response = _act(client, item, action="spam", reason="Advertising")

    assert response.status_code == 403
    assert "moderation/item_detail.html" in [template.name for template in response.templates]
    assert "Staff members are not sanctioned here." in response.content.decode()
    assert not reload(item.post).is_deleted


# 10. The header links the backoffice for category moderators too.


def test_the_header_links_the_backoffice_for_a_category_moderator(client):
    client.force_login(CategoryModeratorFactory().user)

    html = client.get(reverse("community:index")).content.decode()

    assert f'href="{reverse("moderation:queue")}"' in html


def test_the_header_does_not_link_the_backoffice_for_a_member(client):
    client.force_login(UserFactory())

    html = client.get(reverse("community:index")).content.decode()

    assert f'href="{reverse("moderation:queue")}"' not in html
