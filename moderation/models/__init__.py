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
from moderation.models.search import (
    AUDIT_FTS_TABLE,
    ITEM_FTS_TABLE,
    AuditSearch,
    AuditSearchFTS,
    ReviewItemSearch,
    ReviewItemSearchFTS,
)

__all__ = [
    "AUDIT_FTS_TABLE",
    "ITEM_FTS_TABLE",
    "RULE_TRUST_LEVEL_BELOW_MAX",
    "RULE_TRUST_LEVEL_BELOW_MIN",
    "Appeal",
    "AppealOutcome",
    "AppealStatus",
    "AuditAction",
    "AuditEntry",
    "AuditQuerySet",
    "AuditSearch",
    "AuditSearchFTS",
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
    "ReviewItemSearch",
    "ReviewItemSearchFTS",
    "ReviewKind",
    "ReviewStatus",
    "RuleAction",
    "RuleKind",
    "Sanction",
    "SanctionKind",
]
