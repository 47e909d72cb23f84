"""Who is asking: a personal access token sent as ``Authorization: Bearer lia_...``."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts import services

#: The scheme of the Authorization header, as RFC 6750 names it.
BEARER = "Bearer"


class AccessTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate a request by a member's access token (``accounts.models.AccessToken``).

    A request without an Authorization header goes on to the next class (the
    session); one that names a bearer token that is unknown, revoked or
    expired is refused (401) rather than treated as a visitor, so that a
    script learns at once that its token no longer works. ``request.auth``
    is the token, whose scopes ``api.permissions.TokenScopeAllows`` checks.
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != BEARER.lower().encode():
            return None
        # The scheme and the token, nothing more (RFC 6750, section 2.1).
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send one token after “Bearer”."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        token = services.use_access_token(secret=secret)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{BEARER} realm="api"'


class AccessTokenScheme(OpenApiAuthenticationExtension):
    """Describe ``AccessTokenAuthentication`` in the OpenAPI document: HTTP bearer."""

    target_class = AccessTokenAuthentication
    name = "accessToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token (lia_...) from the member's settings.",
        }
