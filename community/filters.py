"""django-filter FilterSets of the forum's lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from community.forms import SearchQueryField
from community.models import Tag, Thread


class SearchFilter(django_filters.Filter):
    """A search box in a FilterSet; its value is a ``community.search.query.Query``.

    The FilterSet's ``method`` applies it (with ``community.search.engine`` on
    the FilterSet's own documents). What cannot be searched makes the
    FilterSet invalid, with the query parser's message on the field
    (``community.forms.SearchQueryField``).
    """

    field_class = SearchQueryField


class ThreadFilter(django_filters.FilterSet):
    """Filters a category's threads by tag."""

    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"),
        field_name="tags",
        to_field_name="slug",
        queryset=Tag.objects.order_by("name"),
        empty_label=_("All tags"),
    )

    class Meta:
        model = Thread
        fields = ["tag"]

    def __init__(self, *args, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        if category is not None:
            # Offer only the tags of this category's threads, so that tags used
            # elsewhere (internal categories) do not show.
            self.filters["tag"].queryset = (
                Tag.objects.filter(threads__category=category, threads__is_pending_approval=False)
                .distinct()
                .order_by("name")
            )
