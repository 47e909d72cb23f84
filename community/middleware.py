"""Request middleware of the forum."""

from django.utils import timezone

from community import services
from community.tasks import recompute_trust_level_task
from config.celery import enqueue_on_commit


class RecordVisitMiddleware:
    """Count each day a signed-in member visits, once per day and session.

    Days visited feed trust levels; the session remembers the last day counted
    so that only the first request of a day writes.
    """

    session_key = "liaison_visit_day"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            today = timezone.localdate().isoformat()
            if request.session.get(self.session_key) != today:
                request.session[self.session_key] = today
                if services.record_visit(user=user):
                    enqueue_on_commit(recompute_trust_level_task, user.pk)
        return self.get_response(request)
