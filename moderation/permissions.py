"""Who may do what in the backoffice. Views, services, selectors and templates all ask here.

The decisions:
- The backoffice opens to holders of ``accounts.access_backoffice``
  (moderators, community managers, admins) and to category moderators.
- Global moderators (``accounts.moderate_posts``) act on every item; a
  category moderator only on items of their categories, and other items
  answer 404, as missing ones do.
- Nobody acts on an item about their own post.
- Warnings: anyone who may act on the item or post. Silences and the
  "spam" action: global moderators. Suspensions and bans:
  ``accounts.sanction_members`` (community managers, admins). A category
  moderator sanctions only members who post in their categories; a sanction
  names only a post of its member that the moderator sees. Whoever may give
  a silence, suspension or ban may also lift it.
- Member pages: global moderators. Canned reasons, automod rules, the audit
  log and the dashboard: ``accounts.manage_community``.
- Appeals are decided by a global moderator other than the sanction's
  author who may give that kind of sanction.
- Silenced members do not flag; nor do new members (trust level 0), and a
  member flags a limited number of posts a day (``LIAISON_MAX_FLAGS_PER_DAY``).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from community.models import Post
from community.permissions import (
    can_see_category,
    can_see_post_content,
    is_category_moderator,
    moderated_category_ids,
)
from moderation.models import Appeal, Flag, ReviewItem, Sanction, SanctionKind


def is_global_moderator(user) -> bool:
    """Return whether ``user`` moderates every category."""
    return user.is_authenticated and user.has_perm("accounts.moderate_posts")


def can_access_backoffice(user) -> bool:
    """Return whether ``user`` may open the backoffice."""
    if not user.is_authenticated:
        return False
    if user.has_perm("accounts.access_backoffice"):
        return True
    return bool(moderated_category_ids(user))


def check_can_access_backoffice(user) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may open the backoffice."""
    if not can_access_backoffice(user):
        raise PermissionDenied(_("Only moderators can open the backoffice."))


def can_moderate_category(user, category) -> bool:
    """Return whether ``user`` acts on posts in ``category``."""
    if is_global_moderator(user):
        return category is None or can_see_category(user, category)
    return is_category_moderator(user, category)


def can_move_thread_to(user, category) -> bool:
    """Return whether ``user`` may move a thread into ``category``: one they moderate."""
    return can_moderate_category(user, category)


def check_can_move_thread_to(user, category) -> None:
    """Raise ``PermissionDenied`` unless ``user`` moderates ``category``, the destination."""
    if not can_move_thread_to(user, category):
        raise PermissionDenied(_("You can only move threads into categories you moderate."))


def _is_in_scope(user, item: ReviewItem) -> bool:
    if item.kind == "appeal":
        return is_global_moderator(user)
    return can_moderate_category(user, item.category)


def is_about_own_post(user, item: ReviewItem) -> bool:
    """Return whether review ``item`` concerns a post ``user`` wrote."""
    return item.post_id is not None and item.post.author_id == user.pk


def can_act_on_item(user, item: ReviewItem) -> bool:
    """Return whether ``user`` sees and acts on review ``item``: in scope, not their own post."""
    return _is_in_scope(user, item) and not is_about_own_post(user, item)


def check_can_act_on_item(user, item: ReviewItem) -> None:
    """Raise unless ``user`` may act on ``item``.

    ``Http404`` when out of scope (as missing); ``PermissionDenied`` for an
    item about the user's own post, which another moderator must decide.
    """
    if not can_access_backoffice(user) or not _is_in_scope(user, item):
        raise Http404
    if is_about_own_post(user, item):
        raise PermissionDenied(_("Another moderator must handle items about your own posts."))


def _may_give(user, kind: str) -> bool:
    if kind == SanctionKind.WARNING:
        return can_access_backoffice(user)
    if kind == SanctionKind.SILENCE:
        return is_global_moderator(user)
    return user.is_authenticated and user.has_perm("accounts.sanction_members")


def _is_staff(member) -> bool:
    return member.is_superuser or member.has_perm("accounts.access_backoffice")


def posts_in_moderated_categories(user, member) -> bool:
    """Return whether ``member`` has written in a category ``user`` moderates."""
    return Post.objects.filter(
        author=member, thread__category__in=moderated_category_ids(user)
    ).exists()


