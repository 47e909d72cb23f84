"""The demo people (demo.accounts)."""

import pytest
from django.urls import reverse

from demo import accounts as demo

pytestmark = pytest.mark.django_db


def test_demo_staff_sign_in_with_the_demo_password_shorter_than_the_staff_rule(client):
    """Password rules apply when a password is chosen; the loader sets the hash directly."""
    demo.load()

    response = client.post(
        reverse("account_login"),
        {"login": "moderator@demo.liaison.test", "password": demo.DEMO_PASSWORD},
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
