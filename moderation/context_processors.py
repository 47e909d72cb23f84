"""Template context for every page."""

from django.utils.functional import SimpleLazyObject

from moderation.permissions import can_access_backoffice


def backoffice(request) -> dict:
    """Tell the header whether to link the backoffice: moderators and category moderators."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_access_backoffice": SimpleLazyObject(lambda: can_access_backoffice(user))}
