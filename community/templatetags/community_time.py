"""Template filters for the forum's dates."""

from datetime import date, datetime, timedelta

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import formats, timezone

register = template.Library()

#: How long a moment reads as "3 hours ago"; past it, pages show the date.
RELATIVE_FOR = timedelta(hours=24)


@register.filter(expects_localtime=True)
def when(value: datetime | date | None) -> str:
    """Return "3 hours ago" within a day of now, else the localized date ("5. März 2025").

    The day-and-weeks wording of humanize's ``naturaltime`` reads badly in
    German ("1 Woche, 1 Tage her"); a date reads well in every language.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime) and abs(timezone.now() - value) < RELATIVE_FOR:
        return naturaltime(value)
    return formats.date_format(value, "DATE_FORMAT")
