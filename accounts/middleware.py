"""Request middleware of the accounts app."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.adapters import suspension_message
from accounts.permissions import must_set_up_mfa


class NoStoreWhenSignedInMiddleware:
    """Send every response to a signed-in person with ``Cache-Control: no-store``.

    Their pages are theirs alone: neither the browser (on a shared computer,
    after signing out) nor a proxy may keep a copy (OWASP Session Management
    Cheat Sheet, "Web Content Caching"). Anonymous pages stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Read after the view: signing in or out changes request.user on the way.
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True)
        return response


class StaffMFAMiddleware:
    """Send staff without two-factor authentication to its setup page.

    Active only while ``LIAISON_REQUIRE_MFA_FOR_STAFF`` is on; the MFA and
    account pages stay reachable so that the person can comply or sign out.
    """

    allowed_prefixes = ("/accounts/", "/static/", "/media/", "/settings/language/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.allowed_prefixes) and must_set_up_mfa(request.user):
            messages.warning(
                request, _("Your role requires two-factor authentication. Please set it up.")
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class PreferredLanguageMiddleware:
    """Speak a signed-in member's preferred language (their profile), when they chose one.

    Placed after LocaleMiddleware and AuthenticationMiddleware: the profile's
    choice wins over the browser's Accept-Language and the language cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = user.language if user is not None and user.is_authenticated else ""
        if language and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class SuspendedMemberMiddleware:
    """Sign out a member whose suspension or ban began while they were signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_suspended:
            message = suspension_message(user)
            logout(request)
            messages.error(request, message)
            return redirect("account_login")
        return self.get_response(request)
