"""The Celery application, and how the project sends it jobs.

Workers start with ``celery -A config worker``. Configuration comes from
Django's settings under the ``CELERY_`` namespace, so the embedded default
(no broker, tasks run in-process) and the real stack (Redis) differ only in
the environment.
"""

import logging
import os
from functools import partial

from celery import Celery, Task, bootsteps
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("liaison")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


class SweepOnConnect(bootsteps.StartStopStep):
    """Send the sweeps in ``LIAISON_SWEEPS_ON_CONNECT`` each time the worker connects.

    A worker's consumer starts again each time it gets its broker connection
    back, so a broker outage ends with the jobs lost meanwhile enqueued again
    at once (``older_than_seconds=0``), not up to a beat period later; a
    worker's start-up sweeps too. Sent, not run here: the consumer never waits
    on the database. Every sweep reruns safely, so several workers sending it
    cost only duplicate jobs that find nothing left to do.
    """

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, consumer):
        for name in settings.LIAISON_SWEEPS_ON_CONNECT:
            try:
                consumer.app.send_task(name, kwargs={"older_than_seconds": 0})
            except (OperationalError, *consumer.connection_errors) as error:
                logger.warning("Broker unreachable, sweep %s not sent: %s", name, error)


app.steps["consumer"].add(SweepOnConnect)

#: One retry, at once, on a new connection (one left over from before a broker
#: restart is broken); then the job is given up with a warning.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def enqueue_on_commit(task: Task, *args) -> None:
    """Send ``task`` with ``args`` to the broker after the current transaction commits.

    A broker that cannot be reached is logged as a warning, not raised, and
    the request that caused the job does not wait for it: what the job would
    do is recorded in the database first, and each app says how a lost job is
    taken up again (feedback's sweep re-enqueues routing and deliveries,
    notifications' its outbox and e-mails; see SweepOnConnect for
    the moment the broker is back). A lost trust-level job waits for the
    member's next visit. In eager mode (no broker) the task runs at commit and
    its errors propagate.
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
