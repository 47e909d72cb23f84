"""The accounts app's models: usernames (accounts.models)."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import username_validator

pytestmark = pytest.mark.django_db


# Forum review: usernames could start or end with a dot or a dash.
@pytest.mark.parametrize("username", ["bob.", "bob-", ".bob", "-bob", "b"])
def test_a_username_must_start_and_end_with_a_letter_digit_or_underscore(username):
    with pytest.raises(ValidationError):
        username_validator(username)


# Forum review: dots and dashes inside a username stay allowed.
@pytest.mark.parametrize("username", ["bo", "a.b", "a-b", "_x_", "x" * 30])
def test_usernames_with_dots_or_dashes_inside_stay_valid(username):
    username_validator(username)
