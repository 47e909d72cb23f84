"""Absolute links to the site, for what is read away from it (e-mails, webhooks)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """Return ``path`` on the site's public base URL (``LIAISON_BASE_URL``)."""
    return settings.LIAISON_BASE_URL.rstrip("/") + path
