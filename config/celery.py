"""The Celery application.

Workers start with ``celery -A config worker``. Configuration comes from
Django's settings under the ``CELERY_`` namespace, so the embedded default
(no broker, tasks run in-process) and the real stack (Redis) differ only in
the environment.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("liaison")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
