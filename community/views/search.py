"""Searching the forum."""

from django.conf import settings
from django.shortcuts import render

from community import selectors
from community.forms import SearchForm
from web import ratelimit
from web.pagination import paginate


def search(request):
    """Show a page of the posts matching ``?q=``, narrowed and sorted as the form reads them.

    No words yet: the form with a hint (200). Words or a filter the form
    refuses: the form with its errors (400). A visitor's searches are counted
    per IP address (429 past ``LIAISON_SEARCH_ANONYMOUS_PER_MINUTE``).
    """
    form = SearchForm(request.GET, viewer=request.user)
    if not form.is_valid() or form.cleaned_data["query"] is None:
        status = 400 if form.errors else 200
        return render(request, "community/search.html", {"form": form}, status=status)
    if not request.user.is_authenticated and not _visitor_may_search(request):
        response = render(request, "community/search_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    query = form.cleaned_data["query"]
    results = selectors.search_posts(
        viewer=request.user, query=query, filters=form.filters(), sort=form.cleaned_data["sort"]
    )
    page = paginate(request, results, settings.LIAISON_SEARCH_RESULTS_PER_PAGE)
    selectors.attach_result_passages(page.object_list, query)
    return render(request, "community/search.html", {"form": form, "page": page})


def _visitor_may_search(request) -> bool:
    """Count a visitor's search against their IP address, as Discourse does
    (rate_limit_search_anon_user_per_minute): each search that runs counts, a
    further page of results too; the form alone and refused input do not."""
    rate = f"{settings.LIAISON_SEARCH_ANONYMOUS_PER_MINUTE}/m/ip"
    return ratelimit.consume(request, action="search_anonymous", rate=rate)
