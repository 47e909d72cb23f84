"""A real Celery worker on Redis runs a task against the test database."""

import pytest
from celery.result import EagerResult

from accounts.models import TrustLevel, User
from community.tasks import recompute_trust_level_task
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.services


def test_a_real_worker_runs_a_task_end_to_end(celery_worker):
    member = UserFactory(trust_level=TrustLevel.REGULAR)

    result = recompute_trust_level_task.delay(member.id)

    assert not isinstance(result, EagerResult), "the task ran in-process, not on the worker"

    assert celery_worker(lambda: User.objects.get(pk=member.pk).trust_level == TrustLevel.NEW), (
        "the worker did not run the task"
    )
