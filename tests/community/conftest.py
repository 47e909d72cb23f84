"""Helpers of the forum's tests: signing in, reading a page, the URLs of threads and posts."""

import re

from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from community.models import Post, Thread
from tests.accounts.factories import UserFactory
from tests.community.factories import reload

LOGIN_URL = reverse("account_login")


def text(response) -> str:
    return response.content.decode()


def assert_refused(response, message: str) -> None:
    assert response.status_code == 403
    assert escape(message) in text(response)


def signed_in(client, user=None, **factory_kwargs):
    """Sign ``client`` in as ``user`` (a new member made of ``factory_kwargs`` without one)."""
    user = user or UserFactory(**factory_kwargs)
    client.force_login(user)
    return user


def signed_in_client(user, **client_options) -> Client:
    """Return a new client signed in as ``user``."""
    client = Client(**client_options)
    client.force_login(user)
    return client


def thread_url(thread: Thread, **query) -> str:
    url = reverse("community:thread_detail", args=[thread.slug, thread.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def permalink(post: Post) -> str:
    return reload(post).get_absolute_url()


def form_token(response, field_id: str) -> str:
    """The idempotency token a blank form carries in its field ``field_id``."""
    return re.search(rf'value="([^"]+)" id="{field_id}"', text(response)).group(1)
