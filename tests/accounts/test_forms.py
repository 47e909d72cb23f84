"""The signup form's quota of new accounts per IP (accounts.forms.SignupForm)."""

import pytest
from allauth.account.forms import SignupForm
from allauth.core import context
from django.test import RequestFactory

from accounts.models import User

pytestmark = pytest.mark.django_db

QUOTA_USED_UP = "Too many accounts were created from your network"


def signup_form(number: int, **extra) -> SignupForm:
    """allauth's signup form (built on ours) for a new account, filled in without a mistake."""
    password = "a sturdy passphrase 42"
    return SignupForm(
        {
            "email": f"new{number}@example.test",
            "username": f"new{number}",
            "password1": password,
            "password2": password,
            **extra,
        }
    )


def test_forms_checked_at_the_same_moment_use_up_the_quota_before_any_account_is_saved():
    """Six signups sent at once from one IP created six accounts: each form only looked at
    the quota, and the account used it up when saved, after every form had passed."""
    request = RequestFactory().post("/accounts/signup/", REMOTE_ADDR="203.0.113.5")
    forms = [signup_form(number) for number in range(6)]

    with context.request_context(request):
        passed = [form.is_valid() for form in forms]

    assert passed == [True, True, True, False, False, False]
    assert QUOTA_USED_UP in str(forms[3].non_field_errors())
    assert not User.objects.exists()


def test_a_form_refused_for_its_password_leaves_the_quota_alone():
    """allauth checks the passwords after Liaison's clean(): the quota is counted after that."""
    request = RequestFactory().post("/accounts/signup/", REMOTE_ADDR="203.0.113.5")

    with context.request_context(request):
        for number in range(3):
            assert not signup_form(number, password2="something else entirely").is_valid()
            assert not signup_form(number, password1="short", password2="short").is_valid()
        passed = [signup_form(number).is_valid() for number in range(3)]

    assert passed == [True, True, True]
