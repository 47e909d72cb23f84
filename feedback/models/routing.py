"""Routing rules and the decisions they made."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import Category, Tag
from feedback.models.departments import Department
from feedback.models.insights import FeedbackKind, Insight


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
