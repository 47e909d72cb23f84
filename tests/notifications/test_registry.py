"""The registry of notification kinds, and how a kind's message reads in HTML and in text."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template

from notifications import registry
from notifications.kinds import ForumKind
from notifications.models import Channel, Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post

LINE = "{% load notifications %}{% notification_message notification %}"


def test_each_app_registers_its_kinds_in_the_order_of_installed_apps():
    assert registry.values() == [
        "reply",
        "mention",
        "quote",
        "reaction",
        "accepted_answer",
        "moderation",
        "feedback",
        "work",
    ]
    assert registry.default_channels()["reaction"] == Channel.IN_APP
    assert registry.default_channels()["moderation"] == Channel.EMAIL


def test_registering_a_kind_again_is_harmless_and_another_under_its_value_is_refused():
    reply = registry.get_kind(ForumKind.REPLY)
    impostor = registry.NotificationKind(
        value=reply.value,
        label="Something else",
        default_channel=Channel.OFF,
        message=registry.notice_message,
    )

    registry.register(reply)
    with pytest.raises(ImproperlyConfigured):
        registry.register(impostor)

    assert registry.get_kind(ForumKind.REPLY) is reply
    assert registry.values().count(reply.value) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("autoescape", "expected"),
    [
        (True, 'Tom &amp; Jerry replied in "A &lt;b&gt; tag"'),
        (False, 'Tom & Jerry replied in "A <b> tag"'),
    ],
)
def test_a_message_escapes_only_its_values_and_only_in_html(autoescape, expected):
    thread = ThreadFactory(title="A <b> tag", author=UserFactory(display_name="Tom & Jerry"))
    notification = Notification(
        recipient=UserFactory(), kind=ForumKind.REPLY, actor=thread.author, post=first_post(thread)
    )

    line = Template(LINE).render(Context({"notification": notification}, autoescape=autoescape))

    assert line == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("autoescape", "expected"),
    [(True, "Your post &lt;b&gt; was hidden."), (False, "Your post <b> was hidden.")],
)
def test_a_notice_reads_as_the_text_its_app_stored(autoescape, expected):
    notification = Notification(
        recipient=UserFactory(), kind="moderation", message="Your post <b> was hidden.", url="/"
    )

    line = Template(LINE).render(Context({"notification": notification}, autoescape=autoescape))

    assert line == expected
