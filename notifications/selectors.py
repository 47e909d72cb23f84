"""Reads of notifications that pages and e-mails share, each a fixed number of queries."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from community.models import Category, Thread
from community.permissions import can_see_thread
from notifications import registry
from notifications.models import (
    CategoryWatch,
    Notification,
    NotificationPreference,
    ThreadSubscription,
)


def is_following(*, user, thread: Thread) -> bool:
    """Return whether ``user`` follows ``thread`` (``False`` for visitors)."""
    return (
        user.is_authenticated
        and ThreadSubscription.objects.filter(user=user, thread=thread).exists()
    )


def count_unread_notifications(*, user) -> int:
    """Return how many notifications ``user`` has not read: one query."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def list_notifications(*, user) -> QuerySet[Notification]:
    """Return ``user``'s notifications, latest activity first, with actor and post."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("actor", "post__thread__category")
        .order_by("-updated_at", "-pk")
    )


def attach_thread_visibility(notifications, *, viewer) -> None:
    """Set ``is_thread_visible`` on each notification: whether ``viewer`` may still see
    the thread of its post (since moved to an internal category, or awaiting approval).

    Notifications without a post count as visible. Expects ``post__thread`` loaded
    and loads the categories it lacks in one query; the permission checks are
    cached on ``viewer``, so this costs no query per notification.
    """
    threads = [n.post.thread for n in notifications if n.post_id is not None]
    missing = {t.category_id for t in threads if not Thread.category.is_cached(t)}
    if missing:
        categories = Category.objects.in_bulk(missing)
        for thread in threads:
            if not Thread.category.is_cached(thread):
                thread.category = categories[thread.category_id]
    for notification in notifications:
        notification.is_thread_visible = notification.post_id is None or can_see_thread(
            viewer, notification.post.thread
        )


def get_notification(*, notification_id: int, user) -> Notification:
    """Return one of ``user``'s notifications; ``Http404`` for anyone else's."""
    return get_object_or_404(
        Notification.objects.select_related("post__thread__category"),
        pk=notification_id,
        recipient=user,
    )


def get_notification_preferences(*, user) -> dict[str, str]:
    """Return kind → channel for ``user``, for every registered kind, defaults filled in."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {
        kind: chosen.get(kind, default) for kind, default in registry.default_channels().items()
    }


def is_watching(*, user, category: Category) -> bool:
    """Return whether ``user`` watches ``category`` (``False`` for visitors)."""
    return (
        user.is_authenticated
        and CategoryWatch.objects.filter(user=user, category=category).exists()
    )
