"""Template context for every page."""

from django.utils.functional import SimpleLazyObject

from feedback.permissions import can_see_feedback_link, is_triager


def feedback(request) -> dict:
    """Tell the header whether to link the feedback inbox, and feedback's own navigation
    whether to link the triage pages; no query until a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_see_feedback_link": SimpleLazyObject(lambda: can_see_feedback_link(user)),
        "can_triage_feedback": SimpleLazyObject(lambda: is_triager(user)),
    }
