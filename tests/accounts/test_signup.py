"""Signup, e-mail verification and login through django-allauth."""

import re
from datetime import datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.forms import SignupForm
from accounts.models import User
from accounts.roles import Role
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, email="newcomer@example.test", username="newcomer", **extra):
    data = {
        "email": email,
        "username": username,
        "display_name": "New Comer",
        "password1": "a sturdy passphrase 42",
        "password2": "a sturdy passphrase 42",
        **extra,
    }
    return client.post(reverse("account_signup"), data)


def confirmation_link(message) -> str:
    return re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_creates_an_unverified_member_and_mails_a_verification_link(client):
    response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.test")
    assert user.display_name == "New Comer"
    assert user.has_role(Role.MEMBER)
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@example.test"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_unverified_member_cannot_sign_in(client):
    sign_up(client)
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "newcomer@example.test", "password": "a sturdy passphrase 42"},
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_opening_the_verification_link_verifies_and_signs_in(client):
    sign_up(client)
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="newcomer@example.test").verified
    profile = client.get(reverse("community:profile", kwargs={"username": "newcomer"}))
    assert profile.status_code == 200
    assert "New Comer" in profile.content.decode()


def test_a_forged_verification_link_is_refused_with_a_clear_page(client):
    response = client.get("/accounts/confirm-email/forged-key/")

    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()


def test_signup_refuses_a_bad_or_taken_username_with_a_field_error(client):
    UserFactory(username="taken")

    bad = sign_up(client, username="bad name!")
    taken = sign_up(client, username="Taken")

    assert "username" in bad.context["form"].errors
    assert "username" in taken.context["form"].errors
    assert User.objects.count() == 1


def test_signup_with_a_taken_email_creates_nothing_and_warns_the_owner(client):
    """allauth prevents account enumeration: the page looks the same, the owner gets a mail."""
    UserFactory(email="taken@example.test", username="taken")

    sign_up(client, email="taken@example.test", username="other")

    assert User.objects.count() == 1
    assert mail.outbox[0].to == ["taken@example.test"]


def test_signup_refuses_mismatched_passwords(client):
    response = sign_up(client, password2="something else entirely")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.filter(email="newcomer@example.test").exists()


def test_member_signs_in_with_email_and_signs_out(client):
    UserFactory(email="alice@example.test")

    response = client.post(
        reverse("account_login"), {"login": "alice@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session

    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_an_error(client):
    UserFactory(email="alice@example.test")

    response = client.post(
        reverse("account_login"), {"login": "alice@example.test", "password": "wrong"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_repeated_wrong_passwords_are_throttled(client):
    UserFactory(email="alice@example.test")
    url = reverse("account_login")
    for _attempt in range(5):
        client.post(url, {"login": "alice@example.test", "password": "wrong"})

    response = client.post(url, {"login": "alice@example.test", "password": PASSWORD})

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_mails_a_link(client):
    UserFactory(email="alice@example.test")

    response = client.post(reverse("account_reset_password"), {"email": "alice@example.test"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_email_change_sends_a_verification_to_the_new_address(client):
    user = UserFactory(email="alice@example.test")
    client.force_login(user)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "alice.new@example.test"}
    )

    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="alice.new@example.test", verified=False).exists()
    assert mail.outbox[-1].to == ["alice.new@example.test"]


def test_account_pages_use_the_site_layout(client):
    response = client.get(reverse("account_login"))

    content = response.content.decode()
    assert 'class="skip-link"' in content
    assert 'id="main"' in content
    assert "site-footer" in content


def test_signup_allows_three_new_accounts_per_ip_and_hour_as_discourse_does(client):
    for number in range(3):
        assert sign_up(client, f"new{number}@example.test", f"new{number}").status_code == 302

    refused = sign_up(client, "new3@example.test", "new3")
    elsewhere = sign_up(Client(REMOTE_ADDR="198.51.100.7"), "new4@example.test", "new4")

    assert refused.status_code == 200
    assert "Too many accounts were created from your network" in refused.content.decode()
    assert not User.objects.filter(email="new3@example.test").exists()
    assert elsewhere.status_code == 302


def test_mistakes_in_the_signup_form_do_not_use_up_the_quota(client):
    for _attempt in range(3):
        sign_up(client, password2="something else entirely")

    assert sign_up(client).status_code == 302
    assert User.objects.filter(email="newcomer@example.test").exists()


def test_a_signup_with_a_taken_address_counts_like_a_new_account(client):
    """Otherwise the quota would tell which addresses have an account."""
    UserFactory(email="taken@example.test", username="taken")
    sign_up(client, "taken@example.test", "other")
    sign_up(client, "new1@example.test", "new1")
    sign_up(client, "new2@example.test", "new2")

    refused = sign_up(client, "new3@example.test", "new3")

    assert "Too many accounts were created from your network" in refused.content.decode()


def test_a_password_reset_link_works_for_an_hour_and_no_longer(client, monkeypatch):
    UserFactory(email="alice@example.test")
    client.post(reverse("account_reset_password"), {"email": "alice@example.test"})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    sent_at = datetime.now()

    def opened_after(elapsed: timedelta):
        monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: sent_at + elapsed)
        return Client().get(link.group(1), follow=True).context.get("token_fail", False)

    assert not opened_after(timedelta(minutes=59))
    assert opened_after(timedelta(minutes=61))


def test_under_productions_message_storage_the_sign_out_message_needs_no_cookie(settings):
    """Production keeps messages in the session (config/settings/production.py), where they
    outlive the sign-out that flushes it."""
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    client = Client()
    client.force_login(UserFactory())

    response = client.post(reverse("account_logout"))
    page = client.get(response.url)

    assert "messages" not in response.cookies
    assert "You have signed out." in page.content.decode()


# Forum review: signup accepted a username ending in a dot.
def test_signup_refuses_a_username_ending_in_a_dot():
    Client().post(
        reverse("account_signup"),
        {
            "email": "dot@example.test",
            "username": "dotty.",
            "password1": "a sturdy passphrase 42",
            "password2": "a sturdy passphrase 42",
        },
    )

    assert not User.objects.filter(email="dot@example.test").exists()


# Forum review: the signup form did not tell the browser a username's least length.
def test_the_signup_username_field_asks_for_at_least_two_characters():
    from allauth.account.forms import SignupForm as AllauthSignupForm

    page = Client().get(reverse("account_signup"))

    assert issubclass(AllauthSignupForm, SignupForm)
    assert re.search(r'<input type="text" name="username"[^>]* minlength="2"', page.text)
    assert not AllauthSignupForm(data={"username": "a"}).is_valid()
