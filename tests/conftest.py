"""Fixtures shared by every test package.

Tests that need a real service ask for it through ``require_service``:
without the service they skip, unless ``REQUIRE_SERVICES=1`` (CI), where
they fail, so that CI can never pass by skipping.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from kombu import pools as kombu_pools

ROOT = Path(__file__).resolve().parent.parent


def require_service(name: str, available: bool) -> None:
    """Skip (or fail under REQUIRE_SERVICES=1) the running test when ``name`` is missing."""
    if available:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{name} is required (REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{name} is not available")


def redis_url() -> str:
    """The Redis URL the tests may use, or an empty string."""
    return os.environ.get("REDIS_URL", "")


def redis_is_up(url: str) -> bool:
    """Return whether a Redis server answers at ``url``."""
    if not url:
        return False
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A ``redis-server`` of the test's own, on a fixed port, that can be stopped and restarted.

    ``options`` go to ``redis-server`` as they are (``"--maxmemory-policy", "noeviction"``).
    Nothing is kept on disk: a restarted server is empty, as after a crash.
    """

    def __init__(self, directory, *options: str):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.directory = directory
        self.options = options
        self.process = None

    def start(self) -> None:
        self.directory.mkdir(exist_ok=True)
        with open(self.directory / "redis.log", "a") as log:
            self.process = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(self.directory),
                    "--daemonize",
                    "no",
                    *self.options,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 10
        while not redis_is_up(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError((self.directory / "redis.log").read_text())
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@pytest.fixture(autouse=True)
def _clear_cache():
    """Start every test with an empty cache, so rate limits never leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Start every test in English: a request in German leaves its language active in the thread."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_new_member_sandbox(settings):
    """Switch moderation's new-member sandbox off: most tests post as fresh members in bursts.

    Tests of the sandbox switch it on with ``settings.LIAISON_SANDBOX_ENABLED = True``.
    """
    settings.LIAISON_SANDBOX_ENABLED = False


@pytest.fixture(autouse=True)
def _no_post_limits(settings):
    """Switch moderation's limits on every member's posts off (a wait between posts, no
    same text twice, at most 10 mentions): most tests post in bursts and repeat texts.

    Tests of those limits switch them on with ``settings.LIAISON_POST_LIMITS_ENABLED = True``.
    """
    settings.LIAISON_POST_LIMITS_ENABLED = False


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def postgres():
    """Require the tests' database to be PostgreSQL."""
    require_service("PostgreSQL", connection.vendor == "postgresql")


@pytest.fixture
def redis_service():
    """Require a Redis server at REDIS_URL and return its URL."""
    url = redis_url()
    require_service("Redis", redis_is_up(url))
    return url


def database_url_for_subprocess() -> str:
    """A DATABASE_URL pointing a child process at the test database."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "")
    password = quote(db.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{db['NAME']}"


def reset_broker_connections(app) -> None:
    """Drop the app's broker connections so that the next send uses the current broker_url."""
    # kombu keeps its connection and producer pools globally, per broker URL.
    kombu_pools.reset()
    # The same reset Celery does after a fork (Celery._after_fork).
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def worker_environment() -> dict[str, str]:
    """Extra environment variables for the ``celery_worker`` process; tests may add to it."""
    return {}


#: The pool production runs (``celery -A config worker``), two children: jobs in flight
#: side by side, as the solo pool never has them.
PREFORK = ("--pool", "prefork", "--concurrency", "2")


@pytest.fixture
def worker_pool() -> tuple[str, ...]:
    """The ``celery_worker``'s pool options: solo, the quickest to start; a test that needs
    jobs side by side parametrizes it with ``PREFORK``."""
    return ("--pool", "solo")


def start_celery_worker(env: dict[str, str], log_path: Path, pool: tuple[str, ...]):
    """Start ``celery -A config worker`` with ``pool`` and ``env``, logging to ``log_path``."""
    with open(log_path, "a") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                *pool,
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def stop_process(process: subprocess.Popen) -> None:
    """End ``process`` with SIGTERM, as a supervisor would; kill it after 20 s without an end."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def worker_waiter(worker: subprocess.Popen, log_path: Path, *, default_timeout: float):
    """Return ``wait_for(condition, timeout=default_timeout) -> bool`` for a Celery worker.

    ``wait_for`` polls ``condition()`` every 0.2 s: true once it holds, false
    when the time is up; it fails with the worker's log once ``worker`` exited.
    """

    def wait_for(condition, timeout: float = default_timeout) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            if worker.poll() is not None:
                raise AssertionError("The Celery worker exited:\n" + log_path.read_text())
            time.sleep(0.2)
        return False

    return wait_for


@pytest.fixture
def celery_worker(
    postgres,
    redis_service,
    transactional_db,
    settings,
    tmp_path,
    worker_environment,
    worker_pool,
):
    """Start a real Celery worker process (``worker_pool``) on Redis against the test database.

    Yields a function ``wait_for(condition, timeout=60.0) -> bool`` that polls
    until ``condition()`` is true. Tasks sent by the test go to Redis because
    eager mode is switched off for its duration; the worker stops afterwards.
    """
    from config.celery import app

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_for_subprocess(),
        "REDIS_URL": redis_service,
        "CELERY_BROKER_URL": redis_service,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        **worker_environment,
    }
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_service
    settings.CELERY_TASK_ALWAYS_EAGER = False
    reset_broker_connections(app)
    app.control.purge()
    log_path = tmp_path / "celery-worker.log"
    worker = start_celery_worker(env, log_path, worker_pool)
    try:
        yield worker_waiter(worker, log_path, default_timeout=60.0)
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        reset_broker_connections(app)
        stop_process(worker)
        # Shown by pytest when the test failed: what the worker did.
        print(log_path.read_text())


#: A post whose body carries this is held for approval, under the ``hold`` fixture.
HOLD_MARK = "[hold]"


@pytest.fixture
def hold(monkeypatch):
    """Hold every post whose body carries ``[hold]``, as an automod "hold" rule would."""
    from community import hooks

    def check(draft):
        if HOLD_MARK in draft.body:
            return hooks.PostCheckResult(action=hooks.CheckAction.HOLD, message="Held.")
        return None

    monkeypatch.setattr(hooks, "post_checks", [*hooks.post_checks, check])


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block, then what it enqueued on commit (tasks run eagerly)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def held_thread(author, category, *, title="Secret launch plans"):
    """Start a thread held for approval (needs the ``hold`` fixture)."""
    from community import services

    thread = services.start_thread(
        author=author, category=category, title=title, body=f"Plans {HOLD_MARK}"
    )
    assert thread.is_pending_approval
    return thread


@pytest.fixture
def reply_in_held_thread(hold):
    """A reply, edited once, in a thread held for approval."""
    from community import services
    from tests.accounts.factories import UserFactory
    from tests.community.factories import CategoryFactory, reload

    author = UserFactory()
    thread = held_thread(author, CategoryFactory())
    reply = services.reply_to_thread(author=author, thread=thread, body="First draft")
    services.edit_post(editor=author, post=reload(reply), body="Second draft")
    return reload(reply)
