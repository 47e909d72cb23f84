"""Departments: the company's teams that receive feedback, and their staff."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
