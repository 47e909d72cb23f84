"""A reply's e-mails travel through a real Celery worker to a real SMTP server."""

import email
import email.policy
import threading

import pytest
from aiosmtpd.controller import Controller

from accounts.roles import Role
from community import services
from community.models import Category
from notifications import services as notifications
from tests.accounts.factories import UserFactory
from tests.conftest import free_port

pytestmark = pytest.mark.services


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_inbox(worker_environment):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    worker_environment["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    yield inbox
    controller.stop()


def test_a_reply_mails_followers_in_their_language_with_one_click_unsubscribe(
    smtp_inbox, celery_worker
):
    category = Category.objects.create(name="Help", slug="help")
    asker = UserFactory(username="asker", email="asker@example.test", language="de")
    follower = UserFactory(username="follower", email="follower@example.test", language="en")
    replier = UserFactory(username="replier", email="replier@example.test", role=Role.MODERATOR)
    thread = services.start_thread(
        author=asker, category=category, title="Export fails", body="My export fails."
    )
    notifications.follow_thread(user=follower, thread=thread)

    services.reply_to_thread(author=replier, thread=thread, body="Try the CSV option.")

    assert celery_worker(lambda: len(smtp_inbox.messages) >= 2), "no e-mail arrived"
    by_recipient = {rcpt[0]: message for rcpt, message in smtp_inbox.messages}
    assert set(by_recipient) == {"asker@example.test", "follower@example.test"}
    german, english = by_recipient["asker@example.test"], by_recipient["follower@example.test"]
    assert german.get_body(("plain",)).get_content().startswith("Hallo")
    assert english.get_body(("plain",)).get_content().startswith("Hello")
    assert "replied in" in english["Subject"]
    assert "replied in" not in german["Subject"]
    for message in (german, english):
        assert message.is_multipart()
        assert {part.get_content_type() for part in message.iter_parts()} == {
            "text/plain",
            "text/html",
        }
        assert message["List-Unsubscribe"].strip().startswith("<http")
        assert "/notifications/unsubscribe/" in message["List-Unsubscribe"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
