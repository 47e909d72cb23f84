"""FilterSets of the review queue and the audit log."""

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from community.models import Category
from moderation.models import (
    AuditAction,
    AuditEntry,
    FlagReason,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
)

AGE_CHOICES = [("1", _("Over an hour")), ("24", _("Over a day")), ("168", _("Over a week"))]


class ReviewItemFilter(django_filters.FilterSet):
    """Filters and sort order of the review queue."""

    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(
        field_name="current_status", choices=ReviewStatus.choices, label=_("Status")
    )
    reason = django_filters.ChoiceFilter(
        choices=FlagReason.choices, method="filter_reason", label=_("Flag reason")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), label=_("Category")
    )
    min_score = django_filters.NumberFilter(
        field_name="score", lookup_expr="gte", label=_("Score at least")
    )
    age = django_filters.ChoiceFilter(choices=AGE_CHOICES, method="filter_age", label=_("Age"))
    claimed_by = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(is_staff=False).none(), label=_("Claimed by")
    )
    sort = django_filters.OrderingFilter(
        fields=(("score", "score"), ("created_at", "age")),
        field_labels={"score": _("Score"), "created_at": _("Age")},
        label=_("Sort"),
    )

    class Meta:
        model = ReviewItem
        fields = ["kind", "status", "reason", "category", "min_score", "age", "claimed_by"]

    def __init__(self, *args, claimants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["claimed_by"].queryset = claimants or User.objects.none()

    def filter_reason(self, queryset, name, value):
        return queryset.filter(flags__reason=value).distinct()

    def filter_age(self, queryset, name, value):
        return queryset.filter(created_at__lt=timezone.now() - timedelta(hours=int(value)))


class AuditEntryFilter(django_filters.FilterSet):
    """Search and filters of the audit log."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
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
        return queryset.filter(
            Q(reason__icontains=value)
            | Q(target_member__username__icontains=value)
            | Q(actor__username__icontains=value)
            | Q(target_thread__title__icontains=value)
        )
