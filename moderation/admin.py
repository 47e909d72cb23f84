"""The Django admin for moderation: reading and emergencies; the audit log is read-only.

Category moderators, canned reasons and automod rules change here through the
services, which write the audit entries; deleting several at once deletes each
through its service.
"""

from django.contrib import admin
from django.db import transaction

from community.models import CategoryModerator
from moderation.forms import RuleForm
from moderation.models import (
    AuditEntry,
    AutomodRule,
    CannedReason,
    Flag,
    ReviewItem,
    Sanction,
)
from moderation.services import rules
from web.admin import ReadOnlyAdminMixin


class AuditedAdmin(admin.ModelAdmin):
    """Save and delete through the services a subclass names, which write the audit entries."""

    def save_service(self, *, actor, obj, form):
        raise NotImplementedError

    def delete_service(self, *, actor, obj):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        self.save_service(actor=request.user, obj=obj, form=form)

    def delete_model(self, request, obj):
        self.delete_service(actor=request.user, obj=obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_service(actor=request.user, obj=obj)


@admin.register(CategoryModerator)
class CategoryModeratorAdmin(AuditedAdmin):
    list_display = ["user", "category"]
    list_select_related = ["user", "category"]
    raw_id_fields = ["user"]

    def save_service(self, *, actor, obj, form):
        rules.save_category_moderator(actor=actor, moderator=obj)

    def delete_service(self, *, actor, obj):
        rules.remove_category_moderator(actor=actor, moderator=obj)


@admin.register(CannedReason)
class CannedReasonAdmin(AuditedAdmin):
    list_display = ["title", "position"]

    def save_service(self, *, actor, obj, form):
        rules.save_canned_reason(actor=actor, reason=obj)

    def delete_service(self, *, actor, obj):
        rules.delete_canned_reason(actor=actor, reason=obj)


@admin.register(AutomodRule)
class AutomodRuleAdmin(AuditedAdmin):
    form = RuleForm
    list_display = ["name", "kind", "action", "is_active"]
    list_select_related = ["created_by"]
    readonly_fields = ["created_by", "created_at"]

    def save_service(self, *, actor, obj, form):
        rules.save_rule(actor=actor, rule=obj, categories=form.cleaned_data["categories"])

    def delete_service(self, *, actor, obj):
        rules.delete_rule(actor=actor, rule=obj)


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
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: nobody adds, changes or deletes audit entries here."""

    list_display = ["created_at", "actor", "rule", "action", "target_member", "reason"]
    list_select_related = ["actor", "rule", "target_member"]
    list_filter = ["action"]
