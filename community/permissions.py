"""Who may see and do what in the forum. Views, services and templates all ask here.

``can_*`` return a bool for templates; ``check_*`` raise ``PermissionDenied``
with a message the member can read (or ``Http404`` where the thing must not
be known to exist). Roles come from accounts.roles; "staff" below means a
holder of the ``accounts.moderate_posts`` permission (moderators, community
managers, admins).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from community.models import Category, CategoryModerator, Post, PostStatus, Thread, Visibility

#: Where ``moderated_category_ids`` keeps its answer on the user object.
CACHE_ATTRIBUTE = "_moderated_category_ids"


def moderated_category_ids(user) -> frozenset[int]:
    """Return the ids of the categories ``user`` moderates as a category moderator.

    One query per user object, then cached on it, so that checking many
    posts on a page costs nothing more.
    """
    if not user.is_authenticated:
        return frozenset()
    cached = user.__dict__.get(CACHE_ATTRIBUTE)
    if cached is None:
        cached = frozenset(
            CategoryModerator.objects.filter(user=user).values_list("category_id", flat=True)
        )
        user.__dict__[CACHE_ATTRIBUTE] = cached
    return cached


def is_category_moderator(user, category) -> bool:
    """Return whether ``user`` moderates ``category`` through a ``CategoryModerator`` row."""
    return category is not None and category.pk in moderated_category_ids(user)


def is_forum_staff(user, category: Category | None = None) -> bool:
    """Return whether ``user`` moderates the forum, or ``category`` in it.

    Holders of ``accounts.moderate_posts`` (moderators, community managers,
    admins) moderate everywhere; category moderators moderate their categories.
    """
    if not user.is_authenticated:
        return False
    if user.has_perm("accounts.moderate_posts"):
        return True
    return is_category_moderator(user, category)


def can_see_category(user, category: Category) -> bool:
    """Return whether ``user`` may see ``category`` and the threads in it."""
    if category.visibility == Visibility.PUBLIC:
        return True
    if category.visibility == Visibility.MEMBERS:
        return user.is_authenticated
    return user.is_authenticated and user.has_perm("accounts.view_internal_categories")


def check_can_see_category(user, category: Category) -> None:
    """Raise ``Http404`` when ``user`` may not see ``category``: hidden is as missing."""
    if not can_see_category(user, category):
        raise Http404


def can_see_thread(user, thread: Thread) -> bool:
    """Return whether ``user`` may see ``thread``: its category, and while it awaits
    approval, only as its author or the category's moderator."""
    if not can_see_category(user, thread.category):
        return False
    if not thread.is_pending_approval:
        return True
    return user.is_authenticated and (
        thread.author_id == user.pk or is_forum_staff(user, thread.category)
    )


def check_can_see_thread(user, thread: Thread) -> None:
    """Raise ``Http404`` when ``user`` may not see ``thread``: hidden is as missing."""
    if not can_see_thread(user, thread):
        raise Http404


def _check_can_write(user) -> None:
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    if not user.has_verified_email:
        raise PermissionDenied(_("Confirm your e-mail address before you post."))
    if user.is_silenced:
        raise PermissionDenied(
            _("You cannot post until %(date)s: a moderator has silenced your account.")
            % {"date": formats.date_format(user.silenced_until, "DATETIME_FORMAT")}
        )


def can_start_thread(user, category: Category) -> bool:
    """Return whether ``user`` may open a thread in ``category``."""
    try:
        check_can_start_thread(user, category)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_start_thread(user, category: Category) -> None:
    """Raise unless ``user`` may open a thread in ``category``."""
    check_can_see_category(user, category)
    _check_can_write(user)


def can_reply(user, thread: Thread) -> bool:
    """Return whether ``user`` may reply to ``thread``."""
    try:
        check_can_reply(user, thread)
    except (PermissionDenied, Http404):
        return False
    return True


def reply_refusal(user, thread: Thread) -> str | None:
    """Return why ``user`` may not reply to ``thread`` (a sentence), or ``None`` if they may."""
    try:
        check_can_reply(user, thread)
    except (PermissionDenied, Http404) as refusal:
        return str(refusal) or _("You cannot reply here.")
    return None


def check_can_reply(user, thread: Thread) -> None:
    """Raise unless ``user`` may reply: a locked thread takes replies from staff only,
    a thread awaiting approval from its author and staff only."""
    check_can_see_thread(user, thread)
    _check_can_write(user)
    if thread.is_locked and not is_forum_staff(user, thread.category):
        raise PermissionDenied(_("This thread is locked."))


def can_edit_post(user, post: Post) -> bool:
    """Return whether ``user`` may edit ``post``."""
    try:
        check_can_edit_post(user, post)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_edit_post(user, post: Post) -> None:
    """Raise unless ``user`` may edit ``post``.

    Staff may always edit; the author within ``LIAISON_POST_EDIT_WINDOW_SECONDS``
    of posting, unless the post is deleted or the thread locked.
    """
    check_can_see_category(user, post.thread.category)
    _check_can_write(user)
    if is_forum_staff(user, post.thread.category):
        return
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only edit your own posts."))
    if post.is_deleted:
        raise PermissionDenied(_("This post has been deleted."))
    if post.thread.is_locked:
        raise PermissionDenied(_("This thread is locked."))
    window = timedelta(seconds=settings.LIAISON_POST_EDIT_WINDOW_SECONDS)
    if timezone.now() - post.created_at > window:
        raise PermissionDenied(_("The time for editing this post has passed."))


