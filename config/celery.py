"""The Celery application, and how the project sends it jobs.

Workers start with ``celery -A config worker``. Configuration comes from
Django's settings under the ``CELERY_`` namespace, so the embedded default
(no broker, tasks run in-process) and the real stack (Redis) differ only in
the environment.
"""

import logging
import os
from functools import partial

from celery import Celery, Task
from django.db import transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("liaison")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)

#: One retry, at once, on a new connection (one left over from before a broker
#: restart is broken); then the job is given up with a warning.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def enqueue_on_commit(task: Task, *args) -> None:
    """Send ``task`` with ``args`` to the broker after the current transaction commits.

    A broker that cannot be reached is logged as a warning, not raised, and
    the request that caused the job does not wait for it: what the job would
    do is recorded in the database first, and each app says how a lost job is
    taken up again (feedback's sweep re-enqueues routing and deliveries; a
    lost notification job means no notification). In eager mode (no broker)
    the task runs at commit and its errors propagate.
    """
    transaction.on_commit(partial(_send, task, args))


def _send(task: Task, args: tuple) -> None:
    if task.app.conf.task_always_eager:
        task.apply_async(args)
        return
    try:
        task.apply_async(args, retry=True, retry_policy=RETRY_POLICY)
    except _broker_errors(task) as error:
        logger.warning("Broker unreachable, %s%r not sent: %s", task.name, args, error)


def _broker_errors(task: Task) -> tuple[type[BaseException], ...]:
    """Return the errors that mean "the broker cannot be reached" for ``task``'s transport."""
    # Creating the Connection object does not connect; it names the transport's errors.
    connection = task.app.connection_for_write()
    try:
        return (OperationalError, *connection.connection_errors)
    finally:
        connection.release()
