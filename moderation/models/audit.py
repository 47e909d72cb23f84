"""The audit log: one immutable entry per moderation action."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.models.queue import ReviewItem
from moderation.models.rules import AutomodRule


class AuditAction(models.TextChoices):
    """What an audit entry records."""

    AGREE = "agree", _("Agreed with flags")
    APPROVE = "approve", _("Approved")
    DISMISS = "dismiss", _("Dismissed flags")
    HIDE = "hide", _("Hid a post")
    UNHIDE = "unhide", _("Showed a post again")
    DELETE = "delete", _("Deleted a post")
    RESTORE = "restore", _("Restored a post")
    EDIT = "edit", _("Edited a post")
    LOCK = "lock", _("Locked a thread")
    UNLOCK = "unlock", _("Unlocked a thread")
    PIN = "pin", _("Pinned a thread")
    UNPIN = "unpin", _("Unpinned a thread")
    MOVE = "move", _("Moved a thread")
    MERGE = "merge", _("Merged threads")
    WARN = "warn", _("Warned a member")
    SILENCE = "silence", _("Silenced a member")
    SUSPEND = "suspend", _("Suspended a member")
    BAN = "ban", _("Banned a member")
    SPAM = "spam", _("Deleted spam")
    APPEAL_UPHELD = "appeal_upheld", _("Refused an appeal")
    APPEAL_OVERTURNED = "appeal_overturned", _("Granted an appeal")
    LIFT = "lift", _("Lifted a sanction")
    NOTE = "note", _("Added a moderator note")
    AUTOMOD = "automod", _("Automod rule matched")
    FLAG_HIDE = "flag_hide", _("Hid a post on members' flags")
    RULE_SAVE = "rule_save", _("Saved an automod rule")
    RULE_DELETE = "rule_delete", _("Deleted an automod rule")
    REASON_SAVE = "reason_save", _("Saved a canned reason")
    REASON_DELETE = "reason_delete", _("Deleted a canned reason")
    MODERATOR_ADD = "moderator_add", _("Made a member a category moderator")
    MODERATOR_CHANGE = "moderator_change", _("Changed a category moderator")
    MODERATOR_REMOVE = "moderator_remove", _("Removed a category moderator")


class AuditQuerySet(models.QuerySet):
    """Audit entries cannot be deleted, not even in bulk."""

    def delete(self):
        raise PermissionDenied(_("Audit entries cannot be deleted."))


class AuditEntry(models.Model):
    """One moderation action, by a moderator or a rule: immutable once written.

    ``before``/``after`` hold what the change touched (a post's body and
    status, a thread's flags, a member's restrictions). The one column ever
    written later is ``reverted_by_entry``, set by ``revert_entry`` with a
    single guarded UPDATE. The post and thread an entry is about are
    protected: a hard delete of either (the forum only soft-deletes) is
    refused rather than emptying the entry's subject.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rule = models.ForeignKey(
        AutomodRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    target_post = models.ForeignKey(
        "community.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_thread = models.ForeignKey(
        "community.Thread", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_item = models.ForeignKey(
        ReviewItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    reverted_by_entry = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(_("Audit entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("Audit entries cannot be deleted."))

    @property
    def is_revertible(self) -> bool:
        """Whether the action is a hide or delete not yet reverted."""
        return self.action in {
            AuditAction.HIDE,
            AuditAction.FLAG_HIDE,
            AuditAction.DELETE,
            AuditAction.SPAM,
            AuditAction.AGREE,
        } and (self.reverted_by_entry_id is None and self.target_post_id is not None)
