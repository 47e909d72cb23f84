"""Who may do what with accounts. Views, services and templates all ask here."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import AccessToken, User


def can_edit_profile(actor: User, member: User) -> bool:
    """Return whether ``actor`` may edit ``member``'s profile: their own, or as an admin."""
    if not actor.is_authenticated:
        return False
    return actor.pk == member.pk or actor.has_perm("accounts.change_user")


def check_can_edit_profile(actor: User, member: User) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may edit ``member``'s profile."""
    if not can_edit_profile(actor, member):
        raise PermissionDenied(_("You can only edit your own profile."))


def offers_profile_edit(viewer: User, member: User) -> bool:
    """Return whether ``member``'s public profile links ``viewer`` to the profile form.

    Only ``member`` sees the link: the form edits one's own profile.
    """
    return viewer.is_authenticated and viewer.pk == member.pk


def must_set_up_mfa(user: User) -> bool:
    """Return whether ``user`` must set up two-factor authentication before going on.

    True for holders of a staff role without an authenticator while
    ``LIAISON_REQUIRE_MFA_FOR_STAFF`` is on.
    """
    if not settings.LIAISON_REQUIRE_MFA_FOR_STAFF or not user.is_authenticated:
        return False
    if not user.is_staff_member:
        return False
    return not user.authenticator_set.exists()


def can_revoke_access_token(actor: User, token: AccessToken) -> bool:
    """Return whether ``actor`` may revoke ``token``: only the member it belongs to."""
    return actor.is_authenticated and token.user_id == actor.pk


def check_can_revoke_access_token(actor: User, token: AccessToken) -> None:
    """Raise ``Http404`` unless ``actor`` may revoke ``token``: another's token looks absent."""
    if not can_revoke_access_token(actor, token):
        raise Http404
