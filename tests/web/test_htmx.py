"""htmx: telling its requests apart, and answering redirects and refusals in a form it acts on."""

import pytest
from django.http import HttpResponseRedirect
from django.test import Client, RequestFactory
from django.urls import path, reverse

from accounts.roles import Role
from community.models import Post, PostStatus, Thread
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post
from web.htmx import is_htmx

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def remember_and_go_home(request):
    """Set a cookie on a redirect, as signing in does."""
    response = HttpResponseRedirect("/")
    response.set_cookie("remembered", "yes")
    return response


#: For the tests marked ``pytest.mark.urls(__name__)``.
urlpatterns = [path("remember/", remember_and_go_home)]


# is_htmx


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({"HX-Request": "true"}, True), ({"HX-Request": "false"}, False), ({}, False)],
)
def test_is_htmx_answers_whether_htmx_sent_the_request(headers, expected):
    assert is_htmx(RequestFactory().get("/", headers=headers)) is expected


# HtmxMiddleware


@pytest.mark.urls(__name__)
def test_an_htmx_redirect_keeps_the_cookies_the_redirect_set(client):
    response = client.get("/remember/", **HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"] == "/"
    assert response.cookies["remembered"].value == "yes"


def test_an_htmx_reply_to_a_thread_locked_meanwhile_answers_why_in_plain_text(client):
    thread = ThreadFactory()
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    client.force_login(UserFactory())

    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Hi"}, **HTMX)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert response.text == "This thread is locked."


def test_an_htmx_reaction_to_a_post_hidden_meanwhile_answers_why_in_plain_text(client):
    post = first_post(ThreadFactory())
    Post.objects.filter(pk=post.pk).update(status=PostStatus.HIDDEN)
    client.force_login(UserFactory())

    response = client.post(f"/p/{post.pk}/react/", {"kind": "like"}, **HTMX)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert response.text == "This post is not published."


def test_an_htmx_request_for_something_gone_answers_not_found_in_plain_text(client):
    client.force_login(UserFactory())

    response = client.post("/p/999999/react/", {"kind": "like"}, **HTMX)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert "Reload the page" in response.text


def test_an_htmx_post_with_an_expired_csrf_token_answers_that_the_session_expired():
    thread = ThreadFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post(
        f"/t/{thread.pk}/reply/", {"body": "Hi"}, HTTP_X_CSRFTOKEN="expired" * 8, **HTMX
    )

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert response.text == "Your session has expired. Reload the page and try again."
    assert not Post.objects.filter(thread=thread, number=2).exists()


def test_a_plain_refusal_still_shows_the_error_page(client):
    thread = ThreadFactory()
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    client.force_login(UserFactory())

    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Hi"})

    assert response.status_code == 403
    assert "<html" in response.text
    assert "This thread is locked." in response.text


def test_staff_without_two_factor_get_hx_redirect_to_its_setup_instead_of_a_302(client, settings):
    settings.LIAISON_REQUIRE_MFA_FOR_STAFF = True
    post = first_post(ThreadFactory())
    client.force_login(UserFactory(role=Role.MODERATOR))

    response = client.post(f"/p/{post.pk}/react/", {"kind": "like"}, **HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("mfa_activate_totp")
    assert "Location" not in response
    setup = client.get(response["HX-Redirect"], follow=True)
    assert "Your role requires two-factor authentication" in setup.text


def test_staff_without_two_factor_are_still_redirected_without_htmx(client, settings):
    settings.LIAISON_REQUIRE_MFA_FOR_STAFF = True
    post = first_post(ThreadFactory())
    client.force_login(UserFactory(role=Role.MODERATOR))

    response = client.post(f"/p/{post.pk}/react/", {"kind": "like"})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_visitors_htmx_reaction_gets_hx_redirect_to_sign_in(client):
    post = first_post(ThreadFactory())

    response = client.post(f"/p/{post.pk}/react/", {"kind": "like"}, **HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))
