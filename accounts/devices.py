"""Device cookies: the browser a member signed in with is remembered for their account.

OWASP, "Slow Down Online Guessing Attacks with Device Cookies": a browser that
signed in to an account carries a signed cookie naming that account and the
device (a random id). Such a browser is not held by the locks that failed
sign-ins from other browsers set on its IP or on the account; its own failures
count against its device id instead
(``accounts.adapters.AccountAdapter.pre_authenticate``). So someone guessing
cannot keep a member out. The cookie names one account: the last one signed in
with that browser.
"""

import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from accounts.models import User

# Keeps a device cookie from passing as any other value signed with SECRET_KEY.
SALT = "accounts.devices"


def remember_device(response: HttpResponse, user: User) -> None:
    """Set a device cookie for ``user`` with a new device id on ``response``.

    Valid for ``LIAISON_DEVICE_COOKIE_MAX_AGE_DAYS``.
    """
    device_id = secrets.token_urlsafe(16)
    response.set_signed_cookie(
        settings.LIAISON_DEVICE_COOKIE_NAME,
        f"{user.pk}:{device_id}",
        salt=SALT,
        max_age=settings.LIAISON_DEVICE_COOKIE_MAX_AGE_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def get_device_id(request: HttpRequest, *, email: str) -> str | None:
    """Return the device id of ``request``'s device cookie for the account of ``email``.

    None without such a cookie: a cookie with a bad signature, an expired one,
    one for another account or one without a device id (set before device ids
    existed) is no device cookie.
    """
    value = request.get_signed_cookie(
        settings.LIAISON_DEVICE_COOKIE_NAME,
        default=None,
        salt=SALT,
        max_age=settings.LIAISON_DEVICE_COOKIE_MAX_AGE_DAYS * 24 * 60 * 60,
    )
    if value is None or not email:
        return None
    user_id, _separator, device_id = value.partition(":")
    if not device_id:
        return None
    if not User.objects.filter(pk=int(user_id), email__iexact=email).exists():
        return None
    return device_id
