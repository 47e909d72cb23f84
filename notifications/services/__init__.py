"""Every write notifications allow: following, notifying, marking read, preferences, e-mail."""

from notifications.services.mail import (
    make_unsubscribe_token,
    read_unsubscribe_token,
    send_daily_digests,
    send_notification_emails,
    unsubscribe,
)
from notifications.services.notifications import (
    channels_for,
    follow_thread,
    mark_all_notifications_read,
    mark_notification_read,
    notify_about_accepted_answer,
    notify_about_post,
    notify_about_reaction,
    notify_member,
    requeue_lost_notifications,
    run_notification_job,
    schedule_notifications,
    set_notification_preferences,
    unfollow_thread,
    unwatch_category,
    watch_category,
)

__all__ = [
    "channels_for",
    "follow_thread",
    "make_unsubscribe_token",
    "mark_all_notifications_read",
    "mark_notification_read",
    "notify_about_accepted_answer",
    "notify_about_post",
    "notify_about_reaction",
    "notify_member",
    "read_unsubscribe_token",
    "requeue_lost_notifications",
    "run_notification_job",
    "schedule_notifications",
    "send_daily_digests",
    "send_notification_emails",
    "set_notification_preferences",
    "unfollow_thread",
    "unsubscribe",
    "unwatch_category",
    "watch_category",
]
