"""Notifications' receivers of community's extension points (``community.hooks``).

Registered in ``NotificationsConfig.ready``: the "Follow" button beside a
thread's title and the "Watch category" button beside a category's name.
"""

from django.template.loader import render_to_string

from community.permissions import can_follow_thread, can_watch_category
from notifications import selectors


def follow_button(request, thread) -> str:
    """Return the follow button of ``thread``, or "" for whoever may not follow it."""
    if not can_follow_thread(request.user, thread):
        return ""
    is_following = selectors.is_following(user=request.user, thread=thread)
    return render_to_string(
        "notifications/includes/follow_button.html",
        {"thread": thread, "is_following": is_following},
        request=request,
    )


def watch_button(request, category) -> str:
    """Return the watch button of ``category``, or "" for whoever may not watch it."""
    if not can_watch_category(request.user, category):
        return ""
    is_watching = selectors.is_watching(user=request.user, category=category)
    return render_to_string(
        "notifications/includes/watch_button.html",
        {"category": category, "is_watching": is_watching},
        request=request,
    )
