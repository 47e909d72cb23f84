"""The audit log: search, filters, CSV export, reverting a hide or delete."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from moderation import permissions, selectors, services
from moderation.filters import AuditEntryFilter
from moderation.forms import RevertForm
from moderation.models import AuditEntry
from moderation.views import next_url
from web.csv import csv_safe
from web.pagination import paginate

ENTRIES_PER_PAGE = 50


def _filtered(request) -> AuditEntryFilter:
    permissions.check_can_manage_moderation(request.user)
    filterset = AuditEntryFilter(request.GET, queryset=selectors.list_audit_entries())
    if not filterset.is_valid():
        # Ignore the invalid values rather than refuse the whole page.
        params = request.GET.copy()
        for name in filterset.errors:
            params.pop(name, None)
        filterset = AuditEntryFilter(params, queryset=selectors.list_audit_entries())
        filterset.is_valid()
    return filterset


@login_required
def audit_log(request):
    """List the audit log, searchable and filterable; an invalid filter lists nothing (400)."""
    permissions.check_can_manage_moderation(request.user)
    filterset = AuditEntryFilter(request.GET, queryset=selectors.list_audit_entries())
    is_valid = filterset.is_valid()
    entries = filterset.qs if is_valid else filterset.queryset.none()
    page = paginate(request, entries, ENTRIES_PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/audit_log.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
        status=200 if is_valid else 400,
    )


class _Echo:
    def write(self, value):
        return value


@login_required
def audit_csv(request):
    """Stream the filtered audit log as CSV, every cell safe to open in a spreadsheet."""
    filterset = _filtered(request)
    writer = csv.writer(_Echo())
    header = ["id", "created_at", "actor", "rule", "action", "post", "thread", "member", "reason"]

    def rows():
        yield writer.writerow(header)
        for entry in filterset.qs.iterator(chunk_size=500):
            cells = [
                entry.pk,
                entry.created_at.isoformat(),
                entry.actor.username if entry.actor else "",
                entry.rule.name if entry.rule else "",
                entry.action,
                entry.target_post_id or "",
                entry.target_thread_id or "",
                entry.target_member.username if entry.target_member else "",
                entry.reason,
            ]
            yield writer.writerow([csv_safe(cell) for cell in cells])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@login_required
@require_POST
def revert_entry(request, entry_id: int):
    """Undo the hide or delete an audit entry records; only readers of the log may."""
    permissions.check_can_manage_moderation(request.user)
    entry = get_object_or_404(AuditEntry, pk=entry_id)
    form = RevertForm(request.POST)
    if not form.is_valid():
        # The form's one field is the reason.
        messages.error(
            request,
            _("%(field)s: %(error)s")
            % {"field": form["reason"].label, "error": " ".join(form.errors["reason"])},
        )
        return redirect(next_url(request, default="moderation:audit_log"))
    try:
        services.revert_entry(actor=request.user, entry=entry, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reverted."))
    return redirect(next_url(request, default="moderation:audit_log"))
