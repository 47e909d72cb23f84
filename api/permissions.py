"""What an access token may do: its scopes. Every other rule is the domain apps' own
``permissions.py``, reached through their selectors and services."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.models import AccessToken


class TokenScopeAllows(BasePermission):
    """Let a token read only with the read scope and change things only with the write
    scope; a session (the browser) is not limited by scopes."""

    message = _("This token's scopes do not allow this.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, AccessToken):
            return True
        if request.method in SAFE_METHODS:
            return token.can_read
        return token.can_write
