"""Notices to members about moderators' decisions, in each member's own language."""

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy

from notifications import registry
from notifications import services as notifications
from notifications.models import Channel

#: The notifications that tell members of moderators' decisions about them, registered
#: in ``ModerationConfig.ready``.
MODERATION_NOTICE = registry.NotificationKind(
    value="moderation",
    label=gettext_lazy("Moderators' decisions about me"),
    default_channel=Channel.EMAIL,
    message=registry.notice_message,
)


def format_moment(moment) -> str:
    """Return ``moment`` as the active language writes a date and time."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def member_language(member) -> str:
    """Return the language ``member`` reads notices in."""
    return member.language or settings.LANGUAGE_CODE


def translate_for(member, message: str) -> str:
    """Return ``message``, an English text marked with ``gettext_noop``, in ``member``'s language.

    Automatic reasons are stored that way, so that the member reads them in
    their language, not in that of whoever triggered them.
    """
    with translation.override(member_language(member)):
        return translation.gettext(message)


def tell_member(*, member, build_message: Callable[[], str], url: str = "") -> None:
    """Notify ``member`` in the app and by e-mail; ``build_message`` runs in their language.

    The notice never names the moderator (``actor`` stays empty) and links to
    the member's moderation history unless ``url`` says otherwise.
    """
    with translation.override(member_language(member)):
        message = build_message()
    notifications.notify_member(
        recipient=member,
        kind=MODERATION_NOTICE.value,
        message=message,
        url=url or reverse("moderation:my_history"),
    )
