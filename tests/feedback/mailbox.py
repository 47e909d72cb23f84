"""The departments' mailbox in the real-worker tests: an aiosmtpd handler."""

import email
import email.policy
import threading


class DeliveryInbox:
    """An aiosmtpd handler that keeps the Delivery id of every message it receives.

    Messages without the ``X-Liaison-Delivery`` header (the staff's own
    notification e-mails) are not counted.
    """

    def __init__(self):
        self.delivery_ids: list[int] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if message["X-Liaison-Delivery"]:
            with self.lock:
                self.delivery_ids.append(int(message["X-Liaison-Delivery"]))
        return "250 Message accepted for delivery"
