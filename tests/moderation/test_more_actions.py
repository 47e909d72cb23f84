"""The actions the other service tests leave out: merge, unlock/unpin, warn, ban and spam."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import TrustLevel
from community.models import Post
from moderation import services
from moderation.models import AuditAction, AuditEntry, Sanction, SanctionKind
from tests.accounts.factories import PASSWORD, UserFactory
from tests.community.factories import PostFactory, ThreadFactory, first_post, reload
from tests.moderation.factories import FlaggedItemFactory

pytestmark = pytest.mark.django_db


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


def test_a_warning_restricts_nothing_and_tells_the_member(moderator):
    member = UserFactory()

    sanction = services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Mind the tone."
    )

    member.refresh_from_db()
    assert sanction.kind == SanctionKind.WARNING
    assert not member.is_silenced and not member.is_suspended
    assert member.notifications.filter(message__contains="Mind the tone.").exists()


def test_a_ban_keeps_the_member_out_for_good(client, manager):
    member = UserFactory(email="gone@example.test")

    services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.BAN, reason="Repeated abuse."
    )

    member.refresh_from_db()
    assert member.is_suspended and member.banned_at is not None
    client.post(reverse("account_login"), {"login": "gone@example.test", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_moderator_may_not_ban(moderator):
    with pytest.raises(PermissionDenied):
        services.sanction_member(
            actor=moderator, member=UserFactory(), kind=SanctionKind.BAN, reason="No."
        )


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
