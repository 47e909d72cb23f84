"""Reads of the accounts app that pages and the API share."""

from django.shortcuts import get_object_or_404

from accounts.models import User


def get_member(*, username: str) -> User:
    """Return the active member with ``username`` (case-insensitive); ``Http404`` otherwise."""
    return get_object_or_404(User, username__iexact=username, is_active=True)
