"""The moderation settings, read lazily so that tests and deployments can change them.

Every setting below may be set in Django's settings; the default applies
otherwise. Where a setting follows Discourse, Discourse's site setting of the
same default is named beside it; the sandbox is Discourse's new-user limits
(trust level 0).

``LIAISON_SANDBOX_ENABLED`` (True)
    Whether the new-member limits below apply at all.
``LIAISON_SANDBOX_POST_INTERVAL_SECONDS`` (30, ``rate_limit_new_user_create_post``)
    Seconds a new member waits between two posts.
``LIAISON_SANDBOX_MAX_THREADS_FIRST_DAY`` (3, ``max_topics_in_first_day``) /
``LIAISON_SANDBOX_MAX_REPLIES_FIRST_DAY`` (10, ``max_replies_in_first_day``)
    Threads and replies a new member may write in the first 24 hours after joining.
``LIAISON_SANDBOX_MAX_LINKS`` (2, ``newuser_max_links``) /
``LIAISON_SANDBOX_MAX_MENTIONS`` (2, ``newuser_max_mentions_per_post``)
    Links and @mentions in one post of a new member.
``LIAISON_SANDBOX_MAX_EMBEDDED_MEDIA`` (1, ``newuser_max_embedded_media``)
    Images embedded in one post of a new member.
``LIAISON_SANDBOX_DUPLICATE_MINUTES`` (5, ``unique_posts_mins``)
    A new member cannot post the same text twice within this many minutes.
``LIAISON_POST_LIMITS_ENABLED`` (True)
    Whether the limits below on every member's posts apply at all (staff are
    exempt). Separate from the sandbox: switching new members' limits off
    leaves these on.
``LIAISON_POST_INTERVAL_SECONDS`` (5, ``rate_limit_create_post``)
    Seconds any member waits between two posts.
``LIAISON_DUPLICATE_POST_MINUTES`` (5, ``unique_posts_mins``)
    No member posts the same text twice within this many minutes.
``LIAISON_MAX_MENTIONS`` (10, ``max_mentions_per_post``)
    @mentions in one post of any member.
``LIAISON_HOLD_FIRST_POSTS`` (2)
    A new member's posts wait for approval until this many have been approved.
``LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY`` ({})
    Category slug → number, overriding ``LIAISON_HOLD_FIRST_POSTS`` there.
``LIAISON_SPAM_FLAGS_TO_SILENCE`` (3, ``num_users_to_silence_new_user``)
    Spam flags from different members (none of them a young account, below)
    that silence a new member pending review.
``LIAISON_SPAM_SILENCE_DAYS`` (365)
    How long such a silence (and the "spam" action's) lasts unless a moderator lifts it.
``LIAISON_FLAG_HIDE_THRESHOLD`` (3.0)
    Summed weight of open flags at which a post is hidden at once.
``LIAISON_FLAG_MIN_TRUST_LEVEL`` (1, ``min_trust_to_flag_posts``)
    Trust level from which members flag posts; staff flag at any level.
``LIAISON_MAX_FLAGS_PER_DAY`` (20, ``max_flags_per_day``)
    Posts a member at trust level 1 flags in 24 hours; staff have no cap.
``LIAISON_FLAGS_PER_DAY_MULTIPLIERS`` ({2: 1.5, 3: 2, 4: 3})
    Trust level → factor on ``LIAISON_MAX_FLAGS_PER_DAY`` (Discourse's
    ``tl2_``, ``tl3_`` and ``tl4_additional_flags_per_day_multiplier``).
``LIAISON_YOUNG_FLAGGER_HOURS`` (24) / ``LIAISON_YOUNG_FLAGGER_WEIGHT`` (0.5)
    A flag from an account younger than this many hours weighs this share of
    a flag from an older one, and does not count towards a spam silence.
    Liaison's own: Discourse has no such setting.
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
    "LIAISON_SANDBOX_MAX_EMBEDDED_MEDIA": 1,
    "LIAISON_SANDBOX_DUPLICATE_MINUTES": 5,
    "LIAISON_POST_LIMITS_ENABLED": True,
    "LIAISON_POST_INTERVAL_SECONDS": 5,
    "LIAISON_DUPLICATE_POST_MINUTES": 5,
    "LIAISON_MAX_MENTIONS": 10,
    "LIAISON_HOLD_FIRST_POSTS": 2,
    "LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY": {},
    "LIAISON_SPAM_FLAGS_TO_SILENCE": 3,
    "LIAISON_SPAM_SILENCE_DAYS": 365,
    "LIAISON_FLAG_HIDE_THRESHOLD": 3.0,
    "LIAISON_FLAG_MIN_TRUST_LEVEL": 1,
    "LIAISON_MAX_FLAGS_PER_DAY": 20,
    "LIAISON_FLAGS_PER_DAY_MULTIPLIERS": {2: 1.5, 3: 2, 4: 3},
    "LIAISON_YOUNG_FLAGGER_HOURS": 24,
    "LIAISON_YOUNG_FLAGGER_WEIGHT": 0.5,
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
