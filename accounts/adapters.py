"""How django-allauth is customised for Liaison (through its adapter, not its views)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import formats, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role


class AccountAdapter(DefaultAccountAdapter):
    """Store the display name, make every new account a member, keep suspended members out."""

    def pre_login(self, request, user: User, **kwargs):
        """Refuse to sign in a suspended or banned member, saying until when."""
        if user.is_suspended:
            messages.error(request, suspension_message(user))
            return redirect("account_login")
        return super().pre_login(request, user, **kwargs)

    def save_user(self, request, user: User, form, commit: bool = True) -> User:
        """Save the new account with its display name, in the member role.

        The language the member signed up in becomes their preferred language,
        so that e-mails reach them in it.
        """
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "").strip()
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
        if commit:
            user.save()
            assign_role(member=user, role=Role.MEMBER)
        return user


def suspension_message(user: User) -> str:
    """Return the sentence that tells ``user`` they cannot sign in, and until when."""
    if user.banned_at is not None:
        return _("This account has been banned.")
    return _("This account is suspended until %(date)s.") % {
        "date": formats.date_format(user.suspended_until, "DATETIME_FORMAT")
    }
