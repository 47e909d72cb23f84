"""Feedback routing: departments, insights, routing rules, deliveries and answers.

An ``Insight`` gathers forum posts that say the same thing; routing rules send
it to a ``Department``; one ``Delivery`` row per channel is the outbox that
``feedback.services.deliver`` works through; an ``OfficialResponse`` carries
the department's answer back to the thread and to every supporter.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from community.models import Category, Post, Tag

webhook_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Use an http:// or https:// address.")
)


class Department(models.Model):
    """A team of the company that receives feedback and answers it."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("New feedback is mailed here.")
    )
    webhook_url = models.URLField(
        _("webhook URL"),
        blank=True,
        validators=[webhook_url_validator],
        help_text=_("New feedback is posted here as signed JSON, e.g. to an issue tracker."),
    )
    webhook_secret = models.CharField(
        _("webhook secret"),
        max_length=128,
        blank=True,
        help_text=_("Signs outgoing and checks incoming webhooks (HMAC-SHA256)."),
    )
    service_level_hours = models.PositiveIntegerField(
        _("service level (hours)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 365)],
        help_text=_("New feedback should be acknowledged within this many hours."),
    )
    digest_sent_at = models.DateTimeField(_("last weekly digest"), null=True, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="DepartmentMembership",
        related_name="feedback_departments",
        blank=True,
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service_level_hours__gte=1, service_level_hours__lte=24 * 365),
                name="feedback_department_service_level_range",
            ),
            models.CheckConstraint(
                condition=Q(webhook_url="")
                | Q(webhook_url__startswith="http://")
                | Q(webhook_url__startswith="https://"),
                name="feedback_department_webhook_http",
                violation_error_message=_("Use an http:// or https:// address."),
            ),
            models.CheckConstraint(
                condition=Q(webhook_url="") | ~Q(webhook_secret=""),
                name="feedback_department_webhook_signed",
                violation_error_message=_("A webhook needs a secret to sign its requests."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Lower-case the webhook's scheme (the database checks http:// and https://) and
        refuse a webhook without a secret, on the secret's field.

        Raises ``ValidationError`` with code ``webhook_unsigned``.
        """
        if self.webhook_url:
            parts = urlsplit(self.webhook_url)
            self.webhook_url = urlunsplit(parts._replace(scheme=parts.scheme.lower()))
        if self.webhook_url and not self.webhook_secret.strip():
            raise ValidationError(
                {
                    "webhook_secret": ValidationError(
                        gettext("A webhook needs a secret to sign its requests."),
                        code="webhook_unsigned",
                    )
                }
            )


class DepartmentMembership(models.Model):
    """A staff member working a department's inbox."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="department_memberships"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["department", "user"], name="feedback_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.department_id}"


class FeedbackKind(models.Model):
    """What kind of feedback an insight is: need, problem, idea, bug, praise, …"""

    name = models.CharField(_("name"), max_length=40)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("feedback kind")
        verbose_name_plural = _("feedback kinds")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        # The seeded kinds have German in the catalogue; kinds managers add show as named.
        return gettext(self.name)


#: The seeded kinds' names, for the catalogue (see migration 0002).
SEEDED_KIND_NAMES = [
    gettext_noop("Need"),
    gettext_noop("Problem"),
    gettext_noop("Opportunity"),
    gettext_noop("Idea"),
    gettext_noop("Bug"),
    gettext_noop("Praise"),
]


class InsightStatus(models.TextChoices):
    """Where an insight is in its department's workflow."""

    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


#: Statuses that end the workflow; they need a public answer first.
CLOSED_STATUSES = frozenset({InsightStatus.DONE, InsightStatus.DECLINED})

#: status → the statuses it may move to.
ALLOWED_TRANSITIONS = {
    InsightStatus.NEW: {InsightStatus.ACKNOWLEDGED, InsightStatus.DECLINED},
    InsightStatus.ACKNOWLEDGED: {
        InsightStatus.IN_PROGRESS,
        InsightStatus.PLANNED,
        InsightStatus.DONE,
        InsightStatus.DECLINED,
    },
    InsightStatus.IN_PROGRESS: {InsightStatus.PLANNED, InsightStatus.DONE, InsightStatus.DECLINED},
    InsightStatus.PLANNED: {InsightStatus.IN_PROGRESS, InsightStatus.DONE, InsightStatus.DECLINED},
    InsightStatus.DONE: {InsightStatus.IN_PROGRESS},
    InsightStatus.DECLINED: {InsightStatus.ACKNOWLEDGED},
}


class Insight(models.Model):
    """One piece of feedback, gathered from one or more posts, routed to a department.

    ``supporter_count`` is the number of distinct members behind it (authors
    of its posts and members who support it, merged insights included), kept
    by the services so that the inbox sorts and filters on it without joins.
    """

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), max_length=4000, blank=True, validators=[MaxLengthValidator(4000)]
    )
    kind = models.ForeignKey(FeedbackKind, on_delete=models.PROTECT, related_name="insights")
    tags = models.ManyToManyField(Tag, blank=True, related_name="insights")
    status = models.CharField(
        _("status"), max_length=16, choices=InsightStatus.choices, default=InsightStatus.NEW
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insights",
        help_text=_("Empty while unrouted."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_insights",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    routed_at = models.DateTimeField(_("routed"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered publicly"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_insights"
    )
    routing_round = models.PositiveIntegerField(
        default=0, help_text=_("How many times it has been routed; deliveries are per round.")
    )
    supporter_count = models.PositiveIntegerField(_("supporters"), default=0)
    routing_attempts = models.PositiveIntegerField(
        _("routing attempts"), default=0, help_text=_("Failed attempts to route it by the rules.")
    )
    routing_error = models.TextField(_("routing error"), blank=True)
    routing_retry_at = models.DateTimeField(
        _("next routing attempt"), null=True, blank=True, help_text=_("Set after a failed attempt.")
    )
    routing_failed_at = models.DateTimeField(
        _("routing failed"),
        null=True,
        blank=True,
        help_text=_("Set when routing failed on every attempt; a manager retries or routes it."),
    )

    class Meta:
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        indexes = [
            models.Index(fields=["department", "status", "-created_at"], name="feedback_inbox"),
            models.Index(
                fields=["-created_at"],
                condition=Q(department__isnull=True, merged_into__isnull=True),
                name="feedback_unrouted",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="feedback_insight_not_self_merged"
            ),
            models.CheckConstraint(
                condition=Q(routing_failed_at__isnull=True) | Q(routing_retry_at__isnull=True),
                name="feedback_insight_failed_routing_not_retried",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("feedback:insight_detail", kwargs={"insight_id": self.pk})

    @property
    def is_closed(self) -> bool:
        """Whether the workflow has ended (done or declined)."""
        return self.status in CLOSED_STATUSES


class InsightPost(models.Model):
    """A forum post that an insight was captured from; a post feeds one insight at most."""

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="insight_posts")
    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="insight_link")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.post_id} → {self.insight_id}"


