"""Members keep capturing and supporting feedback while Redis, the broker, is down.

The test runs its own ``redis-server`` as the broker, a real Celery worker
on it against PostgreSQL, and an aiosmtpd server as the departments' mailbox.
It stops Redis for ``OUTAGE_SECONDS`` (30, as the feedback issue says);
meanwhile members capture posts and support feedback through the services
and through the pages, and each answers at once, without an error. Redis
comes back empty (nothing is persisted), the sweep takes up the lost routing
jobs as soon as the worker reconnects, and every delivery then arrives exactly once.

The last test checks a member's first request of the day, which also
enqueues a trust-level job (``community.middleware.RecordVisitMiddleware``):
it too is answered while the broker is down (``config.celery.enqueue_on_commit``).
"""

import logging
import os
import shutil
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from accounts.models import TrustLevel
from accounts.roles import Role
from community.models import Post
from community.services import record_visit
from feedback import services
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
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.conftest import (
    RedisServer,
    database_url_for_subprocess,
    free_port,
    require_service,
    reset_broker_connections,
    start_celery_worker,
    stop_process,
    worker_waiter,
)
from tests.feedback.factories import kind
from tests.feedback.mailbox import DeliveryInbox

pytestmark = pytest.mark.services

#: How long Redis stays down, in seconds.
OUTAGE_SECONDS = 30
#: A member's request may take this long, in seconds, while the broker is down.
REQUEST_BUDGET = 2.0
#: Seconds to wait for the worker to work off what it was given.
TIMEOUT = 45


@pytest.fixture
def redis_server(tmp_path):
    require_service("redis-server", shutil.which("redis-server") is not None)
    server = RedisServer(tmp_path / "redis")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def broker(redis_server, settings):
    """Send this process's tasks to ``redis_server``; put the app's settings back afterwards."""
    from config.celery import app

    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_server.url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    reset_broker_connections(app)
    try:
        yield redis_server
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        reset_broker_connections(app)


@pytest.fixture
def inbox():
    handler = DeliveryInbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, f"smtp://127.0.0.1:{controller.port}"
    finally:
        controller.stop()


@pytest.fixture
def worker(postgres, transactional_db, broker, inbox, tmp_path):
    """Start a Celery worker on the test's Redis; yield ``wait_for(condition, timeout)``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.feedback.worker_settings",
        "DATABASE_URL": database_url_for_subprocess(),
        # One Redis for broker and cache, as in production: the outage takes both away.
        "REDIS_URL": broker.url,
        "CELERY_BROKER_URL": broker.url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_URL": inbox[1],
    }
    log_path = tmp_path / "celery-worker.log"
    process = start_celery_worker(env, log_path, ("--pool", "solo"))
    try:
        yield worker_waiter(process, log_path, default_timeout=TIMEOUT)
    finally:
        stop_process(process)
        print(log_path.read_text())


def setup_pipeline():
    """One department with a mailbox and an in-app staff member; one member with six ideas."""
    department = Department.objects.create(
        name="Product", slug="product", contact_email="product@company.test"
    )
    staff = UserFactory(role=Role.DEPARTMENT_STAFF, trust_level=TrustLevel.MEMBER)
    DepartmentMembership.objects.create(department=department, user=staff)
    set_notification_preferences(user=staff, channels={WORK_NOTICE.value: Channel.IN_APP})
    RoutingRule.objects.create(name="All ideas", department=department, keywords="idea")
    category = CategoryFactory(name="Ideas", slug="ideas", is_feedback_welcome=True)
    author = UserFactory(trust_level=TrustLevel.MEMBER)
    for number in range(6):
        ThreadFactory(category=category, author=author, title=f"Idea number {number}")
    posts = list(
        Post.objects.filter(thread__category=category)
        .select_related("thread__category")
        .order_by("pk")
    )
    return staff, author, posts


def all_sent(insights: int) -> bool:
    """Whether each of ``insights`` routed insights has its notice and e-mail sent."""
    return (
        Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 2 * insights
        and not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()
    )


def lost_jobs(caplog) -> list[str]:
    """Return the warnings about jobs that could not be enqueued."""
    return [each.getMessage() for each in caplog.records if each.name == "config.celery"]


def timed(call):
    """Run ``call()``; fail when it took longer than a member's request may."""
    started = time.monotonic()
    result = call()
    elapsed = time.monotonic() - started
    assert elapsed < REQUEST_BUDGET, f"took {elapsed:.1f} s with the broker down"
    return result


