"""The review queue and its bulk actions."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from moderation import permissions, selectors, services
from moderation.filters import ReviewItemFilter
from moderation.forms import BulkActionForm
from web.pagination import paginate


@login_required
def queue(request):
    """List the review items the viewer may act on, filtered, sorted and paginated."""
    permissions.check_can_access_backoffice(request.user)
    params = request.GET.copy()
    if "status" not in params:
        params["status"] = "open"
    filterset = ReviewItemFilter(
        params,
        queryset=selectors.list_review_items(viewer=request.user),
        claimants=selectors.list_claimants(),
        categories=selectors.list_moderated_categories(viewer=request.user),
    )
    # An invalid filter lists nothing rather than everything; the form shows its errors.
    is_valid = filterset.is_valid()
    items = filterset.qs if is_valid else filterset.queryset.none()
    page = paginate(request, items, settings.LIAISON_REVIEW_QUEUE_PAGE_SIZE)
    return render(
        request,
        "moderation/queue.html",
        {
            "filter": filterset,
            "page": page,
            "bulk_form": BulkActionForm(),
            "query": _query_without_page(request),
            "can_manage": permissions.can_manage_moderation(request.user),
        },
        status=200 if is_valid else 400,
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_POST
def bulk_action(request):
    """Carry out one action on the selected items."""
    permissions.check_can_access_backoffice(request.user)
    items = selectors.list_review_items(viewer=request.user).filter(
        pk__in=BulkActionForm.posted_item_ids(request.POST)
    )
    form = BulkActionForm(request.POST, item_ids=[item.pk for item in items])
    if not form.is_valid():
        _say_form_errors(request, form)
        return redirect("moderation:queue")
    selected = [item for item in items if item.pk in form.cleaned_data["items"]]
    done, errors = services.bulk_act(
        actor=request.user,
        items=selected,
        action=form.cleaned_data["action"],
        reason=form.get_reason(),
    )
    messages.success(
        request, ngettext("%(count)d item done.", "%(count)d items done.", done) % {"count": done}
    )
    for error in errors:
        messages.error(request, error)
    return redirect("moderation:queue")


def _say_form_errors(request, form: BulkActionForm) -> None:
    """Tell the moderator what is wrong with a bulk action: the queue shows no form to mark."""
    if "items" in form.errors or "action" in form.errors:
        messages.error(request, _("Select items and an action."))
    for name in ("canned_reason", "reason"):
        for error in form.errors.get(name, []):
            messages.error(request, f"{form.fields[name].label}: {error}")
