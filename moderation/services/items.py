"""Moderators working the review queue: locking, claiming and releasing items.

Every action locks the item (``lock_item``: ``select_for_update``) and checks
that it is still unresolved, so that of two moderators acting at the same
moment exactly one takes effect: one audit entry, one notice. The other gets a
``ValidationError`` with code ``already_resolved``.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import ReviewItem, ReviewKind, ReviewStatus
from moderation.permissions import check_can_act_on_item


def accepts_post_actions(item: ReviewItem) -> bool:
    """Return whether ``item`` is worked with the post actions: it has a post and is no appeal."""
    return item.post_id is not None and item.kind != ReviewKind.APPEAL


def _already_resolved(item: ReviewItem, actor) -> ValidationError:
    if item.resolved_by_id == actor.pk:
        message = _("You have already resolved this item.")
    elif item.resolved_by is not None:
        message = _("%(name)s has already resolved this item.") % {"name": item.resolved_by}
    else:
        message = _("This item is already resolved.")
    return ValidationError(message, code="already_resolved")


def lock_item(item: ReviewItem, actor) -> ReviewItem:
    """Return ``item`` locked for this transaction; raise if resolved or claimed by another.

    Call inside the action's transaction. Raises ``ValidationError``
    (``already_resolved``, ``claimed``), ``PermissionDenied`` and ``Http404``.
    """
    item = (
        ReviewItem.objects.select_for_update(of=("self",))
        .select_related("post__thread__category", "post__author", "category", "resolved_by")
        .get(pk=item.pk)
    )
    check_can_act_on_item(actor, item)
    if item.is_resolved:
        raise _already_resolved(item, actor)
    if item.claimed_by_id not in (None, actor.pk) and item.claimed_until > timezone.now():
        raise ValidationError(
            _("%(name)s is working on this item.") % {"name": item.claimed_by}, code="claimed"
        )
    return item


@transaction.atomic
def claim_item(*, actor, item: ReviewItem) -> bool:
    """Claim ``item`` for ``LIAISON_CLAIM_MINUTES``; return whether the claim is new.

    Raises ``ValidationError`` (``already_resolved``, ``claimed``) and ``Http404``.
    """
    item = lock_item(item, actor)
    until = timezone.now() + timedelta(minutes=settings.LIAISON_CLAIM_MINUTES)
    was_mine = item.claimed_by_id == actor.pk and item.claimed_until > timezone.now()
    ReviewItem.objects.filter(pk=item.pk).update(claimed_by=actor, claimed_until=until)
    return not was_mine


@transaction.atomic
def release_item(*, actor, item: ReviewItem) -> bool:
    """Give up ``actor``'s claim on ``item``; return whether they held one.

    Raises ``ValidationError`` (``claimed``) when another moderator holds the
    claim: only they release it, or it expires.
    """
    check_can_act_on_item(actor, item)
    released = ReviewItem.objects.filter(pk=item.pk, claimed_by=actor).update(
        claimed_by=None, claimed_until=None
    )
    if released:
        return True
    item = ReviewItem.objects.select_related("claimed_by").get(pk=item.pk)
    if item.status == ReviewStatus.CLAIMED:
        raise ValidationError(
            _("%(name)s holds the claim on this item; only they can release it.")
            % {"name": item.claimed_by},
            code="claimed",
        )
    return False
