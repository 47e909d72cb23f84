"""The backoffice's data: flags, the review queue, sanctions, appeals, automod rules, the audit log.

Every moderation write goes through ``moderation.services``, which writes an
``AuditEntry`` in the same transaction. Audit entries are immutable.
"""

from moderation.models.audit import (
    AuditAction,
    AuditEntry,
    AuditQuerySet,
)
from moderation.models.queue import (
    CannedReason,
    Flag,
    FlagReason,
    FlagStatus,
    MemberFlagStats,
    ModeratorDigest,
    Resolution,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
)
from moderation.models.rules import (
    RULE_TRUST_LEVEL_BELOW_MAX,
    RULE_TRUST_LEVEL_BELOW_MIN,
    AutomodRule,
    RuleAction,
    RuleKind,
)
from moderation.models.sanctions import (
    Appeal,
    AppealOutcome,
    AppealStatus,
    ModeratorNote,
    Sanction,
    SanctionKind,
)

__all__ = [
    "RULE_TRUST_LEVEL_BELOW_MAX",
    "RULE_TRUST_LEVEL_BELOW_MIN",
    "Appeal",
    "AppealOutcome",
    "AppealStatus",
    "AuditAction",
    "AuditEntry",
    "AuditQuerySet",
    "AutomodRule",
    "CannedReason",
    "Flag",
    "FlagReason",
    "FlagStatus",
    "MemberFlagStats",
    "ModeratorDigest",
    "ModeratorNote",
    "Resolution",
    "ReviewItem",
    "ReviewKind",
    "ReviewStatus",
    "RuleAction",
    "RuleKind",
    "Sanction",
    "SanctionKind",
]
