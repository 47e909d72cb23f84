"""Reads of the accounts app that pages and the API share."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import AccessToken, User
from accounts.permissions import check_can_revoke_access_token

USERNAME_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{1,29}")


def get_member(*, username: str) -> User:
    """Return the active member with ``username`` (case-insensitive); ``Http404`` otherwise.

    A name that no username could have (see ``username_validator``) is 404
    without a query, so that bytes PostgreSQL refuses never reach it.
    """
    if not USERNAME_PATTERN.fullmatch(username):
        raise Http404
    return get_object_or_404(User, username__iexact=username, is_active=True)


def find_active_usernames(*, candidates: set[str]) -> dict[str, str]:
    """Return each active member's username under its lower case, for the ``candidates``
    that name one in any case (``@Alice`` finds ``alice``). One query; none for no candidates.
    """
    if not candidates:
        return {}
    pattern = r"^(" + "|".join(_escape_username(name) for name in candidates) + r")$"
    usernames = User.objects.filter(username__iregex=pattern, is_active=True).values_list(
        "username", flat=True
    )
    return {username.lower(): username for username in usernames}


def _escape_username(username: str) -> str:
    """Escape the characters of a username that mean something in a regular expression."""
    return "".join("\\" + char if char in ".-" else char for char in username)


def list_access_tokens(*, member: User) -> list[AccessToken]:
    """Return ``member``'s access tokens not revoked, newest first (expired ones included,
    so that the member sees why a script stopped working)."""
    return list(AccessToken.objects.filter(user=member, revoked_at__isnull=True))


def get_access_token(*, token_id: int, viewer: User) -> AccessToken:
    """Return the unrevoked access token ``token_id`` of ``viewer``; ``Http404`` otherwise."""
    token = get_object_or_404(AccessToken, pk=token_id, revoked_at__isnull=True)
    check_can_revoke_access_token(viewer, token)
    return token
