"""The Django admin for moderation: reading and emergencies; the audit log is read-only."""

from django.contrib import admin

from moderation.models import (
    AuditEntry,
    AutomodRule,
    CannedReason,
    CategoryModerator,
    Flag,
    ReviewItem,
    Sanction,
)


@admin.register(CategoryModerator)
class CategoryModeratorAdmin(admin.ModelAdmin):
    list_display = ["user", "category"]
    list_select_related = ["user", "category"]
    raw_id_fields = ["user"]


@admin.register(CannedReason)
class CannedReasonAdmin(admin.ModelAdmin):
    list_display = ["title", "position"]


@admin.register(AutomodRule)
class AutomodRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "action", "is_active"]
    list_select_related = ["created_by"]


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "category", "score", "created_at", "resolution"]
    list_select_related = ["category"]
    raw_id_fields = ["post", "claimed_by", "resolved_by", "appeal"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["post", "flagger", "reason", "status", "created_at"]
    list_select_related = ["post__thread", "flagger"]
    raw_id_fields = ["post", "flagger", "review_item"]


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    list_display = ["member", "kind", "ends_at", "revoked_at", "created_by"]
    list_select_related = ["member", "created_by"]
    raw_id_fields = ["member", "post", "created_by"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody adds, changes or deletes audit entries here."""

    list_display = ["created_at", "actor", "rule", "action", "target_member", "reason"]
    list_select_related = ["actor", "rule", "target_member"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
