"""Absolute links: a path on the site's public base URL."""

import pytest

from web.links import absolute_url


@pytest.mark.parametrize(
    "base_url", ["https://community.example.test", "https://community.example.test/"]
)
def test_absolute_url_puts_the_path_on_the_base_url_with_one_slash_between(settings, base_url):
    settings.LIAISON_BASE_URL = base_url

    assert absolute_url("/t/hello/1/") == "https://community.example.test/t/hello/1/"


def test_absolute_url_of_nothing_is_the_base_url_without_its_trailing_slash(settings):
    settings.LIAISON_BASE_URL = "https://community.example.test/"

    assert absolute_url("") == "https://community.example.test"


def test_absolute_url_reads_the_setting_when_called(settings):
    settings.LIAISON_BASE_URL = "https://one.example.test"
    first = absolute_url("/")
    settings.LIAISON_BASE_URL = "https://two.example.test"

    assert (first, absolute_url("/")) == ("https://one.example.test/", "https://two.example.test/")
