"""The outbox: each delivery sent once, retried with backoff, then failed; the signature recipe."""

import json

import pytest
from django.core.exceptions import ValidationError

from feedback import services, webhooks
from feedback.models import Channel, Delivery, DeliveryStatus
from feedback.services.deliveries import webhook_body
from notifications.models import Notification
from tests.feedback.factories import DepartmentFactory, InsightFactory, kind, staff_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def hook_department():
    return DepartmentFactory(webhook_url="https://tracker.test/hook", webhook_secret="s3cret")


@pytest.fixture
def posted(monkeypatch):
    """Record webhook posts instead of sending them; ``posted.fail`` makes them fail."""

    class Recorder(list):
        fail = False

    calls = Recorder()

    def fake_post(*, url, secret, body, delivery_id):
        if calls.fail:
            raise webhooks.WebhookError("HTTP 500")
        calls.append((url, body, delivery_id))
        return 200

    monkeypatch.setattr(webhooks, "post", fake_post)
    return calls


def route(manager, department):
    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    return insight


def test_every_delivery_is_sent_exactly_once_under_a_rerun(
    manager, hook_department, posted, mailoutbox
):
    staff = staff_of(hook_department)
    insight = route(manager, hook_department)
    deliveries = list(Delivery.objects.filter(insight=insight))
    assert {d.channel for d in deliveries} == {"in_app", "email", "webhook"}
    for _round in range(3):
        for delivery in deliveries:
            services.deliver(delivery_id=delivery.pk)
    assert len(posted) == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].extra_headers["X-Liaison-Delivery"].isdigit()
    assert Notification.objects.filter(recipient=staff).count() == 1
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_the_webhook_body_names_the_insight_and_its_permalinks(
    manager, hook_department, posted, post
):
    insight = services.capture_feedback(actor=manager, post=post, kind=InsightFactory().kind)
    services.route_insight_manually(actor=manager, insight=insight, department=hook_department)
    delivery = Delivery.objects.get(channel=Channel.WEBHOOK)
    services.deliver(delivery_id=delivery.pk)
    body = json.loads(posted[0][1])
    assert body["delivery"] == delivery.pk
    assert body["insight"]["posts"] == ["http://127.0.0.1:8000" + post.get_absolute_url()]
    assert body["insight"]["supporter_count"] == 1
    assert body["insight"]["supporters"] == [
        {
            "username": post.author.username,
            "url": "http://127.0.0.1:8000" + post.author.get_absolute_url(),
        }
    ]
    assert body["insight"]["kind"] == "idea"


def test_a_failing_delivery_backs_off_then_fails_and_can_be_retried(
    manager, hook_department, posted, settings
):
    settings.LIAISON_FEEDBACK_MAX_ATTEMPTS = 3
    settings.LIAISON_FEEDBACK_RETRY_BASE_SECONDS = 10
    posted.fail = True
    insight = route(manager, hook_department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.WEBHOOK)
    waits = []
    for _attempt in range(2):
        with pytest.raises(services.DeliveryFailed) as failure:
            services.deliver(delivery_id=delivery.pk)
        waits.append(failure.value.retry_in)
    assert waits == [10, 20]
    assert services.deliver(delivery_id=delivery.pk) is False
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", 3, "HTTP 500")
    assert services.deliver(delivery_id=delivery.pk) is False
    posted.fail = False
    services.retry_delivery(actor=manager, delivery=delivery)
    services.deliver(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    with pytest.raises(ValidationError):
        services.retry_delivery(actor=manager, delivery=delivery)


def test_in_process_a_failed_attempt_waits_for_the_sweep(manager, hook_department, posted):
    posted.fail = True
    insight = route(manager, hook_department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.WEBHOOK)
    from feedback.tasks import deliver_task

    assert deliver_task.delay(delivery.pk).get() is False
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)


def test_a_stuck_sending_row_is_requeued_and_sent(manager, hook_department, posted):
    from datetime import timedelta

    from django.utils import timezone

    insight = route(manager, hook_department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.WEBHOOK)
    Delivery.objects.filter(pk=delivery.pk).update(
        status="sending", claimed_at=timezone.now() - timedelta(hours=1), attempts=1
    )
    assert services.deliver(delivery_id=delivery.pk) is False
    assert services.requeue_stuck_deliveries() >= 1
    assert services.deliver(delivery_id=delivery.pk) is True
    assert len(posted) == 1


def test_the_signature_recipe_accepts_the_right_signature_only():
    body = b'{"insight": 1}'
    signature = webhooks.sign(secret="k", timestamp=1700000000, body=body)
    webhooks.verify(
        secret="k", timestamp="1700000000", signature=signature, body=body, now=1700000100
    )
    for secret, timestamp, sig, now in [
        ("other", "1700000000", signature, 1700000100),
        ("k", "1700000000", "0" * 64, 1700000100),
        ("k", "1700000000", signature, 1700000000 + 301),
        ("k", "soon", signature, 1700000100),
        ("", "1700000000", signature, 1700000100),
    ]:
        with pytest.raises(webhooks.InvalidSignature):
            webhooks.verify(secret=secret, timestamp=timestamp, signature=sig, body=body, now=now)


def test_the_signature_is_hmac_sha256_over_timestamp_dot_body():
    import hashlib
    import hmac

    expected = hmac.new(b"k", b"123.{}", hashlib.sha256).hexdigest()
    assert webhooks.sign(secret="k", timestamp=123, body=b"{}") == expected


