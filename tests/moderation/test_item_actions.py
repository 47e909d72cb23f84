"""The actions on a review item (moderation/services/item_actions.py): what each does to the
post, thread and member, and the items it refuses."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import TrustLevel
from community.models import Post
from moderation import permissions, selectors, services
from moderation.models import (
    Appeal,
    AppealStatus,
    AuditAction,
    AuditEntry,
    ReviewItem,
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
from tests.moderation.conftest import appeal_item
from tests.moderation.factories import CategoryModeratorFactory, FlaggedItemFactory

pytestmark = pytest.mark.django_db


# Backoffice review: a post action closed an appeal item, and the appeal was lost.
def test_a_post_action_on_an_appeal_item_is_refused_and_the_appeal_stays_pending(
    moderator, manager
):
    item = appeal_item(manager)

    with pytest.raises(ValidationError) as error:
        services.act_on_item(actor=moderator, item=item, action="dismiss")

    assert error.value.code == "appeal"
    assert ReviewItem.objects.get(pk=item.pk).resolved_at is None
    assert Appeal.objects.get(pk=item.appeal_id).status == AppealStatus.PENDING


# Backoffice review: appeals are decided only through the appeal decision, in bulk too.
def test_a_bulk_action_skips_an_appeal_item_with_a_message(moderator, manager):
    item = appeal_item(manager)

    done, errors = services.bulk_act(actor=moderator, items=[item], action="approve")

    assert done == 0
    assert errors == [
        f"#{item.pk}: An appeal is decided in its Appeal section, so that the member is told."
    ]
    assert Appeal.objects.get(pk=item.appeal_id).status == AppealStatus.PENDING


# Backoffice review: nobody acts on items about their own post.
def test_a_moderator_may_not_dismiss_flags_on_their_own_post(moderator):
    item = FlaggedItemFactory(post=first_post(ThreadFactory(author=moderator)))

    with pytest.raises(PermissionDenied):
        services.act_on_item(actor=moderator, item=item, action="dismiss")

    assert ReviewItem.objects.get(pk=item.pk).resolved_at is None
    assert not permissions.can_act_on_item(moderator, item)


def test_merge_moves_every_post_to_the_end_of_the_target_in_order(moderator):
    target = ThreadFactory()
    PostFactory(thread=target)
    source = ThreadFactory(category=target.category)
    PostFactory(thread=source, body="Second in the source")
    item = FlaggedItemFactory(post=first_post(source))

    entry = services.act_on_item(actor=moderator, item=item, action="merge", target_thread=target)

    numbers = list(
        Post.objects.filter(thread=target).order_by("number").values_list("number", "body")
    )
    assert [number for number, _body in numbers] == [1, 2, 3, 4]
    assert numbers[-1][1] == "Second in the source"
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.merged_into == target
    assert target.last_post_number == 4
    assert target.reply_count == 3
    assert entry.action == AuditAction.MERGE


def test_a_merged_thread_redirects_to_its_target(client, moderator):
    target = ThreadFactory()
    source = ThreadFactory(category=target.category)
    services.act_on_item(
        actor=moderator,
        item=FlaggedItemFactory(post=first_post(source)),
        action="merge",
        target_thread=target,
    )
    source.refresh_from_db()

    response = client.get(source.get_absolute_url())

    assert response.status_code == 301
    assert response.url == target.get_absolute_url()


# Backoffice review: a moved thread left its other open items in the old category's queue.
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


# Backoffice review: a merged thread's open items stayed in the source's category.
def test_merging_a_thread_takes_its_open_items_into_the_target_category(moderator):
    source = ThreadFactory()
    reply_item = FlaggedItemFactory(post=reload(PostFactory(thread=source)))
    opener_item = FlaggedItemFactory(post=first_post(source))
    target = ThreadFactory(category=CategoryFactory())

    services.act_on_item(actor=moderator, item=opener_item, action="merge", target_thread=target)

    assert ReviewItem.objects.get(pk=reply_item.pk).category == target.category
    assert ReviewItem.objects.get(pk=opener_item.pk).category == target.category


@pytest.mark.parametrize(("first", "then"), [("lock", "unlock"), ("pin", "unpin")])
def test_lock_and_pin_are_undone_with_their_own_audit_entries(moderator, first, then):
    item = FlaggedItemFactory()

    services.act_on_item(actor=moderator, item=item, action=first)
    services.act_on_item(actor=moderator, item=item, action=then)

    thread = item.post.thread
    thread.refresh_from_db()
    assert not thread.is_locked and not thread.is_pinned
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        first,
        then,
    ]


def test_spam_deletes_the_post_and_silences_a_new_member(moderator):
    spammer = UserFactory(trust_level=TrustLevel.NEW)
    post = reload(PostFactory(thread=ThreadFactory(), author=spammer, body="Cheap watches"))
    item = FlaggedItemFactory(post=post)

    services.act_on_item(actor=moderator, item=item, action="spam", reason="Advertising")

    post.refresh_from_db()
    spammer.refresh_from_db()
    assert post.is_deleted
    assert spammer.is_silenced
    assert Sanction.objects.filter(member=spammer, kind=SanctionKind.SILENCE).exists()
    assert AuditEntry.objects.filter(action=AuditAction.SPAM, target_post=post).count() == 1


def test_spam_from_an_established_member_deletes_but_does_not_silence(moderator):
    regular = UserFactory(trust_level=TrustLevel.REGULAR)
    post = reload(PostFactory(thread=ThreadFactory(), author=regular))

    services.act_on_item(
        actor=moderator, item=FlaggedItemFactory(post=post), action="spam", reason="Ad"
    )

    regular.refresh_from_db()
    assert not regular.is_silenced
