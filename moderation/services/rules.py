"""Community managers' settings: automod rules and canned reasons."""

from django.core.exceptions import ValidationError
from django.db import transaction

from moderation import automod
from moderation.models import AuditAction, AutomodRule, CannedReason
from moderation.permissions import check_can_manage_moderation
from moderation.services.audit import write_entry


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
    rule.save()
    rule.categories.set(categories)
    write_entry(
        actor=actor,
        action=AuditAction.RULE_SAVE,
        reason=rule.name,
        after={
            "rule_id": rule.pk,
            "kind": rule.kind,
            "pattern": rule.pattern,
            "action": rule.action,
            "is_active": rule.is_active,
        },
    )
    return rule


@transaction.atomic
def save_canned_reason(*, actor, reason: CannedReason) -> CannedReason:
    """Validate and save a canned reason; raises ``PermissionDenied``/``ValidationError``."""
    check_can_manage_moderation(actor)
    reason.full_clean()
    reason.save()
    return reason
