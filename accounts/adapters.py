"""How django-allauth is customised for Liaison (through its adapter, not its views)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.devices import is_known_device, remember_device
from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role

#: Rate (in ACCOUNT_RATE_LIMITS) of failed sign-ins per IP from browsers without a device cookie.
UNKNOWN_DEVICE_FAILURES = "liaison_login_failed_unknown_device"
#: Rate (in ACCOUNT_RATE_LIMITS) of accounts created per IP.
NEW_ACCOUNTS = "liaison_new_account"


class AccountAdapter(DefaultAccountAdapter):
    """Store the display name, make every new account a member, keep suspended members out.

    Also throttles sign-ins per IP without locking out remembered browsers, and
    counts new accounts per IP.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts_from_network": gettext_lazy(
            "Too many failed login attempts from your network. Try again later, "
            "or sign in from a browser you have signed in with before."
        ),
        "too_many_signups": gettext_lazy(
            "Too many accounts were created from your network in the last hour. "
            "Please try again later."
        ),
    }

    def pre_authenticate(self, request, **credentials):
        """Refuse a password check while the IP is locked out, unless the browser is known.

        OWASP's device cookies ("Slow Down Online Guessing Attacks with Device
        Cookies"): failed sign-ins from one IP lock out only browsers without a
        device cookie for the account tried (rate ``UNKNOWN_DEVICE_FAILURES``),
        so that guessing at made-up addresses cannot keep out a member who
        signed in with this browser before. allauth then applies its own
        ``login_failed`` rate per address, which locks an address for every
        browser. Raises ``ValidationError``.
        """
        self._is_known_device = is_known_device(request, email=credentials.get("email", ""))
        if not self._is_known_device and not ratelimit.consume(
            request, action=UNKNOWN_DEVICE_FAILURES, dry_run=True
        ):
            raise self.validation_error("too_many_login_attempts_from_network")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials):
        """Count a wrong password against the IP, unless the browser is known (see above)."""
        if not self._is_known_device:
            ratelimit.consume(request, action=UNKNOWN_DEVICE_FAILURES)
        super().authentication_failed(request, **credentials)

    def post_login(self, request, user: User, **kwargs):
        """Remember this browser for ``user`` with a device cookie, once fully signed in."""
        response = super().post_login(request, user, **kwargs)
        remember_device(response, user)
        return response

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

    def consume_signup_quota(self) -> None:
        """Count one new account against the client's IP; raise ``ValidationError`` once the
        IP created its new accounts for the hour.

        Discourse limits new accounts per registration IP
        (max_new_accounts_per_registration_ip); ``SIGNUPS_PER_IP_PER_HOUR``
        sets the rate ``NEW_ACCOUNTS``. Called once a signup form is otherwise
        valid (``accounts.forms.SignupForm.full_clean``), so that a newcomer's
        typos do not use up the quota; allauth's own ``signup`` rate counts
        every form sent, so it stays higher. A signup with a taken address
        counts too, or the quota would tell which addresses have an account.
        """
        # A form checked outside a request (a shell, a test) has no client to count.
        if self.request is None:
            return
        # Check and count in one step, under allauth's cache lock: forms sent at the same
        # moment cannot all pass a check made before any of them is counted.
        if not ratelimit.consume(self.request, action=NEW_ACCOUNTS):
            raise self.validation_error("too_many_signups")


def suspension_message(user: User) -> str:
    """Return the sentence that tells ``user`` they cannot sign in, and until when."""
    if user.banned_at is not None:
        return _("This account has been banned.")
    return _("This account is suspended until %(date)s.") % {
        "date": formats.date_format(user.suspended_until, "DATETIME_FORMAT")
    }
