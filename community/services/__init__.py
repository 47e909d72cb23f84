"""Every write the forum allows; each function checks permissions and runs in a transaction."""

from community.services.counters import (
    recount_categories,
    recount_members,
    recount_posts,
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
from community.services.posts import delete_post, edit_post, reply_to_thread
from community.services.reactions import toggle_reaction
from community.services.read_state import mark_read, record_visit
from community.services.threads import (
    accept_answer,
    lock_thread,
    mark_official_answer,
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
    "hide_post",
    "lock_thread",
    "mark_official_answer",
    "mark_read",
    "merge_threads",
    "move_thread",
    "pin_thread",
    "recompute_trust_level",
    "record_visit",
    "recount_categories",
    "recount_members",
    "recount_posts",
    "recount_threads",
    "reply_to_thread",
    "restore_post",
    "start_thread",
    "toggle_reaction",
    "unaccept_answer",
    "unhide_post",
]
