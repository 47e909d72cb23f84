"""Settings for the Celery worker of the feedback pipeline tests: retries in a fraction
of a second, so that a poison delivery or routing fails within the test's time."""

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

LIAISON_FEEDBACK_RETRY_BASE_SECONDS = 0.2
LIAISON_FEEDBACK_MAX_ATTEMPTS = 3
# Keep the worker's connection between tasks: opening one per task costs more than the task.
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A poison insight: routing fails, always, for titles naming tests.feedback.faults.POISON.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.feedback.faults.RoutingFaultConfig"]  # noqa: F405
