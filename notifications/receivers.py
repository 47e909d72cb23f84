"""What notifications does when the forum announces something (``community.signals``).

Each receiver runs inside the transaction that made the change, so that what
it writes (a follow, an outbox row) commits with the change or not at all.
"""

from notifications.models import NotificationEvent
from notifications.services import follow_thread, schedule_notifications


def follow_own_post(sender, *, post, **kwargs) -> None:
    """Make a post's author follow its thread, whether it is published or held."""
    follow_thread(user=post.author, thread=post.thread)


def schedule_post_notifications(sender, *, post, **kwargs) -> None:
    """Write the outbox row that tells those concerned about a published post."""
    schedule_notifications(event=NotificationEvent.POST, post=post)


def schedule_reaction_notification(sender, *, reaction, **kwargs) -> None:
    """Write the outbox row that tells a post's author about a reaction."""
    schedule_notifications(event=NotificationEvent.REACTION, post=reaction.post, reaction=reaction)


def schedule_accepted_answer_notification(sender, *, post, actor, **kwargs) -> None:
    """Write the outbox row that tells an answer's author it was accepted."""
    schedule_notifications(event=NotificationEvent.ACCEPTED_ANSWER, post=post, actor=actor)
