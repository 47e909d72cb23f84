"""Password rules: 10 characters for everyone, 15 for staff (accounts.validators)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TEN_CHARACTERS = "quiet lake"
FOURTEEN_CHARACTERS = "quiet lake bay"


def error_codes(password: str, user: User | None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


def test_a_member_needs_a_password_of_ten_characters():
    member = UserFactory()

    assert error_codes("quiet lak", member) == ["password_too_short"]
    assert error_codes(TEN_CHARACTERS, member) == []


@pytest.mark.parametrize(
    "role", [Role.MODERATOR, Role.COMMUNITY_MANAGER, Role.DEPARTMENT_STAFF, Role.ADMIN]
)
def test_a_staff_role_needs_a_password_of_fifteen_characters(role):
    staff = UserFactory(role=role)

    assert error_codes(FOURTEEN_CHARACTERS, staff) == ["password_too_short_for_staff"]
    assert error_codes(FOURTEEN_CHARACTERS + "s", staff) == []


def test_django_admin_access_needs_a_password_of_fifteen_characters():
    assert error_codes(FOURTEEN_CHARACTERS, User(is_staff=True)) == ["password_too_short_for_staff"]


def test_a_common_password_of_ten_characters_is_still_refused():
    assert error_codes("qwertyuiop", UserFactory()) == ["password_too_common"]


def test_signup_refuses_a_password_under_ten_characters(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.test",
            "username": "newcomer",
            "password1": "quiet lak",
            "password2": "quiet lak",
        },
    )

    assert "at least 10 characters" in str(response.context["form"].errors["password1"])
    assert not User.objects.filter(email="newcomer@example.test").exists()


def test_a_moderator_cannot_change_to_a_password_under_fifteen_characters(client):
    moderator = UserFactory(role=Role.MODERATOR)
    client.force_login(moderator)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": FOURTEEN_CHARACTERS,
            "password2": FOURTEEN_CHARACTERS,
        },
    )

    assert "Staff roles need a password of at least 15 characters." in str(
        response.context["form"].errors["password1"]
    )
    moderator.refresh_from_db()
    assert moderator.check_password(PASSWORD)
