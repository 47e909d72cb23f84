"""The community managers' pages: unrouted feedback, routing rules, departments, reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback import permissions, selectors, services
from feedback.charts import stacked_bars
from feedback.filters import UnroutedFilter
from feedback.forms import DepartmentForm, ReportFilterForm, RouteForm, RoutingRuleForm
from web.forms import add_service_error
from web.pagination import paginate

#: Insights per page of the triage list.
UNROUTED_PAGE_SIZE = 50


@login_required
def unrouted(request):
    """List the feedback no rule routed, searchable, each with a manual route form; a
    search that cannot be run lists nothing and says why (400)."""
    permissions.check_can_triage(request.user)
    filterset = UnroutedFilter(request.GET, queryset=selectors.list_unrouted(viewer=request.user))
    is_valid = filterset.is_valid()
    insights = filterset.qs if is_valid else filterset.queryset.none()
    page = paginate(request, insights, UNROUTED_PAGE_SIZE)
    route_form = RouteForm()
    # Every row shows the same departments: ask the database once, not once per row.
    department = route_form.fields["department"]
    department.choices = list(department.choices)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "route_form": route_form,
        "filter": filterset,
        "is_filter_valid": is_valid,
        "is_searching": bool(is_valid and filterset.form.cleaned_data["q"]),
        "query": query.urlencode(),
    }
    return render(request, "feedback/unrouted.html", context, status=200 if is_valid else 400)


@require_POST
@login_required
def retry_routing(request, insight_id: int):
    """Route by the rules again an insight whose routing failed on every attempt."""
    permissions.check_can_triage(request.user)
    insight = selectors.get_insight(insight_id=insight_id, viewer=request.user)
    try:
        services.retry_routing(actor=request.user, insight=insight)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(request, _("Routing is being tried again."))
    return redirect("feedback:unrouted")


@login_required
def rule_list(request):
    """List the routing rules in the order they run."""
    permissions.check_can_triage(request.user)
    return render(request, "feedback/rule_list.html", {"rules": selectors.list_routing_rules()})


@login_required
def rule_edit(request, rule_id: int | None = None):
    """Create a routing rule, or edit one."""
    permissions.check_can_triage(request.user)
    rule = selectors.get_routing_rule(rule_id=rule_id) if rule_id else None
    form = RoutingRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_routing_rule(
                actor=request.user,
                rule=form.save(commit=False),
                kinds=list(form.cleaned_data["kinds"]),
                tags=list(form.cleaned_data["tags"]),
                categories=list(form.cleaned_data["categories"]),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("feedback:rule_list")
    return render(
        request,
        "feedback/rule_form.html",
        {"form": form, "rule": form.instance},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def rule_move(request, rule_id: int):
    """Move a rule one place up or down."""
    rule = selectors.get_routing_rule(rule_id=rule_id)
    services.move_routing_rule(actor=request.user, rule=rule, up=request.POST.get("up") == "1")
    return redirect("feedback:rule_list")


@login_required
def department_list(request):
    """List the departments with their staff and open feedback."""
    permissions.check_can_triage(request.user)
    return render(
        request, "feedback/department_list.html", {"departments": selectors.list_departments()}
    )


@login_required
def department_edit(request, department_id: int | None = None):
    """Create a department, or edit one and its staff."""
    permissions.check_can_triage(request.user)
    department = selectors.get_department(department_id=department_id) if department_id else None
    staff = selectors.list_department_staff(department=department) if department else []
    form = DepartmentForm(
        request.POST or None, instance=department, initial={"staff_members": staff}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_department(
                actor=request.user,
                department=form.save(commit=False),
                staff=list(form.cleaned_data["staff_members"]),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("feedback:department_list")
    return render(
        request,
        "feedback/department_form.html",
        {"form": form, "department": form.instance},
        status=400 if form.errors else 200,
    )


@login_required
def reports(request):
    """Show feedback over time per department, kind and status, times to answer, and breaches.

    ``?weeks=`` picks the period and ``?department=`` narrows the weekly charts; a
    bad value gets its error next to the field and the default takes its place.
    """
    permissions.check_can_triage(request.user)
    form = ReportFilterForm(request.GET)
    options = form.report_options()
    report = selectors.build_report(**options)
    charts = [stacked_bars(series) for series in report["series"]]
    return render(
        request,
        "feedback/reports.html",
        {**report, "charts": charts, "form": form, "department": options["department"]},
    )
