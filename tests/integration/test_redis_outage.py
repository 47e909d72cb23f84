"""Members keep signing in, reading, replying and capturing while Redis is down.

The production review saw every signed-in request answer 500 with Redis
stopped: sessions (``cached_db``), the cache, allauth's rate limits and the
broker all lived on the one Redis, and the test settings' in-memory cache hid
it. So this test runs the production settings (``config.settings.production``)
in gunicorn, against the test database and two ``redis-server`` of its own,
laid out as docker-compose.yml lays them out: a broker that never evicts and
a cache that evicts the least recently used key. A real worker (the prefork
pool production runs) uses the same settings. With both Redis servers stopped
for ``OUTAGE_SECONDS``, a member signs in, reads, replies and captures over
HTTP with no 5xx; once they are back, everything done meanwhile is dispatched
within ``DISPATCH_SECONDS``: the reply's five followers are notified and
mailed, the captured post is routed.
"""

import http.cookiejar
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.urls import reverse

from accounts.models import TrustLevel, User
from community.models import Post
from feedback.models import Department, Insight, RoutingRule
from notifications.kinds import ForumKind
from notifications.models import Notification, NotificationJob, ThreadSubscription
from tests.accounts.factories import PASSWORD, UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.conftest import (
    PREFORK,
    ROOT,
    RedisServer,
    database_url_for_subprocess,
    free_port,
    require_service,
    start_celery_worker,
)
from tests.feedback.factories import kind

pytestmark = pytest.mark.services

#: How long both Redis servers stay down, in seconds (the review's 30).
OUTAGE_SECONDS = 30
#: Everything done during the outage is dispatched this long after Redis is back, at most.
DISPATCH_SECONDS = 60
#: A request may take this long, in seconds, while Redis is down (signing in hashes the
#: password with production's PBKDF2 on a shared two-core machine).
REQUEST_BUDGET = 5.0
FOLLOWERS = 5


class Browser:
    """A member's browser over HTTP: cookies, CSRF tokens, redirects not followed."""

    class _Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._Stay()
        )
        #: (method, path, status, seconds) of every request, to report 5xx and slowness.
        self.log: list[tuple[str, str, int, float]] = []

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf_token()}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.monotonic()
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            status, text = error.code, error.read().decode(errors="replace")
        elapsed = time.monotonic() - started
        self.log.append(("POST" if data is not None else "GET", path, status, elapsed))
        return status, text

    def csrf_token(self) -> str:
        token = next((c.value for c in self.cookies if c.name == "csrftoken"), None)
        if token is None:
            self.request(reverse("account_login"))
            token = next(c.value for c in self.cookies if c.name == "csrftoken")
        return token

    def sign_in(self, email: str) -> int:
        self.request(reverse("account_login"))
        status, _text = self.request(
            reverse("account_login"), {"login": email, "password": PASSWORD}
        )
        return status


