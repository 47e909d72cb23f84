"""Signing in to the Django admin goes through allauth (config/urls.py)."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"


SECRET = generate_totp_secret()


@pytest.fixture
def admin_with_totp():
    admin = UserFactory(email="ada@example.test", role=Role.ADMIN, is_staff=True, is_superuser=True)
    TOTP.activate(admin, SECRET)
    return admin


def current_code() -> str:
    """A code the authenticator app would show now (any counter allauth accepts)."""
    return format_hotp_value(hotp_value(SECRET, next(yield_hotp_counters_from_time())))


def test_admin_login_requires_the_second_factor(client, admin_with_totp):
    """Django's own admin login once opened /admin/ with e-mail and password alone (issue 10)."""
    credentials = {"username": "ada@example.test", "password": PASSWORD}

    response = client.post(ADMIN_LOGIN, credentials)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    signed_in = client.post(response.url, {"login": "ada@example.test", "password": PASSWORD})
    assert signed_in.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_admin_reaches_the_admin_after_password_and_second_factor(client, admin_with_totp):
    to_login = client.post(ADMIN_LOGIN, {"username": "ada@example.test", "password": PASSWORD})
    to_second_factor = client.post(
        to_login.url, {"login": "ada@example.test", "password": PASSWORD}
    )

    back = client.post(to_second_factor.url, {"code": current_code()})

    assert back.url == ADMIN_LOGIN
    assert client.get("/admin/").status_code == 200


def test_wrong_passwords_at_the_admin_login_are_throttled(client, admin_with_totp):
    """The admin login checks no password itself: guesses land on allauth's throttled form."""
    for _attempt in range(6):
        response = client.post(ADMIN_LOGIN, {"username": "ada@example.test", "password": "guess"})
        assert response.status_code == 302
        guess = client.post(response.url, {"login": "ada@example.test", "password": "guess"})

    assert "Too many failed login attempts" in guess.content.decode()
    refused = client.post(response.url, {"login": "ada@example.test", "password": PASSWORD})
    assert "Too many failed login attempts" in refused.content.decode()


def test_a_signed_in_admin_still_opens_the_admin(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))

    response = client.get(ADMIN_LOGIN)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
