"""Password validators of the accounts app (``AUTH_PASSWORD_VALIDATORS``)."""

from django.contrib.auth.password_validation import (
    MinimumLengthValidator,
    get_default_password_validators,
)
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from accounts.models import User


class RoleMinimumLengthValidator(MinimumLengthValidator):
    """Ask for ``min_length`` characters, and ``staff_min_length`` from staff.

    Staff means a staff role (a group in ``accounts.roles.STAFF_ROLES``), the
    Django admin flag or a superuser. NIST SP 800-63B-4 (3.1.1.2) asks for at
    least 15 characters where the password may be the only factor, as it is
    for staff who have not set up two-factor authentication. Django passes the
    ``user`` whose password is set (an unsaved one at signup, who holds no role).
    Raises ``ValidationError`` with code ``password_too_short`` (Django's) or
    ``password_too_short_for_staff``.
    """

    def __init__(self, min_length: int = 10, staff_min_length: int = 15):
        super().__init__(min_length=min_length)
        self.staff_min_length = staff_min_length

    def validate(self, password: str, user: User | None = None) -> None:
        if needs_staff_password(user) and len(password) < self.staff_min_length:
            raise ValidationError(
                ngettext(
                    "Staff roles need a password of at least %(min_length)d character.",
                    "Staff roles need a password of at least %(min_length)d characters.",
                    self.staff_min_length,
                ),
                code="password_too_short_for_staff",
                params={"min_length": self.staff_min_length},
            )
        super().validate(password, user)

    def get_help_text(self, user: User | None = None) -> str:
        """Return the rule for ``user``; without one (signup, the admin), both rules.

        Django asks without a user (``password_validators_help_text_html``);
        ``password_rules_html`` asks with one.
        """
        if user is None:
            return ngettext(
                "Your password must contain at least %(min_length)d character "
                "(%(staff_min_length)d for staff roles).",
                "Your password must contain at least %(min_length)d characters "
                "(%(staff_min_length)d for staff roles).",
                self.min_length,
            ) % {"min_length": self.min_length, "staff_min_length": self.staff_min_length}
        if needs_staff_password(user):
            # Django's own sentence, with the staff length.
            return MinimumLengthValidator(min_length=self.staff_min_length).get_help_text()
        return super().get_help_text()


def password_rules_html(user: User) -> str:
    """Return the rules of ``AUTH_PASSWORD_VALIDATORS`` for ``user`` as an HTML list.

    Django's ``password_validators_help_text_html`` with the user known, so
    that a moderator is not told 10 characters and then refused 12.
    """
    help_texts = [
        validator.get_help_text(user)
        if isinstance(validator, RoleMinimumLengthValidator)
        else validator.get_help_text()
        for validator in get_default_password_validators()
    ]
    items = format_html_join("", "<li>{}</li>", ((help_text,) for help_text in help_texts))
    return format_html("<ul>{}</ul>", items) if items else ""


def needs_staff_password(user: User | None) -> bool:
    """Return whether ``user`` must meet the staff password rule."""
    if user is None:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # An unsaved user (signup, the admin's add form) has no groups to ask yet.
    return user.pk is not None and user.is_staff_member
