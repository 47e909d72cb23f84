"""The language switch and which language pages speak: profile, then cookie, then browser."""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

SWITCH = "/settings/language/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_language(response) -> str:
    return re.search(r'<html lang="([^"]*)">', response.text).group(1)


def test_switching_to_german_sets_the_language_cookie_and_returns_to_the_page():
    client = Client()

    response = client.post(SWITCH, {"language": "de", "next": "/notifications/settings/"})

    assert response.status_code == 302
    assert response["Location"] == "/notifications/settings/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "de"


def test_switching_language_keeps_it_as_a_signed_in_members_preference():
    member = UserFactory()

    response = signed_in(member).post(SWITCH, {"language": "de", "next": "/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    member.refresh_from_db()
    assert member.language == "de"


def test_the_stored_preference_follows_the_member_to_another_browser():
    member = UserFactory()
    signed_in(member).post(SWITCH, {"language": "de", "next": "/"})

    page = signed_in(member).get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert page_language(page) == "de"


def test_switching_back_to_english_overrides_a_german_preference():
    member = UserFactory(language="de")
    client = signed_in(member)

    client.post(SWITCH, {"language": "en", "next": "/"})

    member.refresh_from_db()
    assert member.language == "en"
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "en"


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_an_unknown_language_falls_back_to_english_without_an_error(who):
    member = UserFactory()
    client = Client() if who == "visitor" else signed_in(member)

    response = client.post(SWITCH, {"language": "xx", "next": "/"})
    page = client.get("/")

    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert page.status_code == 200
    assert page_language(page) == "en"
    member.refresh_from_db()
    assert member.language == ""


def test_switching_language_does_not_redirect_off_the_site():
    response = Client().post(SWITCH, {"language": "de", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_language_switch_takes_no_get():
    response = Client().get(SWITCH, {"language": "de"})

    assert response.status_code == 405
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_members_preferred_language_wins_over_the_browsers():
    member = UserFactory(language="de")

    page = signed_in(member).get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert page_language(page) == "de"
    assert page["Content-Language"] == "de"


def test_a_members_preferred_language_wins_over_the_language_cookie():
    member = UserFactory(language="de")
    client = signed_in(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert page_language(client.get("/")) == "de"


def test_a_member_without_a_preference_gets_the_browsers_language():
    page = signed_in(UserFactory(language="")).get("/", HTTP_ACCEPT_LANGUAGE="de")

    assert page_language(page) == "de"


def test_a_visitor_gets_the_browsers_language():
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="de")

    assert page_language(page) == "de"
    assert page["Content-Language"] == "de"


def test_a_visitor_whose_browser_asks_for_an_unknown_language_gets_english():
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="xx")

    assert page_language(page) == "en"


def test_the_language_switch_offers_every_language_with_the_current_one_selected():
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="de")

    options = dict(re.findall(r'<option value="(\w+)"( selected)?>', page.text))
    assert options == {"en": "", "de": " selected"}


def test_the_language_cookie_works_under_its_production_name_and_flags(settings):
    """Production renames the cookie (config/settings/production.py): it is set and read
    under the new name, and nothing asks for the old one."""
    settings.LANGUAGE_COOKIE_NAME = "__Host-django_language"
    settings.LANGUAGE_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_HTTPONLY = True
    settings.LANGUAGE_COOKIE_SAMESITE = "Lax"
    client = Client()

    response = client.post(SWITCH, {"language": "de", "next": "/"})

    cookie = response.cookies["__Host-django_language"]
    assert (cookie.value, cookie["path"], cookie["domain"]) == ("de", "/", "")
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")
    assert "django_language" not in response.cookies
    assert page_language(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "de"
