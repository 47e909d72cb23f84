"""Sanctions on members, their appeals and moderators' notes about members."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
