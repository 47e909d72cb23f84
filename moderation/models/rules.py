"""Automod rules: what each checks in new posts and what it does to a match."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import TrustLevel


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
