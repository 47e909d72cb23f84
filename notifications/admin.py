"""Django admin for notifications: the outbox, for reading and emergencies."""

from django.contrib import admin

from notifications.models import NotificationJob


@admin.register(NotificationJob)
class NotificationJobAdmin(admin.ModelAdmin):
    """The notifications' outbox: rows here are jobs not done yet (the sweep retries them)."""

    list_display = ["event", "post", "created_at", "enqueued_at"]
    list_filter = ["event"]
    list_select_related = ["post__thread"]
    raw_id_fields = ["post", "reaction", "actor"]
    date_hierarchy = "created_at"
