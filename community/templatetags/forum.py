"""Template filters of the forum: ``{% load forum %}``."""

import html

from django import template
from django.utils.html import strip_tags

from community import selectors

register = template.Library()


@register.filter
def plain_text(rendered: str) -> str:
    """Return a post's rendered HTML as plain text: tags stripped, entities decoded once.

    The result is not marked safe, so autoescaping escapes it exactly once.
    """
    return html.unescape(strip_tags(rendered))


@register.filter
def with_thread_visibility(notifications, viewer):
    """Return ``notifications`` (a list), each told whether ``viewer`` may see its thread.

    For e-mails, whose context carries the notifications and their ``recipient``;
    pages attach it in the view.
    """
    selectors.attach_thread_visibility(notifications, viewer=viewer)
    return notifications


@register.simple_tag(takes_context=True)
def shows_thread(context, notification) -> bool:
    """Return whether ``notification`` may name its thread to the member reading it.

    Uses what ``selectors.attach_thread_visibility`` attached, and otherwise asks it
    for this one notification, on behalf of the e-mail's ``recipient`` (or the
    page's ``user``).
    """
    if not hasattr(notification, "is_thread_visible"):
        viewer = context.get("recipient") or context.get("user") or notification.recipient
        selectors.attach_thread_visibility([notification], viewer=viewer)
    return notification.is_thread_visible
