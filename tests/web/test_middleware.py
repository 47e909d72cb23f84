"""Request limits: an oversized body is refused unread, a path with NUL is not found."""

import io

import pytest
from django.http import HttpResponse
from django.urls import include, path, reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

#: Requests that reached ``echo``, by the test that sent them.
seen = []


def echo(request, name="body"):
    """Record the request and answer with the posted ``text``."""
    seen.append(request)
    return HttpResponse(request.POST.get("text", name))


#: The site's URLs (its 404 page links to them), and the echo.
urlpatterns = [
    path("echo/", echo, name="echo"),
    path("echo/<str:name>/", echo, name="echo_name"),
    path("", include("config.urls")),
]


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test when anything reads it."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("The body of a refused request was read.")


@pytest.fixture(autouse=True)
def _forget_requests():
    seen.clear()


@pytest.fixture
def limit(settings):
    """A small body limit, in bytes."""
    settings.LIAISON_REQUEST_MAX_BYTES = 1000
    return settings.LIAISON_REQUEST_MAX_BYTES


def test_a_body_longer_than_the_limit_is_refused_unread_before_the_view(client, limit):
    # A 300 MB upload was read to its end before the avatar form refused it.
    response = client.post(
        reverse("echo"),
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "This request is too large: send at most 1000\xa0bytes."
    assert seen == []


def test_the_refusal_speaks_the_visitors_language(client, limit):
    response = client.post(
        reverse("echo"),
        CONTENT_LENGTH=str(limit + 1),
        HTTP_ACCEPT_LANGUAGE="de",
        **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 413
    assert response.content.decode().startswith("Diese Anfrage ist zu groß")


def test_a_body_up_to_the_limit_reaches_the_view(client, limit):
    text = "x" * 500
    response = client.post(reverse("echo"), {"text": text})

    assert response.status_code == 200
    assert response.content.decode() == text
    assert int(seen[0].META["CONTENT_LENGTH"]) <= limit


def test_a_missing_or_garbled_length_is_no_length(client, limit):
    """Django reads no body for either, so there is nothing to refuse."""
    assert client.get(reverse("echo")).status_code == 200
    assert client.post(reverse("echo"), CONTENT_LENGTH="many").status_code == 200


def test_a_path_with_a_nul_character_is_not_found_and_never_reaches_the_view(client):
    # On PostgreSQL a NUL in /backoffice/members/%00/ reached the query and answered 500.
    response = client.get("/echo/a%00b/")

    assert response.status_code == 404
    assert seen == []


def test_a_path_without_nul_reaches_the_view(client):
    response = client.get("/echo/a%2500b/")

    assert response.status_code == 200
    assert response.content.decode() == "a%00b"
