"""Trust levels computed from activity, after Discourse's defaults.

Discourse's rules (meta.discourse.org/t/what-do-user-trust-levels-do/4924),
with its default thresholds as settings-free constants:

- basic (1): entered 5 threads and read 30 posts;
- member (2): visited on 15 days, entered 20 threads, read 100 posts, replied
  3 times, gave 1 like and received 1 like;
- regular (3): visited on 50 days, read 500 posts, replied 10 times, gave 30
  likes and received 20 likes;
- leader (4): granted by hand only, never computed, never taken away here.
"""

from accounts.models import TrustLevel, User
from community.models import MemberActivity

#: Levels in ascending order; a level also requires every level below it,
#: as Discourse's levels are cumulative.
REQUIREMENTS: list[tuple[TrustLevel, dict[str, int]]] = [
    (TrustLevel.BASIC, {"threads_entered": 5, "posts_read": 30}),
    (
        TrustLevel.MEMBER,
        {
            "days_visited": 15,
            "threads_entered": 20,
            "posts_read": 100,
            "replies_created": 3,
            "likes_given": 1,
            "likes_received": 1,
        },
    ),
    (
        TrustLevel.REGULAR,
        {
            "days_visited": 50,
            "posts_read": 500,
            "replies_created": 10,
            "likes_given": 30,
            "likes_received": 20,
        },
    ),
]


def trust_level_for(activity: MemberActivity) -> TrustLevel:
    """Return the highest level whose thresholds, and those below it, ``activity`` meets."""
    level = TrustLevel.NEW
    for candidate, thresholds in REQUIREMENTS:
        if not all(getattr(activity, name) >= minimum for name, minimum in thresholds.items()):
            break
        level = candidate
    return level


def recompute_trust_level(*, member: User) -> TrustLevel:
    """Store and return ``member``'s trust level computed from their activity.

    A leader (set by hand) stays a leader.
    """
    if member.trust_level == TrustLevel.LEADER:
        return TrustLevel.LEADER
    activity, _created = MemberActivity.objects.get_or_create(user=member)
    level = trust_level_for(activity)
    if member.trust_level != level:
        User.objects.filter(pk=member.pk).update(trust_level=level)
        member.trust_level = level
    return level
