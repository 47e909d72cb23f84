"""Pages of threads: the category and tag lists, opening a thread, and a thread's page."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from community import hooks, permissions, selectors, services
from community.filters import ThreadFilter
from community.forms import ReplyForm, ThreadForm
from web.forms import add_service_error
from web.pagination import paginate


def index(request):
    """List the categories the viewer may see, with counts and latest activity."""
    categories = selectors.list_categories(viewer=request.user)
    return render(
        request,
        "community/index.html",
        {"categories": categories, "feed_url": reverse("community:latest_feed")},
    )


def category_detail(request, category_slug: str):
    """List a category's threads, pinned first, filterable by tag."""
    category = selectors.get_category(category_slug=category_slug, viewer=request.user)
    filterset = ThreadFilter(
        request.GET,
        queryset=selectors.list_threads(viewer=request.user, category=category),
        category=category,
    )
    if not filterset.is_valid():
        raise Http404
    page = paginate(request, filterset.qs, settings.LIAISON_THREADS_PER_PAGE)
    return render(
        request,
        "community/category_detail.html",
        {
            "category": category,
            "filter": filterset,
            "page": page,
            "can_start_thread": permissions.can_start_thread(request.user, category),
            "category_tools": hooks.tools_for_category(request, category),
            "feed_url": _feed_url(
                permissions.can_see_category(AnonymousUser(), category),
                "community:category_feed",
                category.slug,
            ),
        },
    )


def tag_detail(request, tag_slug: str):
    """List the threads with a tag across the categories the viewer may see."""
    tag = selectors.get_tag(tag_slug=tag_slug, viewer=request.user)
    page = paginate(
        request,
        selectors.list_threads(viewer=request.user, tag=tag),
        settings.LIAISON_THREADS_PER_PAGE,
    )
    feed_url = _feed_url(selectors.is_tag_public(tag=tag), "community:tag_feed", tag.slug)
    return render(
        request, "community/tag_detail.html", {"tag": tag, "page": page, "feed_url": feed_url}
    )


def start_thread(request, category_slug: str):
    """Open a new thread in a category.

    Threads like its title show while the member types it (htmx,
    ``community.views.search.similar_threads``). A form sent without the member
    having seen any, whose title is like existing threads', comes back once
    with them above it; sent again, it is posted, as Discourse asks before a
    duplicate topic.
    """
    category = selectors.get_category(category_slug=category_slug, viewer=request.user)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    permissions.check_can_start_thread(request.user, category)
    similar_url = reverse("community:similar_threads", args=[category.slug])
    form = ThreadForm(request.POST or None, similar_url=similar_url)
    similar = []
    if request.method == "POST" and form.is_valid():
        similar = _similar_unseen(request, form)
        if similar:
            form = form.shown_similar()
        else:
            try:
                thread = services.start_thread(
                    author=request.user,
                    category=category,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    tags=form.cleaned_data["tags"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                if thread.is_pending_approval:
                    messages.info(
                        request, _("Thanks! A moderator will look at your thread shortly.")
                    )
                return redirect(thread)
    return render(
        request,
        "community/thread_form.html",
        {"category": category, "form": form, "similar_threads": similar},
        status=400 if form.errors else 200,
    )


def _similar_unseen(request, form: ThreadForm) -> list:
    """The threads like the valid ``form``'s title, unless the member has seen similar ones."""
    if form.cleaned_data["similar_seen"]:
        return []
    return selectors.similar_threads_to_confirm(
        viewer=request.user,
        title=form.cleaned_data["title"],
        idempotency_key=form.cleaned_data["idempotency_key"],
    )


def thread_detail(request, thread_slug: str, thread_id: int):
    """Show one page of a thread's posts and mark them read for a member."""
    thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
    if thread.merged_into_id:
        return redirect(thread.merged_into, permanent=True)
    if thread_slug != thread.slug:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(thread.get_absolute_url() + query, permanent=True)
    return render_thread_page(request, thread, page=_page_number(request))


def render_thread_page(request, thread, *, page: int, form=None, status: int = 200):
    """Render ``page`` of ``thread`` and mark its posts read: the thread page, and ``reply``'s
    refused ``form`` with its errors. Without ``form``, whoever may reply gets an empty
    one, or one quoting the post that ``?quote=<post id>`` names."""
    posts = selectors.list_thread_posts(thread=thread, page=page, viewer=request.user)
    if request.user.is_authenticated and posts:
        services.mark_read(user=request.user, thread=thread, up_to_number=posts[-1].number)
    reply_refusal = permissions.reply_refusal(request.user, thread)
    if form is None and reply_refusal is None:
        form = ReplyForm(initial={"body": _quoted_body(request, thread)})
    context = {
        "thread": thread,
        "posts": posts,
        "page": page,
        "page_links": _page_links(page, thread.page_count),
        "can_reply": reply_refusal is None,
        "reply_refusal": reply_refusal,
        "panels": hooks.panels_for_thread(request, thread),
        "thread_tools": hooks.tools_for_thread(request, thread),
        # The first page opens with the accepted answer, where there is one to show.
        "accepted_answer": (
            thread.accepted_answer
            if page == 1 and permissions.shows_accepted_answer(thread)
            else None
        ),
        "form": form,
        "feed_url": _feed_url(
            permissions.can_see_thread(AnonymousUser(), thread),
            "community:thread_feed",
            thread.slug,
            thread.pk,
        ),
    }
    return render(request, "community/thread_detail.html", context, status=status)


def _feed_url(exists: bool, name: str, *args) -> str | None:
    """The path of the feed named ``name``, or ``None`` where visitors have none to read:
    a feed reader carries no session, so a page that only members see advertises none."""
    return reverse(name, args=args) if exists else None


def _page_number(request) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError as error:
        raise Http404 from error


def _page_links(page: int, page_count: int, around: int = 2) -> list[int | None]:
    """Return the page numbers to link: first, last and ``around`` each side of ``page``.

    ``None`` stands for a gap, so a thread of 1,000 pages shows a dozen links.
    """
    shown = {1, page_count, *range(page - around, page + around + 1)}
    links: list[int | None] = []
    for number in sorted(n for n in shown if 1 <= n <= page_count):
        if links and links[-1] is not None and number > links[-1] + 1:
            links.append(None)
        links.append(number)
    return links


def _quoted_body(request, thread) -> str:
    """The Markdown quoting the post named by ``?quote=<post id>``, or an empty string."""
    quote_id = request.GET.get("quote", "")
    if not re.fullmatch(r"[0-9]{1,18}", quote_id):
        return ""
    return selectors.get_quote_markdown(thread=thread, post_id=int(quote_id), viewer=request.user)
