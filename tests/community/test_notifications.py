"""Following, watching and notifications: who hears about what, in the app and by e-mail."""

import math
import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from community import markdown, services
from community.models import (
    CategoryWatch,
    Delivery,
    Notification,
    NotificationEvent,
    NotificationJob,
    NotificationKind,
    NotificationPreference,
    Post,
    ReactionKind,
    ThreadSubscription,
    Visibility,
)
from community.tasks import send_notification_emails_task
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, ThreadFactory, first_post

pytestmark = pytest.mark.django_db

REPLY = NotificationKind.REPLY
MENTION = NotificationKind.MENTION
QUOTE = NotificationKind.QUOTE
REACTION = NotificationKind.REACTION
ACCEPTED = NotificationKind.ACCEPTED_ANSWER

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block, then what it enqueued on commit (tasks run eagerly)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def prefer(user, **deliveries: str) -> None:
    services.set_notification_preferences(user=user, deliveries=deliveries)


def delivery_of(user, kind: str) -> str:
    return services.notifications.deliveries_for([user.pk], kind)[user.pk]


def make_post(thread, number: int, author) -> Post:
    """A post row for pages of notifications (no service: nothing is sent)."""
    return Post.objects.create(
        thread=thread, number=number, author=author, body=f"post {number}", html=""
    )


def notify(recipient, post, *, kind=REPLY, minutes_ago: int = 0, **fields) -> Notification:
    when = timezone.now() - timedelta(minutes=minutes_ago)
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        actor=post.author,
        post=post,
        created_at=when,
        updated_at=when,
        **fields,
    )


def mails_to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


