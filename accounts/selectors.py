"""Reads of the accounts app that pages and the API share."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User

USERNAME_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{1,29}")


def get_member(*, username: str) -> User:
    """Return the active member with ``username`` (case-insensitive); ``Http404`` otherwise.

    A name that no username could have (see ``username_validator``) is 404
    without a query, so that bytes PostgreSQL refuses never reach it.
    """
    if not USERNAME_PATTERN.fullmatch(username):
        raise Http404
    return get_object_or_404(User, username__iexact=username, is_active=True)
