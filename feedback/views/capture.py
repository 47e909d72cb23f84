"""Marking a post as feedback, and supporting feedback from a thread."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.selectors import get_post
from feedback import permissions, selectors, services
from feedback.forms import CaptureForm
from web.forms import add_service_error


@login_required
def capture(request, post_id: int):
    """Show and handle "Mark as feedback" for a post, with similar feedback suggested."""
    post = get_post(post_id=post_id, viewer=request.user)
    permissions.check_can_capture_feedback(request.user, post)
    form = CaptureForm(
        request.POST or None,
        initial={"title": post.thread.title},
        attachable=selectors.visible_insights(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.capture_feedback(
                actor=request.user,
                post=post,
                kind=data["kind"],
                tags=list(data["tags"]),
                title=data["title"],
                summary=data["summary"],
                insight=data["attach_to"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thanks: this post is now feedback."))
            return redirect(post.get_absolute_url())
    suggestions = selectors.capture_suggestions(post=post, viewer=request.user)
    context = {"post": post, "form": form, "suggestions": suggestions}
    return render(request, "feedback/capture.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def support(request, insight_id: int):
    """Say "me too" about an insight, then go back to where the button was."""
    insight = selectors.get_insight_to_support(insight_id=insight_id)
    post = selectors.first_visible_post(insight=insight, viewer=request.user)
    if post is None:
        raise Http404
    services.support_insight(actor=request.user, insight=insight)
    messages.success(request, _("Thanks: your support is counted."))
    return redirect(post.thread.get_absolute_url())