class Support(models.Model):
    """A member saying "me too" about an insight."""

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="supports")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["insight", "member"], name="feedback_support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} supports {self.insight_id}"


class StatusChange(models.Model):
    """One move of an insight through the workflow: who, when, from what to what."""

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=InsightStatus.choices)
    to_status = models.CharField(max_length=16, choices=InsightStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(
        max_length=40, blank=True, help_text=_("'webhook' when a tracker changed it.")
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.insight_id}: {self.from_status} → {self.to_status}"


class InternalNote(models.Model):
    """A note among staff about an insight; members never see it."""

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("note"), max_length=4000, validators=[MaxLengthValidator(4000)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"note on {self.insight_id}"


class OfficialResponse(models.Model):
    """The company's public answer to an insight, shown on its threads.

    ``html`` is ``body`` rendered once by ``community.markdown.render``.
    """

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("answer"), max_length=8000, validators=[MaxLengthValidator(8000)])
    html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"answer to {self.insight_id}"


class RoutingRule(models.Model):
    """Send insights that match to a department; rules run in ``position`` order.

    A rule matches when every condition it has matches: the kind is one of
    ``kinds``, a tag is one of ``tags``, a post is in one of ``categories``,
    the title or summary contains one of ``keywords`` (comma-separated). A
    rule needs at least one condition; ``feedback.services.save_routing_rule``
    refuses one without (the department is required by the database).
    """

    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=100)
    kinds = models.ManyToManyField(
        FeedbackKind, verbose_name=_("kinds"), blank=True, related_name="+"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="+")
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="+"
    )
    keywords = models.CharField(
        _("keywords"), max_length=500, blank=True, help_text=_("Comma-separated.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="routing_rules",
    )
    stop_processing = models.BooleanField(
        _("stop here"), default=True, help_text=_("Do not try later rules when this one matches.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        """The keywords, lower-cased, blanks left out."""
        return [word.strip().lower() for word in self.keywords.split(",") if word.strip()]


class RoutingDecision(models.Model):
    """A record of (re)routing an insight: by which rule or person, from where to where."""

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="routing_decisions")
    rule = models.ForeignKey(
        RoutingRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    routing_round = models.PositiveIntegerField(default=0)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.insight_id} → {self.to_department_id}"


class Channel(models.TextChoices):
    """How a department hears about a routed insight."""

    IN_APP = "in_app", _("In-app notice")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook")


class DeliveryStatus(models.TextChoices):
    """Where a delivery is in the outbox."""

    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """The outbox: one row per insight, department, channel and routing round.

    ``feedback.services.deliver`` claims a pending row (pending → sending,
    committed) before it leaves the process and marks it sent afterwards; the
    unique constraint makes a rerun of routing harmless.
    """

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="deliveries")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    routing_round = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["insight", "department", "channel", "routing_round"],
                name="feedback_delivery_once_per_round",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="feedback_delivery_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="feedback_delivery_outbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} of {self.insight_id} to {self.department_id}"
