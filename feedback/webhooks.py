"""Signed webhooks, both ways: the signature recipe, its check, and the HTTP post.

The recipe, for receivers (an issue tracker, a chat bridge) to copy:

    signed = f"{timestamp}.{body}"            # body: the raw request bytes, UTF-8
    signature = hex(HMAC-SHA256(key=department secret, message=signed))
    headers: X-Liaison-Timestamp: <unix seconds>, X-Liaison-Signature: <hex>

Accept a request only when the signature matches (compare in constant time)
and the timestamp is within ``REPLAY_WINDOW_SECONDS`` of the receiver's clock.
Outgoing requests also carry ``X-Liaison-Delivery`` (and ``Idempotency-Key``),
the id of the ``Delivery`` row: a delivery can arrive twice (see
``feedback.services.deliveries``), so receivers keep the ids they processed
and ignore a repeat.

The stdlib's ``urllib.request`` is enough for one small JSON POST with a timeout.
"""

import hashlib
import hmac
import re
import time
import urllib.error
import urllib.request

from django.core.cache import cache

#: A signed request older or newer than this is refused as a possible replay.
REPLAY_WINDOW_SECONDS = 5 * 60
#: A timestamp header: Unix seconds, at most 12 digits (so no giant number reaches int()).
TIMESTAMP = re.compile(r"[0-9]{1,12}")
HEX = re.compile(r"[0-9a-f]{64}")
#: Seconds to wait for a receiver to answer.
TIMEOUT_SECONDS = 5


class InvalidSignature(Exception):
    """A webhook request whose signature or timestamp does not check out."""


class ReplayedRequest(InvalidSignature):
    """A signed request whose signature was already accepted within the replay window."""


class ReplayCheckUnavailable(Exception):
    """The cache could not keep a signature, so a replay would pass unseen."""


class WebhookError(Exception):
    """A webhook post that did not get a 2xx answer in time."""


def sign(*, secret: str, timestamp: int | str, body: bytes) -> str:
    """Return the hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` under ``secret``."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(
    *, secret: str, timestamp: str, signature: str, body: bytes, now: float | None = None
) -> None:
    """Check a signed request; raise ``InvalidSignature`` when it must be refused.

    ``timestamp`` and ``signature`` are the raw header values; ``now`` is the
    receiver's clock in Unix seconds (the current time by default). Refuses a
    missing secret, a timestamp that is not an integer or lies outside
    ``REPLAY_WINDOW_SECONDS``, and a signature that does not match.
    """
    if not secret:
        raise InvalidSignature("no secret configured")
    if not isinstance(timestamp, str) or not TIMESTAMP.fullmatch(timestamp.strip()):
        raise InvalidSignature("malformed timestamp")
    sent_at = int(timestamp)
    now = time.time() if now is None else now
    if abs(now - sent_at) > REPLAY_WINDOW_SECONDS:
        raise InvalidSignature("timestamp outside the replay window")
    expected = sign(secret=secret, timestamp=sent_at, body=body)
    if not hmac.compare_digest(expected.encode(), normalise_signature(signature).encode()):
        raise InvalidSignature("signature mismatch")


def verify_once(
    *, secret: str, timestamp: str, signature: str, body: bytes, receiver: int | str
) -> None:
    """Check a signed request as ``verify`` does, and accept each signature once.

    Raises ``ReplayedRequest`` for a signature ``receiver`` (who is called, such
    as a department's id) accepted before within the replay window. The check
    is keyed on the signature as ``verify`` compared it, so that a re-cased or
    padded copy of a request counts as the same request; it is kept in the
    cache, which every process shares. Raises ``ReplayCheckUnavailable`` when
    the cache did not keep the signature (Redis down: config/cache.py answers
    as an empty cache), since a replay would then pass unseen.
    """
    verify(secret=secret, timestamp=timestamp, signature=signature, body=body)
    seen_key = f"feedback:hook:{receiver}:{normalise_signature(signature)}"
    if not cache.add(seen_key, 1, REPLAY_WINDOW_SECONDS * 2):
        raise ReplayedRequest("replayed request")
    if cache.get(seen_key) is None:
        raise ReplayCheckUnavailable("the cache did not keep the signature")


def normalise_signature(signature: str | None) -> str:
    """Return a signature header as the hex digest it must be (lower case, no spaces);
    anything that is not hex becomes an empty string, which never matches."""
    value = (signature or "").strip().lower()
    return value if HEX.fullmatch(value) else ""


def post(*, url: str, secret: str, body: bytes, delivery_id: int) -> int:
    """POST ``body`` (JSON) to ``url``, signed with ``secret``; return the HTTP status.

    Raises ``WebhookError`` on a network error, a timeout or a non-2xx answer.
    """
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 -- the URL is validated http(s)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Liaison-Feedback/1",
            "X-Liaison-Timestamp": str(timestamp),
            "X-Liaison-Signature": sign(secret=secret, timestamp=timestamp, body=body),
            "X-Liaison-Delivery": str(delivery_id),
            "Idempotency-Key": f"liaison-delivery-{delivery_id}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        raise WebhookError(f"HTTP {error.code}") from error
    except (urllib.error.URLError, OSError) as error:
        raise WebhookError(str(getattr(error, "reason", error))) from error
