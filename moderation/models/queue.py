"""The review queue: flags, the items moderators work through, canned reasons and digests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlagReason(models.TextChoices):
    """Why a member flags a post."""

    SPAM = "spam", _("Spam")
    HARASSMENT = "harassment", _("Harassment")
    OFF_TOPIC = "off_topic", _("Off topic")
    INAPPROPRIATE = "inappropriate", _("Inappropriate")
    ILLEGAL = "illegal", _("Illegal")
    OTHER = "other", _("Something else")


class FlagStatus(models.TextChoices):
    """Whether moderators have decided about a flag."""

    OPEN = "open", _("Open")
    AGREED = "agreed", _("Agreed")
    DISMISSED = "dismissed", _("Dismissed")


class ReviewKind(models.TextChoices):
    """What brought an item into the review queue."""

    FLAGGED_POST = "flagged_post", _("Flagged post")
    HELD_POST = "held_post", _("Held post")
    AUTOMOD = "automod", _("Automod")
    APPEAL = "appeal", _("Appeal")


class ReviewStatus(models.TextChoices):
    """Where an item is in the queue; derived from its claim and resolution fields."""

    OPEN = "open", _("Open")
    CLAIMED = "claimed", _("Claimed")
    RESOLVED = "resolved", _("Resolved")


class Resolution(models.TextChoices):
    """How a moderator closed a review item."""

    AGREED = "agreed", _("Flags agreed")
    APPROVED = "approved", _("Approved")
    DISMISSED = "dismissed", _("Flags dismissed")
    HIDDEN = "hidden", _("Hidden")
    DELETED = "deleted", _("Deleted")
    SPAM = "spam", _("Deleted as spam")
    UPHELD = "upheld", _("Appeal refused")
    OVERTURNED = "overturned", _("Appeal granted")


class ReviewItem(models.Model):
    """One thing waiting for a moderator: a flagged or held post, an automod hit, an appeal.

    Its status follows from its fields: resolved once ``resolved_at`` is set,
    claimed while ``claimed_until`` lies ahead, open otherwise.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ReviewKind.choices)
    post = models.ForeignKey(
        "community.Post",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_items",
    )
    category = models.ForeignKey(
        "community.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Which category moderators see the item."),
    )
    score = models.FloatField(_("score"), default=0)
    automod_rule = models.ForeignKey(
        "AutomodRule", on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    matched_text = models.CharField(_("matched text"), max_length=200, blank=True)
    appeal = models.ForeignKey(
        "Appeal", on_delete=models.CASCADE, null=True, blank=True, related_name="items"
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.CharField(
        _("resolution"), max_length=16, choices=Resolution.choices, blank=True
    )
    stale_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "kind"],
                condition=Q(resolved_at__isnull=True),
                name="moderation_review_item_one_open_per_post",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(resolution=""),
                name="moderation_review_item_resolved_has_resolution",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(resolved_at__isnull=True),
                name="moderation_item_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("moderation:item_detail", kwargs={"item_id": self.pk})

    @property
    def status(self) -> str:
        """``ReviewStatus`` value: resolved, claimed (claim not expired) or open."""
        if self.resolved_at is not None:
            return ReviewStatus.RESOLVED
        if self.claimed_until is not None and self.claimed_until > timezone.now():
            return ReviewStatus.CLAIMED
        return ReviewStatus.OPEN

    @property
    def is_resolved(self) -> bool:
        """Whether a moderator has closed the item."""
        return self.resolved_at is not None


class Flag(models.Model):
    """A member's report that a post breaks the rules; one per member and post."""

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="flags")
    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags_raised"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=FlagReason.choices)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    weight = models.FloatField(_("weight"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    review_item = models.ForeignKey(
        ReviewItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="flags"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(fields=["post", "flagger"], name="moderation_flag_once"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="moderation_flag_weight_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.reason} on {self.post_id} by {self.flagger_id}"


class MemberFlagStats(models.Model):
    """How often moderators agreed with or dismissed a member's flags: their accuracy."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flag_stats"
    )
    agreed_count = models.PositiveIntegerField(_("agreed"), default=0)
    dismissed_count = models.PositiveIntegerField(_("dismissed"), default=0)

    class Meta:
        verbose_name = _("flag accuracy")
        verbose_name_plural = _("flag accuracy")

    def __str__(self) -> str:
        return f"{self.member_id}: {self.agreed_count}/{self.dismissed_count}"

    @property
    def accuracy(self) -> float:
        """Share of decided flags that were agreed, smoothed (0.5 without history)."""
        return (self.agreed_count + 1) / (self.agreed_count + self.dismissed_count + 2)


class CannedReason(models.Model):
    """A prepared reason a moderator can pick instead of writing one."""

    title = models.CharField(_("title"), max_length=80)
    text = models.TextField(_("text"), max_length=1000)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("canned reason")
        verbose_name_plural = _("canned reasons")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class ModeratorDigest(models.Model):
    """That a moderator got their digest on a day: the digest goes once per day."""

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["moderator", "sent_on"], name="moderation_digest_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"digest for {self.moderator_id} on {self.sent_on}"
