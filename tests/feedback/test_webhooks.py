"""feedback.webhooks: each signature is accepted once."""

import time

import pytest

from feedback import webhooks
from tests.conftest import free_port

BODY = b'{"insight": 1}'


def signed() -> dict:
    timestamp = str(int(time.time()))
    signature = webhooks.sign(secret="k", timestamp=timestamp, body=BODY)
    return {"secret": "k", "timestamp": timestamp, "signature": signature, "body": BODY}


def test_a_signed_request_is_accepted_once_per_receiver():
    request = signed()
    webhooks.verify_once(**request, receiver=1)
    webhooks.verify_once(**request, receiver=2)

    with pytest.raises(webhooks.ReplayedRequest):
        webhooks.verify_once(**request, receiver=1)


def test_a_recased_copy_of_a_signature_counts_as_the_same_request():
    request = signed()
    webhooks.verify_once(**request, receiver=1)

    with pytest.raises(webhooks.ReplayedRequest):
        webhooks.verify_once(
            **{**request, "signature": f" {request['signature'].upper()}"}, receiver=1
        )


def test_a_request_refused_for_its_signature_does_not_use_it_up():
    request = signed()
    with pytest.raises(webhooks.InvalidSignature) as refused:
        webhooks.verify_once(**{**request, "secret": "other"}, receiver=1)

    assert not isinstance(refused.value, webhooks.ReplayedRequest)
    webhooks.verify_once(**request, receiver=1)


def test_a_cache_that_cannot_keep_the_signature_makes_the_check_unavailable(settings):
    """With Redis down the cache forgets (config/cache.py): a replay would pass unseen."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }

    with pytest.raises(webhooks.ReplayCheckUnavailable):
        webhooks.verify_once(**signed(), receiver=1)
