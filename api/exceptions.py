"""One shape for every refusal: ``{"detail": "...", "errors": {"field": ["..."]}}``."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

#: The key of ``errors`` for what concerns the input as a whole, as in DRF.
NON_FIELD = "non_field_errors"


def handle_exception(exc, context) -> Response | None:
    """Answer ``exc`` raised by a view, a service or a selector in the one error shape.

    A Django ``ValidationError`` (a service's broken rule) is 400 with its
    messages by field, ``PermissionDenied`` 403 and ``Http404`` 404 with the
    service's message; DRF's own exceptions keep their status and headers
    (401's ``WWW-Authenticate``, 429's ``Retry-After``). ``errors`` is empty
    when no field is at fault. Anything else is left to Django (a 500).
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_errors(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {NON_FIELD: exc.detail}
        messages = [message for field in errors.values() for message in _flat(field)]
        detail = messages[0] if len(messages) == 1 else _("The input is not valid.")
        response.data = {"detail": str(detail), "errors": errors}
    else:
        response.data = {"detail": str(exc.detail), "errors": {}}
    return response


def _django_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """Return a Django ``ValidationError``'s messages by field (``NON_FIELD`` for the rest)."""
    if hasattr(error, "error_dict"):
        return {
            (NON_FIELD if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {NON_FIELD: error.messages}


def _flat(errors) -> list:
    """Return the messages of one field's errors, however deeply DRF nested them."""
    if isinstance(errors, dict):
        return [message for value in errors.values() for message in _flat(value)]
    if isinstance(errors, list):
        return [message for value in errors for message in _flat(value)]
    return [errors]
