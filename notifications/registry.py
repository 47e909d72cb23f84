"""The kinds of notification, each registered by the app that sends it.

As Misago's ``registry.message(verb)``: an app registers a kind with what the
preferences page calls it, the channel a member gets until they choose one,
and the message a notification of it reads as, in the bell, as an e-mail's
subject and as its line in a digest. Nothing else enumerates the kinds.

Each app registers its kinds and their wording in its own ``AppConfig.ready``:
moderation its notices (``moderation.services.notices``), feedback its own
(``feedback.notices``), and notifications the forum's (``notifications.kinds``).
Those are notifications' own: community only announces what happened
(``community.signals``) and imports nothing above it, and it is notifications
that decides from those signals who hears of a reply, a mention, a quote, a
reaction or an accepted answer. The preferences page lists kinds in the
order they were registered: that of ``INSTALLED_APPS``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

#: What a kind's ``message`` returns: a translated text with ``%(name)s``
#: placeholders, and the values that fill them in. In HTML the values are
#: escaped and the text is not, as ``{% blocktranslate %}`` does
#: (``notifications.templatetags.notifications.notification_message``).
Message = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class NotificationKind:
    """One kind of notification: how members choose it and what it says."""

    #: What ``Notification.kind`` and ``NotificationPreference.kind`` store.
    value: str
    #: The preferences page's name for it, e.g. "Replies in threads I follow".
    label: str
    #: A ``notifications.models.Channel`` value: how a member who never chose hears of it.
    default_channel: str
    #: ``message(notification) -> Message``: what a notification of this kind says.
    message: Callable[[object], Message]


_kinds: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> None:
    """Add ``kind``. Registering it again is harmless; another kind with its value is an error."""
    registered = _kinds.get(kind.value)
    if registered is not None and registered != kind:
        raise ImproperlyConfigured(f"Another notification kind is registered as {kind.value!r}.")
    _kinds[kind.value] = kind


def get_kind(value: str) -> NotificationKind:
    """Return the kind registered as ``value``; ``KeyError`` for an unknown one."""
    return _kinds[value]


def kinds() -> list[NotificationKind]:
    """Return every registered kind, in the order of registration."""
    return list(_kinds.values())


def values() -> list[str]:
    """Return the value of every registered kind."""
    return list(_kinds)


def choices() -> list[tuple[str, str]]:
    """Return (value, label) for every registered kind: the ``choices`` of a kind field."""
    return [(kind.value, kind.label) for kind in _kinds.values()]


def default_channels() -> dict[str, str]:
    """Return kind value → the channel used while a member has not chosen one."""
    return {kind.value: kind.default_channel for kind in _kinds.values()}


def notice_message(notification) -> Message:
    """Read as the text the sending app stored, already in the recipient's language.

    The message of notices from other apps (a moderator's decision, an answer
    to feedback): they build their sentence when they send it
    (``notifications.services.notify_member``).
    """
    return "%(message)s", {"message": notification.message}
