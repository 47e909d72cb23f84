"""Who hears about what: follows, watches, preferences, notifications and their outbox.

A notification's ``kind`` is one that an app registered in
``notifications.registry``; its ``channel`` is how the member chose to hear
about that kind.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import Category, Post, Reaction, Thread
from notifications import registry


class Channel(models.TextChoices):
    """How a member wants to hear about one kind of notification."""

    IN_APP = "in_app", _("In the app only")
    EMAIL = "email", _("E-mail at once")
    DIGEST = "digest", _("Daily e-mail digest")
    OFF = "off", _("Off")


class ThreadSubscription(models.Model):
    """A member following a thread: they hear about its replies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_subscriptions"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="notifications_follow_unique"),
        ]
        indexes = [models.Index(fields=["thread", "user"], name="notifications_follow_by_thread")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"


class CategoryWatch(models.Model):
    """A member watching a whole category: they hear about every new post in it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="category_watches"
    )
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="notifications_watch_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} watches {self.category_id}"


class NotificationPreference(models.Model):
    """A member's chosen channel for one kind of notification."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=registry.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_preference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.channel}"


class Notification(models.Model):
    """Something a member should hear about, linked to the post it concerns.

    Reactions to one post are grouped into one unread notification whose
    ``actor_count`` grows ("3 people liked your post"); ``updated_at`` is its
    latest activity, which orders the list.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=registry.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor_count = models.PositiveIntegerField(default=1)
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    message = models.TextField(
        blank=True, help_text=_("For notices from other apps: the text the member reads.")
    )
    url = models.CharField(max_length=500, blank=True, help_text=_("Where the notice leads."))
    excerpt = models.TextField(
        blank=True,
        max_length=1000,
        help_text=_("For notices from other apps: a short quote shown under the message."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # When an e-mail job was last sent to the broker for it; the sweep sends one again
    # while it stays unsent long after (notifications.services.requeue_lost_notifications).
    email_enqueued_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.IN_APP)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "post", "kind"],
                condition=Q(read_at__isnull=True),
                name="notifications_unread_once",
            ),
        ]
        indexes = [
            models.Index(F("recipient"), F("updated_at").desc(), name="notifications_inbox"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notifications_unread",
            ),
            models.Index(fields=["channel", "emailed_at"], name="notifications_email_outbox"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id} on {self.post_id}"

    def get_absolute_url(self) -> str:
        """Where opening the notification leads: its notice's URL or its post."""
        return self.url or self.post.get_absolute_url()

    @property
    def is_read(self) -> bool:
        """Whether the recipient has seen it."""
        return self.read_at is not None


class NotificationEvent(models.TextChoices):
    """What happened in the forum that members may have to hear about."""

    POST = "post", _("A post was published")
    REACTION = "reaction", _("A reaction was given")
    ACCEPTED_ANSWER = "accepted_answer", _("An answer was accepted")


class NotificationJob(models.Model):
    """The notifications' outbox: "tell those concerned about this", until it is done.

    Written in the transaction that publishes the post, gives the reaction or
    accepts the answer (``notifications.receivers``, on community's signals), so
    that no commit goes without its notifications; deleted in the transaction
    that creates them (``notifications.services.run_notification_job``), so they
    are created once. ``enqueued_at`` is when a job was last sent to the broker
    for it: the sweep enqueues again the rows left pending long after it.
    """

    event = models.CharField(max_length=20, choices=NotificationEvent.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    # A reaction taken back takes its job with it: there is nothing left to tell.
    reaction = models.ForeignKey(
        Reaction, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("notification job")
        verbose_name_plural = _("notification jobs")

    def __str__(self) -> str:
        return f"{self.event} {self.reaction_id or self.post_id}"
