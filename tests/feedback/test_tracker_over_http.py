"""A tracker moves feedback's status over real HTTP, signed as README.md's recipe says."""

import json
import time
import urllib.error
import urllib.request

import pytest

from feedback import services, webhooks
from tests.feedback.factories import kind

pytestmark = pytest.mark.django_db(transaction=True)


def post_signed(url: str, secret: str, update: dict, *, signature: str | None = None):
    """POST ``update`` the way a tracker's client would: JSON, timestamp, HMAC-SHA256."""
    body = json.dumps(update).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 -- the test's own live server
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Liaison-Timestamp": timestamp,
            "X-Liaison-Signature": signature
            or webhooks.sign(secret=secret, timestamp=timestamp, body=body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


def test_a_tracker_acknowledges_and_answers_over_http(live_server, manager, department, post):
    department.webhook_url = "https://tracker.test/in"
    department.webhook_secret = "tracker-secret"
    department.save()
    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    url = f"{live_server.url}/feedback/hooks/{department.slug}/status/"

    acknowledged = post_signed(
        url, "tracker-secret", {"insight": insight.pk, "status": "acknowledged"}
    )
    forged = post_signed(
        url, "tracker-secret", {"insight": insight.pk, "status": "planned"}, signature="0" * 64
    )
    answered = post_signed(
        url,
        "tracker-secret",
        {"insight": insight.pk, "status": "done", "answer": "Shipped in 4.2."},
    )

    assert acknowledged == (200, {"insight": insight.pk, "status": "acknowledged"})
    assert forged == (403, None)
    assert answered == (200, {"insight": insight.pk, "status": "done"})
    insight.refresh_from_db()
    assert insight.responses.get().body == "Shipped in 4.2."
