"""Outgoing webhooks over real HTTP: a department's endpoint that hangs or answers 500 fails
its own delivery, on its own schedule, and never the others'."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from feedback import services, webhooks
from feedback.models import Channel, Delivery, DeliveryStatus
from tests.feedback.factories import DepartmentFactory, InsightFactory

pytestmark = pytest.mark.django_db

SECRET = "endpoint-secret"


class Endpoints:
    """Three paths on 127.0.0.1: ``/ok`` checks the signature and answers 204, ``/error``
    answers 500, ``/hang`` answers only after ``hang_seconds``."""

    hang_seconds = 3.0

    def __init__(self):
        self.received: list[dict] = []
        endpoints = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.path == "/hang":
                    time.sleep(endpoints.hang_seconds)
                if self.path == "/error":
                    self.send_response(500)
                    self.end_headers()
                    return
                webhooks.verify(
                    secret=SECRET,
                    timestamp=self.headers["X-Liaison-Timestamp"],
                    signature=self.headers["X-Liaison-Signature"],
                    body=body,
                )
                payload = json.loads(body)
                assert payload["delivery"] == int(self.headers["X-Liaison-Delivery"])
                endpoints.received.append(payload)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def endpoints(monkeypatch):
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 0.5)
    served = Endpoints()
    yield served
    served.server.shutdown()
    served.server.server_close()


def routed_to(manager, path: str, endpoints) -> Delivery:
    department = DepartmentFactory(
        contact_email="", webhook_url=f"{endpoints.base}{path}", webhook_secret=SECRET
    )
    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    return Delivery.objects.get(insight=insight, channel=Channel.WEBHOOK)


def test_a_hanging_and_a_failing_endpoint_fail_alone(manager, endpoints):
    hanging = routed_to(manager, "/hang", endpoints)
    failing = routed_to(manager, "/error", endpoints)
    healthy = routed_to(manager, "/ok", endpoints)

    outcomes = {}
    for delivery in (hanging, failing, healthy):
        try:
            outcomes[delivery.pk] = services.deliver(delivery_id=delivery.pk)
        except services.DeliveryFailed as failure:
            outcomes[delivery.pk] = failure.retry_in

    assert outcomes[healthy.pk] is True
    assert [each["delivery"] for each in endpoints.received] == [healthy.pk]
    assert endpoints.received[0]["insight"]["id"] == healthy.insight_id
    for delivery in (hanging, failing):
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.PENDING
        assert outcomes[delivery.pk] == services.deliveries.backoff_seconds(1)
    assert "timed out" in hanging.last_error
    assert failing.last_error == "HTTP 500"


def test_an_endpoint_that_recovers_gets_the_delivery_once(manager, endpoints):
    delivery = routed_to(manager, "/error", endpoints)
    with pytest.raises(services.DeliveryFailed):
        services.deliver(delivery_id=delivery.pk)

    department = delivery.department
    department.webhook_url = f"{endpoints.base}/ok"
    department.save()
    assert services.deliver(delivery_id=delivery.pk) is True
    assert services.deliver(delivery_id=delivery.pk) is False

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")
    assert [each["delivery"] for each in endpoints.received] == [delivery.pk]
