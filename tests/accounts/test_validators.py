"""Password rules: 10 characters for everyone, 15 for staff (accounts.validators)."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
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


def password_rules(page) -> str:
    """The rules listed under the new password on ``page``."""
    return str(page.context["form"].fields["password1"].help_text)


def test_a_moderator_changing_their_password_is_shown_the_staff_rule(client):
    """The page asked for 10 characters and then refused 12 because staff roles need 15."""
    client.force_login(UserFactory(role=Role.MODERATOR))

    rules = password_rules(client.get(reverse("account_change_password")))

    assert "Your password must contain at least 15 characters." in rules
    assert "10" not in rules


def test_a_member_changing_their_password_is_shown_the_members_rule(client):
    client.force_login(UserFactory())

    rules = password_rules(client.get(reverse("account_change_password")))

    assert "Your password must contain at least 10 characters." in rules
    assert "15" not in rules


def test_a_moderator_resetting_their_password_is_shown_the_staff_rule(client):
    moderator = UserFactory(email="mod@example.test", role=Role.MODERATOR)
    client.post(reverse("account_reset_password"), {"email": moderator.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)

    page = client.get(link.group(1), follow=True)

    assert "at least 15 characters." in password_rules(page)


def test_where_the_person_is_unknown_both_rules_are_shown(client):
    rules = password_rules(client.get(reverse("account_signup")))

    assert "Your password must contain at least 10 characters (15 for staff roles)." in rules


def test_the_password_rules_are_shown_in_german(client):
    client.force_login(UserFactory(role=Role.MODERATOR))

    staff = password_rules(
        client.get(reverse("account_change_password"), HTTP_ACCEPT_LANGUAGE="de")
    )
    client.logout()
    both = password_rules(client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="de"))

    assert "Das Passwort muss mindestens 15 Zeichen enthalten." in staff
    assert "Das Passwort muss mindestens 10 Zeichen enthalten (15 für Mitarbeiterrollen)." in both
