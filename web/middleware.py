"""Request limits: refuse, before any view runs, requests that no view should see."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _


class BodySizeLimitMiddleware:
    """Answer 413 to a request that declares a body longer than ``LIAISON_REQUEST_MAX_BYTES``.

    Django caps form fields (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but streams an
    uploaded file to disk whatever its size, so a 300 MB upload was read to
    its end before the avatar form refused it. This looks at Content-Length
    only and reads nothing, so it must come before anything that reads the
    body (CsrfViewMiddleware reads the POST data).

    A body without a length (``Transfer-Encoding: chunked``) needs no check
    here: under WSGI Django reads Content-Length bytes of the body, none when
    there is no length, and the proxy in front (deploy/nginx.conf) caps such a
    body at the same size while it reads it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _declared_length(request) > settings.LIAISON_REQUEST_MAX_BYTES:
            return _too_large(request)
        return self.get_response(request)


class NullCharacterPathMiddleware:
    """Answer 404 to a path that holds a NUL character, which no page's address has.

    A NUL that reaches a query makes PostgreSQL's driver raise ("A string
    literal cannot contain NUL (0x00) characters"), so ``/members/%00/``
    answered 500. Refusing it here covers every URL parameter, ours and those
    of the admin and allauth. Placed after AuthenticationMiddleware so that
    the 404 page shows as for any other unknown address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        return self.get_response(request)


def _declared_length(request) -> int:
    """Return the request's Content-Length: 0 when missing or not a number, as Django reads it."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _too_large(request) -> HttpResponse:
    """Return the 413 answer in the visitor's language (LocaleMiddleware has not run yet)."""
    with translation.override(translation.get_language_from_request(request)):
        message = _("This request is too large: send at most %(size)s.") % {
            "size": filesizeformat(settings.LIAISON_REQUEST_MAX_BYTES)
        }
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
