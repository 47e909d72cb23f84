"""Following, watching and notifications: who hears about what, in the app and by e-mail.

The request only records what happened: ``schedule_notifications`` writes a
``NotificationJob`` row (the outbox) in the request's transaction (called by
``notifications.receivers`` on community's signals) and enqueues
``run_notification_job_task`` after commit. The job works out the recipients,
creates their notifications in bulk and deletes its row in one transaction, so
each is created exactly once; e-mail goes out from
``send_notification_emails_task`` in batches, each notification stamped in the
transaction of its send (at least once: a crash between the send and the
commit sends it again; the ``Message-ID`` names the notification). A job or
e-mail lost to a broker outage or a killed worker stays pending in the
database: ``requeue_lost_notifications`` (beat, every minute, and each worker
as it reconnects to the broker) enqueues it again.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from community.models import Category, Mention, Post, Quote, Reaction, Thread, Visibility
from config.celery import enqueue_on_commit
from notifications import registry, tasks
from notifications.kinds import ForumKind
from notifications.models import (
    CategoryWatch,
    Channel,
    Notification,
    NotificationEvent,
    NotificationJob,
    NotificationPreference,
    ThreadSubscription,
)

EMAIL_BATCH_SIZE = 50
#: An e-mail still unsent this long after its notification was created is left to the
#: app (the member reads it there): the sweep stops enqueueing it.
EMAIL_GIVE_UP_AFTER = timedelta(days=1)
#: When one post concerns a member in several ways, the first kind here wins.
KIND_PRIORITY = [ForumKind.MENTION, ForumKind.QUOTE, ForumKind.REPLY]


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


def channels_for(user_ids, kind: str) -> dict[int, str]:
    """Return user id → chosen channel of ``kind`` for ``user_ids`` (defaults filled in)."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "channel"
        )
    )
    default = registry.get_kind(kind).default_channel
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
        ForumKind.MENTION,
    )
    add(
        Quote.objects.filter(post=post).values_list("quoted_post__author_id", flat=True),
        ForumKind.QUOTE,
    )
    if post.number > 1:
        add(
            ThreadSubscription.objects.filter(thread=post.thread_id).values_list(
                "user_id", flat=True
            ),
            ForumKind.REPLY,
        )
    add(
        CategoryWatch.objects.filter(category=post.thread.category_id).values_list(
            "user_id", flat=True
        ),
        ForumKind.REPLY,
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
        for user_id, channel in channels_for(user_ids, kind).items():
            if channel != Channel.OFF:
                notifications.append(
                    Notification(
                        recipient_id=user_id,
                        kind=kind,
                        actor_id=post.author_id,
                        post=post,
                        created_at=post.created_at,
                        updated_at=post.created_at,
                        channel=channel,
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
    channel = channels_for([post.author_id], ForumKind.REACTION)[post.author_id]
    if channel == Channel.OFF:
        return False
    with transaction.atomic():
        notification, created = Notification.objects.select_for_update().get_or_create(
            recipient_id=post.author_id,
            post=post,
            kind=ForumKind.REACTION,
            read_at__isnull=True,
            defaults={
                "actor_id": reaction.user_id,
                "created_at": reaction.created_at,
                "updated_at": reaction.created_at,
                "channel": channel,
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
    channel = channels_for([post.author_id], ForumKind.ACCEPTED_ANSWER)[post.author_id]
    if channel == Channel.OFF:
        return False
    _notification, created = Notification.objects.get_or_create(
        recipient_id=post.author_id,
        post=post,
        kind=ForumKind.ACCEPTED_ANSWER,
        read_at__isnull=True,
        defaults={"actor_id": actor_id, "channel": channel},
    )
    _enqueue_emails(Q(post=post, kind=ForumKind.ACCEPTED_ANSWER))
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

    ``kind`` is a kind the calling app registered (``notifications.registry``) with
    ``registry.notice_message`` as its message; ``message`` is the sentence the
    member reads, already translated into their language (build it under
    ``translation.override(recipient.language or settings.LANGUAGE_CODE)``);
    ``url`` is the path it leads to; ``excerpt``
    an optional quote (plain text, cut to 1,000 characters) shown under it,
    such as the start of an official answer.
    Delivered in the app and by e-mail as the member's channel for the kind
    says. Call inside the caller's transaction; the e-mail goes after commit.
    Returns the notification, or ``None`` when the member turned the kind off.
    """
    channel = channels_for([recipient.pk], kind)[recipient.pk]
    if channel == Channel.OFF:
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        actor=actor,
        post=post,
        message=message,
        url=url,
        excerpt=excerpt[:1000],
        channel=channel,
    )
    _enqueue_emails(Q(pk=notification.pk))
    return notification


def _enqueue_emails(condition: Q) -> int:
    """Enqueue the e-mails of the notifications matching ``condition``; return how many."""
    ids = list(
        Notification.objects.filter(condition, channel=Channel.EMAIL, emailed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    Notification.objects.filter(pk__in=ids).update(email_enqueued_at=timezone.now())
    for start in range(0, len(ids), EMAIL_BATCH_SIZE):
        batch = ids[start : start + EMAIL_BATCH_SIZE]
        enqueue_on_commit(tasks.send_notification_emails_task, batch)
    return len(ids)


@transaction.atomic
def schedule_notifications(
    *,
    event: str,
    post: Post,
    reaction: Reaction | None = None,
    actor: User | None = None,
) -> NotificationJob:
    """Record that members may have to hear about ``event``; return the outbox row.

    Call inside the transaction that makes the change (a post published, a
    reaction given, an answer accepted, then ``actor`` is who accepted it), as
    ``notifications.receivers`` do on community's signals: the row commits with
    it, and its job is enqueued after commit. Should the broker
    be down, the row waits for the sweep (``requeue_lost_notifications``).
    """
    job = NotificationJob.objects.create(
        event=NotificationEvent(event), post=post, reaction=reaction, actor=actor
    )
    enqueue_on_commit(tasks.run_notification_job_task, job.pk)
    return job


@transaction.atomic
def run_notification_job(*, job_id: int) -> bool:
    """Create the notifications an outbox row asks for and delete it; return whether it ran.

    The row is locked, the notifications created and the row deleted in one
    transaction: run twice, or by two workers at once, it creates them once.
    Returns ``False`` when the row is gone (done already, or its reaction taken back).
    """
    job = NotificationJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None:
        return False
    if job.event == NotificationEvent.REACTION:
        notify_about_reaction(reaction_id=job.reaction_id)
    elif job.event == NotificationEvent.ACCEPTED_ANSWER:
        notify_about_accepted_answer(post_id=job.post_id, actor_id=job.actor_id)
    else:
        notify_about_post(post_id=job.post_id)
    job.delete()
    return True


@transaction.atomic
def requeue_lost_notifications(*, older_than: timedelta | None = None) -> int:
    """Enqueue again the notification jobs and e-mails whose job was lost; return how many.

    Input: ``older_than`` (default ``LIAISON_LOST_JOB_SECONDS``): a job row,
    or an unsent e-mail, enqueued longer ago than that lost its job to a broker
    restart or a killed worker. Its clock restarts, so a backlog the workers
    are still working off is enqueued again at most once per period. E-mails
    older than ``EMAIL_GIVE_UP_AFTER``, and those of deactivated members, stay
    in the app. Enqueueing twice is harmless: each job and e-mail runs once.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.LIAISON_LOST_JOB_SECONDS)
    now = timezone.now()
    cutoff = now - older_than
    job_ids = list(
        NotificationJob.objects.select_for_update(skip_locked=True)
        .filter(enqueued_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    NotificationJob.objects.filter(pk__in=job_ids).update(enqueued_at=now)
    for job_id in job_ids:
        enqueue_on_commit(tasks.run_notification_job_task, job_id)
    emails = _enqueue_emails(
        Q(
            email_enqueued_at__lte=cutoff,
            created_at__gte=now - EMAIL_GIVE_UP_AFTER,
            recipient__is_active=True,
        )
    )
    return len(job_ids) + emails


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
def set_notification_preferences(*, user: User, channels: dict[str, str]) -> None:
    """Store ``user``'s channel (a ``Channel`` value) for each notification kind given.

    Raises ``ValueError`` for a kind nobody registered or an unknown channel.
    """
    for kind, channel in channels.items():
        if kind not in registry.values():
            raise ValueError(f"{kind!r} is not a registered notification kind")
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"channel": Channel(channel)}
        )
