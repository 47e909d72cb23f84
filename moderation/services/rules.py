"""Community managers' and admins' settings: automod rules (and trying one), canned
reasons, category moderators. Each change writes an audit entry with the state before
and after it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from community.models import CategoryModerator, Post
from moderation import automod
from moderation.models import AuditAction, AutomodRule, CannedReason, RuleKind
from moderation.permissions import check_can_manage_moderation
from moderation.services.audit import (
    canned_reason_state,
    category_moderator_state,
    rule_state,
    write_entry,
)

#: How many matches a preview lists; it counts them all.
PREVIEW_LISTED_MATCHES = 50


@transaction.atomic
def save_rule(*, actor, rule: AutomodRule, categories) -> AutomodRule:
    """Validate and save ``rule`` (new or changed) with its ``categories``; return it.

    Raises ``PermissionDenied`` and ``ValidationError`` keyed by ``pattern``
    for an empty pattern or a regular expression that does not compile.
    """
    check_can_manage_moderation(actor)
    try:
        automod.validate_pattern(rule.kind, rule.pattern)
    except ValidationError as error:
        raise ValidationError({"pattern": error.error_list}) from error
    if rule.created_by_id is None:
        rule.created_by = actor
    rule.full_clean()
    before = {}
    if rule.pk is not None:
        before = rule_state(AutomodRule.objects.select_for_update().get(pk=rule.pk))
    rule.save()
    rule.categories.set(categories)
    write_entry(
        actor=actor,
        action=AuditAction.RULE_SAVE,
        reason=rule.name,
        before=before,
        after=rule_state(rule),
    )
    return rule


@transaction.atomic
def delete_rule(*, actor, rule: AutomodRule) -> None:
    """Delete ``rule``, keeping its settings in the audit log; raises ``PermissionDenied``."""
    check_can_manage_moderation(actor)
    before = rule_state(rule)
    rule.delete()
    write_entry(actor=actor, action=AuditAction.RULE_DELETE, reason=before["name"], before=before)


def preview_rule(*, kind: str, pattern: str) -> dict:
    """Try an unsaved rule on the last ``LIAISON_AUTOMOD_PREVIEW_POSTS`` posts.

    Returns ``{"tried": n, "matches": [(post, text), ...up to 50], "count": m,
    "is_stopped": bool}``; ``is_stopped`` when the preview's time budget
    (``automod.PREVIEW_BUDGET_SECONDS``) ran out after ``tried`` posts. Rate
    rules depend on timing and are not tried. Raises ``ValidationError`` for
    a pattern that does not suit ``kind``.
    """
    automod.validate_pattern(kind, pattern)
    if kind == RuleKind.POST_RATE:
        return {"tried": 0, "matches": [], "count": 0, "is_stopped": False}
    posts = (
        Post.objects.filter(is_deleted=False)
        .select_related("thread", "author")
        .order_by("-created_at")[: settings.LIAISON_AUTOMOD_PREVIEW_POSTS]
    )
    trial = automod.try_rule(AutomodRule(kind=kind, pattern=pattern), posts)
    return {
        "tried": trial.tried,
        "matches": trial.matches[:PREVIEW_LISTED_MATCHES],
        "count": len(trial.matches),
        "is_stopped": trial.is_stopped,
    }


@transaction.atomic
def save_canned_reason(*, actor, reason: CannedReason) -> CannedReason:
    """Validate and save a canned reason; raises ``PermissionDenied``/``ValidationError``."""
    check_can_manage_moderation(actor)
    reason.full_clean()
    before = {}
    if reason.pk is not None:
        before = canned_reason_state(CannedReason.objects.select_for_update().get(pk=reason.pk))
    reason.save()
    write_entry(
        actor=actor,
        action=AuditAction.REASON_SAVE,
        reason=reason.title,
        before=before,
        after=canned_reason_state(reason),
    )
    return reason


@transaction.atomic
def delete_canned_reason(*, actor, reason: CannedReason) -> None:
    """Delete a canned reason, keeping its text in the audit log; raises ``PermissionDenied``."""
    check_can_manage_moderation(actor)
    before = canned_reason_state(reason)
    reason.delete()
    write_entry(
        actor=actor, action=AuditAction.REASON_DELETE, reason=before["title"], before=before
    )


@transaction.atomic
def save_category_moderator(*, actor, moderator: CategoryModerator) -> CategoryModerator:
    """Validate and save a ``CategoryModerator`` row (new or changed); return it.

    Raises ``PermissionDenied`` and ``ValidationError`` (the member moderates
    the category already).
    """
    check_can_manage_moderation(actor)
    moderator.full_clean()
    before = {}
    if moderator.pk is not None:
        before = category_moderator_state(
            CategoryModerator.objects.select_for_update()
            .select_related("user", "category")
            .get(pk=moderator.pk)
        )
    moderator.save()
    write_entry(
        actor=actor,
        action=AuditAction.MODERATOR_CHANGE if before else AuditAction.MODERATOR_ADD,
        reason=moderator.category.name,
        target_member=moderator.user,
        before=before,
        after=category_moderator_state(moderator),
    )
    return moderator


@transaction.atomic
def remove_category_moderator(*, actor, moderator: CategoryModerator) -> None:
    """Delete a ``CategoryModerator`` row: the member stops moderating the category."""
    check_can_manage_moderation(actor)
    before = category_moderator_state(moderator)
    user = moderator.user
    moderator.delete()
    write_entry(
        actor=actor,
        action=AuditAction.MODERATOR_REMOVE,
        reason=before["category"],
        target_member=user,
        before=before,
    )
