"""The feedback app in the admin: for reading and emergencies; actions call the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from feedback import services
from feedback.models import (
    Delivery,
    DeliveryStatus,
    Department,
    DepartmentMembership,
    FeedbackKind,
    Insight,
    RoutingRule,
)
from feedback.services.search_index import index_insights
from web.admin import ReadOnlyAdminMixin


class DepartmentMembershipInline(admin.TabularInline):
    model = DepartmentMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "contact_email", "service_level_hours", "digest_sent_at"]
    list_select_related = ()
    search_fields = ["name", "slug", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["digest_sent_at"]
    inlines = [DepartmentMembershipInline]


@admin.register(FeedbackKind)
class FeedbackKindAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_select_related = ()
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "department", "keywords", "stop_processing", "is_active"]
    list_select_related = ["department"]
    list_filter = ["is_active", "department"]
    search_fields = ["name", "keywords", "department__name"]
    filter_horizontal = ["kinds", "tags", "categories"]


@admin.register(Insight)
class InsightAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "status",
        "department",
        "assignee",
        "supporter_count",
        "created_at",
    ]
    list_select_related = ["kind", "department", "assignee"]
    list_filter = ["status", "kind", "department"]
    search_fields = ["title", "summary", "department__name"]
    date_hierarchy = "created_at"
    raw_id_fields = ["assignee", "created_by", "merged_into"]
    filter_horizontal = ["tags"]
    readonly_fields = [
        "status",
        "department",
        "routing_round",
        "supporter_count",
        "routed_at",
        "first_response_at",
        "answered_at",
        "closed_at",
        "escalated_at",
    ]
    actions = ["route_by_rules"]

    def save_model(self, request, obj, form, change):
        """Save the insight and rewrite its search document: its title or summary may have
        changed."""
        super().save_model(request, obj, form, change)
        index_insights([obj.pk])

    @admin.action(description=_("Route by the rules (feedback never routed)"))
    def route_by_rules(self, request, queryset):
        routed = 0
        for insight_id in queryset.filter(routing_round=0).values_list("pk", flat=True):
            insight = services.route_insight(insight_id=insight_id)
            routed += insight is not None and insight.routing_round > 0
        self.message_user(
            request,
            ngettext("%(count)d insight routed.", "%(count)d insights routed.", routed)
            % {"count": routed},
        )


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "pk",
        "insight",
        "department",
        "channel",
        "routing_round",
        "status",
        "attempts",
        "sent_at",
        "next_attempt_at",
    ]
    list_select_related = ["insight", "department"]
    list_filter = ["status", "channel", "department"]
    search_fields = ["insight__title", "department__name", "last_error"]
    date_hierarchy = "created_at"
    actions = ["retry_failed"]

    @admin.action(description=_("Retry the failed deliveries"), permissions=["view"])
    def retry_failed(self, request, queryset):
        retried = 0
        for delivery in queryset.filter(status=DeliveryStatus.FAILED).select_related("insight"):
            try:
                services.retry_delivery(actor=request.user, delivery=delivery)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"#{delivery.pk}: {error}", messages.WARNING)
                continue
            retried += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery enqueued again.",
                "%(count)d deliveries enqueued again.",
                retried,
            )
            % {"count": retried},
        )
