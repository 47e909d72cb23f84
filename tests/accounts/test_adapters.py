"""Sign-in throttling per address, per IP and per known browser (accounts.adapters)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NETWORK_LOCKED = "Too many failed login attempts from your network"


def sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def guess_made_up_addresses(client: Client, count: int = 5) -> None:
    for number in range(count):
        sign_in(client, f"nobody{number}@example.test", "guess")


def known_browser(email: str, **client_options) -> Client:
    """A browser that signed in to ``email``'s account once, and signed out."""
    browser = Client(**client_options)
    assert sign_in(browser, email).status_code == 302
    browser.post(reverse("account_logout"))
    assert not is_signed_in(browser)
    return browser


def test_signing_in_remembers_the_browser_with_a_signed_http_only_cookie(client):
    UserFactory(email="alice@example.test")

    sign_in(client, "alice@example.test")

    cookie = client.cookies[settings.LIAISON_DEVICE_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 180 * 24 * 60 * 60


def test_a_member_on_a_known_browser_signs_in_from_an_ip_locked_out_by_guessing():
    """Five failures for made-up addresses once locked out everyone at that IP (issue 10)."""
    UserFactory(email="alice@example.test")
    alice = known_browser("alice@example.test")
    guess_made_up_addresses(Client())

    response = sign_in(alice, "alice@example.test")

    assert response.status_code == 302
    assert is_signed_in(alice)


def test_guessing_on_from_a_locked_out_ip_is_refused_with_a_clear_message():
    UserFactory(email="alice@example.test")
    attacker = Client()
    guess_made_up_addresses(attacker)

    response = sign_in(attacker, "alice@example.test")

    assert response.status_code == 200
    assert NETWORK_LOCKED in response.content.decode()
    assert not is_signed_in(attacker)


def test_the_ip_lock_refuses_a_browser_remembered_for_another_account():
    UserFactory(email="alice@example.test")
    UserFactory(email="mallory@example.test")
    mallory = known_browser("mallory@example.test")
    guess_made_up_addresses(mallory)

    response = sign_in(mallory, "alice@example.test")

    assert NETWORK_LOCKED in response.content.decode()
    assert not is_signed_in(mallory)


def test_a_forged_device_cookie_does_not_pass_the_ip_lock():
    alice = UserFactory(email="alice@example.test")
    attacker = Client()
    guess_made_up_addresses(attacker)
    attacker.cookies[settings.LIAISON_DEVICE_COOKIE_NAME] = f"{alice.pk}:forged:signature"

    response = sign_in(attacker, "alice@example.test")

    assert NETWORK_LOCKED in response.content.decode()


def test_wrong_passwords_on_a_known_browser_do_not_lock_out_its_ip():
    UserFactory(email="alice@example.test")
    UserFactory(email="bob@example.test")
    alice = known_browser("alice@example.test")
    for _attempt in range(5):
        sign_in(alice, "alice@example.test", "mistyped")

    response = sign_in(Client(), "bob@example.test")

    assert response.status_code == 302


def test_five_failures_for_one_address_lock_that_address_on_every_browser_and_ip():
    UserFactory(email="alice@example.test")
    alice = known_browser("alice@example.test", REMOTE_ADDR="198.51.100.7")
    for number in range(5):
        sign_in(Client(REMOTE_ADDR=f"203.0.113.{number}"), "alice@example.test", "guess")

    response = sign_in(alice, "alice@example.test")

    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert not is_signed_in(alice)


def test_behind_one_trusted_proxy_each_client_is_counted_by_its_own_address(settings):
    """Behind a TLS proxy every request came from the proxy: one guesser locked out all."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="alice@example.test")
    # The proxy connects from 10.0.0.2 and appends the address it saw.
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    newcomer = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    guess_made_up_addresses(attacker)

    assert NETWORK_LOCKED in sign_in(attacker, "alice@example.test").content.decode()
    assert sign_in(newcomer, "alice@example.test").status_code == 302


def test_without_a_trusted_proxy_a_forged_x_forwarded_for_changes_nothing():
    UserFactory(email="alice@example.test")
    for number in range(5):
        sign_in(Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{number}"), f"x{number}@example.test", "x")

    response = sign_in(Client(HTTP_X_FORWARDED_FOR="198.51.100.7"), "alice@example.test")

    assert NETWORK_LOCKED in response.content.decode()
