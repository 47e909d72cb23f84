"""Template tags of notifications: ``{% load notifications %}``."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from notifications import registry, selectors

register = template.Library()


@register.filter
def with_thread_visibility(notifications, viewer):
    """Return ``notifications`` (a list), each told whether ``viewer`` may see its thread.

    For e-mails, whose context carries the notifications and their ``recipient``;
    pages attach it in the view.
    """
    selectors.attach_thread_visibility(notifications, viewer=viewer)
    return notifications


@register.simple_tag(takes_context=True)
def notification_message(context, notification) -> str:
    """Return what ``notification`` says, as the app that registered its kind words it.

    Asks first whether the reader may see the notification's thread, unless
    ``selectors.attach_thread_visibility`` told it already, on behalf of the
    e-mail's ``recipient`` (or the page's ``user``). Where the template
    escapes (HTML), the message's values are escaped and its text is not, as
    with ``{% blocktranslate %}``.
    """
    if not hasattr(notification, "is_thread_visible"):
        viewer = context.get("recipient") or context.get("user") or notification.recipient
        selectors.attach_thread_visibility([notification], viewer=viewer)
    text, values = registry.get_kind(notification.kind).message(notification)
    if not values:
        return text
    if not context.autoescape:
        return text % values
    # The translated text is ours, and safe; only the values come from members.
    return mark_safe(text % {name: conditional_escape(value) for name, value in values.items()})  # noqa: S308
