"""The API's tests: a forum with one thread in a public and one in an internal category,
the five roles, and clients that speak JSON."""

import json

import pytest
from django.test import Client

from accounts import services as account_services
from accounts.models import TokenScope, TrustLevel
from accounts.roles import Role
from community.models import Visibility
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, ThreadFactory
from tests.feedback.factories import DepartmentFactory, staff_of


class JsonClient(Client):
    """A test client that sends JSON bodies and reads JSON answers."""

    def send(self, method: str, path: str, data=None, **extra):
        body = json.dumps(data) if data is not None else ""
        return getattr(self, method)(path, body, content_type="application/json", **extra)


def client_for(user=None, *, enforce_csrf_checks=False) -> JsonClient:
    """Return a client signed in as ``user`` (a visitor's without)."""
    client = JsonClient(raise_request_exception=False, enforce_csrf_checks=enforce_csrf_checks)
    if user is not None:
        client.force_login(user)
    return client


def bearer(secret: str) -> dict:
    """The header that carries an access token."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def token_for(user, *scopes: str, expires_in_days: int | None = None) -> str:
    """Create an access token for ``user`` with ``scopes`` (read by default); return its secret."""
    _, secret = account_services.create_access_token(
        member=user,
        name="script",
        scopes=list(scopes) or [TokenScope.READ],
        expires_in_days=expires_in_days,
    )
    return secret


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    """Tests make many requests; the throttling tests set their own rates."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"member": "10000/minute", "address": "10000/minute"},
    }


@pytest.fixture
def forum():
    """A public category with a thread of two posts, an internal one with a thread."""
    author = UserFactory(username="author", trust_level=TrustLevel.MEMBER)
    general = CategoryFactory(name="General", slug="general")
    staff_room = CategoryFactory(name="Staff", slug="staff", visibility=Visibility.INTERNAL)
    thread = ThreadFactory(category=general, author=author, title="How do I export data?")
    reply = PostFactory(thread=thread, author=author, body="Found it in the settings.")
    internal = ThreadFactory(category=staff_room, author=author, title="Launch plans")
    return {
        "author": author,
        "general": general,
        "staff_room": staff_room,
        "thread": thread,
        "reply": reply,
        "internal": internal,
    }


@pytest.fixture
def roles():
    """A member of each role; ``None`` for the visitor."""
    return {
        "visitor": None,
        "member": UserFactory(trust_level=TrustLevel.MEMBER),
        "moderator": UserFactory(role=Role.MODERATOR, trust_level=TrustLevel.MEMBER),
        "manager": UserFactory(role=Role.COMMUNITY_MANAGER, trust_level=TrustLevel.LEADER),
        "department staff": staff_of(DepartmentFactory(name="Product", slug="product")),
    }
