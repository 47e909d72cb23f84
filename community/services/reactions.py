"""Reactions to posts."""

from django.db import IntegrityError, transaction
from django.db.models import F

from accounts.models import User
from community.models import Post, Reaction, ReactionKind
from community.permissions import check_can_react
from community.services.counters import add_activity
from community.signals import reaction_added


def _count_like(user_id: int, author_id: int, step: int) -> None:
    add_activity(user_id, likes_given=step)
    add_activity(author_id, likes_received=step)


def toggle_reaction(*, user: User, post: Post, kind: str) -> bool:
    """Give ``user``'s reaction of ``kind`` to ``post``, or take it back if given.

    Returns ``True`` when the reaction is now given, ``False`` when taken
    back. Raises ``ValueError`` for an unknown kind and ``PermissionDenied``
    for one's own or a deleted post.
    """
    if kind not in ReactionKind.values:
        raise ValueError(f"unknown reaction kind {kind!r}")
    check_can_react(user, post)
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
        if deleted:
            Post.objects.filter(pk=post.pk, reaction_count__gt=0).update(
                reaction_count=F("reaction_count") - 1
            )
            if kind == ReactionKind.LIKE:
                _count_like(user.pk, post.author_id, -1)
            return False
        try:
            with transaction.atomic():
                reaction = Reaction.objects.create(post=post, user=user, kind=kind)
        except IntegrityError:
            # A concurrent request gave the same reaction: it is given either way.
            return True
        Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") + 1)
        if kind == ReactionKind.LIKE:
            _count_like(user.pk, post.author_id, 1)
        reaction_added.send(sender=Reaction, reaction=reaction)
        return True
