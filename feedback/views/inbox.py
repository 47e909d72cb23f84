"""The department inbox, its CSV export, and the insight page with its actions."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback import permissions, selectors, services
from feedback.filters import InboxFilter
from feedback.forms import AnswerForm, AssignForm, MergeForm, NoteForm, RouteForm, StatusForm
from feedback.models import InsightStatus
from web.csv import csv_safe

INSIGHTS_PER_PAGE = 25


def _filtered(request) -> InboxFilter:
    permissions.check_can_open_inbox(request.user)
    queryset = selectors.list_inbox(viewer=request.user).order_by("-created_at", "-pk")
    # Always bound: an empty query is a valid "no filter", and a bad one is an error
    # to show rather than a filter to drop silently.
    return InboxFilter(request.GET, queryset=queryset, request=request)


@login_required
def inbox(request):
    """List the viewer's feedback, filtered, sorted and paginated; a bad filter lists none."""
    filterset = _filtered(request)
    is_filter_valid = filterset.is_valid()
    insights = filterset.qs if is_filter_valid else filterset.queryset.none()
    page = Paginator(insights, INSIGHTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "feedback/inbox.html",
        {
            "filter": filterset,
            "is_filter_valid": is_filter_valid,
            "page": page,
            "query": query.urlencode(),
            "is_triager": permissions.is_triager(request.user),
        },
        status=200 if is_filter_valid else 400,
    )


