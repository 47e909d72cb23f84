"""Following, watching and notifications: who hears about what, in the app and by e-mail.

The request only enqueues: ``notify_about_post_task`` (after commit) works out
the recipients and creates their notifications in bulk; e-mail goes out from
``send_notification_emails_task`` in batches, each notification at most once.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from community import tasks
from community.models import (
    DEFAULT_DELIVERY,
    Category,
    CategoryWatch,
    Delivery,
    Mention,
    Notification,
    NotificationKind,
    NotificationPreference,
    Post,
    Quote,
    Reaction,
    Thread,
    ThreadSubscription,
    Visibility,
)
from config.celery import enqueue_on_commit

EMAIL_BATCH_SIZE = 50
#: When one post concerns a member in several ways, the first kind here wins.
KIND_PRIORITY = [NotificationKind.MENTION, NotificationKind.QUOTE, NotificationKind.REPLY]


@transaction.atomic
def follow_thread(*, user: User, thread: Thread) -> bool:
    """Make ``user`` follow ``thread``; return whether they did not already."""
    _subscription, created = ThreadSubscription.objects.get_or_create(user=user, thread=thread)
    return created


@transaction.atomic
def unfollow_thread(*, user: User, thread: Thread) -> bool:
    """Stop ``user`` following ``thread``; return whether they were."""
    deleted, _rows = ThreadSubscription.objects.filter(user=user, thread=thread).delete()
    return bool(deleted)


@transaction.atomic
def watch_category(*, user: User, category: Category) -> bool:
    """Make ``user`` hear about every new post in ``category``; return whether that is new."""
    _watch, created = CategoryWatch.objects.get_or_create(user=user, category=category)
    return created


@transaction.atomic
def unwatch_category(*, user: User, category: Category) -> bool:
    """Stop ``user`` watching ``category``; return whether they were."""
    deleted, _rows = CategoryWatch.objects.filter(user=user, category=category).delete()
    return bool(deleted)


def deliveries_for(user_ids, kind: str) -> dict[int, str]:
    """Return user id → chosen delivery of ``kind`` for ``user_ids`` (defaults filled in)."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    default = DEFAULT_DELIVERY[kind]
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def _who_may_see(category: Category, user_ids: set[int]) -> set[int]:
    """Keep the users who may see ``category``: nobody hears about what they cannot read."""
    if category.visibility != Visibility.INTERNAL or not user_ids:
        return user_ids
    permission = Permission.objects.get(
        content_type__app_label="accounts", codename="view_internal_categories"
    )
    return set(
        User.objects.filter(pk__in=user_ids, is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .values_list("pk", flat=True)
        .distinct()
    )


def notify_about_post(*, post_id: int) -> int:
    """Create the notifications a new post causes and enqueue their e-mails.

    Mentioned members, authors of quoted posts, followers of the thread and
    watchers of the category hear about it, each once, never its author,
    never someone who cannot see it. Runs in a fixed number of queries
    whatever the number of followers; safe to run twice. Returns the number of
    notifications created.
    """
    post = Post.objects.select_related("thread__category").filter(pk=post_id).first()
    if post is None or post.is_deleted:
        return 0
    reasons: dict[int, set[str]] = {}

    def add(user_ids, kind):
        for user_id in user_ids:
            reasons.setdefault(user_id, set()).add(kind)

    add(
        Mention.objects.filter(post=post).values_list("user_id", flat=True),
        NotificationKind.MENTION,
    )
    add(
        Quote.objects.filter(post=post).values_list("quoted_post__author_id", flat=True),
        NotificationKind.QUOTE,
    )
    if post.number > 1:
        add(
            ThreadSubscription.objects.filter(thread=post.thread_id).values_list(
                "user_id", flat=True
            ),
            NotificationKind.REPLY,
        )
    add(
        CategoryWatch.objects.filter(category=post.thread.category_id).values_list(
            "user_id", flat=True
        ),
        NotificationKind.REPLY,
    )
    reasons.pop(post.author_id, None)
    allowed = _who_may_see(post.thread.category, set(reasons))
    by_kind: dict[str, list[int]] = {}
    for user_id, kinds in reasons.items():
        if user_id in allowed:
            kind = next(k for k in KIND_PRIORITY if k in kinds)
            by_kind.setdefault(kind, []).append(user_id)
    notifications = []
    for kind, user_ids in by_kind.items():
        for user_id, delivery in deliveries_for(user_ids, kind).items():
            if delivery != Delivery.OFF:
                notifications.append(
                    Notification(
                        recipient_id=user_id,
                        kind=kind,
                        actor_id=post.author_id,
                        post=post,
                        created_at=post.created_at,
                        updated_at=post.created_at,
                        delivery=delivery,
                    )
                )
    Notification.objects.bulk_create(notifications, batch_size=1000, ignore_conflicts=True)
    _enqueue_emails(Q(post=post))
    return len(notifications)


def notify_about_reaction(*, reaction_id: int) -> bool:
    """Tell a post's author about a reaction, grouped with others not yet read.

    Returns whether a notification was created or updated; ``False`` when the
    reaction was taken back, or the author does not want to hear of it.
    """
    reaction = Reaction.objects.select_related("post").filter(pk=reaction_id).first()
    if reaction is None or reaction.user_id == reaction.post.author_id:
        return False
    post = reaction.post
    delivery = deliveries_for([post.author_id], NotificationKind.REACTION)[post.author_id]
    if delivery == Delivery.OFF:
        return False
    with transaction.atomic():
        notification, created = Notification.objects.select_for_update().get_or_create(
            recipient_id=post.author_id,
            post=post,
            kind=NotificationKind.REACTION,
            read_at__isnull=True,
            defaults={
                "actor_id": reaction.user_id,
                "created_at": reaction.created_at,
                "updated_at": reaction.created_at,
                "delivery": delivery,
            },
        )
        if not created:
            notification.actor_id = reaction.user_id
            notification.actor_count = (
                Reaction.objects.filter(post=post, created_at__gte=notification.created_at)
                .exclude(user_id=post.author_id)
                .values("user_id")
                .distinct()
                .count()
            )
            notification.updated_at = max(notification.updated_at, reaction.created_at)
            notification.save(update_fields=["actor", "actor_count", "updated_at"])
    _enqueue_emails(Q(pk=notification.pk))
    return True


def notify_about_accepted_answer(*, post_id: int, actor_id: int) -> bool:
    """Tell a post's author that it was accepted as the answer; return whether they were told."""
    post = Post.objects.select_related("thread").filter(pk=post_id).first()
    if post is None or post.thread.accepted_answer_id != post.pk or post.author_id == actor_id:
        return False
    delivery = deliveries_for([post.author_id], NotificationKind.ACCEPTED_ANSWER)[post.author_id]
    if delivery == Delivery.OFF:
        return False
    _notification, created = Notification.objects.get_or_create(
        recipient_id=post.author_id,
        post=post,
        kind=NotificationKind.ACCEPTED_ANSWER,
        read_at__isnull=True,
        defaults={"actor_id": actor_id, "delivery": delivery},
    )
    _enqueue_emails(Q(post=post, kind=NotificationKind.ACCEPTED_ANSWER))
    return created


def notify_member(
    *,
    recipient: User,
    kind: str,
    message: str,
    url: str,
    actor: User | None = None,
    post: Post | None = None,
    excerpt: str = "",
) -> Notification | None:
    """Send ``recipient`` a notice from another app (a moderator's decision, a feedback answer).

    ``kind`` is ``NotificationKind.MODERATION``, ``FEEDBACK`` or ``WORK``; ``message`` is
    the sentence the member reads, already translated into their language
    (build it under ``translation.override(recipient.language or
    settings.LANGUAGE_CODE)``); ``url`` is the path it leads to; ``excerpt``
    an optional quote (plain text, cut to 1,000 characters) shown under it,
    such as the start of an official answer.
    Delivered in the app and by e-mail as the member's preference for the kind
    says. Call inside the caller's transaction; the e-mail goes after commit.
    Returns the notification, or ``None`` when the member turned the kind off.
    """
    delivery = deliveries_for([recipient.pk], kind)[recipient.pk]
    if delivery == Delivery.OFF:
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        actor=actor,
        post=post,
        message=message,
        url=url,
        excerpt=excerpt[:1000],
        delivery=delivery,
    )
    _enqueue_emails(Q(pk=notification.pk))
    return notification


def _enqueue_emails(condition: Q) -> None:
    ids = list(
        Notification.objects.filter(condition, delivery=Delivery.EMAIL, emailed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), EMAIL_BATCH_SIZE):
        batch = ids[start : start + EMAIL_BATCH_SIZE]
        enqueue_on_commit(tasks.send_notification_emails_task, batch)


@transaction.atomic
def mark_notification_read(*, user: User, notification: Notification) -> bool:
    """Mark one of ``user``'s notifications read; return whether it was unread."""
    return bool(
        Notification.objects.filter(
            pk=notification.pk, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


@transaction.atomic
def mark_all_notifications_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; return how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_notification_preferences(*, user: User, deliveries: dict[str, str]) -> None:
    """Store ``user``'s delivery (a ``Delivery`` value) for each notification kind given."""
    for kind, delivery in deliveries.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=NotificationKind(kind), defaults={"delivery": Delivery(delivery)}
        )
