"""The moderation settings, read lazily so that tests and deployments can change them.

Every setting below may be set in Django's settings; the default applies
otherwise. The sandbox defaults follow Discourse's for new users (trust
level 0).

``LIAISON_SANDBOX_ENABLED`` (True)
    Whether the new-member limits below apply at all.
``LIAISON_SANDBOX_POST_INTERVAL_SECONDS`` (30)
    Seconds a new member waits between two posts.
``LIAISON_SANDBOX_MAX_THREADS_FIRST_DAY`` (3) / ``LIAISON_SANDBOX_MAX_REPLIES_FIRST_DAY`` (10)
    Threads and replies a new member may write in the first 24 hours after joining.
``LIAISON_SANDBOX_MAX_LINKS`` (2) / ``LIAISON_SANDBOX_MAX_MENTIONS`` (2)
    Links and @mentions in one post of a new member.
``LIAISON_SANDBOX_DUPLICATE_MINUTES`` (5)
    A new member cannot post the same text twice within this many minutes.
``LIAISON_HOLD_FIRST_POSTS`` (2)
    A new member's posts wait for approval until this many have been approved.
``LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY`` ({})
    Category slug → number, overriding ``LIAISON_HOLD_FIRST_POSTS`` there.
``LIAISON_SPAM_FLAGS_TO_SILENCE`` (3)
    Spam flags from different members that silence a new member pending review.
``LIAISON_SPAM_SILENCE_DAYS`` (365)
    How long such a silence (and the "spam" action's) lasts unless a moderator lifts it.
``LIAISON_FLAG_HIDE_THRESHOLD`` (3.0)
    Summed weight of open flags at which a post is hidden at once.
``LIAISON_CLAIM_MINUTES`` (15)
    How long a moderator's claim on a review item lasts.
``LIAISON_STALE_HELD_HOURS`` (24)
    After this many hours a held post's moderators are reminded, once.
``LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS`` (0.05)
    Time bound for matching one regular expression against one post.
``LIAISON_AUTOMOD_PREVIEW_POSTS`` (1000)
    How many recent posts a rule preview is tried against.
``LIAISON_REVIEW_QUEUE_PAGE_SIZE`` (25)
    Items on one page of the review queue.
``LIAISON_APPEAL_LINK_MAX_AGE_SECONDS`` (30 days)
    How long the signed appeal link in a suspension or ban notice works.
"""

from django.conf import settings

DEFAULTS = {
    "LIAISON_SANDBOX_ENABLED": True,
    "LIAISON_SANDBOX_POST_INTERVAL_SECONDS": 30,
    "LIAISON_SANDBOX_MAX_THREADS_FIRST_DAY": 3,
    "LIAISON_SANDBOX_MAX_REPLIES_FIRST_DAY": 10,
    "LIAISON_SANDBOX_MAX_LINKS": 2,
    "LIAISON_SANDBOX_MAX_MENTIONS": 2,
    "LIAISON_SANDBOX_DUPLICATE_MINUTES": 5,
    "LIAISON_HOLD_FIRST_POSTS": 2,
    "LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY": {},
    "LIAISON_SPAM_FLAGS_TO_SILENCE": 3,
    "LIAISON_SPAM_SILENCE_DAYS": 365,
    "LIAISON_FLAG_HIDE_THRESHOLD": 3.0,
    "LIAISON_CLAIM_MINUTES": 15,
    "LIAISON_STALE_HELD_HOURS": 24,
    "LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS": 0.05,
    "LIAISON_AUTOMOD_PREVIEW_POSTS": 1000,
    "LIAISON_REVIEW_QUEUE_PAGE_SIZE": 25,
    "LIAISON_APPEAL_LINK_MAX_AGE_SECONDS": 30 * 24 * 60 * 60,
}


def get(name: str):
    """Return the setting ``name`` from Django's settings, or its default above."""
    return getattr(settings, name, DEFAULTS[name])
