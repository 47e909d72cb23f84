"""The forum's limits and moderation's thresholds.

Imported whole by ``config.settings.base``; each value is read as ``settings.X``.
"""

import environ

env = environ.Env()

# Longest post body, in characters.
LIAISON_POST_MAX_LENGTH = env.int("POST_MAX_LENGTH", default=32_000)
# How long after posting an author may still edit a post, in seconds (staff always may).
LIAISON_POST_EDIT_WINDOW_SECONDS = env.int("POST_EDIT_WINDOW_SECONDS", default=24 * 60 * 60)
# Threads on one page of a category or tag.
LIAISON_THREADS_PER_PAGE = env.int("THREADS_PER_PAGE", default=30)
# Results on one page of search.
LIAISON_SEARCH_RESULTS_PER_PAGE = 20
# Searches a visitor who is not signed in may run per minute from one IP address, counted
# in the cache (rate_limit_search_anon_user_per_minute, 15); members are not limited.
LIAISON_SEARCH_ANONYMOUS_PER_MINUTE = env.int("SEARCH_ANONYMOUS_PER_MINUTE", default=15)
# Look-ups of similar threads, while a member types a new thread's title, per member per
# minute (Liaison's own; the look-up waits for a pause in typing, so a member makes few).
LIAISON_SIMILAR_THREADS_PER_MINUTE = 60
# Moderation. In parentheses: the Discourse site setting of the same default, if any.
# Whether the new-member sandbox (Discourse's limits on trust level 0, the seven below) applies.
LIAISON_SANDBOX_ENABLED = env.bool("SANDBOX_ENABLED", default=True)
# Seconds a new member waits between two posts (rate_limit_new_user_create_post, 30).
LIAISON_SANDBOX_POST_INTERVAL_SECONDS = 30
# Threads a new member opens in the first 24 hours after joining (max_topics_in_first_day, 3).
LIAISON_SANDBOX_MAX_THREADS_FIRST_DAY = 3
# Replies a new member writes in the first 24 hours after joining (max_replies_in_first_day, 10).
LIAISON_SANDBOX_MAX_REPLIES_FIRST_DAY = 10
# Links in one post of a new member (newuser_max_links, 2).
LIAISON_SANDBOX_MAX_LINKS = 2
# @mentions in one post of a new member (newuser_max_mentions_per_post, 2).
LIAISON_SANDBOX_MAX_MENTIONS = 2
# Images embedded in one post of a new member (newuser_max_embedded_media, 1).
LIAISON_SANDBOX_MAX_EMBEDDED_MEDIA = 1
# Minutes within which a new member cannot post the same text twice (unique_posts_mins, 5).
LIAISON_SANDBOX_DUPLICATE_MINUTES = 5
# Whether the limits on every member's posts below apply (staff are exempt); apart from the sandbox.
LIAISON_POST_LIMITS_ENABLED = env.bool("POST_LIMITS_ENABLED", default=True)
# Seconds any member waits between two posts (rate_limit_create_post, 5).
LIAISON_POST_INTERVAL_SECONDS = 5
# Minutes within which no member posts the same text twice (unique_posts_mins, 5).
LIAISON_DUPLICATE_POST_MINUTES = 5
# @mentions in one post of any member (max_mentions_per_post, 10).
LIAISON_MAX_MENTIONS = 10
# How many of a new member's first posts wait for a moderator's approval.
LIAISON_HOLD_FIRST_POSTS = env.int("HOLD_FIRST_POSTS", default=2)
# Category slug -> number of held first posts there, overriding LIAISON_HOLD_FIRST_POSTS.
LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY = {}
# Spam flaggers (no young accounts) that silence a newcomer (num_users_to_silence_new_user, 3).
LIAISON_SPAM_FLAGS_TO_SILENCE = 3
# Days such a silence, and the "spam" action's, lasts unless a moderator lifts it.
LIAISON_SPAM_SILENCE_DAYS = 365
# Flag score (weights add up by the flaggers' trust) at which a post hides pending review.
LIAISON_FLAG_HIDE_THRESHOLD = env.float("FLAG_HIDE_THRESHOLD", default=3.0)
# Trust level from which members flag posts; staff flag at any level (min_trust_to_flag_posts, 1).
LIAISON_FLAG_MIN_TRUST_LEVEL = 1
# Posts a member at trust level 1 flags in 24 hours; staff have no cap (max_flags_per_day, 20).
LIAISON_MAX_FLAGS_PER_DAY = 20
# Trust level -> factor on the above (tl2_/tl3_/tl4_additional_flags_per_day_multiplier, 1.5/2/3).
LIAISON_FLAGS_PER_DAY_MULTIPLIERS = {2: 1.5, 3: 2, 4: 3}
# Hours in which an account's flags weigh less and count towards no spam silence (Liaison's own).
LIAISON_YOUNG_FLAGGER_HOURS = 24
# The share of a full flag's weight that such a young account's flag carries (Liaison's own).
LIAISON_YOUNG_FLAGGER_WEIGHT = 0.5
# How long a moderator's claim on a review item lasts, in minutes.
LIAISON_CLAIM_MINUTES = 15
# Hours after which a held post's moderators are reminded of it, once.
LIAISON_STALE_HELD_HOURS = 24
# Time bound for matching one automod regular expression against one post, in seconds.
LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS = 0.05
# How many recent posts an automod rule preview is tried against.
LIAISON_AUTOMOD_PREVIEW_POSTS = 1000
# Items on one page of the review queue.
LIAISON_REVIEW_QUEUE_PAGE_SIZE = 25
# How long the signed appeal link in a suspension or ban notice works, in seconds (30 days).
LIAISON_APPEAL_LINK_MAX_AGE_SECONDS = 30 * 24 * 60 * 60
