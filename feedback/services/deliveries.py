"""The outbox: sending each ``Delivery`` row once, with retries, and sweeping stuck ones.

Guarantees, exactly:

* In-app notices are exactly once: the notifications and the row's ``sent``
  mark are written in one transaction under the row's lock.
* E-mail and webhooks are at least once, duplicated only after a crash.
  ``deliver`` claims the row (pending → sending, committed) before the
  network call and marks it sent afterwards. Two workers never send the
  same row at once (the claim is taken under ``select_for_update`` and
  checks the status). A worker that dies before the claim commits leaves the
  row pending; one that dies after it leaves it ``sending``: the sweep
  (``requeue_stuck_deliveries``, every minute) puts a row pending again
  when its claim is older than ``LIAISON_FEEDBACK_STUCK_SECONDS`` (60: more
  than a job's hard time limit, so no live worker still sends it) and
  re-enqueues it, so nothing is lost, but a send that happened just before
  the crash happens again: once per worker process that was sending.
  Receivers dedupe on the Delivery id, sent as ``X-Liaison-Delivery`` /
  ``Idempotency-Key`` (webhooks) and in the ``Message-ID`` /
  ``X-Liaison-Delivery`` header (e-mail).
* A failed attempt is retried after ``LIAISON_FEEDBACK_RETRY_BASE_SECONDS``
  times 2^(attempt-1); after ``LIAISON_FEEDBACK_MAX_ATTEMPTS`` the row is
  ``failed`` and waits for a person's retry (``retry_delivery``).
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from config.celery import enqueue_on_commit
from feedback import tasks, webhooks
from feedback.models import Channel, Delivery, DeliveryStatus, Insight, RoutingDecision
from feedback.notices import WORK_NOTICE
from feedback.permissions import check_can_work_insight
from feedback.services.insights import supporter_ids
from notifications.services import notify_member
from web.links import absolute_url

logger = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """An attempt failed and another is due in ``retry_in`` seconds."""

    def __init__(self, message: str, retry_in: float):
        super().__init__(message)
        self.retry_in = retry_in


def max_attempts() -> int:
    """How many attempts a delivery gets before it is marked failed."""
    return settings.LIAISON_FEEDBACK_MAX_ATTEMPTS


def backoff_seconds(attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt: base times 2^(attempts-1)."""
    base = settings.LIAISON_FEEDBACK_RETRY_BASE_SECONDS
    return base * 2 ** max(attempts - 1, 0)


def stuck_after() -> timedelta:
    """How old a claim or a pending row must be before the sweep takes it up again."""
    return timedelta(seconds=settings.LIAISON_FEEDBACK_STUCK_SECONDS)


def enqueue_delivery(delivery_id: int) -> None:
    """Send ``delivery_id`` after the current transaction commits (the sweep, if the broker
    is down)."""
    enqueue_on_commit(tasks.deliver_task, delivery_id)


#: The most supporters a webhook names; ``supporter_count`` always has them all.
WEBHOOK_SUPPORTERS = 100


def webhook_body(delivery: Delivery) -> bytes:
    """Return the JSON a department's webhook receives about a routed insight.

    The insight's title, summary, status, kind, tags, link, its posts'
    permalinks, its supporter count and up to ``WEBHOOK_SUPPORTERS`` of its
    supporters (public handle and profile link, earliest accounts first);
    ``owner``, the department that works on it, and ``copy``, true when the
    receiving department only gets a copy (its tracker cannot update it).
    """
    insight = delivery.insight
    posts = insight.insight_posts.select_related("post__thread").order_by("pk")
    owner = owner_of(delivery)
    payload = {
        "delivery": delivery.pk,
        "event": "insight.routed",
        "department": delivery.department.slug,
        "owner": owner.slug if owner else None,
        "copy": owner is not None and owner.pk != delivery.department_id,
        "insight": {
            "id": insight.pk,
            "title": insight.title,
            "summary": insight.summary,
            "status": insight.status,
            "kind": insight.kind.slug,
            "tags": sorted(insight.tags.values_list("name", flat=True)),
            "supporter_count": insight.supporter_count,
            "supporters": [
                {"username": member.username, "url": absolute_url(member.get_absolute_url())}
                for member in User.objects.filter(pk__in=supporter_ids(insight)).order_by("pk")[
                    :WEBHOOK_SUPPORTERS
                ]
            ],
            "url": absolute_url(insight.get_absolute_url()),
            "posts": [absolute_url(link.post.get_absolute_url()) for link in posts],
        },
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def owner_of(delivery: Delivery):
    """Return the department that owns the insight in ``delivery``'s routing round: the
    delivery's own department, or another one when the delivery is a copy."""
    decision = (
        RoutingDecision.objects.filter(
            insight_id=delivery.insight_id, routing_round=delivery.routing_round
        )
        .select_related("to_department")
        .first()
    )
    return decision.to_department if decision else delivery.department


def _email(delivery: Delivery) -> EmailMessage:
    insight = delivery.insight
    owner = owner_of(delivery)
    is_copy = owner is not None and owner.pk != delivery.department_id
    posts = insight.insight_posts.select_related("post__thread").order_by("pk")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "insight": insight,
            "department": delivery.department,
            "owner": owner,
            "is_copy": is_copy,
            "url": absolute_url(insight.get_absolute_url()),
            "post_urls": [absolute_url(link.post.get_absolute_url()) for link in posts],
        }
        if is_copy:
            subject = _("For your information: feedback for %(department)s: %(title)s") % {
                "department": owner.name,
                "title": insight.title,
            }
        else:
            subject = _("New feedback for %(department)s: %(title)s") % {
                "department": delivery.department.name,
                "title": insight.title,
            }
        subject = " ".join(subject.split())  # a header is one line (RFC 5322)
        body = render_to_string("feedback/email/new_insight.txt", context)
    return EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=body,
        to=[delivery.department.contact_email],
        headers={
            "Message-ID": f"<feedback-delivery-{delivery.pk}@liaison>",
            "X-Liaison-Delivery": str(delivery.pk),
        },
    )


