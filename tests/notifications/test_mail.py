"""E-mail of single notifications: multipart, in the recipient's language, with unsubscribe."""

import re

import pytest
from django.core import mail
from django.test import Client

from community import services as community
from notifications import services
from notifications.kinds import ForumKind
from notifications.models import (
    Channel,
    Notification,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    ThreadFactory,
)
from tests.notifications.factories import (
    channel_of,
    html_alternative,
    notified_follower_of_moved_thread,
)

pytestmark = pytest.mark.django_db

REPLY = ForumKind.REPLY


def test_delivery_email_sends_one_multipart_email_in_each_recipients_language(committed):
    thread = ThreadFactory(author=UserFactory(language="de"))
    english = UserFactory(language="en")
    services.follow_thread(user=english, thread=thread)

    with committed():
        community.reply_to_thread(author=UserFactory(), thread=thread, body="Try this.")

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
        community.reply_to_thread(author=UserFactory(), thread=thread, body="Try this.")

    [message] = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<http[^>]*/unsubscribe/[^>]+>", header)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = "/" + header.strip("<>").split("/", 3)[3]
    response = Client(enforce_csrf_checks=True).post(path)
    assert response.status_code == 200
    assert channel_of(thread.author, REPLY) == Channel.IN_APP


def test_notification_email_subject_and_text_show_the_title_and_post_as_written(committed):
    thread = ThreadFactory(title="Tom & Jerry's export")

    with committed():
        community.reply_to_thread(author=UserFactory(), thread=thread, body="Use 1 < 2 & go.")

    [message] = mail.outbox
    assert "Tom & Jerry's export" in message.subject
    assert "Tom & Jerry's export" in message.body
    assert "Use 1 < 2 & go." in message.body


def test_an_e_mail_sent_after_a_thread_moved_out_of_sight_quotes_nothing(committed):
    follower, _thread = notified_follower_of_moved_thread(committed, channel=Channel.EMAIL)
    # As if the e-mail job had been waiting in a queue while the thread moved.
    Notification.objects.filter(recipient=follower).update(emailed_at=None)
    mail.outbox.clear()

    services.send_notification_emails(
        notification_ids=list(
            Notification.objects.filter(recipient=follower).values_list("pk", flat=True)
        )
    )

    sent = mail.outbox[-1]
    html = sent.alternatives[0][0]
    for text in (sent.subject, sent.body, html):
        assert "Salary spreadsheet" not in text
        assert "See the numbers" not in text


# Forum review: a notification e-mail's HTML linked to the site by relative URLs.
def test_a_notification_emails_html_links_to_the_site_with_absolute_urls(
    settings, django_capture_on_commit_callbacks
):
    settings.LIAISON_BASE_URL = "https://community.example.test"
    alice = UserFactory(username="alice")
    thread = ThreadFactory()

    with django_capture_on_commit_callbacks(execute=True):
        community.reply_to_thread(
            author=UserFactory(), thread=thread, body="Ask @alice, or see [the guide](/c/help/)."
        )

    [message] = [message for message in mail.outbox if alice.email in message.to]
    [(html, _mimetype)] = message.alternatives
    assert 'href="https://community.example.test/u/alice/"' in html
    assert 'href="https://community.example.test/c/help/"' in html
    assert not re.search(r'(href|src)="/', html)
