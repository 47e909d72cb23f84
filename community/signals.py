"""Signals the forum sends so that other apps can react without being imported.

``post_created``: sent inside the transaction that created a post, after the
post, its thread's counters and its mentions are saved, whether the post is
published or held for approval (notifications makes its author follow the thread).
    sender: the ``Post`` class
    post: the new ``Post``
    is_new_thread: ``True`` when the post opened its thread
    check_results: the ``community.hooks.PostCheckResult`` list the post checks
        returned (HOLD, FLAG, CENSOR), so that their app can record them
"""

from django.dispatch import Signal

post_created = Signal()

# ``post_published``: sent inside the transaction in which a post becomes visible
# to everyone who may see its thread, once per post: when it is written, or when a
# moderator approves it or the held thread it waited in. Notifications writes its
# outbox row here, so that the row commits with the post or not at all.
#     sender: the ``Post`` class
#     post: the published ``Post``
post_published = Signal()

# ``reaction_added``: sent inside the transaction that gave a reaction (not when
# one is taken back).
#     sender: the ``Reaction`` class
#     reaction: the new ``Reaction``, its ``post`` loaded
reaction_added = Signal()

# ``answer_accepted``: sent inside the transaction that made a reply its thread's
# accepted answer (not when the same answer is accepted again).
#     sender: the ``Post`` class
#     post: the accepted ``Post``
#     actor: the member who accepted it
answer_accepted = Signal()

# ``post_edited``: sent inside the transaction that changed a post's text (its body,
# or its thread's title through the first post), after the post's search document
# was rewritten; not for an edit that changed nothing. Feedback rewrites the search
# document of the insight the post feeds.
#     sender: the ``Post`` class
#     post: the edited ``Post``
post_edited = Signal()

# ``post_blocked``: sent when a post check (community.hooks) refused a post,
# outside the transaction that would have written it, so that the refusal can
# be recorded (the audit log of automated decisions).
#     sender: the ``Post`` class
#     draft: the ``community.hooks.PostDraft`` that was refused
#     result: the blocking ``community.hooks.PostCheckResult``
post_blocked = Signal()