@login_required
def inbox_export(request):
    """Download the filtered inbox as CSV; a bad filter gets its reasons as plain text."""
    filterset = _filtered(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            "\n".join(
                [_("The filter is invalid, so nothing was exported."), *_errors_of(filterset.form)]
            ),
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="feedback.csv"'
    csv.writer(response).writerows(_csv_rows(filterset.qs))
    return response


def _csv_rows(insights):
    """Yield the inbox export's headings, then a row per insight, each cell spreadsheet-safe."""
    yield [
        csv_safe(heading)
        for heading in (
            _("id"),
            _("title"),
            _("kind"),
            _("status"),
            _("department"),
            _("tags"),
            _("supporters"),
            _("captured"),
        )
    ]
    for insight in insights:
        yield [
            insight.pk,
            csv_safe(insight.title),
            csv_safe(str(insight.kind)),
            csv_safe(insight.get_status_display()),
            csv_safe(insight.department.name if insight.department else ""),
            # A spreadsheet reads the joined cell as one value, so only its start
            # matters: a later tag follows ", " and cannot start a formula.
            csv_safe(", ".join(tag.name for tag in insight.tags.all())),
            insight.supporter_count,
            insight.created_at.isoformat(),
        ]


def _errors_of(form) -> list[str]:
    """Return each error of a bound form, after its field's label if it has a field."""
    return [
        _("%(field)s: %(error)s") % {"field": form[name].label, "error": error}
        if name in form.fields
        else error
        for name, errors in form.errors.items()
        for error in errors
    ]


@login_required
def insight_detail(request, insight_id: int):
    """Show an insight with its posts, supporters, history, notes, answers and outbox."""
    insight = selectors.get_insight(insight_id=insight_id, viewer=request.user)
    if insight.merged_into_id:
        return redirect("feedback:insight_detail", insight_id=insight.merged_into_id)
    # The answer form shares "status" with the status form and "body" with the note
    # form: distinct ids keep every label tied to its own field.
    context = {
        "insight": insight,
        **selectors.get_insight_page(insight=insight),
        "status_form": StatusForm(auto_id="status_%s", initial={"status": insight.status}),
        "assign_form": AssignForm(
            department=insight.department, initial={"assignee": insight.assignee_id}
        ),
        "note_form": NoteForm(auto_id="note_%s", initial=_draft(request, insight, NoteForm)),
        "answer_form": AnswerForm(
            auto_id="answer_%s", initial=_draft(request, insight, AnswerForm)
        ),
        "can_answer": permissions.can_answer_insight(request.user, insight),
        "is_triager": permissions.is_triager(request.user),
        "route_form": RouteForm(initial={"department": insight.department_id}),
        "merge_form": MergeForm(),
    }
    return render(request, "feedback/insight_detail.html", context)


#: Session key of the text of a refused note or answer, offered again on the insight page.
DRAFT_KEY = "feedback_draft"


def _keep_draft(request, insight, form_class) -> None:
    """Keep the body a refused note or answer carried, so that the page offers it again."""
    if "body" in form_class.base_fields:
        request.session[DRAFT_KEY] = {
            "insight": insight.pk,
            "form": form_class.__name__,
            "body": request.POST.get("body", "")[:20_000],
        }


def _draft(request, insight, form_class) -> dict:
    """Return, once, the initial values of ``form_class`` kept from a refused attempt."""
    draft = request.session.get(DRAFT_KEY)
    if not draft or draft["insight"] != insight.pk or draft["form"] != form_class.__name__:
        return {}
    del request.session[DRAFT_KEY]
    return {"body": draft["body"]}


def _act(request, insight_id: int, form_class, action, *, success=None, **form_kwargs):
    """Load, bind, call one service, report its refusal, and go back to the insight.

    A refused note or answer keeps its text for the page to offer again.
    ``success(data, result)``, given the form's data and what the service
    returned, says what happened; ``None`` says nothing.
    """
    insight = selectors.get_insight(insight_id=insight_id, viewer=request.user)
    form = form_class(request.POST, **form_kwargs)
    if not form.is_valid():
        messages.warning(request, " ".join(_errors_of(form)))
        _keep_draft(request, insight, form_class)
    else:
        try:
            result = action(insight, form.cleaned_data)
        except ValidationError as error:
            messages.warning(request, " ".join(error.messages))
            _keep_draft(request, insight, form_class)
        else:
            message = success(form.cleaned_data, result) if success else None
            if message:
                messages.success(request, message)
    return redirect("feedback:insight_detail", insight_id=insight.pk)


@require_POST
@login_required
def change_status(request, insight_id: int):
    return _act(
        request,
        insight_id,
        StatusForm,
        lambda insight, data: services.change_status(
            actor=request.user, insight=insight, status=data["status"]
        ),
        # An unchanged status needs no news.
        success=lambda data, changed: (
            _("Status changed to %(status)s.") % {"status": InsightStatus(data["status"]).label}
            if changed
            else None
        ),
    )


@require_POST
@login_required
def assign(request, insight_id: int):
    insight = selectors.get_insight(insight_id=insight_id, viewer=request.user)
    return _act(
        request,
        insight_id,
        AssignForm,
        lambda insight, data: services.assign_insight(
            actor=request.user, insight=insight, assignee=data["assignee"]
        ),
        success=lambda data, insight: (
            _("Assigned to %(name)s.") % {"name": data["assignee"].public_name}
            if data["assignee"]
            else _("Unassigned.")
        ),
        department=insight.department,
    )


@require_POST
@login_required
def add_note(request, insight_id: int):
    return _act(
        request,
        insight_id,
        NoteForm,
        lambda insight, data: services.add_internal_note(
            actor=request.user, insight=insight, body=data["body"]
        ),
        success=lambda data, note: _("Note added."),
    )


@require_POST
@login_required
def answer(request, insight_id: int):
    return _act(
        request,
        insight_id,
        AnswerForm,
        lambda insight, data: services.answer_publicly(
            actor=request.user, insight=insight, body=data["body"], status=data["status"]
        ),
    )


@require_POST
@login_required
def route(request, insight_id: int):
    return _act(
        request,
        insight_id,
        RouteForm,
        lambda insight, data: services.route_insight_manually(
            actor=request.user, insight=insight, department=data["department"]
        ),
    )


@require_POST
@login_required
def merge(request, insight_id: int):
    insight = selectors.get_insight(insight_id=insight_id, viewer=request.user)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.warning(request, " ".join(_errors_of(form)))
        return redirect(insight)
    try:
        target = services.merge_insights(
            actor=request.user, source=insight, target=form.cleaned_data["target"]
        )
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
        return redirect(insight)
    return redirect(target)


@require_POST
@login_required
def retry_delivery(request, delivery_id: int):
    """Give a failed delivery a fresh set of attempts."""
    delivery = selectors.get_delivery(delivery_id=delivery_id)
    permissions.check_can_see_insight(request.user, delivery.insight)
    try:
        services.retry_delivery(actor=request.user, delivery=delivery)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(request, _("The delivery will be tried again."))
    return redirect(delivery.insight)
