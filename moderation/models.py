"""The backoffice's data: flags, the review queue, sanctions, appeals, automod rules, the audit log.

Every moderation write goes through ``moderation.services``, which writes an
``AuditEntry`` in the same transaction. Audit entries are immutable.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import TrustLevel


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


class SanctionKind(models.TextChoices):
    """What a moderator does to a member."""

    WARNING = "warning", _("Warning")
    SILENCE = "silence", _("Silence")
    SUSPENSION = "suspension", _("Suspension")
    BAN = "ban", _("Ban")


class Sanction(models.Model):
    """A moderator's decision against a member, with its reason and end."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SanctionKind.choices)
    reason = models.TextField(_("reason"), max_length=1000)
    post = models.ForeignKey(
        "community.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["silence", "suspension"]) | Q(ends_at__isnull=False),
                name="moderation_sanction_period_has_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.member_id}"

    @property
    def is_active(self) -> bool:
        """Whether the sanction still restricts the member."""
        if self.revoked_at is not None:
            return False
        return self.ends_at is None or self.ends_at > timezone.now()


class AppealStatus(models.TextChoices):
    """Whether an appeal waits for a decision."""

    PENDING = "pending", _("Waiting for a decision")
    DECIDED = "decided", _("Decided")


class AppealOutcome(models.TextChoices):
    """What a moderator decided about an appeal."""

    UPHELD = "upheld", _("Sanction upheld")
    OVERTURNED = "overturned", _("Sanction lifted")


class Appeal(models.Model):
    """A member's request to lift a sanction; one per sanction."""

    sanction = models.OneToOneField(Sanction, on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField(_("why the decision should change"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=AppealOutcome.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", outcome="") | (Q(status="decided") & ~Q(outcome="")),
                name="moderation_appeal_decided_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"appeal of {self.sanction_id}"


class ModeratorNote(models.Model):
    """A note moderators keep about a member; members never see it."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("moderator note")
        verbose_name_plural = _("moderator notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"note on {self.member_id}"


class RuleKind(models.TextChoices):
    """What an automod rule looks at."""

    WORDS = "words", _("Watched words")
    REGEX = "regex", _("Regular expression")
    LINK_DOMAIN = "link_domain", _("Links to domains")
    LINK_COUNT = "link_count", _("Number of links")
    POST_RATE = "post_rate", _("Posting rate")


class RuleAction(models.TextChoices):
    """What an automod rule does to a post it matches."""

    BLOCK = "block", _("Block")
    HOLD = "hold", _("Hold for approval")
    FLAG = "flag", _("Flag for review")
    CENSOR = "censor", _("Censor the matched text")


#: The values ``AutomodRule.trust_level_below`` may take: from "below basic" to "everyone".
RULE_TRUST_LEVEL_BELOW_MIN = TrustLevel.BASIC
RULE_TRUST_LEVEL_BELOW_MAX = TrustLevel.LEADER + 1


class AutomodRule(models.Model):
    """A rule checked against every new post of members below a trust level.

    ``pattern`` depends on ``kind``: words (one per line), a regular
    expression, domains (one per line), a number of links, or a rate
    "posts/minutes" such as ``5/10``.
    """

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=RuleKind.choices)
    pattern = models.TextField(_("pattern"), max_length=2000)
    action = models.CharField(_("action"), max_length=8, choices=RuleAction.choices)
    categories = models.ManyToManyField(
        "community.Category",
        blank=True,
        related_name="+",
        verbose_name=_("categories"),
        help_text=_("Leave empty for every category."),
    )
    message = models.CharField(
        _("message to the author"),
        max_length=300,
        blank=True,
        help_text=_("Shown when the rule blocks or holds a post."),
    )
    trust_level_below = models.PositiveSmallIntegerField(
        _("applies below trust level"),
        default=RULE_TRUST_LEVEL_BELOW_MAX,
        validators=[
            MinValueValidator(RULE_TRUST_LEVEL_BELOW_MIN),
            MaxValueValidator(RULE_TRUST_LEVEL_BELOW_MAX),
        ],
        help_text=_("The rule checks members below this trust level; 5 means everyone."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("automod rule")
        verbose_name_plural = _("automod rules")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(pattern=""), name="moderation_rule_has_pattern"),
            models.CheckConstraint(
                condition=Q(
                    trust_level_below__gte=RULE_TRUST_LEVEL_BELOW_MIN,
                    trust_level_below__lte=RULE_TRUST_LEVEL_BELOW_MAX,
                ),
                name="moderation_rule_trust_level_range",
                violation_error_code="trust_level_range",
                violation_error_message=_("Pick a trust level from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("moderation:rule_edit", kwargs={"rule_id": self.pk})


class AuditAction(models.TextChoices):
    """What an audit entry records."""

    AGREE = "agree", _("Agreed with flags")
    APPROVE = "approve", _("Approved")
    DISMISS = "dismiss", _("Dismissed flags")
    HIDE = "hide", _("Hid a post")
    UNHIDE = "unhide", _("Showed a post again")
    DELETE = "delete", _("Deleted a post")
    RESTORE = "restore", _("Restored a post")
    EDIT = "edit", _("Edited a post")
    LOCK = "lock", _("Locked a thread")
    UNLOCK = "unlock", _("Unlocked a thread")
    PIN = "pin", _("Pinned a thread")
    UNPIN = "unpin", _("Unpinned a thread")
    MOVE = "move", _("Moved a thread")
    MERGE = "merge", _("Merged threads")
    WARN = "warn", _("Warned a member")
    SILENCE = "silence", _("Silenced a member")
    SUSPEND = "suspend", _("Suspended a member")
    BAN = "ban", _("Banned a member")
    SPAM = "spam", _("Deleted spam")
    APPEAL_UPHELD = "appeal_upheld", _("Refused an appeal")
    APPEAL_OVERTURNED = "appeal_overturned", _("Granted an appeal")
    LIFT = "lift", _("Lifted a sanction")
    NOTE = "note", _("Added a moderator note")
    AUTOMOD = "automod", _("Automod rule matched")
    FLAG_HIDE = "flag_hide", _("Hid a post on members' flags")
    RULE_SAVE = "rule_save", _("Saved an automod rule")
    RULE_DELETE = "rule_delete", _("Deleted an automod rule")
    REASON_SAVE = "reason_save", _("Saved a canned reason")
    REASON_DELETE = "reason_delete", _("Deleted a canned reason")
    MODERATOR_ADD = "moderator_add", _("Made a member a category moderator")
    MODERATOR_CHANGE = "moderator_change", _("Changed a category moderator")
    MODERATOR_REMOVE = "moderator_remove", _("Removed a category moderator")


class AuditQuerySet(models.QuerySet):
    """Audit entries cannot be deleted, not even in bulk."""

    def delete(self):
        raise PermissionDenied(_("Audit entries cannot be deleted."))


class AuditEntry(models.Model):
    """One moderation action, by a moderator or a rule: immutable once written.

    ``before``/``after`` hold what the change touched (a post's body and
    status, a thread's flags, a member's restrictions). The one column ever
    written later is ``reverted_by_entry``, set by ``revert_entry`` with a
    single guarded UPDATE. The post and thread an entry is about are
    protected: a hard delete of either (the forum only soft-deletes) is
    refused rather than emptying the entry's subject.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rule = models.ForeignKey(
        AutomodRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    target_post = models.ForeignKey(
        "community.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_thread = models.ForeignKey(
        "community.Thread", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_item = models.ForeignKey(
        ReviewItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    reverted_by_entry = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(_("Audit entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("Audit entries cannot be deleted."))

    @property
    def is_revertible(self) -> bool:
        """Whether the action is a hide or delete not yet reverted."""
        return self.action in {
            AuditAction.HIDE,
            AuditAction.FLAG_HIDE,
            AuditAction.DELETE,
            AuditAction.SPAM,
            AuditAction.AGREE,
        } and (self.reverted_by_entry_id is None and self.target_post_id is not None)


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
