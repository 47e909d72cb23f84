"""Every write the backoffice allows; each checks permissions, runs in a transaction
and writes its audit entry in it.
"""

from moderation.services.appeal_links import appeal_link, make_appeal_token, read_appeal_token
from moderation.services.appeals import appeal_sanction, decide_appeal
from moderation.services.audit import revert_entry
from moderation.services.digests import notify_stale_held_posts, send_moderator_digest
from moderation.services.flags import flag_post, flag_weight, record_post_checks
from moderation.services.forum import (
    delete_post,
    edit_post,
    lock_thread,
    merge_threads,
    move_thread,
    pin_thread,
)
from moderation.services.item_actions import ACTIONS, BULK_ACTIONS, act_on_item, bulk_act
from moderation.services.items import claim_item, release_item
from moderation.services.rules import save_canned_reason, save_rule
from moderation.services.sanctions import add_moderator_note, sanction_member

__all__ = [
    "ACTIONS",
    "BULK_ACTIONS",
    "act_on_item",
    "add_moderator_note",
    "appeal_link",
    "appeal_sanction",
    "bulk_act",
    "claim_item",
    "decide_appeal",
    "delete_post",
    "edit_post",
    "flag_post",
    "flag_weight",
    "lock_thread",
    "make_appeal_token",
    "merge_threads",
    "move_thread",
    "notify_stale_held_posts",
    "pin_thread",
    "read_appeal_token",
    "record_post_checks",
    "release_item",
    "revert_entry",
    "sanction_member",
    "save_canned_reason",
    "save_rule",
    "send_moderator_digest",
]
