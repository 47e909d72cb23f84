"""What members use: the flag form, their moderation history, appeals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from community import selectors as community_selectors
from moderation import permissions, selectors, services
from moderation.forms import AppealForm, FlagForm
from web.forms import add_service_error


@login_required
def flag_post(request, post_id: int):
    """Show the flag form for a post, and record the flag."""
    # Missing, or out of the member's sight (category, thread awaiting approval): 404.
    post = community_selectors.get_post(post_id=post_id, viewer=request.user)
    permissions.check_can_flag_post(request.user, post)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_post(
                flagger=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Moderators will look at this post."))
            return redirect(post)
    return render(
        request,
        "moderation/flag_form.html",
        {"post": post, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def my_history(request):
    """List the member's own sanctions with their appeals."""
    return render(
        request,
        "moderation/my_history.html",
        {
            "sanctions": [
                (sanction, permissions.can_appeal(request.user, sanction))
                for sanction in selectors.list_member_sanctions(member=request.user)
            ],
        },
    )


@login_required
def appeal(request, sanction_id: int):
    """Show and take the member's appeal against one of their sanctions."""
    member = request.user
    sanction = selectors.get_own_sanction(sanction_id=sanction_id, member=member)
    permissions.check_can_appeal(member, sanction)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and _take_appeal(request, form, member=member, sanction=sanction):
        return redirect("moderation:my_history")
    return render(
        request,
        "moderation/appeal_form.html",
        {"sanction": sanction, "form": form},
        status=400 if form.errors else 200,
    )


def appeal_by_link(request, token: str):
    """Show a sanction and take its appeal from a signed link, without signing in.

    A suspended or banned member cannot sign in; the signed token in their
    notice is what authorises the appeal.
    """
    try:
        sanction = services.read_appeal_token(token=token)
    except signing.SignatureExpired:
        return _refuse_appeal_link(request, _("This appeal link has expired."))
    except signing.BadSignature:
        return _refuse_appeal_link(request, _("This appeal link is not valid."))
    member = sanction.member
    form = AppealForm(request.POST or None)
    if request.method == "POST":
        permissions.check_can_appeal(member, sanction)
        if _take_appeal(request, form, member=member, sanction=sanction):
            return redirect("moderation:appeal_by_link", token=token)
    return render(
        request,
        "moderation/appeal_link.html",
        {**selectors.get_appeal_link_page(sanction=sanction), "form": form},
        status=400 if form.errors else 200,
    )


def _take_appeal(request, form, *, member, sanction) -> bool:
    """File ``member``'s appeal against ``sanction`` from ``form``; return whether it was filed.

    A refused appeal leaves its errors in ``form``; a filed one a message for the member.
    """
    if not form.is_valid():
        return False
    try:
        services.appeal_sanction(member=member, sanction=sanction, text=form.cleaned_data["text"])
    except ValidationError as error:
        add_service_error(form, error)
        return False
    messages.success(request, _("Your appeal has been sent. Another moderator decides."))
    return True


def _refuse_appeal_link(request, reason: str):
    return render(request, "moderation/appeal_link_refused.html", {"reason": reason}, status=400)