def can_sanction(user, kind: str, member=None) -> bool:
    """Return whether ``user`` may give a sanction of ``kind`` (to ``member``, when given)."""
    if not _may_give(user, kind):
        return False
    if member is None:
        return True
    if member.pk == user.pk or _is_staff(member):
        return False
    return is_global_moderator(user) or posts_in_moderated_categories(user, member)


def check_can_sanction(user, kind: str, member) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may give ``member`` a sanction of ``kind``."""
    if not _may_give(user, kind):
        raise PermissionDenied(_("You may not give this sanction."))
    if member.pk == user.pk:
        raise PermissionDenied(_("You cannot sanction yourself."))
    if _is_staff(member):
        raise PermissionDenied(_("Staff members are not sanctioned here."))
    if not is_global_moderator(user) and not posts_in_moderated_categories(user, member):
        raise PermissionDenied(
            _("You can only sanction members who post in the categories you moderate.")
        )


def can_cite_post(user, member, post) -> bool:
    """Return whether a sanction by ``user`` against ``member`` may name ``post``.

    Only a post of that member which ``user`` sees, so that a sanction never
    shows its member someone else's (or internal) content.
    """
    return (
        post.author_id == member.pk
        and can_see_category(user, post.thread.category)
        and can_see_post_content(user, post)
    )


def can_see_sanctioned_post(member, sanction: Sanction) -> bool:
    """Return whether ``member``'s appeal pages may show the post ``sanction`` names."""
    post = sanction.post
    return (
        post is not None
        and post.author_id == member.pk
        and can_see_category(member, post.thread.category)
    )


def can_lift_sanction(user, sanction: Sanction) -> bool:
    """Return whether ``user`` may lift ``sanction``: an active restriction they may give."""
    return (
        sanction.kind != SanctionKind.WARNING
        and sanction.is_active
        and can_sanction(user, sanction.kind)
        and sanction.member_id != user.pk
    )


def check_can_lift_sanction(user, sanction: Sanction) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may lift sanctions of ``sanction``'s kind."""
    if not can_sanction(user, sanction.kind):
        raise PermissionDenied(_("You may not lift this sanction."))
    if sanction.member_id == user.pk:
        raise PermissionDenied(_("You cannot lift your own sanction."))


def can_view_member(user) -> bool:
    """Return whether ``user`` may open members' moderation pages."""
    return is_global_moderator(user)


def check_can_view_member(user) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may open members' moderation pages."""
    if not can_view_member(user):
        raise PermissionDenied(_("Only moderators can see members' records."))


def can_manage_moderation(user) -> bool:
    """Return whether ``user`` edits canned reasons and automod rules, reads the log and stats."""
    return user.is_authenticated and user.has_perm("accounts.manage_community")


def check_can_manage_moderation(user) -> None:
    """Raise ``PermissionDenied`` unless ``user`` is a community manager."""
    if not can_manage_moderation(user):
        raise PermissionDenied(_("Only community managers can do this."))


def has_flagging_trust_level(user) -> bool:
    """Return whether ``user``'s trust level lets them flag: ``LIAISON_FLAG_MIN_TRUST_LEVEL``
    (Discourse's ``min_trust_to_flag_posts``, 1: basic), or staff at any level."""
    return _is_staff(user) or user.trust_level >= settings.LIAISON_FLAG_MIN_TRUST_LEVEL


def daily_flag_limit(user) -> int | None:
    """Return how many posts ``user`` may flag in 24 hours; ``None`` for staff (no cap).

    Discourse's ``max_flags_per_day`` (20) at trust level 1, multiplied from
    trust level 2 by ``tl2_``, ``tl3_`` and ``tl4_additional_flags_per_day_multiplier``
    (1.5, 2 and 3: 30, 40 and 60 flags), as ``PostAction#post_action_rate_limiter``
    scales it in Discourse; a factor below 1 counts as 1. Staff have no cap there either.
    """
    if _is_staff(user):
        return None
    multiplier = settings.LIAISON_FLAGS_PER_DAY_MULTIPLIERS.get(user.trust_level, 1)
    return int(settings.LIAISON_MAX_FLAGS_PER_DAY * max(1, multiplier))


