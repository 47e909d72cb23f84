"""Every write the forum allows; each function checks permissions and runs in a transaction."""

from community.services.counters import (
    recount_categories,
    recount_members,
    recount_threads,
)
from community.services.curation import (
    approve_post,
    hide_post,
    merge_threads,
    move_thread,
    restore_post,
    unhide_post,
)
from community.services.mail import (
    make_unsubscribe_token,
    read_unsubscribe_token,
    send_daily_digests,
    send_notification_emails,
    unsubscribe,
)
from community.services.notifications import (
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
from community.services.posts import delete_post, edit_post, reply_to_thread
from community.services.reactions import toggle_reaction
from community.services.read_state import mark_read, record_visit
from community.services.threads import (
    accept_answer,
    lock_thread,
    pin_thread,
    start_thread,
    unaccept_answer,
)
from community.services.trust import recompute_trust_level

__all__ = [
    "accept_answer",
    "approve_post",
    "delete_post",
    "edit_post",
    "follow_thread",
    "hide_post",
    "lock_thread",
    "make_unsubscribe_token",
    "mark_all_notifications_read",
    "mark_notification_read",
    "mark_read",
    "merge_threads",
    "move_thread",
    "notify_about_accepted_answer",
    "notify_about_post",
    "notify_about_reaction",
    "notify_member",
    "pin_thread",
    "read_unsubscribe_token",
    "recompute_trust_level",
    "record_visit",
    "recount_categories",
    "recount_members",
    "recount_threads",
    "reply_to_thread",
    "requeue_lost_notifications",
    "restore_post",
    "run_notification_job",
    "schedule_notifications",
    "send_daily_digests",
    "send_notification_emails",
    "set_notification_preferences",
    "start_thread",
    "toggle_reaction",
    "unaccept_answer",
    "unfollow_thread",
    "unhide_post",
    "unsubscribe",
    "unwatch_category",
    "watch_category",
]
