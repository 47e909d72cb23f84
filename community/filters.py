"""django-filter FilterSets of the forum's lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from community.models import Tag, Thread


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
