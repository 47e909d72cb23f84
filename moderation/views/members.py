"""Members as moderators see them: record, notes, sanctions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from community.models import Post
from moderation import permissions, selectors, services
from moderation.forms import NoteForm, SanctionForm
from moderation.models import SanctionKind
from moderation.views import next_url


def _post_id(value: str) -> int | None:
    """Return the id a form's ``post_id`` holds; ``None`` for garbage (ASCII digits only)."""
    if value.isascii() and value.isdigit() and 0 < int(value) < 2**63:
        return int(value)
    return None


def _render(request, member, *, note_form=None, sanction_form=None, status=200):
    return render(
        request,
        "moderation/member_detail.html",
        {
            "member": member,
            "record": selectors.get_member_record(member=member),
            "note_form": note_form or NoteForm(),
            "sanction_form": sanction_form or SanctionForm(),
            "sanction_kinds": [
                kind for kind in SanctionKind if permissions.can_sanction(request.user, kind)
            ],
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
    post_id = _post_id(request.POST.get("post_id", ""))
    post = Post.objects.filter(pk=post_id).first() if post_id else None
    if form.is_valid():
        try:
            services.sanction_member(
                actor=request.user,
                member=member,
                kind=form.cleaned_data["kind"],
                reason=form.get_reason(),
                days=form.cleaned_data["days"],
                post=post,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The member has been told."))
            return redirect(next_url(request, default="moderation:queue"))
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    if permissions.can_view_member(request.user):
        return _render(request, member, sanction_form=form, status=400)
    return redirect("moderation:queue")
