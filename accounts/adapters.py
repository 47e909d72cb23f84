"""How django-allauth is customised for Liaison (through its adapter, not its views)."""

from datetime import UTC, datetime, timedelta

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit

# allauth's own adapter counts failed sign-ins through this module: its consume() returns
# the count it made, which can be taken back (allauth.core.ratelimit's returns a bool).
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import formats, translation
from django.utils.functional import lazy
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.devices import get_device_id, remember_device
from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role

#: allauth's rate (in ACCOUNT_RATE_LIMITS) of failed sign-ins per address.
ADDRESS_FAILURES = "login_failed"
#: Rate (in ACCOUNT_RATE_LIMITS) of failed sign-ins per IP from browsers without a device cookie.
UNKNOWN_DEVICE_FAILURES = "liaison_login_failed_unknown_device"
#: Rate (in ACCOUNT_RATE_LIMITS) of failed sign-ins per device cookie.
KNOWN_DEVICE_FAILURES = "liaison_login_failed_known_device"
#: Rate (in ACCOUNT_RATE_LIMITS) of accounts created per IP.
NEW_ACCOUNTS = "liaison_new_account"


def lock_duration(action: str) -> str:
    """Return the longest period of ``action``'s rates, in words ("5 minutes").

    A lock set by a rate lifts within its period, once the oldest failure
    counted drops out of it.
    """
    rates = allauth_ratelimit.get_rates(app="allauth.account", action=action)
    seconds = max((rate.duration for rate in rates), default=0)
    start = datetime(2000, 1, 1, tzinfo=UTC)
    return timesince(start, now=start + timedelta(seconds=seconds))


def _lock_message(message: str, action: str) -> str:
    return message % {"duration": lock_duration(action)}


#: ``message`` with ``%(duration)s`` replaced by ``lock_duration(action)``, when displayed:
#: in the language of the request, with the rates as configured then.
lock_message = lazy(_lock_message, str)

LOCKED_OUT = gettext_lazy("Too many failed login attempts. Try again in %(duration)s.")


class AccountAdapter(DefaultAccountAdapter):
    """Store the display name, make every new account a member, keep suspended members out.

    Also throttles failed sign-ins without locking members out of the browsers
    they signed in with before, and counts new accounts per IP.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # allauth's: its login_failed rate locked the address (or, at the second step,
        # the account's two-factor codes).
        "too_many_login_attempts": lock_message(LOCKED_OUT, ADDRESS_FAILURES),
        "too_many_login_attempts_from_this_browser": lock_message(
            LOCKED_OUT, KNOWN_DEVICE_FAILURES
        ),
        "too_many_login_attempts_from_network": lock_message(
            gettext_lazy(
                "Too many failed login attempts from your network. Try again in "
                "%(duration)s, or sign in from a browser you have signed in with before."
            ),
            UNKNOWN_DEVICE_FAILURES,
        ),
        "too_many_signups": gettext_lazy(
            "Too many accounts were created from your network in the last hour. "
            "Please try again later."
        ),
    }

    def pre_authenticate(self, request, **credentials):
        """Refuse a password check while the client is locked out; raise ``ValidationError``.

        OWASP's device cookies ("Slow Down Online Guessing Attacks with Device
        Cookies"): a browser with a device cookie for the account tried
        (``accounts.devices``) is trusted. Its failures count against its device
        cookie alone (rate ``KNOWN_DEVICE_FAILURES``), and no lock that other
        clients set holds it. Any other client is untrusted: its failures count
        against its IP (rate ``UNKNOWN_DEVICE_FAILURES``) and, through allauth,
        against the address tried (rate ``ADDRESS_FAILURES``), and either lock
        holds untrusted clients only. So neither guessing at made-up addresses
        from a shared network nor guessing at a member's own address keeps that
        member out of a browser they signed in with before.
        """
        self._device_id = get_device_id(request, email=credentials.get("email", ""))
        self._device_failure = None
        if self._device_id is not None:
            # Count the attempt now and take it back once the password proves right
            # (authenticate), as allauth does per address: guesses sent at the same
            # moment cannot all pass a check made before any of them is counted.
            self._device_failure = allauth_ratelimit.consume(
                request, app="allauth.account", action=KNOWN_DEVICE_FAILURES, key=self._device_id
            )
            if not self._device_failure:
                raise self.validation_error("too_many_login_attempts_from_this_browser")
            return
        if not ratelimit.consume(request, action=UNKNOWN_DEVICE_FAILURES, dry_run=True):
            raise self.validation_error("too_many_login_attempts_from_network")
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        """Return the user the credentials name, or None; a trusted browser's attempt with the
        right password stops counting as a failure (see pre_authenticate).

        Taking the one attempt back, rather than clearing the count, keeps failures
        between successful sign-ins counted, as allauth does per address.
        """
        user = super().authenticate(request, **credentials)
        if user is not None and self._device_failure:
            self._device_failure.rollback()
        return user

    def authentication_failed(self, request, **credentials):
        """Count a wrong password against the IP of an untrusted client (see pre_authenticate)."""
        if self._device_id is None:
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