def html_alternative(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


# Following and watching


def test_starting_a_thread_makes_its_author_follow_it(committed):
    author = UserFactory()
    with committed():
        thread = services.start_thread(
            author=author, category=CategoryFactory(), title="Export fails", body="It fails."
        )

    page = signed_in(author).get(thread.get_absolute_url())

    assert ThreadSubscription.objects.filter(user=author, thread=thread).exists()
    assert 'aria-pressed="true"' in page.text.split('id="follow-')[1].split("</form>")[0]


def test_replying_makes_the_replier_follow_the_thread(committed):
    thread = ThreadFactory()
    replier = UserFactory()
    with committed():
        services.reply_to_thread(author=replier, thread=thread, body="Same here.")

    assert ThreadSubscription.objects.filter(user=replier, thread=thread).exists()


def test_following_a_thread_redirects_back_to_it():
    thread = ThreadFactory()
    member = UserFactory()

    response = signed_in(member).post(f"/t/{thread.pk}/follow/", {"value": "1"})

    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert ThreadSubscription.objects.filter(user=member, thread=thread).exists()


def test_unfollowing_a_thread_stops_following_it():
    thread = ThreadFactory()
    member = UserFactory()
    services.follow_thread(user=member, thread=thread)

    response = signed_in(member).post(f"/t/{thread.pk}/follow/", {"value": "0"})

    assert response.status_code == 302
    assert not ThreadSubscription.objects.filter(user=member, thread=thread).exists()


def test_following_with_htmx_returns_the_pressed_follow_button_alone():
    thread = ThreadFactory()
    member = UserFactory()

    response = signed_in(member).post(f"/t/{thread.pk}/follow/", {"value": "1"}, **HTMX)

    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'id="follow-{thread.pk}"' in response.text
    assert 'aria-pressed="true"' in response.text
    assert 'name="value" value="0"' in response.text
    assert ThreadSubscription.objects.filter(user=member, thread=thread).exists()


def test_unfollowing_with_htmx_returns_the_button_to_follow_again():
    thread = ThreadFactory()
    member = UserFactory()
    services.follow_thread(user=member, thread=thread)

    response = signed_in(member).post(f"/t/{thread.pk}/follow/", {"value": "0"}, **HTMX)

    assert response.status_code == 200
    assert 'aria-pressed="false"' in response.text
    assert 'name="value" value="1"' in response.text
    assert not ThreadSubscription.objects.filter(user=member, thread=thread).exists()


def test_a_visitor_who_follows_a_thread_is_sent_to_sign_in():
    thread = ThreadFactory()

    response = Client().post(f"/t/{thread.pk}/follow/", {"value": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not ThreadSubscription.objects.filter(thread=thread).exclude(user=thread.author).exists()


def test_a_member_cannot_follow_a_thread_in_an_internal_category():
    thread = ThreadFactory(category=CategoryFactory(visibility=Visibility.INTERNAL))
    member = UserFactory()

    response = signed_in(member).post(f"/t/{thread.pk}/follow/", {"value": "1"})

    assert response.status_code == 404
    assert not ThreadSubscription.objects.filter(user=member).exists()


def test_following_with_a_value_other_than_0_or_1_is_refused():
    thread = ThreadFactory()
    member = UserFactory()

    response = signed_in(member).post(f"/t/{thread.pk}/follow/", {"value": "yes"})

    assert response.status_code == 400
    assert not ThreadSubscription.objects.filter(user=member).exists()


def test_watching_a_category_notifies_of_its_new_threads_and_replies(committed):
    category = CategoryFactory()
    watcher = UserFactory()
    author = UserFactory()

    response = signed_in(watcher).post(f"/c/{category.slug}/watch/", {"value": "1"})
    with committed():
        thread = services.start_thread(
            author=author, category=category, title="A new idea", body="Hear me out."
        )
    with committed():
        reply = services.reply_to_thread(author=author, thread=thread, body="One more thing.")

    assert response.status_code == 302
    assert response["Location"] == category.get_absolute_url()
    assert set(Notification.objects.filter(recipient=watcher).values_list("post", flat=True)) == {
        first_post(thread).pk,
        reply.pk,
    }


def test_a_watched_category_page_offers_to_stop_watching():
    category = CategoryFactory()
    watcher = UserFactory()
    client = signed_in(watcher)
    client.post(f"/c/{category.slug}/watch/", {"value": "1"})

    page = client.get(category.get_absolute_url())

    assert "You will hear about every new post in this category." in page.text
    assert "Watching" in page.text
    assert 'name="value" value="0"' in page.text


def test_unwatching_a_category_stops_its_notifications(committed):
    category = CategoryFactory()
    watcher = UserFactory()
    services.watch_category(user=watcher, category=category)

    response = signed_in(watcher).post(f"/c/{category.slug}/watch/", {"value": "0"})
    with committed():
        services.start_thread(
            author=UserFactory(), category=category, title="A new idea", body="Hear me out."
        )

    assert response.status_code == 302
    assert not CategoryWatch.objects.filter(user=watcher).exists()
    assert kinds_of(watcher) == []


def test_a_member_cannot_watch_an_internal_category():
    category = CategoryFactory(visibility=Visibility.INTERNAL)
    member = UserFactory()

    response = signed_in(member).post(f"/c/{category.slug}/watch/", {"value": "1"})

    assert response.status_code == 404
    assert not CategoryWatch.objects.exists()


# Who is notified of what


def test_a_reply_notifies_the_threads_followers_but_never_its_author(committed):
    thread = ThreadFactory()
    follower = UserFactory()
    services.follow_thread(user=follower, thread=thread)
    replier = UserFactory()

    with committed():
        services.reply_to_thread(author=replier, thread=thread, body="Try restarting it.")

    assert kinds_of(thread.author) == [REPLY]
    assert kinds_of(follower) == [REPLY]
    assert kinds_of(replier) == []


def test_a_mention_notifies_as_a_mention_and_not_also_as_a_reply(committed):
    thread = ThreadFactory()
    follower = UserFactory(username="ada")
    services.follow_thread(user=follower, thread=thread)
    outsider = UserFactory(username="grace")

    with committed():
        services.reply_to_thread(
            author=UserFactory(), thread=thread, body="@ada and @grace, what do you think?"
        )

    assert kinds_of(follower) == [MENTION]
    assert kinds_of(outsider) == [MENTION]
    assert kinds_of(thread.author) == [REPLY]


def test_mentioning_oneself_notifies_nobody_of_it(committed):
    thread = ThreadFactory()
    author = UserFactory(username="ada")

    with committed():
        services.reply_to_thread(author=author, thread=thread, body="Note to self, @ada.")

    assert kinds_of(author) == []


def quote_of(post) -> str:
    """The Markdown the Quote button puts in the reply box for ``post``."""
    return markdown.quote_source(
        username=post.author.username, permalink=post.get_absolute_url(), body=post.body
    )


def test_quoting_a_post_notifies_its_author_once(committed):
    quoted = first_post(ThreadFactory())

    with committed():
        services.reply_to_thread(
            author=UserFactory(), thread=ThreadFactory(), body=quote_of(quoted) + "Agreed."
        )

    assert len(kinds_of(quoted.author)) == 1
    assert len(mails_to(quoted.author)) == 1


def test_a_quote_without_the_authors_name_notifies_as_a_quote_not_a_reply(committed):
    thread = ThreadFactory()
    quoted = first_post(thread)
    body = f"> [Earlier]({quoted.get_absolute_url()}) you said:\n> {quoted.body}\n\nAgreed."

    with committed():
        services.reply_to_thread(author=UserFactory(), thread=thread, body=body)

    assert kinds_of(thread.author) == [QUOTE]


def test_quoting_with_the_quote_button_follows_the_quoted_authors_quote_setting(committed):
    quoted = first_post(ThreadFactory())
    prefer(quoted.author, quote=Delivery.OFF)

    with committed():
        services.reply_to_thread(
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
            services.toggle_reaction(user=member, post=post, kind=kind)

    page = signed_in(post.author).get("/notifications/")

    [notification] = Notification.objects.filter(recipient=post.author)
    assert notification.kind == REACTION
    assert notification.actor_count == 3
    assert notification.read_at is None
    assert f'3 people reacted to your post in "{post.thread.title}"' in page.text


def test_a_reaction_after_the_grouped_one_was_read_starts_a_new_notification(committed):
    post = first_post(ThreadFactory())
    with committed():
        services.toggle_reaction(user=UserFactory(), post=post, kind=ReactionKind.LIKE)
    services.mark_all_notifications_read(user=post.author)

    with committed():
        services.toggle_reaction(user=UserFactory(), post=post, kind=ReactionKind.LIKE)

    unread = Notification.objects.get(recipient=post.author, read_at__isnull=True)
    assert unread.actor_count == 1
    assert Notification.objects.filter(recipient=post.author).count() == 2


def test_accepting_an_answer_notifies_the_answers_author(committed):
    thread = ThreadFactory(category=CategoryFactory(is_qa=True))
    answerer = UserFactory()
    with committed():
        answer = services.reply_to_thread(author=answerer, thread=thread, body="Do this.")

    with committed():
        services.accept_answer(actor=thread.author, post=answer)

    notification = Notification.objects.get(recipient=answerer, kind=ACCEPTED)
    assert notification.actor == thread.author
    assert notification.post == answer


def test_a_mention_in_an_internal_thread_reaches_only_those_who_may_see_it(committed):
    category = CategoryFactory(visibility=Visibility.INTERNAL)
    moderator = UserFactory(role=Role.MODERATOR)
    member = UserFactory(username="ada")
    colleague = UserFactory(username="grace", role=Role.DEPARTMENT_STAFF)

    with committed():
        services.start_thread(
            author=moderator, category=category, title="Staff only", body="@ada @grace look."
        )

    assert kinds_of(member) == []
    assert kinds_of(colleague) == [MENTION]
    assert member.email not in [to for message in mail.outbox for to in message.to]


# Delivery preferences


def test_delivery_off_creates_no_notification(committed):
    thread = ThreadFactory()
    prefer(thread.author, reply=Delivery.OFF)

    with committed():
        services.reply_to_thread(author=UserFactory(), thread=thread, body="Hello.")

    assert kinds_of(thread.author) == []
    assert mail.outbox == []


def test_delivery_in_app_creates_a_notification_but_sends_no_email(committed):
    thread = ThreadFactory()
    prefer(thread.author, reply=Delivery.IN_APP)

    with committed():
        services.reply_to_thread(author=UserFactory(), thread=thread, body="Hello.")

    assert kinds_of(thread.author) == [REPLY]
    assert mail.outbox == []


def test_delivery_email_sends_one_multipart_email_in_each_recipients_language(committed):
    thread = ThreadFactory(author=UserFactory(language="de"))
    english = UserFactory(language="en")
    services.follow_thread(user=english, thread=thread)

    with committed():
        services.reply_to_thread(author=UserFactory(), thread=thread, body="Try this.")

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == sorted([thread.author.email, english.email])
    for recipient, language in [(thread.author, "de"), (english, "en")]:
        message = by_recipient[recipient.email]
        assert message.subject.startswith("[Liaison] ")
        assert thread.title in message.body
        assert "Try this." in message.body
        assert f'<html lang="{language}">' in html_alternative(message)
        assert "<p>Try this.</p>" in html_alternative(message)
    assert "replied in" in by_recipient[english.email].subject


def test_notification_email_carries_a_working_one_click_unsubscribe(committed):
    thread = ThreadFactory()

    with committed():
        services.reply_to_thread(author=UserFactory(), thread=thread, body="Try this.")

    [message] = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<http[^>]*/unsubscribe/[^>]+>", header)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = "/" + header.strip("<>").split("/", 3)[3]
    response = Client(enforce_csrf_checks=True).post(path)
    assert response.status_code == 200
    assert delivery_of(thread.author, REPLY) == Delivery.IN_APP


def test_notification_email_subject_and_text_show_the_title_and_post_as_written(committed):
    thread = ThreadFactory(title="Tom & Jerry's export")

    with committed():
        services.reply_to_thread(author=UserFactory(), thread=thread, body="Use 1 < 2 & go.")

    [message] = mail.outbox
    assert "Tom & Jerry's export" in message.subject
    assert "Tom & Jerry's export" in message.body
    assert "Use 1 < 2 & go." in message.body


def test_running_the_email_task_twice_sends_each_email_once(committed):
    thread = ThreadFactory()
    with committed():
        services.reply_to_thread(author=UserFactory(), thread=thread, body="Hello.")
    notification = Notification.objects.get(recipient=thread.author)
    assert len(mail.outbox) == 1

    assert send_notification_emails_task.delay([notification.pk]).get() == 0
    assert send_notification_emails_task.delay([notification.pk]).get() == 0

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_the_email_task_sends_a_pending_email_exactly_once():
    post = first_post(ThreadFactory())
    recipient = UserFactory()
    notification = notify(recipient, post, delivery=Delivery.EMAIL)

    first = send_notification_emails_task.delay([notification.pk]).get()
    second = send_notification_emails_task.delay([notification.pk]).get()

    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [[recipient.email]]


def test_digest_sends_nothing_at_once_then_everything_in_one_email(committed):
    member = UserFactory()
    prefer(member, reply=Delivery.DIGEST, mention=Delivery.DIGEST)
    first_thread = ThreadFactory(title="Printing in colour")
    second_thread = ThreadFactory(title="Scanning to e-mail")
    services.follow_thread(user=member, thread=first_thread)
    with committed():
        services.reply_to_thread(author=UserFactory(), thread=first_thread, body="Works now.")
    with committed():
        services.reply_to_thread(
            author=UserFactory(), thread=second_thread, body=f"@{member.username} any idea?"
        )
    assert sorted(kinds_of(member)) == sorted([REPLY, MENTION])
    assert mails_to(member) == []

    assert services.send_daily_digests() == 1
    assert services.send_daily_digests() == 0

    [digest] = mails_to(member)
    assert digest.to == [member.email]
    for title in ["Printing in colour", "Scanning to e-mail"]:
        assert title in digest.body
        assert title in html_alternative(digest)
    assert "2 updates" in digest.subject
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


# Fan-out


def follower_thread(count: int):
    """A thread whose author replies to itself, followed by ``count`` other members."""
    thread = ThreadFactory()
    followers = User.objects.bulk_create(
        User(username=f"fan{count}x{n}", email=f"fan{count}x{n}@example.test") for n in range(count)
    )
    ThreadSubscription.objects.bulk_create(
        ThreadSubscription(user=user, thread=thread) for user in followers
    )
    reply = PostFactory(thread=thread, author=thread.author, body="News for everyone.")
    return reply


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
        services.reply_to_thread(author=UserFactory(), thread=thread, body="Hello.")
    assert callbacks
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    assert kinds_of(thread.author) == [REPLY]
    assert len(mail.outbox) == 1


# The notifications page


def test_notification_list_shows_the_latest_activity_first():
    thread = ThreadFactory(title="Old news")
    member = UserFactory()
    notify(member, first_post(thread), minutes_ago=60)
    newer = ThreadFactory(title="Fresh news")
    notify(member, first_post(newer), minutes_ago=1)

    page = signed_in(member).get("/notifications/")

    assert page.status_code == 200
    assert page.text.index("Fresh news") < page.text.index("Old news")


def test_notification_list_shows_30_per_page_and_404s_past_the_last():
    thread = ThreadFactory()
    member = UserFactory()
    for number in range(2, 33):
        notify(member, make_post(thread, number, thread.author), minutes_ago=number)
    client = signed_in(member)

    first = client.get("/notifications/")
    second = client.get("/notifications/?page=2")
    past = client.get("/notifications/?page=99")

    assert len(re.findall(r'<li class="notification[^"]*" id="notification-', first.text)) == 30
    assert "Page 1 of 2" in first.text
    assert len(re.findall(r'<li class="notification[^"]*" id="notification-', second.text)) == 1
    assert past.status_code == 404


def test_notification_list_refuses_a_page_that_is_not_a_number():
    response = signed_in(UserFactory()).get("/notifications/?page=abc")

    assert response.status_code == 404


def test_notification_list_shows_only_ones_own_notifications():
    member, other = UserFactory(), UserFactory()
    notify(other, first_post(ThreadFactory(title="Someone else's news")))

    page = signed_in(member).get("/notifications/")

    assert "Someone else" not in page.text
    assert "Nothing new." in page.text


def test_opening_a_notification_marks_it_read_and_goes_to_the_post():
    thread = ThreadFactory()
    reply = make_post(thread, 2, UserFactory())
    member = UserFactory()
    notification = notify(member, reply)

    response = signed_in(member).get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "community:post_permalink",
        kwargs={"thread_slug": thread.slug, "thread_id": thread.pk, "number": 2},
    )
    notification.refresh_from_db()
    assert notification.is_read


def test_marking_one_notification_read_redirects_to_the_list():
    member = UserFactory()
    notification = notify(member, first_post(ThreadFactory()))
    other = notify(member, first_post(ThreadFactory()))

    response = signed_in(member).post(f"/notifications/{notification.pk}/read/")

    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.is_read
    assert not other.is_read


def test_marking_one_notification_read_with_htmx_returns_the_read_item():
    member = UserFactory()
    notification = notify(member, first_post(ThreadFactory()))

    response = signed_in(member).post(f"/notifications/{notification.pk}/read/", **HTMX)

    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'id="notification-{notification.pk}"' in response.text
    assert "unread" not in response.text
    assert "Mark as read" not in response.text
    notification.refresh_from_db()
    assert notification.is_read


def test_marking_all_notifications_read():
    member, other = UserFactory(), UserFactory()
    for _ in range(3):
        notify(member, first_post(ThreadFactory()))
    others = notify(other, first_post(ThreadFactory()))
    client = signed_in(member)

    response = client.post("/notifications/read-all/", follow=True)

    assert "3 notifications marked as read." in response.text
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert not others.is_read


def test_marking_a_single_notification_read_says_so_in_the_singular():
    member = UserFactory()
    notify(member, first_post(ThreadFactory()))

    response = signed_in(member).post("/notifications/read-all/", follow=True)

    assert "1 notification marked as read." in response.text


@pytest.mark.parametrize("method, suffix", [("get", ""), ("post", "read/")])
def test_another_members_notification_is_not_found(method, suffix):
    notification = notify(UserFactory(), first_post(ThreadFactory()))

    response = getattr(signed_in(UserFactory()), method)(
        f"/notifications/{notification.pk}/{suffix}"
    )

    assert response.status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/notifications/"),
        ("get", "/notifications/1/"),
        ("post", "/notifications/1/read/"),
        ("post", "/notifications/read-all/"),
        ("get", "/notifications/settings/"),
    ],
)
def test_visitors_are_sent_to_sign_in_from_notification_pages(method, path):
    response = getattr(Client(), method)(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_the_header_bell_shows_the_unread_count():
    member = UserFactory()
    for _ in range(5):
        notify(member, first_post(ThreadFactory()))
    notify(member, first_post(ThreadFactory()), read_at=timezone.now())

    page = signed_in(member).get("/")

    assert re.search(r'<span class="bell-count">5<span class="visually-hidden"> unread', page.text)


def test_the_header_bell_shows_no_count_without_unread_notifications():
    page = signed_in(UserFactory()).get("/")

    assert 'class="bell"' in page.text
    assert "bell-count" not in page.text


def test_the_header_bell_costs_one_query_whatever_the_unread_count():
    def page_queries(unread: int):
        member = UserFactory()
        for _ in range(unread):
            notify(member, first_post(ThreadFactory()))
        client = signed_in(member)
        client.get("/")  # the day's first visit writes once
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return [query["sql"] for query in queries]

    none, five = page_queries(0), page_queries(5)

    assert len(none) == len(five)
    assert len([sql for sql in five if "community_notification" in sql]) == 1


# Notification settings


def selected(page_text: str, kind: str) -> str:
    select = re.search(rf'<select name="{kind}"[^>]*>(.*?)</select>', page_text, re.S).group(1)
    return re.findall(r'<option value="([^"]+)" selected>', select)[0]


def test_notification_settings_show_the_current_choices():
    member = UserFactory()
    prefer(member, reaction=Delivery.DIGEST)

    page = signed_in(member).get("/notifications/settings/")

    assert page.status_code == 200
    assert selected(page.text, "reaction") == Delivery.DIGEST
    assert selected(page.text, "reply") == Delivery.EMAIL
    assert selected(page.text, "accepted_answer") == Delivery.EMAIL


def test_saving_notification_settings_stores_them():
    member = UserFactory()
    choices = {
        "reply": "digest",
        "mention": "email",
        "quote": "in_app",
        "reaction": "off",
        "accepted_answer": "email",
        "moderation": "email",
        "feedback": "in_app",
        "work": "email",
    }

    response = signed_in(member).post("/notifications/settings/", choices, follow=True)

    assert "Your notification settings have been saved." in response.text
    assert selected(response.text, "reply") == "digest"
    assert selected(response.text, "reaction") == "off"
    assert services.notifications.deliveries_for([member.pk], REPLY)[member.pk] == "digest"


def test_an_invalid_notification_setting_shows_a_field_error_and_saves_nothing():
    member = UserFactory()
    choices = {
        "reply": "carrier-pigeon",
        "mention": "off",
        "quote": "off",
        "reaction": "off",
        "accepted_answer": "off",
        "moderation": "off",
        "feedback": "off",
        "work": "off",
    }

    response = signed_in(member).post("/notifications/settings/", choices)

    assert response.status_code == 400
    assert re.search(
        r'<p class="field-error" id="id_reply_error">[^<]*carrier-pigeon', response.text
    )
    assert not NotificationPreference.objects.filter(user=member).exists()


# One-click unsubscribe


def unsubscribe_path(user, kind: str) -> str:
    token = services.make_unsubscribe_token(user=user, kind=kind)
    return reverse("community:unsubscribe", kwargs={"token": token})


def test_an_unsubscribe_link_asks_for_confirmation_without_signing_in():
    member = UserFactory()

    response = Client().get(unsubscribe_path(member, REPLY))

    assert response.status_code == 200
    assert "Stop these e-mails?" in response.text
    assert delivery_of(member, REPLY) == Delivery.EMAIL


def test_one_click_unsubscribe_turns_that_kinds_email_into_in_app_only():
    member = UserFactory()

    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(member, REPLY))

    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert delivery_of(member, REPLY) == Delivery.IN_APP
    assert delivery_of(member, MENTION) == Delivery.EMAIL


def test_unsubscribing_from_all_turns_every_email_and_digest_into_in_app_only():
    member = UserFactory()
    prefer(member, mention=Delivery.DIGEST, quote=Delivery.OFF)

    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(member, "all"))

    assert response.status_code == 200
    assert {kind: delivery_of(member, kind) for kind in NotificationKind.values} == {
        REPLY: Delivery.IN_APP,
        MENTION: Delivery.IN_APP,
        QUOTE: Delivery.OFF,
        REACTION: Delivery.IN_APP,
        ACCEPTED: Delivery.IN_APP,
        NotificationKind.MODERATION: Delivery.IN_APP,
        NotificationKind.FEEDBACK: Delivery.IN_APP,
        NotificationKind.WORK: Delivery.IN_APP,
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_unsubscribe_link_is_refused(method):
    member = UserFactory()
    forged = signing.dumps({"u": member.pk, "k": "all"}, salt="someone.else", compress=True)

    response = getattr(Client(), method)(reverse("community:unsubscribe", kwargs={"token": forged}))

    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.text
    assert delivery_of(member, REPLY) == Delivery.EMAIL


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_garbled_unsubscribe_link_is_refused(method):
    response = getattr(Client(), method)("/notifications/unsubscribe/not-a-token/")

    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.text


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_unsubscribe_link_is_refused(method, settings):
    member = UserFactory()
    path = unsubscribe_path(member, REPLY)
    settings.LIAISON_UNSUBSCRIBE_MAX_AGE_SECONDS = -1

    response = getattr(Client(), method)(path)

    assert response.status_code == 400
    assert "This unsubscribe link has expired." in response.text
    assert delivery_of(member, REPLY) == Delivery.EMAIL


def test_an_unsubscribe_link_of_a_deactivated_member_is_refused():
    member = UserFactory()
    path = unsubscribe_path(member, REPLY)
    User.objects.filter(pk=member.pk).update(is_active=False)

    response = Client().post(path)

    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.text


# The outbox: notification jobs and e-mails lost with the broker are sent by the sweep


def lose_the_jobs(django_capture_on_commit_callbacks):
    """Commit the block's writes but drop what it enqueued, as a broker that is down does."""
    return django_capture_on_commit_callbacks(execute=False)


def without_setup_jobs() -> None:
    """Forget the outbox rows the factories wrote: a test's setup never commits them."""
    NotificationJob.objects.all().delete()


def test_a_reply_whose_job_was_lost_reaches_its_five_followers_through_the_sweep(
    django_capture_on_commit_callbacks, committed
):
    # The production review found that a reply posted while the broker was down never
    # notified any of its five followers: the job was the only record of them.
    thread = follower_thread(5).thread
    without_setup_jobs()

    with lose_the_jobs(django_capture_on_commit_callbacks):
        reply = services.reply_to_thread(author=thread.author, thread=thread, body="News.")
    assert not Notification.objects.filter(post=reply).exists()
    [job] = NotificationJob.objects.all()
    assert (job.event, job.post) == (NotificationEvent.POST, reply)

    with committed():
        assert services.requeue_lost_notifications(older_than=timedelta(0)) == 1

    assert Notification.objects.filter(post=reply, kind=REPLY).count() == 5
    assert len(mail.outbox) == 5
    assert not NotificationJob.objects.exists()


def test_a_reaction_and_an_accepted_answer_whose_jobs_were_lost_are_notified_by_the_sweep(
    django_capture_on_commit_callbacks, committed
):
    thread = ThreadFactory(category=CategoryFactory(is_qa=True))
    answerer = UserFactory()
    with committed():
        answer = services.reply_to_thread(author=answerer, thread=thread, body="Do this.")
    without_setup_jobs()

    with lose_the_jobs(django_capture_on_commit_callbacks):
        services.toggle_reaction(user=UserFactory(), post=answer, kind=ReactionKind.LIKE)
        services.accept_answer(actor=thread.author, post=answer)
    assert sorted(NotificationJob.objects.values_list("event", flat=True)) == [
        NotificationEvent.ACCEPTED_ANSWER,
        NotificationEvent.REACTION,
    ]

    with committed():
        assert services.requeue_lost_notifications(older_than=timedelta(0)) == 2

    assert sorted(kinds_of(answerer)) == sorted([REACTION, ACCEPTED])
    assert not NotificationJob.objects.exists()


def test_a_notification_job_run_twice_notifies_once_even_after_the_first_was_read(committed):
    reply = follower_thread(3)
    with committed():
        job = services.schedule_notifications(event=NotificationEvent.POST, post=reply)
    Notification.objects.update(read_at=timezone.now())

    assert services.run_notification_job(job_id=job.pk) is False

    assert Notification.objects.filter(post=reply).count() == 3


def test_a_reaction_taken_back_before_its_job_ran_takes_the_job_with_it(
    django_capture_on_commit_callbacks,
):
    post = first_post(ThreadFactory())
    member = UserFactory()
    without_setup_jobs()
    with lose_the_jobs(django_capture_on_commit_callbacks):
        services.toggle_reaction(user=member, post=post, kind=ReactionKind.LIKE)
    assert NotificationJob.objects.exists()

    services.toggle_reaction(user=member, post=post, kind=ReactionKind.LIKE)

    assert not NotificationJob.objects.exists()


def test_the_sweep_leaves_a_fresh_job_to_its_own_and_restarts_the_clock_of_a_lost_one(
    django_capture_on_commit_callbacks, settings
):
    settings.LIAISON_LOST_JOB_SECONDS = 60
    post = first_post(ThreadFactory())
    with lose_the_jobs(django_capture_on_commit_callbacks):
        job = services.schedule_notifications(event=NotificationEvent.POST, post=post)

    assert services.requeue_lost_notifications() == 0
    NotificationJob.objects.filter(pk=job.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=61)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.requeue_lost_notifications() == 1
        assert services.requeue_lost_notifications() == 0
    assert len(callbacks) == 1


def test_an_email_whose_job_was_lost_is_sent_by_the_sweep_once_naming_its_notification(
    django_capture_on_commit_callbacks, committed
):
    member = UserFactory()
    with lose_the_jobs(django_capture_on_commit_callbacks):
        notification = services.notify_member(
            recipient=member,
            kind=NotificationKind.MODERATION,
            message="A moderator hid your post.",
            url="/",
        )
    assert not mail.outbox

    with committed():
        assert services.requeue_lost_notifications(older_than=timedelta(0)) == 1
    with committed():
        assert services.requeue_lost_notifications(older_than=timedelta(0)) == 0

    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == f"<notification-{notification.pk}@liaison>"
    assert message.extra_headers["X-Liaison-Notification"] == str(notification.pk)


def test_the_sweep_leaves_old_emails_and_those_of_deactivated_members_to_the_app(
    django_capture_on_commit_callbacks,
):
    active, gone = UserFactory(), UserFactory()
    with lose_the_jobs(django_capture_on_commit_callbacks):
        for member in (active, gone):
            services.notify_member(
                recipient=member, kind=NotificationKind.MODERATION, message="Hello.", url="/"
            )
    User.objects.filter(pk=gone.pk).update(is_active=False)
    Notification.objects.filter(recipient=active).update(
        created_at=timezone.now() - timedelta(days=2)
    )

    assert services.requeue_lost_notifications(older_than=timedelta(0)) == 0


def test_the_notification_sweep_runs_every_minute_and_as_a_worker_connects(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["requeue-lost-notifications"]
    assert entry["task"] == "community.tasks.requeue_lost_notifications_task"
    assert entry["schedule"].minute == set(range(60))
    assert entry["task"] in settings.LIAISON_SWEEPS_ON_CONNECT
