"""E-mail of notifications: single mails, daily digests and one-click unsubscribe.

Every mail is multipart (text and HTML), in the recipient's language, and
carries a signed unsubscribe link that works without signing in, also as
``List-Unsubscribe`` with ``List-Unsubscribe-Post`` (RFC 8058).
"""

import re

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from notifications import registry
from notifications.models import Channel, Notification
from notifications.services.notifications import channels_for, set_notification_preferences
from web.links import absolute_url

# Named when the forum sent these e-mails; links already mailed carry it.
UNSUBSCRIBE_SALT = "liaison.community.unsubscribe"
#: "all" in an unsubscribe token turns every kind of e-mail off.
ALL_KINDS = "all"
#: A link or image path on this site (``href="/u/alice/"``), not a protocol-relative
#: URL (``//host/``). Attribute values are double-quoted both in our templates and in
#: the post HTML that nh3 serialises.
SITE_PATH_ATTRIBUTE = re.compile(r'\b(href|src)="/(?!/)')


def make_unsubscribe_token(*, user: User, kind: str) -> str:
    """Return a signed token that turns e-mail for ``kind`` (or ``"all"``) off for ``user``."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(*, token: str) -> tuple[User, str]:
    """Return the member and kind (or ``"all"``) an unsubscribe token names.

    Raises ``signing.BadSignature`` for a forged token or an unknown member or
    kind, and ``signing.SignatureExpired`` for one older than
    ``LIAISON_UNSUBSCRIBE_MAX_AGE_SECONDS``.
    """
    data = signing.loads(
        token, salt=UNSUBSCRIBE_SALT, max_age=settings.LIAISON_UNSUBSCRIBE_MAX_AGE_SECONDS
    )
    if not isinstance(data, dict):
        raise signing.BadSignature("malformed token")
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    kind = data.get("k")
    if user is None or (kind != ALL_KINDS and kind not in registry.values()):
        raise signing.BadSignature("unknown member or kind")
    return user, kind


def unsubscribe(*, token: str) -> tuple[User, str]:
    """Turn e-mail off as a token from ``make_unsubscribe_token`` says, without signing in.

    E-mail and digest channels become in-app. Returns the member and the
    kind; raises as ``read_unsubscribe_token`` does.
    """
    user, kind = read_unsubscribe_token(token=token)
    kinds = registry.values() if kind == ALL_KINDS else [kind]
    current = {}
    for each in kinds:
        channel = channels_for([user.pk], each)[user.pk]
        if channel in (Channel.EMAIL, Channel.DIGEST):
            current[each] = Channel.IN_APP
    set_notification_preferences(user=user, channels=current)
    return user, kind


def absolute_links(html: str) -> str:
    """Return ``html`` with its links and images to paths of the site made absolute.

    Posts store links as paths (``/u/alice/``, ``/t/…``), which a mail client
    cannot open.
    """
    return SITE_PATH_ATTRIBUTE.sub(lambda match: f'{match[1]}="{absolute_url("/")}', html)


def _build_email(user: User, notifications: list[Notification], *, digest: bool):
    """Return the e-mail of ``notifications`` to ``user``: a digest, or one notification's.

    A single notification's mail names it in its ``Message-ID`` and
    ``X-Liaison-Notification``: a mail sent again after a crash carries the same id.
    """
    kind = ALL_KINDS if digest else notifications[0].kind
    unsubscribe_url = absolute_url(
        reverse(
            "notifications:unsubscribe",
            kwargs={"token": make_unsubscribe_token(user=user, kind=kind)},
        )
    )
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "recipient": user,
            "notifications": notifications,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": absolute_url(reverse("notifications:notification_preferences")),
            "base_url": absolute_url(""),
        }
        template = "notifications/email/digest" if digest else "notifications/email/notification"
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = absolute_links(render_to_string(f"{template}.html", context))
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if not digest:
        headers["Message-ID"] = f"<notification-{notifications[0].pk}@liaison>"
        headers["X-Liaison-Notification"] = str(notifications[0].pk)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        to=[user.email],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def send_notification_emails(*, notification_ids: list[int]) -> int:
    """Send the e-mail of each notification that still needs one; return how many were sent.

    Each notification row is locked and stamped ``emailed_at`` in the same
    transaction as its send, so a rerun never mails twice; a worker that dies
    between the send and the commit leaves it unstamped, and the sweep sends
    it again with the same ``Message-ID`` (at least once).
    """
    sent = 0
    for notification_id in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient", "actor", "post__thread")
                .filter(pk=notification_id, emailed_at__isnull=True, channel=Channel.EMAIL)
                .first()
            )
            if notification is None or not notification.recipient.is_active:
                continue
            _build_email(notification.recipient, [notification], digest=False).send()
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent


def send_daily_digests() -> int:
    """Mail each member their digest of notifications not yet mailed; return digests sent."""
    recipient_ids = (
        Notification.objects.filter(channel=Channel.DIGEST, emailed_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in list(recipient_ids):
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient", "actor", "post__thread")
                .filter(
                    recipient_id=recipient_id,
                    channel=Channel.DIGEST,
                    emailed_at__isnull=True,
                )
                .order_by("-updated_at")
            )
            if not pending or not pending[0].recipient.is_active:
                continue
            _build_email(pending[0].recipient, pending, digest=True).send()
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                emailed_at=timezone.now()
            )
            sent += 1
    return sent
