"""Searching the forum, and the threads like a new thread's title while a member types it."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from community import permissions, selectors
from community.forms import SearchForm
from community.search.engine import is_mostly_stop_words
from web import ratelimit
from web.htmx import is_htmx
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
    selectors.attach_passages(page.object_list, query)
    context = {"form": form, "page": page, "stop_words_only": is_mostly_stop_words(query)}
    return render(request, "community/search.html", context)


def _visitor_may_search(request) -> bool:
    """Count a visitor's search against their IP address, as Discourse does
    (rate_limit_search_anon_user_per_minute): each search that runs counts, a
    further page of results too; the form alone and refused input do not."""
    rate = f"{settings.LIAISON_SEARCH_ANONYMOUS_PER_MINUTE}/m/ip"
    return ratelimit.consume(request, action="search_anonymous", rate=rate)


def similar_threads(request, category_slug: str):
    """Answer htmx with the threads like ``?title=``, for the new-thread form of a category.

    Only for members who may start a thread there (403, or 404 for a hidden
    category), ``LIAISON_SIMILAR_THREADS_PER_MINUTE`` times a minute each (429,
    said in plain text). A page load goes to the form.
    """
    category = selectors.get_category(category_slug=category_slug, viewer=request.user)
    permissions.check_can_start_thread(request.user, category)
    if not is_htmx(request):
        return redirect("community:start_thread", category_slug=category.slug)
    rate = f"{settings.LIAISON_SIMILAR_THREADS_PER_MINUTE}/m/user"
    if not ratelimit.consume(request, action="similar_threads", rate=rate):
        return HttpResponse(
            _("You are looking up similar threads too often. Wait a minute."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    threads = selectors.similar_threads(viewer=request.user, title=request.GET.get("title", ""))
    return render(
        request, "community/includes/similar_threads.html", {"threads": threads, "oob_seen": True}
    )
