from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("c/<slug:category_slug>/watch/", views.watch_category, name="watch_category"),
    path("t/<int:thread_id>/follow/", views.follow_thread, name="follow_thread"),
    path("notifications/", views.notification_list, name="notification_list"),
    path(
        "notifications/read-all/",
        views.mark_all_notifications_read,
        name="mark_all_notifications_read",
    ),
    path(
        "notifications/settings/",
        views.notification_preferences,
        name="notification_preferences",
    ),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "notifications/<int:notification_id>/",
        views.open_notification,
        name="open_notification",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        views.mark_notification_read,
        name="mark_notification_read",
    ),
]
