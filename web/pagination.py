"""Paginating every list page the same way."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404


def paginate(request, items, per_page: int) -> Page:
    """Return the page of ``items`` that ``?page=`` names (1 when absent), ``per_page`` long.

    Raises ``Http404`` for a page that is not a positive whole number or lies
    past the last page, as for any unknown address.
    """
    try:
        return Paginator(items, per_page).page(request.GET.get("page", "1"))
    except InvalidPage as error:
        raise Http404 from error
