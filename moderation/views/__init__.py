"""Pages of the backoffice, one module per area; each view is thin."""

from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, *, default: str) -> str:
    """Return the form's ``next`` when it points into this site, else ``default``.

    Refuses other hosts ("https://evil.example", "//evil.example") so that a
    crafted form cannot send a moderator off the site.
    """
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
