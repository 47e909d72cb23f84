"""The department inbox's search, filters and sorting, and the triage list's search
(django-filter)."""

import django_filters
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from community.filters import SearchFilter
from community.models import Tag
from feedback import selectors
from feedback.models import Department, FeedbackKind, InsightStatus
from feedback.permissions import department_ids_of, is_triager


def viewer_departments(request):
    """The departments a viewer may filter by: every one for triagers, else their own."""
    if request is None or not request.user.is_authenticated:
        return Department.objects.none()
    if is_triager(request.user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=department_ids_of(request.user))


def descending(label):
    """Return the label of a descending sort, translated per request.

    django-filter formats its own label once, at import, in English.
    """
    return format_lazy(_("{label} (descending)"), label=label)


CAPTURED = _("Captured")
SUPPORTERS = _("Supporters")
STATUS = _("Status")


class InboxFilter(django_filters.FilterSet):
    """Search the inbox; filter it by status, kind, tag, department, date and supporters;
    sort it."""

    q = SearchFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InsightStatus.choices)
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind"), queryset=FeedbackKind.objects.all(), field_name="kind"
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"), queryset=Tag.objects.all(), field_name="tags", to_field_name="slug"
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=viewer_departments, to_field_name="slug"
    )
    created_after = django_filters.DateFilter(
        label=_("Captured since"), field_name="created_at", lookup_expr="date__gte"
    )
    created_before = django_filters.DateFilter(
        label=_("Captured until"), field_name="created_at", lookup_expr="date__lte"
    )
    min_supporters = django_filters.NumberFilter(
        label=_("At least supporters"), field_name="supporter_count", lookup_expr="gte"
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort"),
        fields=(("created_at", "created"), ("supporter_count", "supporters"), ("status", "status")),
        # Ascending labels are keyed by field, descending ones by "-" and parameter.
        field_labels={
            "created_at": CAPTURED,
            "-created": descending(CAPTURED),
            "supporter_count": SUPPORTERS,
            "-supporters": descending(SUPPORTERS),
            "status": STATUS,
            "-status": descending(STATUS),
        },
    )

    def search(self, queryset, name, value):
        return selectors.search_insights(queryset, value)


class UnroutedFilter(django_filters.FilterSet):
    """Search the triage list."""

    q = SearchFilter(method="search", label=_("Search"))

    def search(self, queryset, name, value):
        return selectors.search_insights(queryset, value)
