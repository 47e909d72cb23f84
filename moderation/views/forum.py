"""A moderator's tools on the forum's pages (``moderation.community_hooks`` offers them):
lock and pin a thread, edit and delete another member's post. Each calls a service
that writes the audit entry with the change, then goes back to the forum.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from community import selectors as community_selectors
from community.forms import ThreadFlagForm
from community.permissions import check_can_moderate_thread
from community.views.posts import edit_post_page
from moderation import services
from moderation.views import next_url


@require_POST
@login_required
def lock_thread(request, thread_id: int):
    """Lock or unlock a thread, then go back to it (the form's ``next``)."""
    thread = community_selectors.get_thread(thread_id=thread_id, viewer=request.user)
    form = ThreadFlagForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    services.lock_thread(actor=request.user, thread=thread, is_locked=form.cleaned_data["value"])
    return redirect(next_url(request, default=thread.get_absolute_url()))


@require_POST
@login_required
def pin_thread(request, thread_id: int):
    """Pin or unpin a thread, then go back to it (the form's ``next``)."""
    thread = community_selectors.get_thread(thread_id=thread_id, viewer=request.user)
    form = ThreadFlagForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    services.pin_thread(actor=request.user, thread=thread, is_pinned=form.cleaned_data["value"])
    return redirect(next_url(request, default=thread.get_absolute_url()))


@login_required
def edit_post(request, post_id: int):
    """Edit another member's post (and a first post's thread title) on the forum's edit page."""
    post = community_selectors.get_post(post_id=post_id, viewer=request.user)
    check_can_moderate_thread(request.user, post.thread)
    return edit_post_page(
        request, post, save=functools.partial(services.edit_post, actor=request.user, post=post)
    )


@require_POST
@login_required
def delete_post(request, post_id: int):
    """Delete another member's post, leaving a placeholder, and go back to it."""
    post = community_selectors.get_post(post_id=post_id, viewer=request.user)
    services.delete_post(actor=request.user, post=post)
    return redirect(post)
