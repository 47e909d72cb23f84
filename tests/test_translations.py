"""The German catalogue is complete: every translatable string has its German text."""

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
SOURCE_FOLDERS = [
    "accounts",
    "community",
    "notifications",
    "moderation",
    "feedback",
    "web",
    "api",
    "demo",
    "config",
    "templates",
]


def untranslated(path: Path) -> list[str]:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def test_the_german_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert not untranslated(CATALOGUE)


def test_every_string_in_the_code_and_templates_is_in_the_german_catalogue(tmp_path):
    """Extract the strings afresh (as `make makemessages` does) and find none left untranslated."""
    require_service("GNU gettext", bool(shutil.which("xgettext") and shutil.which("msgmerge")))
    # makemessages writes into the locale folder beside the sources: work on a copy,
    # so that the tracked catalogue is never touched.
    source = tmp_path / "source"
    for folder in SOURCE_FOLDERS:
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("*.pyc"))
    locale = source / "locale"
    shutil.copytree(ROOT / "locale", locale)
    cwd = os.getcwd()
    os.chdir(source)
    try:
        with override_settings(LOCALE_PATHS=[str(locale)]):
            call_command(
                "makemessages",
                locale=["de"],
                ignore_patterns=["locale/*"],
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(cwd)

    missing = untranslated(locale / "de" / "LC_MESSAGES" / "django.po")
    assert not missing, f"run `make makemessages` and translate: {missing[:20]}"


@pytest.mark.django_db
def test_pages_speak_german_when_asked(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")

    assert response["Content-Language"] == "de"
    assert "Anmelden" in response.content.decode()


@pytest.mark.django_db
def test_dates_and_numbers_follow_the_active_locale(client):
    import datetime

    from community.models import Category
    from tests.accounts.factories import UserFactory

    UserFactory(
        username="anna",
        date_joined=datetime.datetime(2026, 3, 5, 12, 0, tzinfo=datetime.UTC),
    )
    Category.objects.create(name="Help", slug="help", post_count=12345)

    german_profile = client.get("/u/anna/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english_profile = client.get("/u/anna/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    german_index = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english_index = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "5. März 2026" in german_profile
    assert "March 5, 2026" in english_profile
    assert "12.345" in german_index
    assert "12,345" in english_index
