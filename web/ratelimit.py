"""Rate limits on any page, per client address or per member, counted in the shared cache."""

# allauth's own limits (ACCOUNT_RATE_LIMITS) count with this module; its public face
# (allauth.core.ratelimit) reads only those rates and lets every GET request through.
from allauth.core.internal import ratelimit as allauth_ratelimit

#: The cache keys' namespace of these limits, apart from allauth's own.
APP = "liaison"


def consume(request, *, action: str, rate: str) -> bool:
    """Count ``request`` against ``rate`` for ``action``; return whether it stays within it.

    ``rate`` is written as allauth's rates are: ``"15/m/ip"`` (15 a minute per
    client address), ``"60/m/user"`` (per signed-in member). A request over
    the rate is not counted. GET requests count too.

    allauth does the counting, as for the sign-in and signup limits
    (``accounts.adapters``): the times of the requests within the period in
    the cache, read and written under a lock taken with the cache's atomic
    ``add``, so that requests sent at the same moment cannot all pass. The
    client address is allauth's (``ALLAUTH_TRUSTED_PROXY_COUNT`` proxies are
    skipped in X-Forwarded-For; IPv6 addresses count by their /64). With the
    cache down nothing is counted (``config.cache``): the limit fails open.
    """
    usage = allauth_ratelimit.consume(
        request, app=APP, action=action, config={action: rate}, limit_get=True
    )
    return usage is not None
