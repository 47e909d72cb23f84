"""Members as moderators see them: record, notes, sanctions and lifting them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from moderation import permissions, selectors, services
from moderation.forms import LiftSanctionForm, NoteForm, SanctionForm
from moderation.models import SanctionKind
from moderation.services import sanctions
from moderation.services.notices import format_moment
from moderation.views import next_url
from web.forms import add_service_error


def _error_text(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


def _render(request, member, *, note_form=None, sanction_form=None, status=200):
    record = selectors.get_member_record(member=member)
    return render(
        request,
        "moderation/member_detail.html",
        {
            "member": member,
            "record": record,
            "note_form": note_form or NoteForm(),
            "sanction_form": sanction_form or SanctionForm(),
            "sanction_kinds": [
                kind
                for kind in SanctionKind
                if permissions.can_sanction(request.user, kind, member)
            ],
            "liftable_ids": {
                sanction.pk
                for sanction in record["sanctions"]
                if permissions.can_lift_sanction(request.user, sanction)
            },
        },
        status=status,
    )


@login_required
def member_detail(request, username: str):
    """Show a member's posts, flags raised and received, sanctions, automod hits and notes."""
    permissions.check_can_view_member(request.user)
    return _render(request, get_object_or_404(User, username=username))


@login_required
@require_POST
def add_note(request, username: str):
    """Add a moderator note about a member."""
    permissions.check_can_view_member(request.user)
    member = get_object_or_404(User, username=username)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render(request, member, note_form=form, status=400)
    services.add_moderator_note(actor=request.user, member=member, text=form.cleaned_data["text"])
    messages.success(request, _("Note added."))
    return redirect("moderation:member_detail", username=member.username)


@login_required
@require_POST
def sanction_member(request, username: str):
    """Warn, silence, suspend or ban a member (from their page or an item)."""
    permissions.check_can_access_backoffice(request.user)
    member = get_object_or_404(User, username=username)
    form = SanctionForm(request.POST)
    if form.is_valid():
        try:
            sanction = services.sanction_member(
                actor=request.user,
                member=member,
                kind=form.cleaned_data["kind"],
                reason=form.get_reason(),
                days=form.cleaned_data["days"],
                post=form.cleaned_data["post"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            _say_sanction_given(request, sanction)
            return redirect(next_url(request, default="moderation:queue"))
    messages.error(request, _error_text(form))
    if permissions.can_view_member(request.user):
        return _render(request, member, sanction_form=form, status=400)
    return redirect("moderation:queue")


def _say_sanction_given(request, sanction) -> None:
    """Tell the moderator the member knows, and until when an earlier sanction outlasts it."""
    messages.success(request, _("The member has been told."))
    if until := sanctions.outlasting_end(sanction=sanction):
        messages.info(
            request,
            _("An earlier, longer sanction keeps the member restricted until %(date)s.")
            % {"date": format_moment(until)},
        )


@login_required
@require_POST
def lift_sanction(request, sanction_id: int):
    """Lift a member's silence, suspension or ban before its end."""
    permissions.check_can_view_member(request.user)
    sanction = selectors.get_sanction(sanction_id=sanction_id)
    member = sanction.member
    form = LiftSanctionForm(request.POST)
    if form.is_valid():
        try:
            sanction = sanctions.lift_sanction(
                actor=request.user, sanction=sanction, reason=form.get_reason()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The sanction is lifted and the member has been told."))
            if sanctions.is_restricted(member=sanction.member, kind=sanction.kind):
                until = sanctions.restricted_until(member=sanction.member, kind=sanction.kind)
                messages.info(
                    request,
                    _("Another sanction of this kind keeps the member restricted until %(date)s.")
                    % {"date": format_moment(until)}
                    if until
                    else _("Another ban keeps the member banned."),
                )
            return redirect("moderation:member_detail", username=member.username)
    messages.error(request, _error_text(form))
    return _render(request, member, status=400)