def can_delete_post(user, post: Post) -> bool:
    """Return whether ``user`` may delete ``post``."""
    try:
        check_can_delete_post(user, post)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_delete_post(user, post: Post) -> None:
    """Raise unless ``user`` may delete ``post``: its author or staff, once."""
    check_can_see_category(user, post.thread.category)
    _check_can_write(user)
    if post.is_deleted:
        raise PermissionDenied(_("This post has already been deleted."))
    if not is_forum_staff(user, post.thread.category) and post.author_id != user.pk:
        raise PermissionDenied(_("You can only delete your own posts."))


def can_edit_own_post(user, post: Post) -> bool:
    """Return whether ``user`` may edit ``post`` on the forum's own edit page."""
    try:
        check_can_edit_own_post(user, post)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_edit_own_post(user, post: Post) -> None:
    """Raise unless ``user`` may edit ``post`` as its author, on the forum's own page.

    Moderators edit other members' posts with the tools another app offers
    (``hooks.post_links``), which also record the edit.
    """
    check_can_edit_post(user, post)
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only edit your own posts."))


def can_delete_own_post(user, post: Post) -> bool:
    """Return whether ``user`` may delete ``post`` with the forum's own button."""
    try:
        check_can_delete_own_post(user, post)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_delete_own_post(user, post: Post) -> None:
    """Raise unless ``user`` may delete ``post`` as its author, with the forum's own button.

    Moderators delete other members' posts with the tools another app offers
    (``hooks.post_links``), which also record the deletion.
    """
    check_can_delete_post(user, post)
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only delete your own posts."))


def can_react(user, post: Post) -> bool:
    """Return whether ``user`` may react to ``post``."""
    try:
        check_can_react(user, post)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_react(user, post: Post) -> None:
    """Raise unless ``user`` may react to ``post``: not their own, not a deleted one."""
    check_can_see_thread(user, post.thread)
    _check_can_write(user)
    if post.is_deleted:
        raise PermissionDenied(_("This post has been deleted."))
    if post.status != PostStatus.PUBLISHED:
        raise PermissionDenied(_("This post is not published."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot react to your own post."))


def can_accept_answer(user, thread: Thread) -> bool:
    """Return whether ``user`` may mark a reply in ``thread`` as its accepted answer."""
    if not thread.category.is_qa or not user.is_authenticated:
        return False
    try:
        _check_can_write(user)
    except PermissionDenied:
        return False
    return thread.author_id == user.pk or is_forum_staff(user, thread.category)


def can_accept_post(user, post: Post) -> bool:
    """Return whether ``user`` may accept ``post`` as its thread's answer (for templates)."""
    try:
        check_can_accept_answer(user, post)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_accept_answer(user, post: Post) -> None:
    """Raise unless ``user`` may accept ``post`` as the answer to its thread."""
    thread = post.thread
    check_can_see_category(user, thread.category)
    _check_can_write(user)
    if not thread.category.is_qa:
        raise PermissionDenied(_("Only questions in Q&A categories have accepted answers."))
    if thread.author_id != user.pk and not is_forum_staff(user, thread.category):
        raise PermissionDenied(_("Only the person who asked or staff can accept an answer."))
    if post.is_first:
        raise PermissionDenied(_("The question itself cannot be its answer."))
    if post.is_deleted:
        raise PermissionDenied(_("This post has been deleted."))
    if post.status != PostStatus.PUBLISHED:
        raise PermissionDenied(_("This post is not published."))


def shows_accepted_answer(thread: Thread) -> bool:
    """Return whether ``thread``'s page shows its accepted answer above the posts: one that
    is published and not deleted, the same for everyone who sees the thread."""
    answer = thread.accepted_answer
    return answer is not None and not answer.is_deleted and answer.is_published


def can_moderate_thread(user, thread: Thread) -> bool:
    """Return whether ``user`` may lock, pin, move, merge ``thread`` and act on its posts."""
    return is_forum_staff(user, thread.category) and can_see_category(user, thread.category)


def check_can_moderate_thread(user, thread: Thread) -> None:
    """Raise unless ``user`` moderates ``thread``'s category."""
    check_can_see_category(user, thread.category)
    if not is_forum_staff(user, thread.category):
        raise PermissionDenied(_("Only moderators can do this."))


def can_see_post_content(user, post: Post) -> bool:
    """Return whether ``user`` sees the text of ``post``, not just a placeholder.

    Published posts show to all who see the thread; hidden and pending posts
    to their author and the category's moderators.
    """
    if post.status == PostStatus.PUBLISHED:
        return True
    return user.is_authenticated and (
        post.author_id == user.pk or is_forum_staff(user, post.thread.category)
    )


def can_follow_thread(user, thread: Thread) -> bool:
    """Return whether ``user`` may follow ``thread``: signed in and able to see it."""
    return user.is_authenticated and can_see_category(user, thread.category)


def can_watch_category(user, category: Category) -> bool:
    """Return whether ``user`` may watch ``category``: signed in and able to see it."""
    return user.is_authenticated and can_see_category(user, category)


def can_see_post_history(user, post: Post, revisions) -> bool:
    """Return whether ``user`` may read ``post``'s edit history (for the "edited" link)."""
    try:
        check_can_see_post_history(user, post, revisions)
    except Http404:
        return False
    return True


def check_can_see_post_history(user, post: Post, revisions) -> None:
    """Raise ``Http404`` unless ``user`` may read ``post``'s edit history (``revisions``).

    Deleted, hidden and waiting posts keep their text from everyone but their
    author and the category's moderators, history included; so does a post
    that a moderator edited, since such an edit may redact what was there.
    """
    is_insider = user.is_authenticated and (
        post.author_id == user.pk or is_forum_staff(user, post.thread.category)
    )
    if is_insider:
        return
    if post.is_deleted or not can_see_post_content(user, post):
        raise Http404
    if any(revision.editor_id != post.author_id for revision in revisions):
        raise Http404
