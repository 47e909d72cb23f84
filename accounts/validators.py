"""Password validators of the accounts app (``AUTH_PASSWORD_VALIDATORS``)."""

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
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


def needs_staff_password(user: User | None) -> bool:
    """Return whether ``user`` must meet the staff password rule."""
    if user is None:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # An unsaved user (signup, the admin's add form) has no groups to ask yet.
    return user.pk is not None and user.is_staff_member