def test_feedback_captured_while_redis_is_down_is_delivered_once_it_is_back(
    worker, broker, inbox, client, caplog
):
    """Capturing and supporting answer at once during a 30 s outage; the sweep then sends
    every delivery, each exactly once."""
    mailbox, _url = inbox
    staff, author, posts = setup_pipeline()
    supporter = UserFactory(trust_level=TrustLevel.MEMBER)
    idea = kind("idea")
    for member in (author, supporter):  # keep this test to feedback's own jobs
        record_visit(user=member)

    # Before the outage: the pipeline works end to end (and the worker is connected).
    services.capture_feedback(actor=author, post=posts[0], kind=idea)
    assert worker(lambda: all_sent(1)), "the pipeline does not work before the outage"

    broker.stop()
    outage_started = time.monotonic()
    caplog.set_level(logging.WARNING, logger="config.celery")

    by_service = [
        timed(lambda post=post: services.capture_feedback(actor=author, post=post, kind=idea))
        for post in posts[1:4]
    ]
    client.force_login(author)
    for post in posts[4:]:
        url = reverse("feedback:capture", kwargs={"post_id": post.pk})
        response = timed(lambda url=url: client.post(url, {"kind": idea.pk, "title": "An idea"}))
        assert response.status_code == 302, response.content[:500]
    assert timed(lambda: services.support_insight(actor=supporter, insight=by_service[0]))
    client.force_login(supporter)
    support_url = reverse("feedback:support", kwargs={"insight_id": by_service[1].pk})
    assert timed(lambda: client.post(support_url)).status_code == 302

    # Nothing reached the worker; each lost routing job was logged.
    assert Insight.objects.filter(routing_round=0).count() == 5
    assert len(lost_jobs(caplog)) == 5, lost_jobs(caplog)
    assert [each.supporter_count for each in Insight.objects.order_by("pk")] == [1, 2, 2, 1, 1, 1]

    time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - outage_started)))
    broker.start()

    # The worker sweeps as it reconnects (config.celery.SweepOnConnect): the five routing
    # jobs go to the restarted broker within a minute, no beat period later.
    assert worker(lambda: all_sent(6), timeout=60), list(
        Delivery.objects.values_list("channel", "status", "attempts")
    )
    assert services.sweep_lost_jobs(older_than=timedelta(seconds=0)) == 0
    time.sleep(1)  # a duplicate, if there were one, would show up now

    assert len(lost_jobs(caplog)) == 5, lost_jobs(caplog)  # none after the restart
    emails = Delivery.objects.filter(channel="email")
    assert sorted(mailbox.delivery_ids) == sorted(emails.values_list("pk", flat=True))
    notices = Notification.objects.filter(recipient=staff, kind=WORK_NOTICE.value)
    assert sorted(notices.values_list("url", flat=True)) == sorted(
        reverse("feedback:insight_detail", kwargs={"insight_id": pk})
        for pk in Insight.objects.values_list("pk", flat=True)
    )
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


@pytest.fixture
def dead_broker(transactional_db, settings):
    """Point this process's tasks at a port where no broker listens."""
    from config.celery import app

    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    reset_broker_connections(app)
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        reset_broker_connections(app)


def test_a_members_first_request_of_the_day_is_answered_while_the_broker_is_down(
    dead_broker, client
):
    """Capturing feedback answers with its redirect even as the member's first request."""
    category = CategoryFactory(name="Ideas", slug="ideas", is_feedback_welcome=True)
    author = UserFactory(trust_level=TrustLevel.MEMBER)
    post = first_post(ThreadFactory(category=category, author=author, title="An idea"))
    client.force_login(author)
    url = reverse("feedback:capture", kwargs={"post_id": post.pk})
    response = timed(lambda: client.post(url, {"kind": kind("idea").pk, "title": "An idea"}))
    assert response.status_code == 302
