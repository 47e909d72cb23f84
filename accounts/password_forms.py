"""allauth's forms that set a known member's password, with that member's password rules.

Apart from ``accounts.forms``: allauth builds its signup form on
``accounts.forms.SignupForm`` while ``allauth.account.forms`` loads, so that
module cannot import allauth's forms.
"""

from allauth.account import forms as allauth_forms

from accounts.validators import password_rules_html


class PasswordRulesForUserMixin:
    """List the password rules for the form's ``user`` under the new password.

    allauth lists them for nobody in particular (Django's
    ``password_validators_help_text_html``), which tells staff the members' rule.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["password1"].help_text = password_rules_html(self.user)


class ChangePasswordForm(PasswordRulesForUserMixin, allauth_forms.ChangePasswordForm):
    """allauth's password change (``ACCOUNT_FORMS["change_password"]``)."""


class SetPasswordForm(PasswordRulesForUserMixin, allauth_forms.SetPasswordForm):
    """allauth's first password for an account without one (``ACCOUNT_FORMS["set_password"]``)."""


class ResetPasswordKeyForm(PasswordRulesForUserMixin, allauth_forms.ResetPasswordKeyForm):
    """allauth's new password from a reset link (``ACCOUNT_FORMS["reset_password_from_key"]``)."""