def wait_until(condition, timeout: float, *processes) -> float:
    """Poll ``condition`` until true; return the seconds it took, or fail after ``timeout``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        for process, log in processes:
            if process.poll() is not None:
                raise AssertionError(f"{process.args[:4]} exited:\n{log.read_text()[-5000:]}")
        time.sleep(0.5)
    raise AssertionError(f"not done within {timeout} s")


@pytest.fixture
def production_stack(postgres, transactional_db, tmp_path):
    """gunicorn and a Celery worker on the production settings, a broker and a cache Redis.

    Yields ``(base_url, broker, cache, processes)``; ``processes`` pairs each
    process with its log, for ``wait_until`` to report one that exited.
    """
    require_service("redis-server", shutil.which("redis-server") is not None)
    broker = RedisServer(tmp_path / "broker", "--maxmemory-policy", "noeviction")
    cache = RedisServer(
        tmp_path / "cache", "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"
    )
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "production-stack-test-key-" + "x" * 40,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: the cookies cannot be Secure-only here.
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": database_url_for_subprocess(),
        "REDIS_URL": broker.url,
        "CELERY_BROKER_URL": broker.url,
        "CACHE_URL": cache.url,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_URL": "consolemail://",
        "BASE_URL": f"http://127.0.0.1:{port}",
        # The test's members are seconds old and post in a burst: the new-member sandbox
        # and the 5 s between posts would hold them back.
        "SANDBOX_ENABLED": "0",
        "POST_LIMITS_ENABLED": "0",
    }
    for variable in ("CELERY_TASK_ALWAYS_EAGER", "REQUIRE_SERVICES"):
        env.pop(variable, None)
    # The manifest storage of production needs collectstatic's manifest to render a page.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    broker.start()
    cache.start()
    web_log, worker_log = tmp_path / "gunicorn.log", tmp_path / "celery-worker.log"
    with open(web_log, "w") as log:
        web = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    worker = start_celery_worker(env, worker_log, PREFORK)
    processes = [(web, web_log), (worker, worker_log)]
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(base_url), 60, *processes)
        yield base_url, broker, cache, processes
    finally:
        for process in (web, worker):
            process.send_signal(signal.SIGTERM)
        for process in (web, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        broker.stop()
        cache.stop()
        # Shown by pytest when the test failed: what the server and the worker did.
        print(web_log.read_text()[-20000:])
        print(worker_log.read_text()[-20000:])


def _answers(base_url: str) -> bool:
    try:
        return Browser(base_url).request("/")[0] == 200
    except OSError:
        return False


def setup_forum():
    """A member, a thread with five followers, an idea to capture and a department for it."""
    member = UserFactory(trust_level=TrustLevel.MEMBER)
    # Production hashes with PBKDF2; the test settings' MD5 hash would not let them in.
    User.objects.filter(pk=member.pk).update(
        password=make_password(PASSWORD, hasher=PBKDF2PasswordHasher())
    )
    # The member's own thread: they follow it, and five others do.
    thread = ThreadFactory(author=member, title="Where the roadmap goes next")
    for _number in range(FOLLOWERS):
        ThreadSubscription.objects.create(user=UserFactory(), thread=thread)
    department = Department.objects.create(
        name="Product", slug="product", contact_email="product@company.test"
    )
    RoutingRule.objects.create(name="All ideas", department=department, keywords="idea")
    ideas = CategoryFactory(name="Ideas", slug="ideas", is_feedback_welcome=True)
    idea = first_post(ThreadFactory(category=ideas, author=member, title="An idea for exports"))
    return member, thread, idea


def dispatched(reply: Post, idea: Post) -> bool:
    """Whether the reply's followers were notified and mailed, and the idea routed."""
    notices = Notification.objects.filter(post=reply, kind=ForumKind.REPLY)
    return (
        notices.count() == FOLLOWERS
        and not notices.filter(emailed_at__isnull=True).exists()
        and Insight.objects.filter(insight_posts__post=idea, routing_round__gte=1).exists()
    )


def test_members_sign_in_read_reply_and_capture_while_redis_is_down_and_nothing_is_lost(
    production_stack,
):
    """No 5xx from the production stack in a 30 s Redis outage; within 60 s of Redis
    returning the reply's five followers are notified and mailed and the idea is routed."""
    base_url, broker, cache, processes = production_stack
    member, thread, idea = setup_forum()
    reader = Browser(base_url)
    assert reader.sign_in(member.email) == 302
    assert reader.request(thread.get_absolute_url())[0] == 200
    # Before the outage the pipeline works end to end (and the worker is connected).
    reply_url = reverse("community:reply", args=[thread.pk])
    assert reader.request(reply_url, {"body": "First."})[0] == 302
    first = Post.objects.get(thread=thread, body="First.")
    wait_until(lambda: Notification.objects.filter(post=first).count() == FOLLOWERS, 60, *processes)

    broker.stop()
    cache.stop()
    outage_started = time.monotonic()

    newcomer = Browser(base_url)
    assert newcomer.sign_in(member.email) == 302
    assert newcomer.request("/")[0] == 200
    assert reader.request(thread.get_absolute_url())[0] == 200
    assert reader.request(reverse("notifications:notification_list"))[0] == 200
    assert reader.request(reply_url, {"body": "Written while Redis is down."})[0] == 302
    capture = reverse("feedback:capture", kwargs={"post_id": idea.pk})
    assert reader.request(capture, {"kind": kind("idea").pk, "title": "Exports"})[0] == 302
    assert newcomer.request(reverse("notifications:notification_list"))[0] == 200

    requests = reader.log + newcomer.log
    assert not [each for each in requests if each[2] >= 500], requests
    slow = [each for each in requests if each[3] > REQUEST_BUDGET]
    assert not slow, slow
    reply = Post.objects.get(thread=thread, body="Written while Redis is down.")
    assert NotificationJob.objects.filter(post=reply).exists(), "the job is not in the outbox"
    assert not Notification.objects.filter(post=reply).exists()

    time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - outage_started)))
    broker.start()
    cache.start()

    took = wait_until(lambda: dispatched(reply, idea), DISPATCH_SECONDS, *processes)
    print(f"dispatched {took:.1f} s after Redis returned")
    assert not NotificationJob.objects.exists()
    # Still signed in (the list sends visitors to sign in), the cache back in use.
    assert reader.request(reverse("notifications:notification_list"))[0] == 200
