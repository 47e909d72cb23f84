"""The cache degrades to an empty cache while Redis cannot be reached (config/cache.py).

The production review saw every signed-in request answer 500 with Redis
stopped. These tests point the production cache backend and the production
session engine (``cached_db``) at a port where no Redis listens; the real
outage, with gunicorn on the production settings, is
tests/integration/test_redis_outage.py.
"""

import logging
import shutil

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.urls import reverse

from config import cache as cache_module
from config.cache import DegradingRedisCache
from tests.accounts.factories import PASSWORD, UserFactory
from tests.conftest import RedisServer, free_port, require_service

OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def dead_redis_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def cache_down(settings):
    """Production's cache and sessions, on a Redis that is not there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": dead_redis_url(),
            "OPTIONS": OPTIONS,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_an_unreachable_redis_answers_as_an_empty_cache_and_says_so_once(caplog):
    cache = DegradingRedisCache(dead_redis_url(), {"OPTIONS": OPTIONS})
    caplog.set_level(logging.WARNING, logger="config.cache")

    assert cache.get("key", "default") == "default"
    assert cache.add("lock", 1) is True
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("key") is False
    assert cache.delete("key") is False
    assert cache.touch("key") is False
    assert cache.set_many({"a": 1}) == ["a"]
    cache.delete_many(["a"])
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert cache.clear() is False

    assert [record.getMessage()[:40] for record in caplog.records] == [
        "Cache unreachable, degrading to an empty"
    ]


@pytest.mark.django_db
def test_a_cached_db_session_is_read_from_the_database_while_the_cache_is_down(cache_down):
    session = SessionStore()
    session["member"] = 7
    session.save()

    assert SessionStore(session_key=session.session_key).load() == {"member": 7}


@pytest.mark.django_db
def test_members_sign_in_and_read_while_the_cache_is_down(cache_down, client):
    """Signing in passes allauth's rate limits (they fail open), and pages answer 200."""
    member = UserFactory()

    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("notifications:notification_list")).status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.services
def test_the_cache_works_as_djangos_and_is_used_again_once_redis_is_back(
    tmp_path, monkeypatch, caplog
):
    require_service("redis-server", shutil.which("redis-server") is not None)
    monkeypatch.setattr(cache_module, "RETRY_AFTER_SECONDS", 0.0)
    server = RedisServer(tmp_path / "redis")
    server.start()
    caplog.set_level(logging.WARNING, logger="config.cache")
    try:
        cache = DegradingRedisCache(server.url, {"OPTIONS": OPTIONS})
        assert cache.add("lock", 1) is True
        assert cache.add("lock", 1) is False
        assert cache.incr("lock") == 2
        server.stop()
        assert cache.get("lock") is None
        server.start()
        cache.set("key", "value")
        assert cache.get("key") == "value"
    finally:
        server.stop()

    assert [record.getMessage()[:20] for record in caplog.records] == [
        "Cache unreachable, d",
        "Cache reachable agai",
    ]
