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
