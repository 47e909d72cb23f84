"""Personal access tokens: the Bearer header, scopes, expiry, revocation and the page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.models import ACCESS_TOKEN_PREFIX, AccessToken, TokenScope
from tests.accounts.factories import UserFactory
from tests.api.conftest import bearer, client_for, token_for

pytestmark = pytest.mark.django_db


def test_a_valid_token_signs_the_member_in(forum):
    member = UserFactory(username="scripted")
    secret = token_for(member)

    response = client_for().get("/api/v1/me/", **bearer(secret))

    assert response.status_code == 200
    assert response.json()["username"] == "scripted"


def test_only_the_hash_of_the_secret_is_stored():
    secret = token_for(UserFactory())

    token = AccessToken.objects.get()
    assert secret.startswith(ACCESS_TOKEN_PREFIX)
    assert secret not in token.secret_hash
    assert token.secret_hash == account_services.hash_token_secret(secret)


def test_a_wrong_token_is_refused_with_the_bearer_scheme(forum):
    token_for(UserFactory())

    response = client_for().get("/api/v1/categories/", **bearer("lia_not-a-token"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"detail": "This token is not valid.", "errors": {}}


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer lia_\u00e9"])
def test_a_malformed_header_is_refused(header):
    response = client_for().get("/api/v1/categories/", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401


def test_an_expired_token_is_refused(forum):
    secret = token_for(UserFactory(), expires_in_days=30)
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client_for().get("/api/v1/me/", **bearer(secret))

    assert response.status_code == 401


def test_a_revoked_token_is_refused(forum):
    member = UserFactory()
    secret = token_for(member)
    account_services.revoke_access_token(actor=member, token=AccessToken.objects.get())

    response = client_for().get("/api/v1/me/", **bearer(secret))

    assert response.status_code == 401


def test_a_read_token_may_not_write(forum):
    secret = token_for(UserFactory(), TokenScope.READ)

    response = client_for().send(
        "post", f"/api/v1/threads/{forum['thread'].pk}/posts/", {"body": "Hi"}, **bearer(secret)
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "This token's scopes do not allow this.", "errors": {}}


def test_a_write_token_may_not_read(forum):
    secret = token_for(UserFactory(), TokenScope.WRITE)

    response = client_for().get("/api/v1/categories/", **bearer(secret))

    assert response.status_code == 403


def test_a_write_token_writes_without_a_csrf_token(forum):
    secret = token_for(UserFactory(), TokenScope.READ, TokenScope.WRITE)
    client = client_for(enforce_csrf_checks=True)

    response = client.send(
        "post",
        f"/api/v1/threads/{forum['thread'].pk}/posts/",
        {"body": "Posted by a script."},
        **bearer(secret),
    )

    assert response.status_code == 201


def test_a_session_must_send_the_csrf_token_to_write(forum):
    client = client_for(UserFactory(), enforce_csrf_checks=True)

    response = client.send(
        "post", f"/api/v1/threads/{forum['thread'].pk}/posts/", {"body": "Posted from a page."}
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_token_notes_when_it_was_last_used(forum):
    secret = token_for(UserFactory())

    client_for().get("/api/v1/me/", **bearer(secret))

    assert AccessToken.objects.get().last_used_at is not None


def test_a_suspended_members_token_is_refused(forum):
    member = UserFactory()
    secret = token_for(member)
    member.banned_at = timezone.now()
    member.save()

    response = client_for().get("/api/v1/me/", **bearer(secret))

    assert response.status_code == 401


def test_the_tokens_page_shows_a_new_secret_once(client):
    member = UserFactory()
    client.force_login(member)

    response = client.post(
        reverse("accounts:access_tokens"),
        {"name": "Backup script", "scopes": ["read"], "expires_in_days": "30"},
    )

    token = AccessToken.objects.get()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert token.secret_hash == account_services.hash_token_secret(secret)
    assert token.can_read and not token.can_write
    again = client.get(reverse("accounts:access_tokens"))
    assert secret not in again.content.decode()
    assert "Backup script" in again.content.decode()


def test_the_tokens_page_refuses_a_token_without_a_scope(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:access_tokens"), {"name": "Nothing", "scopes": []})

    assert response.status_code == 400
    assert not AccessToken.objects.exists()


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("accounts:access_tokens"))

    assert response.status_code == 302


def test_a_member_revokes_their_token(client):
    member = UserFactory()
    token_for(member)
    client.force_login(member)
    token = AccessToken.objects.get()

    response = client.post(reverse("accounts:revoke_access_token", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_members_token_cannot_be_revoked(client):
    token_for(UserFactory())
    client.force_login(UserFactory())
    token = AccessToken.objects.get()

    response = client.post(reverse("accounts:revoke_access_token", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
