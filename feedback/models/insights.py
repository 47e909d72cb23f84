"""Insights: feedback gathered from posts, its supporters, its workflow and its answers."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from community.models import Post, Tag
from feedback.models.departments import Department


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
