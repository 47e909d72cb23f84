"""Reminders to moderators: the daily digest of open items, and held posts left waiting."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from community.models import CategoryModerator
from moderation.models import ModeratorDigest, ReviewItem, ReviewKind
from moderation.services.notices import tell_member
from web.links import absolute_url


def list_moderators():
    """Return the active holders of ``accounts.moderate_posts`` and the category moderators."""
    permission = Permission.objects.get(
        content_type__app_label="accounts", codename="moderate_posts"
    )
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
            | Q(moderated_categories__isnull=False)
        )
        .distinct()
    )


def _open_items_for(moderator):
    items = ReviewItem.objects.filter(resolved_at=None)
    if moderator.has_perm("accounts.moderate_posts"):
        return items
    categories = CategoryModerator.objects.filter(user=moderator).values("category_id")
    return items.filter(category__in=categories)


def send_moderator_digest() -> int:
    """E-mail each moderator one summary of the open items they can act on; return how many.

    Runs at most once per moderator and day (a ``ModeratorDigest`` row), so a
    rerun sends nothing new; a moderator with nothing open gets nothing.
    """
    today = timezone.localdate()
    sent = 0
    for moderator in list_moderators():
        counts = dict(
            _open_items_for(moderator)
            .values_list("kind")
            .annotate(total=Count("pk"))
            .values_list("kind", "total")
        )
        if not counts:
            continue
        with transaction.atomic():
            _row, created = ModeratorDigest.objects.get_or_create(
                moderator=moderator, sent_on=today
            )
            if not created:
                continue
            with translation.override(moderator.language or settings.LANGUAGE_CODE):
                lines = [
                    f"{ReviewKind(kind).label}: {total}" for kind, total in sorted(counts.items())
                ]
                subject = _("%(count)d items wait in the review queue") % {
                    "count": sum(counts.values())
                }
                body = "\n".join([*lines, "", absolute_url(reverse("moderation:queue"))])
            transaction.on_commit(
                lambda s=subject, b=body, to=moderator.email: send_mail(
                    s, b, settings.DEFAULT_FROM_EMAIL, [to]
                )
            )
        sent += 1
    return sent


def notify_stale_held_posts() -> int:
    """Tell the moderators of each post held over ``LIAISON_STALE_HELD_HOURS``, once per post.

    Returns how many posts were reported. Safe to rerun: a reported item is marked.
    """
    cutoff = timezone.now() - timedelta(hours=settings.LIAISON_STALE_HELD_HOURS)
    moderators = list(list_moderators())
    reported = 0
    with transaction.atomic():
        items = list(
            ReviewItem.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("post__thread")
            .filter(
                kind=ReviewKind.HELD_POST,
                resolved_at=None,
                stale_notified_at=None,
                created_at__lt=cutoff,
            )
        )
        for item in items:
            for moderator in moderators:
                if not (
                    moderator.has_perm("accounts.moderate_posts")
                    or CategoryModerator.objects.filter(
                        user=moderator, category=item.category_id
                    ).exists()
                ):
                    continue
                tell_member(
                    member=moderator,
                    build_message=lambda item=item: (
                        _('A post in "%(thread)s" has waited for approval for over a day.')
                        % {"thread": item.post.thread.title}
                    ),
                    url=item.get_absolute_url(),
                )
            ReviewItem.objects.filter(pk=item.pk).update(stale_notified_at=timezone.now())
            reported += 1
    return reported
