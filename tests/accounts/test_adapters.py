"""Sign-in throttling per address, per IP and per known browser (accounts.adapters)."""

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.urls import reverse

from accounts import devices
from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NETWORK_LOCKED = "Too many failed login attempts from your network"
# timesince() keeps "5 minutes" on one line with a no-break space.
LOCKED_FOR_FIVE_MINUTES = "Too many failed login attempts. Try again in 5\xa0minutes."


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


def guess_at(email: str, count: int = 5) -> None:
    """Send ``count`` wrong passwords for ``email``, each from a fresh browser at its own IP."""
    for number in range(count):
        sign_in(Client(REMOTE_ADDR=f"203.0.113.{number}"), email, "guess")


def test_five_failures_for_one_address_lock_it_for_browsers_without_its_device_cookie():
    UserFactory(email="alice@example.test")
    guess_at("alice@example.test")
    newcomer = Client(REMOTE_ADDR="198.51.100.7")

    response = sign_in(newcomer, "alice@example.test")

    assert LOCKED_FOR_FIVE_MINUTES in response.content.decode()
    assert not is_signed_in(newcomer)


def test_a_member_on_a_known_browser_signs_in_while_guessing_locks_their_address():
    """Five wrong passwords for alice's address from fresh browsers locked alice out of the
    browser she had signed in with, too: anyone could keep any member out, every 5 minutes."""
    UserFactory(email="alice@example.test")
    alice = known_browser("alice@example.test", REMOTE_ADDR="198.51.100.7")
    guess_at("alice@example.test")

    response = sign_in(alice, "alice@example.test")

    assert response.status_code == 302
    assert is_signed_in(alice)


def test_five_failures_on_a_known_browser_lock_that_browser_alone():
    UserFactory(email="alice@example.test")
    mistyping = known_browser("alice@example.test", REMOTE_ADDR="198.51.100.7")
    other = known_browser("alice@example.test", REMOTE_ADDR="198.51.100.8")
    for _attempt in range(5):
        sign_in(mistyping, "alice@example.test", "mistyped")

    refused = sign_in(mistyping, "alice@example.test")

    assert LOCKED_FOR_FIVE_MINUTES in refused.content.decode()
    assert not is_signed_in(mistyping)
    # Its failures count against its device cookie, not against the address.
    assert sign_in(other, "alice@example.test").status_code == 302
    assert sign_in(Client(REMOTE_ADDR="198.51.100.9"), "alice@example.test").status_code == 302


def test_successful_sign_ins_on_a_known_browser_do_not_count_as_failures():
    UserFactory(email="alice@example.test")
    alice = known_browser("alice@example.test")
    for _attempt in range(5):
        assert sign_in(alice, "alice@example.test").status_code == 302
        alice.post(reverse("account_logout"))

    assert sign_in(alice, "alice@example.test").status_code == 302


def test_a_device_cookie_from_before_device_ids_is_no_device_cookie():
    """A cookie naming the account alone is the same for all of its browsers: it cannot be
    counted per device."""
    alice = UserFactory(email="alice@example.test")
    guess_at("alice@example.test")
    browser = Client()
    browser.cookies[settings.LIAISON_DEVICE_COOKIE_NAME] = signing.get_cookie_signer(
        salt=settings.LIAISON_DEVICE_COOKIE_NAME + devices.SALT
    ).sign(str(alice.pk))

    assert LOCKED_FOR_FIVE_MINUTES in sign_in(browser, "alice@example.test").content.decode()


def test_the_lock_message_says_how_long_in_german():
    UserFactory(email="alice@example.test")
    guess_at("alice@example.test")

    response = Client(HTTP_ACCEPT_LANGUAGE="de").post(
        reverse("account_login"), {"login": "alice@example.test", "password": PASSWORD}
    )

    assert "Versuche es in 5\xa0Minuten erneut." in response.content.decode()


def test_the_lock_message_follows_the_configured_period(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "5/h/key"}
    UserFactory(email="alice@example.test")
    guess_at("alice@example.test")

    response = sign_in(Client(), "alice@example.test")

    assert "Try again in 1\xa0hour." in response.content.decode()


def test_the_network_lock_message_says_how_long():
    attacker = Client()
    guess_made_up_addresses(attacker)

    response = sign_in(attacker, "nobody@example.test")

    assert "from your network. Try again in 5\xa0minutes, or sign in" in response.content.decode()


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


# Forum review: signing up in German left the member's language empty.
def test_signing_up_through_the_german_interface_records_german_as_the_language():
    Client().post(
        reverse("account_signup"),
        {
            "email": "neu@example.test",
            "username": "neuling",
            "password1": "a sturdy passphrase 42",
            "password2": "a sturdy passphrase 42",
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert User.objects.get(email="neu@example.test").language == "de"
