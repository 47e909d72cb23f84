"""htmx requests: telling them from a full page load, and answering them in a form htmx acts on."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def is_htmx(request) -> bool:
    """Return whether ``request`` was sent by htmx (it wants a partial, not a page)."""
    return request.headers.get("HX-Request") == "true"


class HtmxMiddleware:
    """Answer htmx requests in a form that htmx acts on.

    htmx follows a redirect inside its request and swaps the page it lands on
    (two-factor setup, sign-in) into the fragment: a redirect answers an htmx
    request with ``HX-Redirect`` instead, so that the browser goes there. htmx
    swaps nothing on an error; static/js/htmx-errors.js shows the answer when it
    is plain text, so a refusal answers with its reason as plain text.

    Placed after MessageMiddleware, so that a message added before a redirect
    travels with the answer that replaces it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_htmx(request):
            return response
        if response.status_code in REDIRECT_STATUSES and response.has_header("Location"):
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            redirect.cookies = response.cookies
            return redirect
        if response.status_code == 403 and _is_csrf_failure(request):
            return _plain_refusal(_("Your session has expired. Reload the page and try again."))
        return response

    def process_exception(self, request, exception):
        if not is_htmx(request):
            return None
        if isinstance(exception, PermissionDenied) and str(exception):
            return _plain_refusal(str(exception))
        if isinstance(exception, Http404):
            return _plain_refusal(
                _("This is no longer available. Reload the page to see what changed."),
                status=404,
            )
        return None


def _is_csrf_failure(request) -> bool:
    """Return whether CsrfViewMiddleware refused ``request`` (it marks what it accepts)."""
    return request.method not in SAFE_METHODS and not getattr(
        request, "csrf_processing_done", False
    )


def _plain_refusal(message: str, status: int = 403) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
