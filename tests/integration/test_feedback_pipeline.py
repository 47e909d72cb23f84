"""Feedback travels through a real Celery worker on Redis and PostgreSQL to real receivers.

A batch of posts is captured as feedback; each insight is routed and its
deliveries (in-app notices, e-mail to an aiosmtpd server, signed webhooks
to a local http.server that checks the signature) must arrive once per
Delivery id. One test SIGKILLs a prefork worker mid-batch and starts another.

The delivery test captures ``BATCH`` (1,000) posts, as the feedback issue asks; the kill
test a smaller ``KILL_BATCH`` (400), enough to kill the worker mid-batch.
"""

import json
import os
import signal
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.db.models import Count

from accounts.models import TrustLevel
from accounts.roles import Role
from community.models import Post
from feedback import services, webhooks
from feedback.models import (
    Delivery,
    DeliveryStatus,
    Department,
    DepartmentMembership,
    Insight,
    RoutingRule,
)
from feedback.notices import WORK_NOTICE
from notifications.models import Channel, Notification
from notifications.services import set_notification_preferences
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory
from tests.conftest import (
    PREFORK,
    database_url_for_subprocess,
    free_port,
    start_celery_worker,
    stop_process,
)
from tests.feedback import faults
from tests.feedback.factories import kind
from tests.feedback.mailbox import DeliveryInbox

pytestmark = pytest.mark.services

#: 1,000 insights x 3 channels = 3,000 deliveries plus 1,000 routing jobs: about two
#: minutes with the solo worker (some 20 ms a job) on this 2-core machine.
BATCH = 1000
#: The kill test needs only a batch long enough to kill the worker in its middle.
KILL_BATCH = 400
#: Seconds a test waits for its batch before it reports where the batch is stuck.
TIMEOUT = 300
SECRET = "integration-secret"


class Receiver:
    """A webhook receiver on 127.0.0.1 that checks signatures and fails for the poison insight."""

    def __init__(self):
        self.delivery_ids: list[int] = []
        self.forged = 0
        #: A webhook about an insight whose title contains this answers 500, always.
        self.poison_title = "POISON"
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                try:
                    webhooks.verify(
                        secret=SECRET,
                        timestamp=self.headers["X-Liaison-Timestamp"],
                        signature=self.headers["X-Liaison-Signature"],
                        body=body,
                    )
                except webhooks.InvalidSignature:
                    with receiver.lock:
                        receiver.forged += 1
                    self.send_response(403)
                    self.end_headers()
                    return
                payload = json.loads(body)
                if receiver.poison_title in payload["insight"]["title"]:
                    self.send_response(500)
                    self.end_headers()
                    return
                with receiver.lock:
                    receiver.delivery_ids.append(int(self.headers["X-Liaison-Delivery"]))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture
