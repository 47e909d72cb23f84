"""The daily digest: everything not yet mailed, in one e-mail."""

import pytest
from django.core import mail

from community import services as community
from notifications import services
from notifications.kinds import ForumKind
from notifications.models import (
    Channel,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory
from tests.notifications.factories import (
    html_alternative,
    kinds_of,
    mails_to,
    notified_follower_of_moved_thread,
    prefer,
)

pytestmark = pytest.mark.django_db

REPLY = ForumKind.REPLY
MENTION = ForumKind.MENTION


def test_digest_sends_nothing_at_once_then_everything_in_one_email(committed):
    member = UserFactory()
    prefer(member, reply=Channel.DIGEST, mention=Channel.DIGEST)
    first_thread = ThreadFactory(title="Printing in colour")
    second_thread = ThreadFactory(title="Scanning to e-mail")
    services.follow_thread(user=member, thread=first_thread)
    with committed():
        community.reply_to_thread(author=UserFactory(), thread=first_thread, body="Works now.")
    with committed():
        community.reply_to_thread(
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


def test_the_digest_does_not_name_a_thread_moved_out_of_sight(committed):
    follower, _thread = notified_follower_of_moved_thread(committed, channel=Channel.DIGEST)

    assert services.send_daily_digests() == 1

    [message] = [m for m in mail.outbox if follower.email in m.to]
    assert "Salary spreadsheet" not in message.body
    assert "a thread you can no longer see" in message.body
    assert "Salary spreadsheet" not in message.alternatives[0][0]
