"""Signals the forum sends so that other apps can react without being imported.

``post_created``: sent inside the transaction that created a post, after the
post, its thread's counters and its mentions are saved.
    sender: the ``Post`` class
    post: the new ``Post``
    is_new_thread: ``True`` when the post opened its thread
    check_results: the ``community.hooks.PostCheckResult`` list the post checks
        returned (HOLD, FLAG, CENSOR), so that their app can record them
"""

from django.dispatch import Signal

post_created = Signal()

# ``post_blocked``: sent when a post check (community.hooks) refused a post,
# outside the transaction that would have written it, so that the refusal can
# be recorded (the audit log of automated decisions).
#     sender: the ``Post`` class
#     draft: the ``community.hooks.PostDraft`` that was refused
#     result: the blocking ``community.hooks.PostCheckResult``
post_blocked = Signal()
