"""Every URL of the site answers garbage in its path, query or form with a 4xx, never a 5xx.

PostgreSQL refuses a NUL character in a query ("A string literal cannot
contain NUL (0x00) characters"), so a NUL that reaches the ORM answers 500
there and nowhere else: run this module on PostgreSQL. A NUL in a member's
name (``/backoffice/members/%00/``) once did exactly that.
"""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils.regex_helper import normalize

from accounts.models import TrustLevel
from accounts.roles import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

#: A route's parameters, as django.urls.resolvers writes them: ``<int:thread_id>``.
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

#: What each variant puts in a path parameter, by converter; any other converter gets "text".
VARIANTS = {
    "nul": {"int": "9" * 23, "text": "a\x00b"},
    "long": {"int": str(2**63), "text": "a" * 3000},
}

#: Query parameters and form fields the site's views read, each sent with a NUL in it.
FIELD_NAMES = [
    "page",
    "q",
    "tag",
    "sort",
    "status",
    "kind",
    "department",
    "min_supporters",
    "weeks",
    "category",
    "claimed_by",
    "min_score",
    "age",
    "action",
    "actor",
    "member",
    "quote",
    "after",
    "before",
    "author",
    "thread",
    "official",
    "similar_seen",
    "next",
    "language",
    "body",
    "title",
    "reason",
    "text",
    "name",
    "slug",
    "pattern",
    "message",
    "note",
    "items",
    "target",
    "assignee",
    "login",
    "email",
    "username",
    "password",
    "key",
    "code",
    "token",
    "undo",
    "up",
    "release",
    "outcome",
    "canned_reason",
    "position",
]


def _routes(patterns, prefix=()):
    """Yield the chain of patterns that leads to each view, outermost first."""
    for entry in patterns:
        chain = (*prefix, entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, chain)
        else:
            yield chain


def _fill(pattern, values: dict) -> str:
    """Return the path that ``pattern`` matches, its parameters filled from ``values``."""
    if isinstance(pattern, RoutePattern):

        def value(found):
            return values.get(found["converter"] or "str", values["text"])

        return ROUTE_PARAMETER.sub(value, str(pattern))
    template, parameters = normalize(pattern.regex.pattern)[0]
    return template % dict.fromkeys(parameters, values["text"])


#: Each view's chain of patterns, by the route it answers: "/t/<int:thread_id>/reply/".
ROUTES = {
    "/" + "".join(str(pattern) for pattern in chain): chain
    for chain in _routes(get_resolver().url_patterns)
}


@pytest.fixture
def visitors():
    """An anonymous visitor, a community manager and a superuser (for the admin), with clients."""
    members = {
        "community manager": UserFactory(
            role=Role.COMMUNITY_MANAGER, trust_level=TrustLevel.LEADER
        ),
        "superuser": UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True),
    }
    clients = {"anonymous": Client(raise_request_exception=False)}
    for name, member in members.items():
        clients[name] = Client(raise_request_exception=False)
        clients[name].force_login(member)
    return clients


@pytest.mark.parametrize("route", ROUTES)
def test_every_url_answers_garbage_without_a_server_error(postgres, visitors, route):
    """NUL characters, huge ids and long names in the path, query and form are client errors."""
    failures = []
    for variant, values in VARIANTS.items():
        path = "/" + "".join(_fill(pattern, values) for pattern in ROUTES[route])
        garbage = dict.fromkeys(FIELD_NAMES, "a\x00b" if variant == "nul" else values["int"])
        for visitor, client in visitors.items():
            for method in ("get", "post"):
                response = getattr(client, method)(path, garbage)
                if response.status_code >= 500:
                    failures.append(
                        f"{method.upper()} {path!r} as {visitor}: {response.status_code}"
                    )

    assert not failures
