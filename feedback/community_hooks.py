"""Feedback's receivers of community's extension points (``community.hooks``).

Registered in ``FeedbackConfig.ready``: "Mark as feedback" under posts, the
feedback panel (status, supporters, "Me too", official answers) on threads,
the insights' search documents, and the receiver that keeps them in step with
edited posts.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from community.hooks import PostLink
from feedback import permissions, selectors
from feedback.services.search_index import index_insights_of_post


def capture_link(user, post) -> list[PostLink]:
    """Offer "Mark as feedback" where ``user`` may capture ``post`` and it is not captured."""
    if not permissions.offers_capture(user, post) or post.pk in _captured_post_ids(post.thread):
        return []
    return [
        PostLink(
            label=_("Mark as feedback"),
            url=reverse("feedback:capture", kwargs={"post_id": post.pk}),
        )
    ]


def _captured_post_ids(thread) -> set[int]:
    """Return the ids of ``thread``'s posts that feed an insight: one query per thread
    page, kept on the thread object its posts share."""
    captured = getattr(thread, "_feedback_captured_post_ids", None)
    if captured is None:
        captured = selectors.captured_post_ids(thread=thread)
        thread._feedback_captured_post_ids = captured
    return captured


def feedback_panel(request, thread) -> str:
    """Return the feedback panel of ``thread``, or "" when none of its posts is feedback."""
    insights, supported = selectors.get_thread_feedback(thread=thread, viewer=request.user)
    if not insights:
        return ""
    items = []
    for insight in insights:
        shown = insight.merged_into or insight
        items.append(
            {
                "insight": shown,
                "responses": list(shown.responses.all()),
                "is_supported": insight.pk in supported or shown.pk in supported,
                "can_support": permissions.can_support_insight(request.user, shown),
                "can_open": permissions.can_see_insight(request.user, shown),
            }
        )
    return render_to_string(
        "feedback/includes/thread_panel.html", {"items": items}, request=request
    )


def reindex_edited_post(sender, post, **kwargs) -> None:
    """Receive ``community.signals.post_edited``: the insight the post feeds is searched by
    its text, so its document is rewritten in the edit's transaction."""
    index_insights_of_post(post.pk)
