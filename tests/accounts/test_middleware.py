"""Request middleware of the accounts app."""

import pytest
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_pages_for_a_signed_in_member_must_not_be_stored(client):
    client.force_login(UserFactory())

    response = client.get(reverse("community:index"))

    assert "no-store" in response["Cache-Control"]


def test_the_response_that_signs_in_must_not_be_stored(client):
    UserFactory(email="alice@example.test")

    response = client.post(
        reverse("account_login"), {"login": "alice@example.test", "password": PASSWORD}
    )

    assert "no-store" in response["Cache-Control"]


def test_pages_for_visitors_stay_cacheable(client):
    response = client.get(reverse("community:index"))

    assert "no-store" not in response.get("Cache-Control", "")
