"""The department's side: status workflow, assignment, notes, public answers, the tracker.

Also the periodic jobs: escalating unacknowledged insights, weekly digests.
"""

from collections.abc import Callable
from datetime import timedelta
from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from community import markdown
from community import services as community
from feedback.models import (
    ALLOWED_TRANSITIONS,
    CLOSED_STATUSES,
    Department,
    Insight,
    InsightStatus,
    InternalNote,
    OfficialResponse,
    StatusChange,
)
from feedback.notices import FEEDBACK_NOTICE, WORK_NOTICE
from feedback.permissions import (
    check_can_answer_insight,
    check_can_work_insight,
    is_department_staff,
)
from feedback.selectors import (
    first_visible_post,
    list_answered_thread_ids,
    list_supporter_ids,
)
from notifications.services import notify_member
from web.links import absolute_url


def _locked(insight: Insight) -> Insight:
    """Return ``insight`` locked; ``ValidationError`` (code ``merged``) once it was merged,
    whoever asks (a tracker has no permissions to check)."""
    insight = Insight.objects.select_for_update().get(pk=insight.pk)
    if insight.merged_into_id:
        raise ValidationError(_("This feedback was merged into another one."), code="merged")
    return insight


def _set_status(insight: Insight, to_status: str, *, actor: User | None, source: str) -> bool:
    """Move ``insight`` (locked) to ``to_status`` under the workflow's rules; record it."""
    if to_status == insight.status:
        return False
    if to_status not in ALLOWED_TRANSITIONS.get(insight.status, ()):
        raise ValidationError(
            _("Feedback cannot go from %(from)s to %(to)s.")
            % {
                "from": insight.get_status_display(),
                "to": InsightStatus(to_status).label
                if to_status in InsightStatus.values
                else to_status,
            },
            code="invalid_transition",
        )
    if to_status in CLOSED_STATUSES and not insight.responses.exists():
        raise ValidationError(
            _("Answer publicly before you close this feedback."), code="answer_required"
        )
    now = timezone.now()
    StatusChange.objects.create(
        insight=insight,
        from_status=insight.status,
        to_status=to_status,
        changed_by=actor,
        source=source,
        changed_at=now,
    )
    insight.status = to_status
    insight.first_response_at = insight.first_response_at or now
    insight.closed_at = now if to_status in CLOSED_STATUSES else None
    insight.save(update_fields=["status", "first_response_at", "closed_at"])
    return True


@transaction.atomic
def change_status(*, actor: User | None, insight: Insight, status: str, source: str = "") -> bool:
    """Move ``insight`` to ``status``; return whether it changed.

    Allowed moves are ``feedback.models.ALLOWED_TRANSITIONS``; done and
    declined need a public answer first. Each change is recorded with who
    (``actor``, or ``None`` with ``source`` for a tracker) and when, and every
    member behind the insight hears of it in their language (an answer with a
    status, ``answer_publicly``, tells them once, of the answer).
    Raises ``Http404``/``PermissionDenied`` for someone who may not work the
    insight, ``ValidationError`` with code ``invalid_transition`` or
    ``answer_required``.
    """
    if actor is not None:
        check_can_work_insight(actor, insight)
    insight = _locked(insight)
    changed = _set_status(insight, status, actor=actor, source=source)
    if changed:
        _notify_supporters(insight, actor=actor, message=_status_message(status))
    return changed


@transaction.atomic
def assign_insight(*, actor: User, insight: Insight, assignee: User | None) -> Insight:
    """Give ``insight`` to ``assignee`` (staff of its department), or to nobody.

    Raises ``ValidationError`` (code ``not_staff``) for someone outside the department.
    """
    check_can_work_insight(actor, insight)
    insight = _locked(insight)
    if assignee is not None and (
        insight.department is None or not is_department_staff(assignee, insight.department)
    ):
        raise ValidationError(_("Assign this to someone in its department."), code="not_staff")
    insight.assignee = assignee
    insight.save(update_fields=["assignee"])
    return insight


@transaction.atomic
def add_internal_note(*, actor: User, insight: Insight, body: str) -> InternalNote:
    """Add a note that only staff who see ``insight`` read; return it."""
    check_can_work_insight(actor, insight)
    note = InternalNote(insight=insight, author=actor, body=body.strip())
    note.full_clean()
    note.save()
    return note


