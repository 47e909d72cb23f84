"""Device cookies: the browser a member signed in with is remembered for their account.

OWASP, "Slow Down Online Guessing Attacks with Device Cookies": a browser that
signed in to an account carries a signed cookie naming that account. While
failed sign-ins lock an IP out, such a browser may still sign in to that
account (``accounts.adapters.AccountAdapter.pre_authenticate``), so that
someone guessing from a shared address cannot keep its members out. The
cookie names one account: the last one signed in with that browser.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from accounts.models import User

# Keeps a device cookie from passing as any other value signed with SECRET_KEY.
SALT = "accounts.devices"


def remember_device(response: HttpResponse, user: User) -> None:
    """Set the device cookie for ``user`` on ``response``, valid for the configured days."""
    response.set_signed_cookie(
        settings.LIAISON_DEVICE_COOKIE_NAME,
        str(user.pk),
        salt=SALT,
        max_age=settings.LIAISON_DEVICE_COOKIE_MAX_AGE_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def is_known_device(request: HttpRequest, *, email: str) -> bool:
    """Return whether ``request`` carries a valid device cookie for the account of ``email``.

    A cookie with a bad signature, an expired one or one for another account is
    no device cookie.
    """
    user_id = request.get_signed_cookie(
        settings.LIAISON_DEVICE_COOKIE_NAME,
        default=None,
        salt=SALT,
        max_age=settings.LIAISON_DEVICE_COOKIE_MAX_AGE_DAYS * 24 * 60 * 60,
    )
    if user_id is None or not email:
        return False
    return User.objects.filter(pk=int(user_id), email__iexact=email).exists()
