"""A fault for the real-worker tests: routing raises for any insight titled ``UNROUTABLE``.

Installed only in the worker's settings (``tests.feedback.worker_settings``),
it stands for whatever can break while routing one insight (a bug, a rule
that cannot be evaluated), so that the tests see the worker retry it, mark
it failed and go on with the rest.
"""

from django.apps import AppConfig

#: Titles containing this fail to route, on every attempt.
POISON = "UNROUTABLE"


class RoutingFaultConfig(AppConfig):
    """Wraps ``feedback.services.routing.matching_rules`` when the worker starts."""

    name = "tests.feedback.faults"
    label = "feedback_faults"

    def ready(self) -> None:
        from feedback.services import routing

        real = routing.matching_rules

        def matching_rules(insight):
            if POISON in insight.title:
                raise RuntimeError("the rules cannot be evaluated for this insight")
            return real(insight)

        routing.matching_rules = matching_rules
