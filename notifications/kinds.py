"""The forum's kinds of notification and their wording: notifications' own kinds.

A reply, mention, quote, reaction or accepted answer in the forum causes
these. Community announces the events (``community.signals``) and imports
nothing above it; notifications receives them, decides who is told and as
which kind (``notifications.services``), and so registers these kinds itself
(``NotificationsConfig.ready``), as moderation and feedback register theirs.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from notifications import registry
from notifications.models import Channel


class ForumKind(models.TextChoices):
    """What a notification about something in the forum is about."""

    REPLY = "reply", gettext_lazy("Replies in threads I follow")
    MENTION = "mention", gettext_lazy("Mentions of me")
    QUOTE = "quote", gettext_lazy("Quotes of my posts")
    REACTION = "reaction", gettext_lazy("Reactions to my posts")
    ACCEPTED_ANSWER = "accepted_answer", gettext_lazy("My answer accepted")


def _in_thread(notification, text: str, **values) -> registry.Message:
    """``text`` about the notification's post, or a neutral line once its thread is out of sight.

    Expects ``is_thread_visible`` attached (``selectors.attach_thread_visibility``).
    """
    if not notification.is_thread_visible:
        return _("Activity in a thread you can no longer see"), {}
    name = notification.actor.public_name if notification.actor else ""
    return text, {"name": name, "title": notification.post.thread.title, **values}


def reply_message(notification) -> registry.Message:
    return _in_thread(notification, _('%(name)s replied in "%(title)s"'))


def mention_message(notification) -> registry.Message:
    return _in_thread(notification, _('%(name)s mentioned you in "%(title)s"'))


def quote_message(notification) -> registry.Message:
    return _in_thread(notification, _('%(name)s quoted your post in "%(title)s"'))


def reaction_message(notification) -> registry.Message:
    """Name the member who reacted, or count them once several have (they are grouped)."""
    count = notification.actor_count
    if count <= 1:
        return _in_thread(notification, _('%(name)s reacted to your post in "%(title)s"'))
    text = ngettext(
        '%(counter)s person reacted to your post in "%(title)s"',
        '%(counter)s people reacted to your post in "%(title)s"',
        count,
    )
    return _in_thread(notification, text, counter=count)


def accepted_answer_message(notification) -> registry.Message:
    return _in_thread(notification, _('%(name)s accepted your answer in "%(title)s"'))


#: The forum's kinds, registered in this order by ``NotificationsConfig.ready``.
FORUM_KINDS = [
    registry.NotificationKind(
        value=ForumKind.REPLY.value,
        label=ForumKind.REPLY.label,
        default_channel=Channel.EMAIL,
        message=reply_message,
    ),
    registry.NotificationKind(
        value=ForumKind.MENTION.value,
        label=ForumKind.MENTION.label,
        default_channel=Channel.EMAIL,
        message=mention_message,
    ),
    registry.NotificationKind(
        value=ForumKind.QUOTE.value,
        label=ForumKind.QUOTE.label,
        default_channel=Channel.EMAIL,
        message=quote_message,
    ),
    registry.NotificationKind(
        value=ForumKind.REACTION.value,
        label=ForumKind.REACTION.label,
        default_channel=Channel.IN_APP,
        message=reaction_message,
    ),
    registry.NotificationKind(
        value=ForumKind.ACCEPTED_ANSWER.value,
        label=ForumKind.ACCEPTED_ANSWER.label,
        default_channel=Channel.EMAIL,
        message=accepted_answer_message,
    ),
]
