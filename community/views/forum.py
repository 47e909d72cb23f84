"""Pages of the forum. Each loads, authorises, binds a form, calls one service, responds."""

import difflib
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.selectors import get_member
from community import hooks, markdown, permissions, selectors, services
from community.filters import ThreadFilter
from community.forms import (
    EditPostForm,
    ReactionForm,
    ReplyForm,
    ThreadFlagForm,
    ThreadForm,
    new_idempotency_key,
)
from community.models import POSTS_PER_PAGE, REACTION_EMOJI, ReactionKind
from web.forms import add_service_error
from web.htmx import is_htmx
from web.pagination import paginate


def _page_number(request) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError as error:
        raise Http404 from error


def index(request):
    """List the categories the viewer may see, with counts and latest activity."""
    categories = selectors.list_categories(viewer=request.user)
    return render(request, "community/index.html", {"categories": categories})


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
    return render(request, "community/tag_detail.html", {"tag": tag, "page": page})


def start_thread(request, category_slug: str):
    """Open a new thread in a category."""
    category = selectors.get_category(category_slug=category_slug, viewer=request.user)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    permissions.check_can_start_thread(request.user, category)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
                messages.info(request, _("Thanks! A moderator will look at your thread shortly."))
            return redirect(thread)
    return render(
        request,
        "community/thread_form.html",
        {"category": category, "form": form},
        status=400 if form.errors else 200,
    )


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


def _decorate_posts(posts, user) -> None:
    """Attach what the viewer may do with each post, for the template."""
    revisions = selectors.list_revision_editors(posts=posts)
    for post in posts:
        post.can_see_content = permissions.can_see_post_content(user, post)
        post.can_see_history = bool(post.edited_at) and permissions.can_see_post_history(
            user, post, revisions.get(post.pk, [])
        )
        post.extra_links = hooks.links_for_post(user, post) if not post.is_deleted else []
        post.can_edit = permissions.can_edit_post(user, post)
        post.can_delete = permissions.can_delete_post(user, post)
        post.can_react = permissions.can_react(user, post)
        post.can_accept = permissions.can_accept_post(user, post)
        post.reactions_shown = [
            {
                "kind": kind,
                "label": label,
                "emoji": REACTION_EMOJI[kind],
                "count": post.reaction_counts.get(kind, 0),
                "given": kind in post.viewer_reactions,
            }
            for kind, label in ReactionKind.choices
        ]


def thread_detail(request, thread_slug: str, thread_id: int, form=None, status=200):
    """Show one page of a thread's posts and mark them read for a member."""
    thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
    if thread.merged_into_id:
        return redirect(thread.merged_into, permanent=True)
    if thread_slug != thread.slug:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(thread.get_absolute_url() + query, permanent=True)
    page = _page_number(request)
    posts = selectors.list_thread_posts(thread=thread, page=page, viewer=request.user)
    for post in posts:
        post.thread = thread
    _decorate_posts(posts, request.user)
    if request.user.is_authenticated and posts:
        services.mark_read(user=request.user, thread=thread, up_to_number=posts[-1].number)
    reply_refusal = permissions.reply_refusal(request.user, thread)
    can_reply = reply_refusal is None
    if form is None and can_reply:
        form = ReplyForm(initial={"body": _quoted_body(request, thread)})
    context = {
        "thread": thread,
        "posts": posts,
        "page": page,
        "page_links": _page_links(page, thread.page_count),
        "can_reply": can_reply,
        "reply_refusal": reply_refusal,
        "can_moderate": permissions.can_moderate_thread(request.user, thread),
        "thread_tools": hooks.tools_for_thread(request, thread),
        "panels": hooks.panels_for_thread(request, thread),
        "form": form,
    }
    return render(request, "community/thread_detail.html", context, status=status)


def _quoted_body(request, thread) -> str:
    """The Markdown quoting the post named by ``?quote=<post id>``, or an empty string."""
    quote_id = request.GET.get("quote", "")
    if not re.fullmatch(r"[0-9]{1,18}", quote_id):
        return ""
    quoted = selectors.find_post_in_thread(thread=thread, post_id=int(quote_id))
    if quoted is None or quoted.is_deleted:
        return ""
    quoted.thread = thread
    if not permissions.can_see_post_content(request.user, quoted):
        return ""
    return markdown.quote_source(
        username=quoted.author.username, permalink=quoted.get_absolute_url(), body=quoted.body
    )