def _notify_staff(delivery: Delivery) -> int:
    """Give each active staff member of the department an in-app (or e-mail) notice."""
    insight = delivery.insight
    url = reverse("feedback:insight_detail", kwargs={"insight_id": insight.pk})
    count = 0
    for member in delivery.department.staff.filter(is_active=True).order_by("pk"):
        with translation.override(member.language or settings.LANGUAGE_CODE):
            message = _("New feedback for %(department)s: %(title)s") % {
                "department": delivery.department.name,
                "title": insight.title,
            }
        if notify_member(recipient=member, kind=WORK_NOTICE.value, message=message, url=url):
            count += 1
    return count


def _load(delivery_id: int) -> Delivery | None:
    """Lock and return the delivery row, related rows loaded after the lock."""
    delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is not None:
        delivery.insight = Insight.objects.select_related("kind").get(pk=delivery.insight_id)
        delivery.department  # noqa: B018 -- load it now, inside the lock
    return delivery


def deliver(*, delivery_id: int) -> bool:
    """Send one pending delivery; return whether this call sent it.

    Input: the id of a ``Delivery``. Output: ``True`` when sent now, ``False``
    when there was nothing to do (gone, already sending elsewhere, sent or
    failed) or when the last attempt failed and the row is now ``failed``.
    Raises ``DeliveryFailed`` when this attempt failed and another is due.
    """
    with transaction.atomic():
        delivery = _load(delivery_id)
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return False
        if delivery.channel == Channel.IN_APP:
            _notify_staff(delivery)
            delivery.status = DeliveryStatus.SENT
            delivery.attempts += 1
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["status", "attempts", "sent_at"])
            return True
        if delivery.attempts >= max_attempts():
            # Every attempt was claimed and none came back: the send itself stops workers.
            delivery.status = DeliveryStatus.FAILED
            delivery.last_error = _("No attempt finished; the worker stopped while sending.")
            delivery.save(update_fields=["status", "last_error"])
            return False
        delivery.status = DeliveryStatus.SENDING
        delivery.attempts += 1
        delivery.claimed_at = timezone.now()
        delivery.save(update_fields=["status", "attempts", "claimed_at"])
    try:
        if delivery.channel == Channel.EMAIL:
            _email(delivery).send()
        else:
            webhooks.post(
                url=delivery.department.webhook_url,
                secret=delivery.department.webhook_secret,
                body=webhook_body(delivery),
                delivery_id=delivery.pk,
            )
    except Exception as error:  # a refused header as much as a network error: one failed attempt
        logger.warning("Delivery %s failed: %r", delivery.pk, error)
        return _record_failure(delivery, str(error) or error.__class__.__name__)
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _record_failure(delivery: Delivery, error: str) -> bool:
    """Put a failed attempt back in the queue with a backoff, or mark the row failed."""
    if delivery.attempts >= max_attempts():
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.FAILED, last_error=error[:2000]
        )
        return False
    wait = backoff_seconds(delivery.attempts)
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.PENDING,
        last_error=error[:2000],
        next_attempt_at=timezone.now() + timedelta(seconds=wait),
    )
    raise DeliveryFailed(error, retry_in=wait)


@transaction.atomic
def requeue_stuck_deliveries(*, older_than: timedelta | None = None) -> int:
    """Re-enqueue deliveries that no worker is working on; return how many.

    A ``sending`` row whose claim is older than ``older_than`` (default
    ``LIAISON_FEEDBACK_STUCK_SECONDS``) belonged to a worker that died: it
    becomes pending again (this is where a send may repeat). A ``pending``
    row due that long ago lost its job (a broker restart): it is enqueued again.
    Either way its next attempt is due now, so a backlog is enqueued again once per
    period at most. Enqueueing a row twice is harmless, ``deliver`` claims it once.
    """
    cutoff = timezone.now() - (stuck_after() if older_than is None else older_than)
    stale = Q(status=DeliveryStatus.SENDING, claimed_at__lte=cutoff)
    late = Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=cutoff)
    ids = list(
        Delivery.objects.select_for_update(skip_locked=True)
        .filter(stale | late)
        .values_list("pk", flat=True)
    )
    # Restart the clock of every row taken up, so that the next sweep leaves it to the job
    # enqueued now instead of piling another on a backlog the workers are still working off.
    Delivery.objects.filter(pk__in=ids).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now()
    )
    for delivery_id in ids:
        enqueue_delivery(delivery_id)
    return len(ids)


@transaction.atomic
def retry_delivery(*, actor: User, delivery: Delivery) -> Delivery:
    """Give a failed delivery a fresh set of attempts; return it.

    Raises ``Http404``/``PermissionDenied`` unless ``actor`` may work its
    insight, ``ValidationError`` (code ``not_failed``) unless it failed.
    """
    check_can_work_insight(actor, delivery.insight)
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != DeliveryStatus.FAILED:
        raise ValidationError(_("Only failed deliveries can be retried."), code="not_failed")
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    enqueue_delivery(delivery.pk)
    return delivery