def mark_answered_threads(insight: Insight) -> int:
    """Mark the threads that show ``insight``'s answers as having an official answer, if it
    has one; return how many were newly marked.

    Called when posts join an insight (captured into it, or moved by a merge),
    since their threads then show its answers too.
    """
    if not insight.responses.exists():
        return 0
    return community.mark_official_answer(thread_ids=list_answered_thread_ids(insight=insight))


def _notify_supporters(insight: Insight, *, actor: User | None, message, excerpt: str = "") -> int:
    """Tell every member behind ``insight``, each in their language; return how many heard.

    ``message(title)`` returns the sentence, translated in the active language;
    ``excerpt`` (plain text) is quoted under it. Each notice leads to the
    oldest published post of the insight that its recipient may see, so that
    nobody is sent to a thread they cannot open; without one, it has no link.
    """
    count = 0
    for member in User.objects.filter(pk__in=list_supporter_ids(insight=insight), is_active=True):
        post = first_visible_post(insight=insight, viewer=member)
        with translation.override(member.language or settings.LANGUAGE_CODE):
            text = message(insight.title)
        if notify_member(
            recipient=member,
            kind=FEEDBACK_NOTICE.value,
            message=text,
            url=post.get_absolute_url() if post else "",
            actor=actor,
            excerpt=excerpt,
        ):
            count += 1
    return count


