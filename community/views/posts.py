"""Pages of posts: replying, newer posts, editing, history, deleting, reactions, answers."""

import functools
import re
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import permissions, selectors, services
from community.forms import EditPostForm, ReactionForm, ReplyForm
from community.models import POSTS_PER_PAGE
from community.views.threads import render_thread_page
from web.forms import add_service_error
from web.htmx import is_htmx


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
            return _replied(request, thread, post)
    return _reply_refused(request, thread, form)


def _replied(request, thread, post):
    """Answer htmx with the reply and what others posted since the page's last post
    (``after``); otherwise, go to the reply."""
    shown = _posted_after(request)
    # A form sent again after the page showed its reply answers with a redirect.
    if is_htmx(request) and (shown is None or shown < post.number):
        thread.refresh_from_db(fields=["last_post_number", "last_post_at"])
        after = post.number - 1 if shown is None else shown
        posts = selectors.list_posts_after(thread=thread, after=after, viewer=request.user)
        if post in posts:
            # A blank form with a new token replaces the sent one, whose text, errors and
            # token (the next reply would be this one again) must not come back.
            return _append_posts(request, thread, posts, after=after, reply_form=ReplyForm())
        # Over a page of posts came meanwhile: go to the reply (HtmxMiddleware
        # turns the redirect into HX-Redirect).
    if not post.is_published:
        messages.info(request, _("Thanks! A moderator will look at your post shortly."))
    return redirect(post)


def _reply_refused(request, thread, form):
    """Show the refused reply form with its errors: in place for htmx, else at the end of
    the thread's page, as the thread page shows it."""
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
    if thread.merged_into_id:
        # As on the thread page: a merged thread sends its readers to where its posts went.
        return redirect(thread.merged_into, permanent=True)
    return render_thread_page(request, thread, page=thread.page_count, form=form, status=400)


def _posted_after(request) -> int | None:
    """The number of the last post the replying page shows (the reply form's ``after``)."""
    after = request.POST.get("after", "")
    return int(after) if re.fullmatch(r"[0-9]{1,18}", after) else None


def _append_posts(request, thread, posts, *, after: int, **extra):
    """Answer htmx with ``posts`` for the end of ``#posts`` and the page's new last number.

    newer_posts.html also replaces "Load newer posts" and the reply form's ``after``
    (out of band), so that neither asks again for the posts shown. Of ``extra``,
    ``focus_link`` gives the new link the keyboard focus that the one clicked had;
    a ``reply_form`` replaces the whole reply form.
    """
    if request.user.is_authenticated and posts:
        services.mark_read(user=request.user, thread=thread, up_to_number=posts[-1].number)
    last = posts[-1].number if posts else after
    template = "community/includes/newer_posts.html"
    response = _render_posts(request, thread, posts, template=template, after=last, **extra)
    # The first "Load newer posts" link, from thread_detail.html, targets itself.
    response["HX-Retarget"] = "#posts"
    response["HX-Reswap"] = "beforeend"
    return response


def _render_posts(request, thread, posts, *, template: str, **extra):
    """Render ``posts`` of ``thread``, as the selectors give them, as a partial."""
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
    """Edit one's own post (and a first post's thread title)."""
    post = selectors.get_post(post_id=post_id, viewer=request.user)
    permissions.check_can_edit_own_post(request.user, post)
    return edit_post_page(
        request, post, save=functools.partial(services.edit_post, editor=request.user, post=post)
    )


def edit_post_page(request, post, *, save: Callable[..., object]):
    """Show the edit form of ``post`` (and of a first post's thread title); on a valid POST,
    call ``save(body=..., title=...)`` and go to the post.

    Both the author's page and a moderator's (``moderation.views.forum``) answer
    with this form; ``save`` is the service of the one who edits, and a
    ``ValidationError`` it raises shows on the form (status 400).
    """
    initial = {"body": post.body, "title": post.thread.title}
    form = EditPostForm(request.POST or None, initial=initial, is_first_post=post.is_first)
    if request.method == "POST" and form.is_valid():
        try:
            save(body=form.cleaned_data["body"], title=form.cleaned_data.get("title"))
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
    selectors.attach_revision_diffs(revisions)
    return render(
        request, "community/post_history.html", {"post": post, "revisions": reversed(revisions)}
    )


@require_POST
@login_required
def delete_post(request, post_id: int):
    """Soft-delete one's own post, leaving a placeholder."""
    post = selectors.get_post(post_id=post_id, viewer=request.user)
    permissions.check_can_delete_own_post(request.user, post)
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
        selectors.attach_post_actions([post], thread=post.thread, viewer=request.user)
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
