"""How django-allauth is customised for Liaison (through its adapter, not its views)."""

from allauth.account.adapter import DefaultAccountAdapter

from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role


class AccountAdapter(DefaultAccountAdapter):
    """Store the display name and make every new account a member."""

    def save_user(self, request, user: User, form, commit: bool = True) -> User:
        """Save the new account with its display name and put it in the member role."""
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "").strip()
        if commit:
            user.save()
            assign_role(member=user, role=Role.MEMBER)
        return user