def receivers(worker_environment):
    inbox = DeliveryInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    worker_environment["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    worker_environment["DJANGO_SETTINGS_MODULE"] = "tests.feedback.worker_settings"
    receiver = Receiver()
    receiver.thread.start()
    yield inbox, receiver
    receiver.server.shutdown()
    controller.stop()


def setup_pipeline(receiver, size: int = BATCH):
    manager = UserFactory(role=Role.COMMUNITY_MANAGER, trust_level=TrustLevel.LEADER)
    department = Department.objects.create(
        name="Product",
        slug="product",
        contact_email="product@company.test",
        webhook_url=receiver.url,
        webhook_secret=SECRET,
    )
    staff = UserFactory(role=Role.DEPARTMENT_STAFF, trust_level=TrustLevel.MEMBER)
    DepartmentMembership.objects.create(department=department, user=staff)
    # The department's mailbox has the e-mail channel; its staff read their notices in the app.
    set_notification_preferences(user=staff, channels={WORK_NOTICE.value: Channel.IN_APP})
    RoutingRule.objects.create(name="All ideas", department=department, keywords="idea")
    category = CategoryFactory(name="Ideas", slug="ideas", is_feedback_welcome=True)
    author = UserFactory(trust_level=TrustLevel.MEMBER)
    for number in range(size):
        ThreadFactory(category=category, author=author, title=f"Idea number {number}")
    posts = list(Post.objects.filter(thread__category=category).select_related("thread__category"))
    return manager, staff, posts


def capture_all(manager, posts, title=None):
    for post in posts:
        services.capture_feedback(actor=manager, post=post, kind=kind("idea"), title=title or "")


def assert_sent_once_each(inbox, receiver, staff, expected_insights, poison_ids=()):
    """Check that every delivery but the poison insight's was sent, each received at least
    once; return how many e-mails and webhooks arrived more than once."""
    poison = set(Delivery.objects.filter(insight_id__in=poison_ids).values_list("pk", flat=True))
    deliveries = Delivery.objects.exclude(insight_id__in=poison_ids)
    by_channel = {
        channel: set(deliveries.filter(channel=channel).values_list("pk", flat=True))
        for channel in ("in_app", "email", "webhook")
    }
    assert all(len(ids) == expected_insights for ids in by_channel.values())
    assert set(deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    emails = [each for each in inbox.delivery_ids if each not in poison]
    webhooks_received = [each for each in receiver.delivery_ids if each not in poison]
    assert set(emails) == by_channel["email"]
    assert set(webhooks_received) == by_channel["webhook"]
    notices = Notification.objects.filter(recipient=staff, kind=WORK_NOTICE.value)
    assert notices.count() == expected_insights + len(poison_ids)
    assert receiver.forged == 0
    return len(emails) - expected_insights, len(webhooks_received) - expected_insights


def outbox_report(log_path) -> str:
    """Say where the batch is stuck: deliveries per channel and status, the worker's last words."""
    counts = (
        Delivery.objects.values_list("channel", "status")
        .annotate(count=Count("pk"))
        .order_by("channel", "status")
    )
    unrouted = Insight.objects.filter(routing_round=0).count()
    log = log_path.read_text().splitlines() if log_path.exists() else []
    return "\n".join(
        [f"deliveries: {list(counts)}", f"insights never routed: {unrouted}", *log[-40:]]
    )


def test_a_batch_of_feedback_is_delivered_once_per_channel(receivers, celery_worker, tmp_path):
    """Each of BATCH insights reaches each channel exactly once; the poison webhook and the
    insight whose routing always fails end failed after their attempts and block nothing."""
    inbox, receiver = receivers
    manager, staff, posts = setup_pipeline(receiver)
    poison = posts.pop()
    unroutable = posts.pop()

    capture_all(manager, posts[: len(posts) // 2])
    capture_all(manager, [poison], title=f"{receiver.poison_title} idea")
    capture_all(manager, [unroutable], title=f"{faults.POISON} idea")
    capture_all(manager, posts[len(posts) // 2 :])
    poison_delivery = lambda: Delivery.objects.get(  # noqa: E731
        insight__insight_posts__post=poison, channel="webhook"
    )
    unroutable_insight = lambda: Insight.objects.get(insight_posts__post=unroutable)  # noqa: E731

    done = lambda: (  # noqa: E731
        Delivery.objects.filter(status=DeliveryStatus.SENT).count() >= 3 * len(posts) + 2
        and Delivery.objects.filter(status=DeliveryStatus.FAILED).count() == 1
        and unroutable_insight().routing_failed_at is not None
    )
    assert celery_worker(done, timeout=TIMEOUT), outbox_report(tmp_path / "celery-worker.log")
    time.sleep(1)  # a duplicate, if there were one, would show up now
    poison_id = poison_delivery().insight_id
    duplicates = assert_sent_once_each(inbox, receiver, staff, len(posts), [poison_id])
    assert duplicates == (0, 0)
    failed = poison_delivery()
    assert (failed.status, failed.attempts, failed.last_error) == ("failed", 3, "HTTP 500")
    stranded = unroutable_insight()
    assert (stranded.department, stranded.routing_round, stranded.routing_attempts) == (None, 0, 3)
    assert "cannot be evaluated" in stranded.routing_error
    assert not stranded.deliveries.exists()
    assert services.requeue_lost_routing(older_than=timedelta(0)) == 0


@pytest.mark.parametrize("worker_pool", [PREFORK], ids=["prefork"])
def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_only_sends_cut_by_the_kill(
    receivers, celery_worker, tmp_path, redis_service, worker_environment
):
    """A second worker and the sweep finish the batch. Only a send cut between the network
    call and its "sent" mark may repeat (at least once), one per child that was sending:
    receivers dedupe on the id. Both workers run the prefork pool production runs, two
    children with jobs side by side (the solo pool hid what that repeats)."""
    inbox, receiver = receivers
    manager, staff, posts = setup_pipeline(receiver, KILL_BATCH)
    capture_all(manager, posts)
    assert celery_worker(
        lambda: Delivery.objects.filter(status=DeliveryStatus.SENT).count() >= len(posts) // 2,
        timeout=60,
    )
    # The whole worker dies at once, its children too, as when its container is killed.
    for pid in our_worker_pids(worker_environment["EMAIL_URL"]):
        os.kill(pid, signal.SIGKILL)
    sent_at_kill = Delivery.objects.filter(status=DeliveryStatus.SENT).count()
    assert sent_at_kill < 3 * len(posts), "the batch ended before the kill"

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.feedback.worker_settings",
        "DATABASE_URL": database_url_for_subprocess(),
        "REDIS_URL": redis_service,
        "CELERY_BROKER_URL": redis_service,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        **worker_environment,
    }
    second = start_celery_worker(env, tmp_path / "second-worker.log", PREFORK)
    try:
        # The sweep, as beat would run it, once the second worker has worked off the queue:
        # claims cut by the kill go back to pending, lost routing and delivery jobs return.
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if finished(len(posts)):
                break
            if second.poll() is not None:
                raise AssertionError((tmp_path / "second-worker.log").read_text())
            if queued_messages() == 0:
                services.sweep_lost_jobs(older_than=timedelta(seconds=3))
            time.sleep(1)
        assert finished(len(posts)), outbox_report(tmp_path / "second-worker.log")
        time.sleep(1)
        email_repeats, webhook_repeats = assert_sent_once_each(inbox, receiver, staff, len(posts))
        assert email_repeats + webhook_repeats <= int(PREFORK[-1])
    finally:
        stop_process(second)
        forget_unacked_jobs()


def forget_unacked_jobs() -> None:
    """Drop the job the killed worker held: Redis would hand it out again in an hour, to
    whichever run then uses this database."""
    from config.celery import app

    with app.connection_for_write() as connection:
        channel = connection.default_channel
        channel.client.delete(channel.unacked_key, channel.unacked_index_key)


def finished(insights: int) -> bool:
    """Whether every insight was routed and every one of its deliveries sent."""
    return (
        Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 3 * insights
        and not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()
    )


def queued_messages() -> int:
    """Return how many jobs wait in the broker's default queue (Redis)."""
    from config.celery import app

    with app.connection_for_write() as connection:
        # On Redis a queue is a list, gone while empty.
        return connection.default_channel.client.llen(app.conf.task_default_queue)


def our_worker_pids(email_url: str) -> list[int]:
    """Return the pids of the worker the celery_worker fixture started, its children too:
    the only processes whose environment names this test's SMTP port."""
    marker = f"EMAIL_URL={email_url}".encode()
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as environ:
                variables = environ.read().split(b"\0")
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read()
        except OSError:
            continue
        if marker in variables and b"celery" in command:
            pids.append(int(entry))
    assert pids, "the worker is not running"
    return pids
