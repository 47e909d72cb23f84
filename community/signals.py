"""Signals the forum sends so that other apps can react without being imported.

``post_created``: sent inside the transaction that created a post, after the
post, its thread's counters and its mentions are saved.
    sender: the ``Post`` class
    post: the new ``Post``
    is_new_thread: ``True`` when the post opened its thread
"""

from django.dispatch import Signal

post_created = Signal()
