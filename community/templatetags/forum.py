"""Template filters of the forum: ``{% load forum %}``."""

import html

from django import template
from django.utils.html import strip_tags

register = template.Library()


@register.filter
def plain_text(rendered: str) -> str:
    """Return a post's rendered HTML as plain text: tags stripped, entities decoded once.

    The result is not marked safe, so autoescaping escapes it exactly once.
    """
    return html.unescape(strip_tags(rendered))