def flagging_resumes_at(user):
    """Return when ``user``, who has used up their daily flags, may flag again; else ``None``.

    The day is the 24 hours before now, as in Discourse's rate limiter: a flag
    frees its place 24 hours after it was raised.
    """
    limit = daily_flag_limit(user)
    if limit is None:
        return None
    day = timedelta(days=1)
    recent = list(
        Flag.objects.filter(flagger=user, created_at__gt=timezone.now() - day)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    return recent[-1] + day


def can_flag_post(user, post) -> bool:
    """Return whether ``user`` is offered to flag ``post``: verified, trust level 1 or staff,
    not silenced, another's, published.

    The daily cap is checked when they flag (``check_can_flag_post``), so that
    a thread page asks nothing more per viewer.
    """
    if not user.is_authenticated or post.author_id == user.pk:
        return False
    if post.is_deleted or post.status != "published":
        return False
    if user.is_silenced:
        return False
    if not has_flagging_trust_level(user):
        return False
    return user.has_verified_email


def check_can_flag_post(user, post) -> None:
    """Raise unless ``user`` may flag ``post`` now; ``Http404`` when they cannot see it."""
    if not can_see_category(user, post.thread.category) or post.is_deleted:
        raise Http404
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to flag a post."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot flag your own post."))
    if not user.has_verified_email:
        raise PermissionDenied(_("Confirm your e-mail address before you flag posts."))
    if user.is_silenced:
        raise PermissionDenied(_("You cannot flag posts while a moderator has silenced you."))
    if not has_flagging_trust_level(user):
        raise PermissionDenied(
            _(
                "New members cannot flag posts yet. You can flag from trust level Basic, "
                "which comes after reading a few threads."
            )
        )
    if post.status != "published":
        raise PermissionDenied(_("Moderators are already looking at this post."))
    resumes_at = flagging_resumes_at(user)
    if resumes_at is not None:
        raise PermissionDenied(
            # The date comes first: a format ending in "p.m." would meet a full stop.
            _("You can flag again from %(date)s: you have flagged %(limit)d posts in 24 hours.")
            % {
                "limit": daily_flag_limit(user),
                "date": formats.date_format(timezone.localtime(resumes_at), "DATETIME_FORMAT"),
            }
        )


def can_appeal(user, sanction: Sanction) -> bool:
    """Return whether ``user`` may appeal ``sanction``: their own, active, not appealed yet."""
    if not user.is_authenticated or sanction.member_id != user.pk:
        return False
    if sanction.revoked_at is not None:
        return False
    return not Appeal.objects.filter(sanction=sanction).exists()


def check_can_appeal(user, sanction: Sanction) -> None:
    """Raise unless ``user`` may appeal ``sanction``."""
    if not user.is_authenticated or sanction.member_id != user.pk:
        raise Http404
    if sanction.revoked_at is not None:
        raise PermissionDenied(_("This decision has already been lifted."))
    if Appeal.objects.filter(sanction=sanction).exists():
        raise PermissionDenied(_("You have already appealed this decision."))


def can_decide_appeal(user, appeal: Appeal) -> bool:
    """Return whether ``user`` may decide ``appeal``: a moderator who may give its kind of
    sanction, other than the one who gave it.
    """
    return (
        is_global_moderator(user)
        and _may_give(user, appeal.sanction.kind)
        and appeal.sanction.created_by_id != user.pk
    )


def check_can_decide_appeal(user, appeal: Appeal) -> None:
    """Raise unless ``user`` may decide ``appeal``."""
    if not is_global_moderator(user):
        raise PermissionDenied(_("Only moderators decide appeals."))
    if not _may_give(user, appeal.sanction.kind):
        raise PermissionDenied(
            _("Only someone who may give this kind of sanction decides an appeal against it.")
        )
    if appeal.sanction.created_by_id == user.pk:
        raise PermissionDenied(_("Another moderator must decide an appeal against your decision."))


def can_revert_entry(user, entry) -> bool:
    """Return whether ``user`` may revert audit ``entry``: they read the audit log and may
    take the reverse action, that is moderate the category of the entry's post.
    """
    post = entry.target_post
    return (
        can_manage_moderation(user)
        and post is not None
        and can_moderate_category(user, post.thread.category)
    )


def check_can_revert_entry(user, entry) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may revert audit ``entry``."""
    if not can_manage_moderation(user):
        raise PermissionDenied(_("Only community managers can do this."))
    post = entry.target_post
    if post is None or not can_moderate_category(user, post.thread.category):
        raise PermissionDenied(_("Only the category's moderators can do this."))