def test_the_sweep_enqueues_a_late_pending_row_once_per_period(manager, hook_department):
    from datetime import timedelta

    from django.utils import timezone

    insight = route(manager, hook_department)
    Delivery.objects.filter(insight=insight).update(
        status="pending", next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    count = Delivery.objects.filter(insight=insight).count()

    assert services.requeue_stuck_deliveries() == count
    assert services.requeue_stuck_deliveries() == 0


def test_the_sweep_routes_an_insight_whose_routing_job_was_lost(
    manager, hook_department, committed
):
    from datetime import timedelta

    from django.utils import timezone

    from feedback.models import RoutingRule
    from tests.feedback.factories import InsightFactory

    RoutingRule.objects.create(name="All", department=hook_department, keywords="lost")
    insight = InsightFactory(title="A lost idea", created_at=timezone.now() - timedelta(hours=1))
    fresh = InsightFactory(title="A lost one just now")

    with committed():
        assert services.requeue_lost_routing() == 1
    insight.refresh_from_db()
    fresh.refresh_from_db()
    assert (insight.department, insight.routing_round) == (hook_department, 1)
    assert fresh.routing_round == 0
    assert services.requeue_lost_routing() == 0


def test_a_delivery_cut_by_a_killed_worker_is_sent_again_within_two_minutes(
    manager, hook_department, posted, settings
):
    """A claim older than LIAISON_FEEDBACK_STUCK_SECONDS goes back to pending at the next
    sweep, and the sweep runs every minute: a claim cut by a kill is retried within
    two minutes (the review found five). No live worker still sends such a claim: the
    hard time limit ends every job sooner."""
    from datetime import timedelta

    from django.utils import timezone

    stuck = settings.LIAISON_FEEDBACK_STUCK_SECONDS
    sweep = settings.CELERY_BEAT_SCHEDULE["requeue-stuck-feedback-deliveries"]["schedule"]
    assert sweep.minute == set(range(60))
    assert stuck + 60 <= 120
    assert stuck > settings.CELERY_TASK_TIME_LIMIT
    insight = route(manager, hook_department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.WEBHOOK)
    Delivery.objects.filter(pk=delivery.pk).update(
        status="sending", claimed_at=timezone.now() - timedelta(seconds=stuck + 1), attempts=1
    )

    assert services.requeue_stuck_deliveries() == 1
    assert services.deliver(delivery_id=delivery.pk) is True
    assert len(posted) == 1


# Feedback review: a line break in a department's name broke its e-mail's subject.
def test_a_department_name_with_a_line_break_still_gets_its_e_mail(manager, department, mailoutbox):
    from feedback.models import Department
    from tests.feedback.factories import InsightFactory

    Department.objects.filter(pk=department.pk).update(name="Product\nBcc: victim@example.test")
    department.refresh_from_db()
    insight = InsightFactory(title="Fine title")
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.EMAIL)

    assert services.deliver(delivery_id=delivery.pk) is True
    assert mailoutbox[0].subject.endswith(
        "New feedback for Product Bcc: victim@example.test: Fine title"
    )
    assert mailoutbox[0].bcc == []


# Feedback review: a row whose every claim died with its worker was retried forever.
def test_a_delivery_whose_send_keeps_stopping_the_worker_ends_failed(settings, manager, department):
    from datetime import timedelta

    from django.utils import timezone

    from tests.feedback.factories import InsightFactory

    settings.LIAISON_FEEDBACK_MAX_ATTEMPTS = 3
    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.EMAIL)
    # Three claims, each cut short by a worker that died mid-send.
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, attempts=3, claimed_at=timezone.now() - timedelta(hours=1)
    )

    assert services.requeue_stuck_deliveries() == 1
    assert services.deliver(delivery_id=delivery.pk) is False

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert "worker stopped" in delivery.last_error
    assert services.requeue_stuck_deliveries() == 0


# Feedback review: a refused header left the row 'sending', retried forever.
def test_any_error_while_sending_is_a_failed_attempt_not_a_stuck_row(
    monkeypatch, manager, department
):
    from django.core.mail import BadHeaderError

    from tests.feedback.factories import InsightFactory

    def refuse(self, *args, **kwargs):
        raise BadHeaderError("Header values can't contain newlines")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.EMAIL)

    with pytest.raises(services.DeliveryFailed):
        services.deliver(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert "newlines" in delivery.last_error


# Feedback review: departments that get a copy were not told so.
def test_a_department_with_a_copy_is_told_so_and_gets_the_threads(
    manager, department, other_department, post, mailoutbox, committed
):
    import json as json_module

    from feedback.models import RoutingRule

    other_department.webhook_url = "https://sales.test/hook"
    other_department.webhook_secret = "s"
    other_department.save()
    RoutingRule.objects.create(
        name="Product first", department=department, keywords="export", stop_processing=False
    )
    RoutingRule.objects.create(name="Sales too", department=other_department, keywords="export")
    with committed():
        insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    insight.refresh_from_db()
    assert insight.department == department

    # The deliveries ran after commit, in-process.
    copy_mail = next(m for m in mailoutbox if m.to == [other_department.contact_email])
    own_mail = next(m for m in mailoutbox if m.to == [department.contact_email])
    hook = Delivery.objects.get(department=other_department, channel=Channel.WEBHOOK)
    body = json_module.loads(webhook_body(hook))

    assert "For your information" in copy_mail.subject and "Product" in copy_mail.subject
    assert post.get_absolute_url() in copy_mail.body
    assert insight.get_absolute_url() not in copy_mail.body
    assert insight.get_absolute_url() in own_mail.body
    assert (body["department"], body["owner"], body["copy"]) == ("sales", "product", True)
