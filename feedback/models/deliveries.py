"""Deliveries: the outbox of routed insights, one row per department and channel."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models.departments import Department
from feedback.models.insights import Insight


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
