"""Every write the forum allows; each function checks permissions and runs in a transaction."""

from community.services.posts import (
    delete_post,
    edit_post,
    reply_to_thread,
    start_thread,
)
from community.services.reactions import toggle_reaction
from community.services.read_state import mark_read, record_visit
from community.services.threads import (
    accept_answer,
    lock_thread,
    pin_thread,
    unaccept_answer,
)
from community.services.trust import recompute_trust_level

__all__ = [
    "accept_answer",
    "delete_post",
    "edit_post",
    "lock_thread",
    "mark_read",
    "pin_thread",
    "recompute_trust_level",
    "record_visit",
    "reply_to_thread",
    "start_thread",
    "toggle_reaction",
    "unaccept_answer",
]
