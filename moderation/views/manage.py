"""Community managers' pages: automod rules with a preview, canned reasons, the dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from moderation import permissions, selectors, services
from moderation.forms import CannedReasonForm, RuleForm
from moderation.models import AutomodRule, CannedReason
from moderation.services.rules import preview_rule
from web.forms import add_service_error


@login_required
def rule_list(request):
    """List the automod rules."""
    permissions.check_can_manage_moderation(request.user)
    rules = selectors.list_automod_rules()
    return render(request, "moderation/rule_list.html", {"rules": rules})


@login_required
def rule_edit(request, rule_id: int | None = None):
    """Create or change a rule; "preview" tries it on recent posts without saving."""
    permissions.check_can_manage_moderation(request.user)
    rule = get_object_or_404(AutomodRule, pk=rule_id) if rule_id else AutomodRule()
    form = RuleForm(request.POST or None, instance=rule)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = _preview(form)
        else:
            try:
                services.save_rule(
                    actor=request.user,
                    rule=form.save(commit=False),
                    categories=form.cleaned_data["categories"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Rule saved."))
                return redirect("moderation:rule_list")
    return render(
        request,
        "moderation/rule_form.html",
        {"form": form, "rule": rule, "preview": preview},
        status=400 if form.errors else 200,
    )


def _preview(form: RuleForm):
    """Try ``form``'s rule on recent posts and return what it would catch.

    ``None``, with the error on the pattern, for a pattern that cannot run.
    """
    try:
        return preview_rule(kind=form.cleaned_data["kind"], pattern=form.cleaned_data["pattern"])
    except ValidationError as error:
        form.add_error("pattern", error)
        return None


@login_required
def canned_reasons(request, reason_id: int | None = None):
    """List canned reasons and add or change one."""
    permissions.check_can_manage_moderation(request.user)
    reason = get_object_or_404(CannedReason, pk=reason_id) if reason_id else CannedReason()
    form = CannedReasonForm(request.POST or None, instance=reason)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_canned_reason(actor=request.user, reason=form.save(commit=False))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Canned reason saved."))
            return redirect("moderation:canned_reasons")
    return render(
        request,
        "moderation/canned_reasons.html",
        {"form": form, "reason": reason, "reasons": selectors.list_canned_reasons()},
        status=400 if form.errors else 200,
    )


@login_required
def dashboard(request):
    """Show the moderation figures."""
    permissions.check_can_manage_moderation(request.user)
    return render(request, "moderation/dashboard.html", {"stats": selectors.get_dashboard()})
