"""Signed appeal links: a suspended or banned member cannot sign in, yet may appeal.

The link names one sanction and works without a session; the signature is
what authorises it, as the forum's one-click unsubscribe links do.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from moderation.models import Sanction

APPEAL_SALT = "liaison.moderation.appeal"


def make_appeal_token(*, sanction: Sanction) -> str:
    """Return a signed token that lets ``sanction``'s member appeal it without signing in."""
    return signing.dumps({"s": sanction.pk, "m": sanction.member_id}, salt=APPEAL_SALT)


def appeal_link(*, sanction: Sanction) -> str:
    """Return the path of ``sanction``'s signed appeal page."""
    return reverse(
        "moderation:appeal_by_link", kwargs={"token": make_appeal_token(sanction=sanction)}
    )


def read_appeal_token(*, token: str) -> Sanction:
    """Return the sanction an appeal token names, with its member and post.

    Raises ``signing.BadSignature`` for a forged token or a sanction that no
    longer exists, and ``signing.SignatureExpired`` for one older than
    ``LIAISON_APPEAL_LINK_MAX_AGE_SECONDS``.
    """
    data = signing.loads(
        token, salt=APPEAL_SALT, max_age=settings.LIAISON_APPEAL_LINK_MAX_AGE_SECONDS
    )
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise signing.BadSignature("malformed token")
    sanction = (
        Sanction.objects.select_related("member", "post__thread")
        .filter(pk=data["s"], member_id=data.get("m"))
        .first()
    )
    if sanction is None:
        raise signing.BadSignature("unknown sanction")
    return sanction