def post_permalink(request, thread_slug: str, thread_id: int, number: int):
    """Open the page of the thread that holds post ``number``, scrolled to it."""
    thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
    post = selectors.get_post_by_number(thread=thread, number=number)
    return redirect(f"{thread.get_absolute_url()}?page={post.page}#post-{post.number}")


@require_POST
def reply(request, thread_id: int):
    """Reply to a thread, then go to the new post."""
    thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={thread.get_absolute_url()}")
    permissions.check_can_reply(request.user, thread)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post = services.reply_to_thread(
                author=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            shown = _posted_after(request)
            # A form sent again after the page showed its reply answers with a redirect.
            if is_htmx(request) and (shown is None or shown < post.number):
                # The reply, and what others posted since the page's last post (``after``).
                thread.refresh_from_db(fields=["last_post_number", "last_post_at"])
                after = post.number - 1 if shown is None else shown
                posts = selectors.list_posts_after(thread=thread, after=after, viewer=request.user)
                if post in posts:
                    # The emptied form gets a new token, or its next reply would be this one.
                    return _append_posts(
                        request, thread, posts, after=after, idempotency_key=new_idempotency_key()
                    )
                # Over a page of posts came meanwhile: go to the reply (HtmxMiddleware
                # turns the redirect into HX-Redirect).
            if not post.is_published:
                messages.info(request, _("Thanks! A moderator will look at your post shortly."))
            return redirect(post)
    # Back at the form, the keyboard focus lands on what needs fixing.
    form.fields["body"].widget.attrs["autofocus"] = True
    if is_htmx(request):
        # Show the errors in place of the form rather than appending to the posts.
        response = render(
            request,
            "community/includes/reply_form.html",
            {"thread": thread, "form": form, "after": _posted_after(request)},
        )
        response["HX-Retarget"] = "#reply-form"
        response["HX-Reswap"] = "outerHTML"
        return response
    request.GET = request.GET.copy()
    request.GET["page"] = str(thread.page_count)
    return thread_detail(request, thread.slug, thread.pk, form=form, status=400)


def _posted_after(request) -> int | None:
    """The number of the last post the replying page shows (the reply form's ``after``)."""
    after = request.POST.get("after", "")
    return int(after) if re.fullmatch(r"[0-9]{1,18}", after) else None


def _append_posts(
    request,
    thread,
    posts,
    *,
    after: int,
    focus_link: bool = False,
    idempotency_key: str | None = None,
):
    """Answer htmx with ``posts`` for the end of ``#posts`` and the page's new last number.

    newer_posts.html also replaces "Load newer posts" and the reply form's ``after``
    (out of band), so that neither asks again for the posts shown; ``focus_link``
    gives the new link the keyboard focus that the one clicked had; an
    ``idempotency_key`` replaces the reply form's token.
    """
    if request.user.is_authenticated and posts:
        services.mark_read(user=request.user, thread=thread, up_to_number=posts[-1].number)
    last = posts[-1].number if posts else after
    response = _render_posts(
        request,
        thread,
        posts,
        template="community/includes/newer_posts.html",
        after=last,
        focus_link=focus_link,
        idempotency_key=idempotency_key,
    )
    # The first "Load newer posts" link, from thread_detail.html, targets itself.
    response["HX-Retarget"] = "#posts"
    response["HX-Reswap"] = "beforeend"
    return response


def _render_posts(request, thread, posts, template="community/includes/posts.html", **extra):
    """Render ``posts`` of ``thread`` as a partial, with what the viewer may do with each."""
    selectors.attach_reactions(posts, request.user)
    for post in posts:
        post.thread = thread
    _decorate_posts(posts, request.user)
    context = {
        "thread": thread,
        "posts": posts,
        "page": thread.page_count,
        "can_reply": permissions.can_reply(request.user, thread),
        **extra,
    }
    return render(request, template, context)


def newer_posts(request, thread_id: int):
    """Return the posts after number ``after`` (htmx "load newer posts"), up to a page of them."""
    thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
    try:
        after = int(request.GET.get("after", ""))
    except ValueError as error:
        raise Http404 from error
    if after < 0:
        raise Http404
    if not is_htmx(request):
        page = min(after // POSTS_PER_PAGE + 1, thread.page_count)
        return redirect(thread.get_absolute_url() + f"?page={page}")
    posts = selectors.list_posts_after(thread=thread, after=after, viewer=request.user)
    return _append_posts(request, thread, posts, after=after, focus_link=True)


@login_required
def edit_post(request, post_id: int):
    """Edit a post (and a first post's thread title)."""
    post = selectors.get_post(post_id=post_id, viewer=request.user)
    permissions.check_can_edit_post(request.user, post)
    initial = {"body": post.body, "title": post.thread.title}
    form = EditPostForm(request.POST or None, initial=initial, is_first_post=post.is_first)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(
                editor=request.user,
                post=post,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect(post)
    return render(
        request,
        "community/post_form.html",
        {"post": post, "form": form},
        status=400 if form.errors else 200,
    )


def post_history(request, post_id: int):
    """Show a post's revisions, each with a line diff against the one before."""
    post = selectors.get_post(post_id=post_id, viewer=request.user)
    revisions = selectors.list_revisions(post=post)
    permissions.check_can_see_post_history(request.user, post, revisions)
    previous = ""
    for revision in revisions:
        revision.diff = [
            {"kind": {"+": "added", "-": "removed"}.get(line[0], "same"), "text": line[2:]}
            for line in difflib.ndiff(previous.splitlines(), revision.body.splitlines())
            if not line.startswith("?")
        ]
        previous = revision.body
    return render(
        request, "community/post_history.html", {"post": post, "revisions": reversed(revisions)}
    )


@require_POST
@login_required
def delete_post(request, post_id: int):
    """Soft-delete a post, leaving a placeholder."""
    post = selectors.get_post(post_id=post_id, viewer=request.user)
    services.delete_post(actor=request.user, post=post)
    return redirect(post)


@require_POST
@login_required
def react(request, post_id: int):
    """Give or take back a reaction to a post."""
    post = selectors.get_post(post_id=post_id, viewer=request.user)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    services.toggle_reaction(user=request.user, post=post, kind=form.cleaned_data["kind"])
    if is_htmx(request):
        return _render_posts(
            request, post.thread, [post], template="community/includes/reactions.html", post=post
        )
    return redirect(post)


@require_POST
@login_required
def accept_answer(request, post_id: int):
    """Mark a reply as the accepted answer, or take that back (``undo=1``)."""
    post = selectors.get_post(post_id=post_id, viewer=request.user)
    if request.POST.get("undo") == "1":
        services.unaccept_answer(actor=request.user, post=post)
    else:
        services.accept_answer(actor=request.user, post=post)
    return redirect(post)


@require_POST
@login_required
def lock_thread(request, thread_id: int):
    """Lock or unlock a thread (staff)."""
    thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
    form = ThreadFlagForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    services.lock_thread(actor=request.user, thread=thread, is_locked=form.cleaned_data["value"])
    return redirect(thread)


@require_POST
@login_required
def pin_thread(request, thread_id: int):
    """Pin or unpin a thread (staff)."""
    thread = selectors.get_thread(thread_id=thread_id, viewer=request.user)
    form = ThreadFlagForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    services.pin_thread(actor=request.user, thread=thread, is_pinned=form.cleaned_data["value"])
    return redirect(thread)


def profile(request, username: str):
    """Show a member's public profile with their latest threads and replies."""
    member = get_member(username=username)
    return render(
        request,
        "community/profile.html",
        {
            "member": member,
            "can_edit": request.user.is_authenticated and request.user.pk == member.pk,
            "threads": selectors.list_member_threads(member=member, viewer=request.user),
            "posts": selectors.list_member_posts(member=member, viewer=request.user),
        },
    )
