"""FilterSets of the review queue and the audit log."""

from datetime import timedelta

import django_filters
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from community.filters import SearchFilter
from community.models import Category
from moderation import selectors
from moderation.models import (
    AuditAction,
    AuditEntry,
    FlagReason,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
)

AGE_CHOICES = [("1", _("Over an hour")), ("24", _("Over a day")), ("168", _("Over a week"))]
SCORE = _("Score")
AGE = _("Age")


def descending(label):
    """Return the label of a descending sort, translated per request.

    django-filter formats its own label once, at import, in English.
    """
    return format_lazy(_("{label} (descending)"), label=label)


class QueueOrderingFilter(django_filters.OrderingFilter):
    """The queue's sort order: by score, or by age, which grows as the creation time recedes."""

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        # "age" lists the youngest first: the latest creation time first.
        if value == "created_at":
            return "-created_at"
        if value == "-created_at":
            return "created_at"
        return value


class ReviewItemFilter(django_filters.FilterSet):
    """Search, filters and sort order of the review queue."""

    q = SearchFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(
        field_name="current_status", choices=ReviewStatus.choices, label=_("Status")
    )
    reason = django_filters.ChoiceFilter(
        choices=FlagReason.choices, method="filter_reason", label=_("Flag reason")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.none(), label=_("Category")
    )
    min_score = django_filters.NumberFilter(
        field_name="score", lookup_expr="gte", label=_("Score at least")
    )
    age = django_filters.ChoiceFilter(choices=AGE_CHOICES, method="filter_age", label=_("Age"))
    claimed_by = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(is_staff=False).none(), label=_("Claimed by")
    )
    sort = QueueOrderingFilter(
        fields=(("score", "score"), ("created_at", "age")),
        # Ascending labels are keyed by field, descending ones by "-" and parameter.
        field_labels={
            "score": SCORE,
            "-score": descending(SCORE),
            "created_at": AGE,
            "-age": descending(AGE),
        },
        label=_("Sort"),
    )

    class Meta:
        model = ReviewItem
        fields = ["q", "kind", "status", "reason", "category", "min_score", "age", "claimed_by"]

    def __init__(self, *args, claimants=None, categories=None, **kwargs):
        """Offer ``claimants`` and ``categories`` (querysets): none of either when not given."""
        super().__init__(*args, **kwargs)
        self.filters["claimed_by"].queryset = claimants or User.objects.none()
        self.filters["category"].queryset = (
            categories if categories is not None else Category.objects.none()
        )

    def search(self, queryset, name, value):
        return selectors.search_review_items(queryset, value)

    def filter_reason(self, queryset, name, value):
        return queryset.filter(flags__reason=value).distinct()

    def filter_age(self, queryset, name, value):
        return queryset.filter(created_at__lt=timezone.now() - timedelta(hours=int(value)))


class AuditEntryFilter(django_filters.FilterSet):
    """Search and filters of the audit log."""

    q = SearchFilter(method="search", label=_("Search"))
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    actor = django_filters.CharFilter(
        field_name="actor__username", lookup_expr="iexact", label=_("Moderator")
    )
    member = django_filters.CharFilter(
        field_name="target_member__username", lookup_expr="iexact", label=_("Member")
    )
    since = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Since")
    )

    class Meta:
        model = AuditEntry
        fields = ["q", "action", "actor", "member", "since"]

    def search(self, queryset, name, value):
        return selectors.search_audit_entries(queryset, value)
