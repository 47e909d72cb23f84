"""How often the API answers one member and one client address, counted in the shared
cache (``config.cache``): a member by their id whether they come by session or by
token, an address whoever signs in from it."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _SettingsRateThrottle(SimpleRateThrottle):
    """Read the rate from the settings on each request: DRF's class keeps the rates it
    found at import, so that a changed setting (a test's) would not count."""

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class MemberRateThrottle(_SettingsRateThrottle):
    """Count a signed-in member's requests (``API_REQUESTS_PER_MEMBER``); visitors pass."""

    scope = "member"

    def get_cache_key(self, request, view) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AddressRateThrottle(_SettingsRateThrottle):
    """Count every request from one client address (``API_REQUESTS_PER_ADDRESS``), as
    read behind ``TRUSTED_PROXY_COUNT`` proxies."""

    scope = "address"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
