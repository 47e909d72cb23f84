"""When the jobs run by themselves: the beat schedule and the sweeps on connecting.

Imported whole by ``config.settings.base``; each value is read as ``settings.X``.
"""

from celery.schedules import crontab

# Run by each worker whenever it (re)connects to the broker, with older_than_seconds=0:
# jobs lost while the broker was down go out at once, not a sweep period later
# (config.celery.SweepOnConnect). Each reruns safely.
LIAISON_SWEEPS_ON_CONNECT = [
    "notifications.tasks.requeue_lost_notifications_task",
    "feedback.tasks.requeue_lost_routing_task",
]
# The beat schedule, in one place.
CELERY_BEAT_SCHEDULE = {
    # Every morning at 07:00 (TIME_ZONE): members who chose the daily digest get it.
    "send-daily-digests": {
        "task": "notifications.tasks.send_daily_digests_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # Every minute: notification jobs and e-mails lost to a broker restart or a killed
    # worker are enqueued again, so that nothing a member should be told is lost.
    "requeue-lost-notifications": {
        "task": "notifications.tasks.requeue_lost_notifications_task",
        "schedule": crontab(minute="*"),
    },
    # Every minute: feedback deliveries whose worker died or whose job was lost (a broker
    # restart) are enqueued again, so a delivery cut by a killed worker is sent again
    # within two minutes (LIAISON_FEEDBACK_STUCK_SECONDS plus this minute).
    "requeue-stuck-feedback-deliveries": {
        "task": "feedback.tasks.requeue_stuck_deliveries_task",
        "schedule": crontab(minute="*"),
    },
    # Every hour at :15: feedback that no department acknowledged within its service
    # level is escalated to the community managers, once per insight.
    "escalate-overdue-feedback": {
        "task": "feedback.tasks.escalate_overdue_insights_task",
        "schedule": crontab(minute=15),
    },
    # Mondays at 08:00: each department gets its week of feedback by e-mail.
    "send-weekly-department-digests": {
        "task": "feedback.tasks.send_weekly_department_digests_task",
        "schedule": crontab(hour=8, minute=0, day_of_week=1),
    },
    # Every morning at 06:30 (TIME_ZONE): each moderator gets one e-mail summing up the
    # open review items, before the working day, instead of one mail per flag.
    "send-moderator-digest": {
        "task": "moderation.tasks.send_moderator_digest_task",
        "schedule": crontab(hour=6, minute=30),
    },
    # Every hour at :45: posts held for approval over 24 hours remind their moderators,
    # once per post, so that no new member waits unseen.
    "notify-stale-held-posts": {
        "task": "moderation.tasks.notify_stale_held_posts_task",
        "schedule": crontab(minute=45),
    },
}
