"""The cache backend: Django's Redis cache that degrades to an empty cache while Redis is down.

Sessions (``cached_db``: the database holds every session, the cache a fast
copy), allauth's rate limits and the webhook replay check keep their data in
the cache. With Redis unreachable each call answers as an empty cache that
forgets what it is told would: ``get`` misses, ``add`` succeeds, ``set`` and
``delete`` do nothing, ``incr`` finds no key. Members stay signed in (the
session comes from the database) and nobody gets a 500; rate limits do not
count during the outage (they fail open). The first failure is logged as a
warning; then Redis is left alone for ``RETRY_AFTER_SECONDS``, so that a
request does not wait out the socket timeout (``CACHE_SOCKET_TIMEOUT``) on
every call while Redis cannot be reached, and its return is logged.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: How long, in seconds, this process leaves Redis alone after a call could not reach it.
RETRY_AFTER_SECONDS = 5.0
#: What "Redis cannot be reached" raises (redis-py wraps socket errors in these).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class DegradingRedisCache(RedisCache):
    """Django's ``RedisCache``; while Redis cannot be reached, an empty cache (logged)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        #: ``time.monotonic()`` until which Redis counts as down in this process.
        self._down_until = 0.0

    def _call(self, method, fallback, *args, **kwargs):
        """Return ``method(self, *args, **kwargs)``, or ``fallback()`` while Redis is down."""
        if self._down_until > time.monotonic():
            return fallback()
        try:
            result = method(self, *args, **kwargs)
        except UNREACHABLE as error:
            if not self._down_until:
                logger.warning("Cache unreachable, degrading to an empty cache: %s", error)
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            return fallback()
        if self._down_until:
            logger.warning("Cache reachable again")
            self._down_until = 0.0
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(RedisCache.add, lambda: True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(RedisCache.get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(RedisCache.set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(RedisCache.touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(RedisCache.delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call(RedisCache.get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(RedisCache.has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call(RedisCache.incr, lambda: _missing(key), key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(RedisCache.set_many, lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(RedisCache.delete_many, lambda: None, keys, version)

    def clear(self):
        return self._call(RedisCache.clear, lambda: False)


def _missing(key):
    raise ValueError(f"Key '{key}' not found")
