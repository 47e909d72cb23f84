"""Template context for every page."""

from django.utils.functional import SimpleLazyObject

from notifications.selectors import count_unread_notifications


def notifications(request) -> dict:
    """Give the header its unread notification count, one query and only when shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notification_count": SimpleLazyObject(lambda: count_unread_notifications(user=user))
    }
