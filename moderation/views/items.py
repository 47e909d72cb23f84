"""One review item: its detail with actions, claims, appeals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation import permissions, selectors, services
from moderation.forms import DecideAppealForm, ItemActionForm, SanctionForm
from moderation.models import SanctionKind
from moderation.services.items import accepts_post_actions
from web.forms import add_service_error


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _render(request, item_id: int, *, form=None, status=200):
    item = selectors.get_review_item(item_id=item_id, viewer=request.user)
    if form is None:
        form = ItemActionForm(initial={"body": item.post.body if item.post else ""})
    return render(
        request,
        "moderation/item_detail.html",
        {
            "item": item,
            "form": form,
            "offers_post_actions": accepts_post_actions(item) and not item.is_resolved,
            "sanction_form": SanctionForm(),
            "appeal_form": DecideAppealForm(),
            "categories": selectors.list_moderated_categories(viewer=request.user),
            "sanction_kinds": [
                kind for kind in SanctionKind if permissions.can_sanction(request.user, kind)
            ],
            "can_decide_appeal": item.appeal_id
            and permissions.can_decide_appeal(request.user, item.appeal),
            "can_view_member": permissions.can_view_member(request.user),
        },
        status=status,
    )


@login_required
def item_detail(request, item_id: int):
    """Show an item, its post and flags, and the actions the viewer may take."""
    return _render(request, item_id)


@login_required
@require_POST
def item_action(request, item_id: int):
    """Carry out one action on an item."""
    item = selectors.get_review_item(item_id=item_id, viewer=request.user)
    form = ItemActionForm(request.POST)
    if not form.is_valid():
        return _render(request, item_id, form=form, status=400)
    data = form.cleaned_data
    target = None
    if data["target_thread_id"]:
        target = selectors.find_thread(thread_id=data["target_thread_id"])
    try:
        services.act_on_item(
            actor=request.user,
            item=item,
            action=data["action"],
            reason=form.get_reason(),
            body=data["body"],
            category=data["category"],
            target_thread=target,
        )
    except ValidationError as error:
        add_service_error(form, error)
        return _render(request, item_id, form=form, status=400)
    except PermissionDenied as error:
        form.add_error(None, str(error) or _("You can't do that"))
        return _render(request, item_id, form=form, status=403)
    messages.success(request, _("Done."))
    return redirect("moderation:queue")


@login_required
@require_POST
def claim_item(request, item_id: int):
    """Claim an item, or give up the claim (``release`` in the form)."""
    item = selectors.get_review_item(item_id=item_id, viewer=request.user)
    try:
        if request.POST.get("release"):
            if services.release_item(actor=request.user, item=item):
                messages.success(request, _("You have released your claim."))
            else:
                messages.info(request, _("You hold no claim on this item."))
        else:
            services.claim_item(actor=request.user, item=item)
            messages.success(request, _("You have claimed this item."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(item)


@login_required
@require_POST
def decide_appeal(request, item_id: int):
    """Uphold or overturn the appeal an item carries."""
    item = selectors.get_review_item(item_id=item_id, viewer=request.user)
    if item.appeal_id is None:
        return redirect(item)
    form = DecideAppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pick an outcome and give a reason."))
        return redirect(item)
    try:
        services.decide_appeal(
            actor=request.user,
            appeal=item.appeal,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(item)
    messages.success(request, _("The member has been told."))
    return redirect("moderation:queue")
