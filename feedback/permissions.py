"""Who may see and do what with feedback. Views, services and templates all ask here.

Community managers (``accounts.triage_feedback``) see and do everything;
department staff (``accounts.answer_feedback`` and a ``DepartmentMembership``)
see the insights routed to their departments, and nobody else's: those answer
404, like missing ones. Members capture their own posts in categories that
welcome feedback and support insights.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from community.models import Post
from community.permissions import check_can_see_category
from community.selectors import visible_categories
from feedback.models import Department, Insight


def is_triager(user) -> bool:
    """Return whether ``user`` triages feedback (community managers, admins)."""
    return user.is_authenticated and user.has_perm("accounts.triage_feedback")


def department_ids_of(user) -> frozenset[int]:
    """Return the ids of the departments ``user`` works for; one query, then cached."""
    if not user.is_authenticated or not user.has_perm("accounts.answer_feedback"):
        return frozenset()
    cached = getattr(user, "_feedback_department_ids", None)
    if cached is None:
        cached = frozenset(user.department_memberships.values_list("department_id", flat=True))
        user._feedback_department_ids = cached
    return cached


def can_open_inbox(user) -> bool:
    """Return whether ``user`` has a feedback inbox: a triager or a department's staff."""
    return is_triager(user) or bool(department_ids_of(user))


def can_see_feedback_link(user) -> bool:
    """Return whether the header links ``user`` to the feedback inbox: holders of a role
    that answers or triages feedback (the inbox then asks for a department too)."""
    if not user.is_authenticated:
        return False
    return user.has_perm("accounts.answer_feedback") or user.has_perm("accounts.triage_feedback")


def check_can_open_inbox(user) -> None:
    """Raise ``PermissionDenied`` unless ``user`` has a feedback inbox."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to see feedback."))
    if not can_open_inbox(user):
        raise PermissionDenied(_("Only community managers and department staff see feedback."))


def can_see_insight(user, insight: Insight) -> bool:
    """Return whether ``user`` may open ``insight``: a triager, or staff of its department."""
    return is_triager(user) or insight.department_id in department_ids_of(user)


def check_can_see_insight(user, insight: Insight) -> None:
    """Raise ``Http404`` unless ``user`` may open ``insight``: hidden is as missing."""
    if not can_see_insight(user, insight):
        raise Http404


def check_can_work_insight(user, insight: Insight) -> None:
    """Raise unless ``user`` may change status, assign, note and retry deliveries of ``insight``."""
    check_can_see_insight(user, insight)
    if insight.merged_into_id:
        raise PermissionDenied(_("This feedback was merged into another one."))


def can_answer_insight(user, insight: Insight) -> bool:
    """Return whether ``user`` may answer ``insight`` publicly."""
    try:
        check_can_answer_insight(user, insight)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_answer_insight(user, insight: Insight) -> None:
    """Raise unless ``user`` is staff of the insight's department or a community manager."""
    check_can_work_insight(user, insight)
    if not is_triager(user) and insight.department_id is None:
        raise PermissionDenied(_("Route this feedback to a department first."))


def check_can_triage(user) -> None:
    """Raise unless ``user`` may route feedback, edit routing rules and departments, see reports."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to see feedback."))
    if not is_triager(user):
        raise PermissionDenied(_("Only community managers can do this."))


def offers_capture(user, post: Post) -> bool:
    """Return whether ``post`` shows "Mark as feedback" to ``user``, without a query per post.

    Managers on any published post; members on their own published posts in
    categories that welcome feedback.
    """
    if not user.is_authenticated or post.is_deleted or not post.is_published:
        return False
    if is_triager(user):
        return True
    return post.author_id == user.pk and post.thread.category.is_feedback_welcome


def check_can_capture_feedback(user, post: Post) -> None:
    """Raise unless ``user`` may mark ``post`` as feedback.

    ``Http404`` for a post in a category ``user`` may not see; ``PermissionDenied``
    for a deleted post, one awaiting approval or hidden by moderators (feedback
    would publish what moderation holds back), someone else's post (members),
    or a category that does not welcome feedback (members).
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    check_can_see_category(user, post.thread.category)
    if post.is_deleted:
        raise PermissionDenied(_("This post has been deleted."))
    if not post.is_published or post.thread.is_pending_approval:
        raise PermissionDenied(_("Only published posts can be marked as feedback."))
    if is_triager(user):
        return
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only mark your own posts as feedback."))
    if not post.thread.category.is_feedback_welcome:
        raise PermissionDenied(_("Members cannot mark posts in this category as feedback."))


def can_support_insight(user, insight: Insight) -> bool:
    """Return whether ``user`` may say "me too" about ``insight``."""
    return user.is_authenticated and insight.merged_into_id is None and not insight.is_closed


def check_can_support_insight(user, insight: Insight) -> None:
    """Raise unless ``user`` may support ``insight``: signed in, and it is still open."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    if insight.is_closed:
        raise PermissionDenied(_("This feedback is closed."))


def is_department_staff(user, department: Department) -> bool:
    """Return whether ``user`` works for ``department``."""
    return department.pk in department_ids_of(user)


def check_can_attach_to_insight(user, insight: Insight) -> None:
    """Raise ``Http404`` unless ``user`` may add a post to ``insight``: a triager, or a
    member who can see one of its posts (internal feedback stays unknown to members)."""
    if is_triager(user):
        return
    visible = visible_categories(user)
    if not insight.insight_posts.filter(post__thread__category__in=visible).exists():
        raise Http404
