"""Following on posting, who is notified of what and through which channel, fan-out."""

import math

import pytest
from django.core import mail
from django.db import connection

from accounts.roles import Role
from community import services as community
from community.models import ReactionKind, Visibility
from notifications import services
from notifications.kinds import ForumKind
from notifications.models import (
    Channel,
    Notification,
    ThreadSubscription,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.notifications.factories import (
    follower_thread,
    kinds_of,
    mails_to,
    prefer,
    quote_of,
    signed_in,
)

pytestmark = pytest.mark.django_db

REPLY = ForumKind.REPLY
MENTION = ForumKind.MENTION
QUOTE = ForumKind.QUOTE
REACTION = ForumKind.REACTION
ACCEPTED = ForumKind.ACCEPTED_ANSWER


# Following


def test_starting_a_thread_makes_its_author_follow_it(committed):
    author = UserFactory()
    with committed():
        thread = community.start_thread(
            author=author, category=CategoryFactory(), title="Export fails", body="It fails."
        )

    page = signed_in(author).get(thread.get_absolute_url())

    assert ThreadSubscription.objects.filter(user=author, thread=thread).exists()
    assert 'aria-pressed="true"' in page.text.split('id="follow-')[1].split("</form>")[0]


def test_replying_makes_the_replier_follow_the_thread(committed):
    thread = ThreadFactory()
    replier = UserFactory()
    with committed():
        community.reply_to_thread(author=replier, thread=thread, body="Same here.")

    assert ThreadSubscription.objects.filter(user=replier, thread=thread).exists()


# Who is notified of what


def test_a_reply_notifies_the_threads_followers_but_never_its_author(committed):
    thread = ThreadFactory()
    follower = UserFactory()
    services.follow_thread(user=follower, thread=thread)
    replier = UserFactory()

    with committed():
        community.reply_to_thread(author=replier, thread=thread, body="Try restarting it.")

    assert kinds_of(thread.author) == [REPLY]
    assert kinds_of(follower) == [REPLY]
    assert kinds_of(replier) == []


def test_a_mention_notifies_as_a_mention_and_not_also_as_a_reply(committed):
    thread = ThreadFactory()
    follower = UserFactory(username="ada")
    services.follow_thread(user=follower, thread=thread)
    outsider = UserFactory(username="grace")

    with committed():
        community.reply_to_thread(
            author=UserFactory(), thread=thread, body="@ada and @grace, what do you think?"
        )

    assert kinds_of(follower) == [MENTION]
    assert kinds_of(outsider) == [MENTION]
    assert kinds_of(thread.author) == [REPLY]


def test_mentioning_oneself_notifies_nobody_of_it(committed):
    thread = ThreadFactory()
    author = UserFactory(username="ada")

    with committed():
        community.reply_to_thread(author=author, thread=thread, body="Note to self, @ada.")

    assert kinds_of(author) == []


def test_quoting_a_post_notifies_its_author_once(committed):
    quoted = first_post(ThreadFactory())

    with committed():
        community.reply_to_thread(
            author=UserFactory(), thread=ThreadFactory(), body=quote_of(quoted) + "Agreed."
        )

    assert len(kinds_of(quoted.author)) == 1
    assert len(mails_to(quoted.author)) == 1


def test_a_quote_without_the_authors_name_notifies_as_a_quote_not_a_reply(committed):
    thread = ThreadFactory()
    quoted = first_post(thread)
    body = f"> [Earlier]({quoted.get_absolute_url()}) you said:\n> {quoted.body}\n\nAgreed."

    with committed():
        community.reply_to_thread(author=UserFactory(), thread=thread, body=body)

    assert kinds_of(thread.author) == [QUOTE]


def test_quoting_with_the_quote_button_follows_the_quoted_authors_quote_setting(committed):
    quoted = first_post(ThreadFactory())
    prefer(quoted.author, quote=Channel.OFF)

    with committed():
        community.reply_to_thread(
            author=UserFactory(), thread=ThreadFactory(), body=quote_of(quoted) + "Agreed."
        )

    assert kinds_of(quoted.author) == []


def test_reactions_of_three_members_group_into_one_unread_notification(committed):
    post = first_post(ThreadFactory())
    ada, bob, cy = UserFactory(), UserFactory(), UserFactory()
    reactions = [
        (ada, ReactionKind.LIKE),
        (bob, ReactionKind.THANKS),
        (ada, ReactionKind.INSIGHTFUL),
        (cy, ReactionKind.LIKE),
    ]
    for member, kind in reactions:
        with committed():
            community.toggle_reaction(user=member, post=post, kind=kind)

    page = signed_in(post.author).get("/notifications/")

    [notification] = Notification.objects.filter(recipient=post.author)
    assert notification.kind == REACTION
    assert notification.actor_count == 3
    assert notification.read_at is None
    assert f'3 people reacted to your post in "{post.thread.title}"' in page.text


def test_a_reaction_after_the_grouped_one_was_read_starts_a_new_notification(committed):
    post = first_post(ThreadFactory())
    with committed():
        community.toggle_reaction(user=UserFactory(), post=post, kind=ReactionKind.LIKE)
    services.mark_all_notifications_read(user=post.author)

    with committed():
        community.toggle_reaction(user=UserFactory(), post=post, kind=ReactionKind.LIKE)

    unread = Notification.objects.get(recipient=post.author, read_at__isnull=True)
    assert unread.actor_count == 1
    assert Notification.objects.filter(recipient=post.author).count() == 2


def test_accepting_an_answer_notifies_the_answers_author(committed):
    thread = ThreadFactory(category=CategoryFactory(is_qa=True))
    answerer = UserFactory()
    with committed():
        answer = community.reply_to_thread(author=answerer, thread=thread, body="Do this.")

    with committed():
        community.accept_answer(actor=thread.author, post=answer)

    notification = Notification.objects.get(recipient=answerer, kind=ACCEPTED)
    assert notification.actor == thread.author
    assert notification.post == answer


def test_a_mention_in_an_internal_thread_reaches_only_those_who_may_see_it(committed):
    category = CategoryFactory(visibility=Visibility.INTERNAL)
    moderator = UserFactory(role=Role.MODERATOR)
    member = UserFactory(username="ada")
    colleague = UserFactory(username="grace", role=Role.DEPARTMENT_STAFF)

    with committed():
        community.start_thread(
            author=moderator, category=category, title="Staff only", body="@ada @grace look."
        )

    assert kinds_of(member) == []
    assert kinds_of(colleague) == [MENTION]
    assert member.email not in [to for message in mail.outbox for to in message.to]


# Channels


def test_channel_off_creates_no_notification(committed):
    thread = ThreadFactory()
    prefer(thread.author, reply=Channel.OFF)

    with committed():
        community.reply_to_thread(author=UserFactory(), thread=thread, body="Hello.")

    assert kinds_of(thread.author) == []
    assert mail.outbox == []


def test_delivery_in_app_creates_a_notification_but_sends_no_email(committed):
    thread = ThreadFactory()
    prefer(thread.author, reply=Channel.IN_APP)

    with committed():
        community.reply_to_thread(author=UserFactory(), thread=thread, body="Hello.")

    assert kinds_of(thread.author) == [REPLY]
    assert mail.outbox == []


# Fan-out


def inserts(queries) -> int:
    return sum(1 for query in queries if query["sql"].lstrip().upper().startswith("INSERT"))


def test_a_reply_notifies_300_followers_in_as_many_queries_as_30(django_assert_max_num_queries):
    small, large = follower_thread(30), follower_thread(300)
    # The same reads for both; inserts are one statement per batch, and only
    # SQLite's limit of 999 parameters per statement splits 300 rows into batches.
    limit = connection.features.max_query_params
    fields = len(Notification._meta.concrete_fields)
    per_insert = min(1000, limit // fields) if limit else 1000

    with django_assert_max_num_queries(12) as small_queries:
        assert services.notify_about_post(post_id=small.pk) == 30
    with django_assert_max_num_queries(11 + math.ceil(300 / per_insert)) as large_queries:
        assert services.notify_about_post(post_id=large.pk) == 300

    assert Notification.objects.filter(post=large, kind=REPLY).count() == 300
    assert len(large_queries) - inserts(large_queries) == len(small_queries) - inserts(
        small_queries
    )
    assert inserts(large_queries) == math.ceil(300 / per_insert)
    assert inserts(small_queries) == 1
    if connection.vendor == "postgresql":
        assert len(large_queries) == len(small_queries)


def test_notifying_twice_about_a_post_creates_no_duplicates():
    reply = follower_thread(3)

    services.notify_about_post(post_id=reply.pk)
    services.notify_about_post(post_id=reply.pk)

    assert Notification.objects.filter(post=reply).count() == 3


def test_replying_creates_no_notification_before_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    thread = ThreadFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        community.reply_to_thread(author=UserFactory(), thread=thread, body="Hello.")
    assert callbacks
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    assert kinds_of(thread.author) == [REPLY]
    assert len(mail.outbox) == 1
