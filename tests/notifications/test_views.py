"""The pages of notifications: follow and watch, the list and the bell, settings, unsubscribe."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from accounts.models import User
from accounts.roles import Role
from community import services as community
from community.models import Visibility
from feedback.notices import FEEDBACK_NOTICE, WORK_NOTICE
from moderation.services.notices import MODERATION_NOTICE
from notifications import registry, services
from notifications.kinds import ForumKind
from notifications.models import (
    CategoryWatch,
    Channel,
    Notification,
    NotificationPreference,
    ThreadSubscription,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.notifications.factories import (
    channel_of,
    kinds_of,
    make_post,
    notified_follower_of_moved_thread,
    notify,
    prefer,
    signed_in,
)

pytestmark = pytest.mark.django_db

REPLY = ForumKind.REPLY
MENTION = ForumKind.MENTION
QUOTE = ForumKind.QUOTE
REACTION = ForumKind.REACTION
ACCEPTED = ForumKind.ACCEPTED_ANSWER

HTMX = {"HTTP_HX_REQUEST": "true"}


# Following and watching


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
        thread = community.start_thread(
            author=author, category=category, title="A new idea", body="Hear me out."
        )
    with committed():
        reply = community.reply_to_thread(author=author, thread=thread, body="One more thing.")

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
        community.start_thread(
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


def test_a_member_follows_and_unfollows_a_thread(client):
    member = UserFactory()
    client.force_login(member)
    thread = ThreadFactory()
    url = reverse("notifications:follow_thread", args=[thread.pk])

    assert client.post(url, {"value": "1"}).status_code == 302
    assert thread.subscriptions.filter(user=member).exists()
    client.post(url, {"value": "0"})
    assert not thread.subscriptions.filter(user=member).exists()


def test_following_a_thread_in_a_hidden_category_is_404(client):
    client.force_login(UserFactory())
    thread = ThreadFactory(
        category__visibility=Visibility.INTERNAL, author=UserFactory(role=Role.ADMIN)
    )

    url = reverse("notifications:follow_thread", args=[thread.pk])
    assert client.post(url, {"value": "1"}).status_code == 404


def test_following_with_a_bad_value_is_a_bad_request(client):
    client.force_login(UserFactory())
    thread = ThreadFactory()

    url = reverse("notifications:follow_thread", args=[thread.pk])
    response = client.post(url, {"value": "x"})

    assert response.status_code == 400


def test_the_follow_button_keeps_its_id_across_the_swap_so_it_keeps_the_focus():
    thread = ThreadFactory()
    client = signed_in(UserFactory())
    page = client.get(thread.get_absolute_url())

    response = client.post(f"/t/{thread.pk}/follow/", {"value": "1"}, **HTMX)

    button_id = f'id="thread-{thread.pk}-follow-button"'
    assert button_id in page.text
    assert button_id in response.text


def test_a_member_watches_a_category(client):
    member = UserFactory()
    client.force_login(member)
    category = CategoryFactory()
    url = reverse("notifications:watch_category", args=[category.slug])

    response = client.post(url, {"value": "1"}, follow=True)

    assert category.watches.filter(user=member).exists()
    assert "Watching" in response.content.decode()


def test_watching_a_hidden_category_is_404(client):
    client.force_login(UserFactory())
    category = CategoryFactory(visibility=Visibility.INTERNAL)

    url = reverse("notifications:watch_category", args=[category.slug])
    assert client.post(url, {"value": "1"}).status_code == 404
    assert not category.watches.exists()


def test_watching_with_a_bad_value_is_a_bad_request(client):
    client.force_login(UserFactory())
    category = CategoryFactory()

    url = reverse("notifications:watch_category", args=[category.slug])
    assert client.post(url, {"value": ""}).status_code == 400


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
    assert len([sql for sql in five if "notifications_notification" in sql]) == 1


def test_marking_a_notification_read_focuses_its_link_and_lowers_the_bell_count():
    member = UserFactory()
    notification = notify(member, first_post(ThreadFactory()))
    notify(member, first_post(ThreadFactory()))
    client = signed_in(member)
    assert not re.search(r"<a [^>]*autofocus", client.get("/notifications/").text)

    response = client.post(f"/notifications/{notification.pk}/read/", **HTMX)

    assert re.search(rf'<a [^>]*id="notification-{notification.pk}-link" autofocus', response.text)
    assert re.search(
        r'<span class="bell-count" hx-swap-oob="outerHTML:.bell-count">1<', response.text
    )


def test_marking_the_last_unread_notification_read_removes_the_bell_count():
    member = UserFactory()
    notification = notify(member, first_post(ThreadFactory()))

    response = signed_in(member).post(f"/notifications/{notification.pk}/read/", **HTMX)

    assert '<span hx-swap-oob="delete:.bell-count"></span>' in response.text


def test_the_notification_list_shows_an_older_notification_as_a_date():
    member = UserFactory()
    notification = notify(member, first_post(ThreadFactory()))
    long_ago = timezone.now() - timedelta(days=10)
    Notification.objects.filter(pk=notification.pk).update(updated_at=long_ago)

    page = signed_in(member).get("/notifications/")

    date = formats.date_format(timezone.localtime(long_ago), "DATE_FORMAT")
    assert f">{date}</time>" in page.text
    assert "ago" not in page.text


def test_notifications_about_a_thread_moved_out_of_sight_no_longer_name_it(committed):
    follower, _thread = notified_follower_of_moved_thread(committed)

    page = signed_in(follower).get(reverse("notifications:notification_list")).content.decode()

    assert "Salary spreadsheet" not in page
    assert "a thread you can no longer see" in page


def test_staff_who_may_still_see_a_moved_thread_read_its_title(committed):
    thread = ThreadFactory(title="Salary spreadsheet")
    moderator = UserFactory(role=Role.MODERATOR)
    services.follow_thread(user=moderator, thread=thread)
    with committed():
        community.reply_to_thread(author=UserFactory(), thread=thread, body="See the numbers")
    internal = CategoryFactory(visibility=Visibility.INTERNAL)
    community.move_thread(actor=None, thread=thread, category=internal)

    page = signed_in(moderator).get(reverse("notifications:notification_list")).content.decode()

    assert "Salary spreadsheet" in page


def test_marking_a_notification_read_in_place_does_not_name_a_thread_out_of_sight(committed):
    follower, _thread = notified_follower_of_moved_thread(committed)
    notification = Notification.objects.get(recipient=follower)

    response = signed_in(follower).post(
        reverse("notifications:mark_notification_read", args=[notification.pk]),
        HTTP_HX_REQUEST="true",
    )

    assert "Salary spreadsheet" not in response.content.decode()


def test_the_notification_list_decides_visibility_without_a_query_per_notification(committed):
    follower = UserFactory()

    def notify_in_moved_threads(count: int) -> None:
        for _n in range(count):
            thread = ThreadFactory()
            services.follow_thread(user=follower, thread=thread)
            with committed():
                community.reply_to_thread(author=UserFactory(), thread=thread, body="Hello")
            community.move_thread(
                actor=None,
                thread=thread,
                category=CategoryFactory(visibility=Visibility.INTERNAL),
            )

    client = signed_in(follower)
    client.get(reverse("community:index"))  # The visit of the day is counted once.
    url = reverse("notifications:notification_list")
    notify_in_moved_threads(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    notify_in_moved_threads(6)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()

    assert page.count("a thread you can no longer see") == 8
    assert len(few) == len(many)


# Notification settings


def selected(page_text: str, kind: str) -> str:
    select = re.search(rf'<select name="{kind}"[^>]*>(.*?)</select>', page_text, re.S).group(1)
    return re.findall(r'<option value="([^"]+)" selected>', select)[0]


def test_notification_settings_show_the_current_choices():
    member = UserFactory()
    prefer(member, reaction=Channel.DIGEST)

    page = signed_in(member).get("/notifications/settings/")

    assert page.status_code == 200
    assert selected(page.text, "reaction") == Channel.DIGEST
    assert selected(page.text, "reply") == Channel.EMAIL
    assert selected(page.text, "accepted_answer") == Channel.EMAIL


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
    assert services.channels_for([member.pk], REPLY)[member.pk] == "digest"


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
    return reverse("notifications:unsubscribe", kwargs={"token": token})


def test_an_unsubscribe_link_asks_for_confirmation_without_signing_in():
    member = UserFactory()

    response = Client().get(unsubscribe_path(member, REPLY))

    assert response.status_code == 200
    assert "Stop these e-mails?" in response.text
    assert channel_of(member, REPLY) == Channel.EMAIL


def test_one_click_unsubscribe_turns_that_kinds_email_into_in_app_only():
    member = UserFactory()

    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(member, REPLY))

    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert channel_of(member, REPLY) == Channel.IN_APP
    assert channel_of(member, MENTION) == Channel.EMAIL


def test_unsubscribing_from_all_turns_every_email_and_digest_into_in_app_only():
    member = UserFactory()
    prefer(member, mention=Channel.DIGEST, quote=Channel.OFF)

    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(member, "all"))

    assert response.status_code == 200
    assert {kind: channel_of(member, kind) for kind in registry.values()} == {
        REPLY: Channel.IN_APP,
        MENTION: Channel.IN_APP,
        QUOTE: Channel.OFF,
        REACTION: Channel.IN_APP,
        ACCEPTED: Channel.IN_APP,
        MODERATION_NOTICE.value: Channel.IN_APP,
        FEEDBACK_NOTICE.value: Channel.IN_APP,
        WORK_NOTICE.value: Channel.IN_APP,
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_unsubscribe_link_is_refused(method):
    member = UserFactory()
    forged = signing.dumps({"u": member.pk, "k": "all"}, salt="someone.else", compress=True)

    response = getattr(Client(), method)(
        reverse("notifications:unsubscribe", kwargs={"token": forged})
    )

    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.text
    assert channel_of(member, REPLY) == Channel.EMAIL


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
    assert channel_of(member, REPLY) == Channel.EMAIL


def test_an_unsubscribe_link_of_a_deactivated_member_is_refused():
    member = UserFactory()
    path = unsubscribe_path(member, REPLY)
    User.objects.filter(pk=member.pk).update(is_active=False)

    response = Client().post(path)

    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.text