def _excerpt(markdown_body: str, limit: int = 600) -> str:
    """Return the start of an answer as plain text, at most ``limit`` characters."""
    text = " ".join(unescape(strip_tags(markdown.render(markdown_body).html)).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _answered(title: str) -> str:
    return _("The team answered feedback you support: %(title)s") % {"title": title}


def _status_message(status: str):
    def message(title: str) -> str:
        return _("Feedback you support is now “%(status)s”: %(title)s") % {
            "status": InsightStatus(status).label,
            "title": title,
        }

    return message


@transaction.atomic
def answer_publicly(
    *, actor: User | None, insight: Insight, body: str, status: str = "", source: str = ""
) -> OfficialResponse:
    """Publish the company's answer to ``insight`` and tell every supporter.

    Input: the author (``None`` for a tracker's webhook, with ``source``), the
    Markdown ``body``, and optionally the ``status`` to move to at the same
    time (done or declined close it). Output: the ``OfficialResponse``,
    shown on the insight's threads, which are marked as having an official
    answer (``community.services.mark_official_answer``). Every member behind the insight
    (including those of insights merged into it) gets a notice in their
    language, in the app and by e-mail as they chose.
    Raises as ``check_can_answer_insight`` and ``change_status`` do;
    ``ValidationError`` (code ``blank``) for an empty answer.
    """
    if actor is not None:
        check_can_answer_insight(actor, insight)
    insight = _locked(insight)
    if not body.strip():
        raise ValidationError(_("Write the answer first."), code="blank")
    response = OfficialResponse(
        insight=insight, author=actor, body=body, html=markdown.render(body).html
    )
    response.full_clean()
    response.save()
    community.mark_official_answer(thread_ids=list_answered_thread_ids(insight=insight))
    now = timezone.now()
    insight.answered_at = insight.answered_at or now
    insight.first_response_at = insight.first_response_at or now
    insight.save(update_fields=["answered_at", "first_response_at"])
    if status:
        _set_status(insight, status, actor=actor, source=source)
    _notify_supporters(insight, actor=actor, message=_answered, excerpt=_excerpt(body))
    return response


@transaction.atomic
def apply_tracker_update(*, department: Department, payload: dict) -> Insight:
    """Apply a verified inbound webhook from ``department``'s tracker.

    ``payload``: ``{"insight": id, "status": "...", "answer": "optional Markdown"}``.
    An update about an insight merged since goes to the one it was merged
    into, as the tracker's ticket still names the old one. Output: the
    insight updated. Raises ``ValidationError``: code ``invalid_update`` for a
    payload that is not an object or whose status or answer is not text,
    ``unknown_insight`` for an insight not (or no longer) with ``department``,
    or as ``change_status`` and ``answer_publicly`` do.
    """
    if not isinstance(payload, dict):
        raise ValidationError(_("Send a JSON object."), code="invalid_update")
    status = payload.get("status") or ""
    answer = payload.get("answer") or ""
    if not isinstance(status, str) or not isinstance(answer, str):
        raise ValidationError(_("Status and answer must be text."), code="invalid_update")
    number = str(payload.get("insight", ""))
    insight = (
        Insight.objects.select_related("merged_into").filter(pk=number).first()
        if number.isascii() and number.isdigit() and int(number) < 2**63
        else None
    )
    if insight is not None and insight.merged_into_id:
        insight = insight.merged_into
    if insight is None or insight.department_id != department.pk:
        raise ValidationError(_("No such feedback in this department."), code="unknown_insight")
    if status and status not in InsightStatus.values:
        raise ValidationError(_("Unknown status."), code="invalid_transition")
    source = f"webhook:{department.slug}"
    if answer:
        answer_publicly(actor=None, insight=insight, body=answer, status=status, source=source)
    elif status:
        change_status(actor=None, insight=insight, status=status, source=source)
    insight.refresh_from_db()
    return insight


def tell_community_managers(*, message: Callable[[], str], url: str) -> int:
    """Give every active community manager a work notice; return how many were told.

    ``message`` is called once per manager inside their language, so that
    each reads it translated. ``url`` is where the notice leads.
    """
    managers = User.objects.filter(groups__name=Role.COMMUNITY_MANAGER, is_active=True).distinct()
    told = 0
    for manager in managers:
        with translation.override(manager.language or settings.LANGUAGE_CODE):
            text = message()
        if notify_member(recipient=manager, kind=WORK_NOTICE.value, message=text, url=url):
            told += 1
    return told


def escalate_overdue_insights() -> int:
    """Tell community managers, once per insight, about feedback not acknowledged in time.

    An insight is overdue when it is still new longer than its department's
    ``service_level_hours`` after routing. Returns how many were escalated.
    """
    now = timezone.now()
    escalated = 0
    candidates = Insight.objects.filter(
        status=InsightStatus.NEW,
        escalated_at__isnull=True,
        department__isnull=False,
        merged_into__isnull=True,
        routed_at__isnull=False,
    ).select_related("department")
    for insight in candidates:
        if insight.routed_at + timedelta(hours=insight.department.service_level_hours) > now:
            continue
        with transaction.atomic():
            if not Insight.objects.filter(pk=insight.pk, escalated_at__isnull=True).update(
                escalated_at=now
            ):
                continue
            tell_community_managers(
                message=lambda insight=insight: (
                    _("%(department)s has not acknowledged feedback in time: %(title)s")
                    % {"department": insight.department.name, "title": insight.title}
                ),
                url=insight.get_absolute_url(),
            )
            escalated += 1
    return escalated


def send_weekly_department_digests() -> int:
    """Mail each department with an address its week: new, open and overdue feedback.

    A department mailed in the last six days is skipped, so a rerun sends
    nothing. Returns how many digests were sent.
    """
    now = timezone.now()
    sent = 0
    for department in Department.objects.exclude(contact_email=""):
        with transaction.atomic():
            department = Department.objects.select_for_update().get(pk=department.pk)
            if department.digest_sent_at and department.digest_sent_at > now - timedelta(days=6):
                continue
            insights = Insight.objects.filter(department=department, merged_into__isnull=True)
            context = {
                "department": department,
                "new": insights.filter(created_at__gte=now - timedelta(days=7)).count(),
                "open": insights.exclude(status__in=CLOSED_STATUSES).count(),
                "unacknowledged": insights.filter(status=InsightStatus.NEW).count(),
                "url": absolute_url("/feedback/"),
            }
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Your week of feedback: %(department)s") % {"department": department}
                body = render_to_string("feedback/email/weekly_digest.txt", context)
            department.digest_sent_at = now
            department.save(update_fields=["digest_sent_at"])
            transaction.on_commit(
                lambda subject=subject, body=body, to=department.contact_email: send_mail(
                    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [to]
                )
            )
            sent += 1
    return sent
