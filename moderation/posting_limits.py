"""The limits a member's post meets before it is written, as checks of ``community.hooks``.

- ``check_sandbox``: the limits on new members (trust level NEW), the
  ``LIAISON_SANDBOX_*`` and ``LIAISON_HOLD_FIRST_POSTS*`` settings.
- ``check_post_limits``: the limits on every member's posts,
  ``LIAISON_POST_LIMITS_ENABLED``, ``LIAISON_POST_INTERVAL_SECONDS``,
  ``LIAISON_DUPLICATE_POST_MINUTES`` and ``LIAISON_MAX_MENTIONS``.

Staff are exempt from the sandbox and from the interval and mentions limits
(``is_exempt``), not from posting the same text twice.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import TrustLevel
from community import markdown
from community.hooks import CheckAction, PostCheckResult, PostDraft
from community.models import Post, PostStatus, Thread
from moderation import automod

SANDBOX = "sandbox"
POST_LIMITS = "post_limits"


def is_exempt(author) -> bool:
    """Return whether ``author`` posts free of the limits and the automod rules: staff."""
    return author.is_superuser or author.has_perm("accounts.access_backoffice")


def _try_again_at(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _block(message: str, limit: str, source: str = SANDBOX) -> PostCheckResult:
    return PostCheckResult(
        action=CheckAction.BLOCK, message=message, details={"source": source, "limit": limit}
    )


def _seconds_to_wait(author, seconds: int, now) -> int | None:
    """Return how many seconds ``author`` still waits to post ``seconds`` after their last
    post, or ``None`` when they may post now."""
    last = (
        Post.objects.filter(author=author, created_at__gt=now - timedelta(seconds=seconds))
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is None:
        return None
    return max(1, int((last + timedelta(seconds=seconds) - now).total_seconds() + 0.999))


def _same_text_again_at(author, body: str, minutes: int, now):
    """Return from when ``author`` may post ``body`` again, or ``None`` when they may now."""
    earlier = (
        Post.objects.filter(
            author=author, body=body, created_at__gt=now - timedelta(minutes=minutes)
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return None if earlier is None else earlier + timedelta(minutes=minutes)


def _duplicate_block(again_at, source: str) -> PostCheckResult:
    return _block(
        _(
            "You posted the same text a moment ago. "
            "You can post it again from %(date)s, or write something new."
        )
        % {"date": _try_again_at(again_at)},
        "duplicate",
        source,
    )


def _check_interval(author, now) -> PostCheckResult | None:
    seconds = settings.LIAISON_SANDBOX_POST_INTERVAL_SECONDS
    wait = _seconds_to_wait(author, seconds, now)
    if wait is None:
        return None
    return _block(
        ngettext(
            "New members wait %(limit)d seconds between posts. "
            "You can post again in %(wait)d second.",
            "New members wait %(limit)d seconds between posts. "
            "You can post again in %(wait)d seconds.",
            wait,
        )
        % {"limit": seconds, "wait": wait},
        "interval",
    )


def _check_first_day(author, draft: PostDraft, now) -> PostCheckResult | None:
    first_day_ends = author.date_joined + timedelta(days=1)
    if now >= first_day_ends:
        return None
    if draft.thread is None:
        limit = settings.LIAISON_SANDBOX_MAX_THREADS_FIRST_DAY
        count = Thread.objects.filter(author=author).count()
        message = _(
            "New members can open %(limit)d threads on their first day. "
            "You can open another one from %(date)s."
        )
        name = "threads_first_day"
    else:
        limit = settings.LIAISON_SANDBOX_MAX_REPLIES_FIRST_DAY
        count = Post.objects.filter(author=author, number__gt=1).count()
        message = _(
            "New members can write %(limit)d replies on their first day. "
            "You can reply again from %(date)s."
        )
        name = "replies_first_day"
    if count < limit:
        return None
    return _block(message % {"limit": limit, "date": _try_again_at(first_day_ends)}, name)


def _check_content(author, body: str, now) -> PostCheckResult | None:
    prose = markdown.text_outside_code(body)
    links = len(automod.find_links(prose))
    limit = settings.LIAISON_SANDBOX_MAX_LINKS
    if links > limit:
        return _block(
            _(
                "New members can put at most %(limit)d links in a post; this one has %(count)d. "
                "Remove some and post again."
            )
            % {"limit": limit, "count": links},
            "links",
        )
    mentions = len(markdown.find_mention_candidates(prose))
    limit = settings.LIAISON_SANDBOX_MAX_MENTIONS
    if mentions > limit:
        return _block(
            _(
                "New members can mention at most %(limit)d people in a post; "
                "this one mentions %(count)d. Remove some and post again."
            )
            % {"limit": limit, "count": mentions},
            "mentions",
        )
    images = markdown.count_images(body)
    limit = settings.LIAISON_SANDBOX_MAX_EMBEDDED_MEDIA
    if images > limit:
        return _block(
            ngettext(
                "New members can show at most %(limit)d image in a post; "
                "this one has %(count)d. Remove some and post again.",
                "New members can show at most %(limit)d images in a post; "
                "this one has %(count)d. Remove some and post again.",
                limit,
            )
            % {"limit": limit, "count": images},
            "embedded_media",
        )
    again_at = _same_text_again_at(author, body, settings.LIAISON_SANDBOX_DUPLICATE_MINUTES, now)
    if again_at is not None:
        return _duplicate_block(again_at, SANDBOX)
    return None


def _hold_count(category) -> int:
    overrides = settings.LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY
    return overrides.get(category.slug, settings.LIAISON_HOLD_FIRST_POSTS)


def check_sandbox(draft: PostDraft) -> PostCheckResult | None:
    """Refuse or hold a new member's post that exceeds the sandbox limits.

    Returns a BLOCK naming the limit and when to try again, a HOLD while the
    member's first posts wait for approval, or ``None``.
    """
    author = draft.author
    if (
        not settings.LIAISON_SANDBOX_ENABLED
        or author.trust_level != TrustLevel.NEW
        or is_exempt(author)
    ):
        return None
    now = timezone.now()
    for check in (
        lambda: _check_interval(author, now),
        lambda: _check_first_day(author, draft, now),
        lambda: _check_content(author, draft.body, now),
    ):
        result = check()
        if result is not None:
            return result
    hold = _hold_count(draft.category)
    approved = Post.objects.filter(
        author=author, status__in=[PostStatus.PUBLISHED, PostStatus.HIDDEN]
    ).count()
    if approved < hold:
        return PostCheckResult(
            action=CheckAction.HOLD,
            message=_("Thanks! A moderator will look at your post before it appears."),
            details={"source": SANDBOX, "limit": "first_posts"},
        )
    return None


def _check_member_interval(author, now) -> PostCheckResult | None:
    seconds = settings.LIAISON_POST_INTERVAL_SECONDS
    wait = _seconds_to_wait(author, seconds, now)
    if wait is None:
        return None
    return _block(
        ngettext(
            "Please wait %(limit)d seconds between posts. You can post again in %(wait)d second.",
            "Please wait %(limit)d seconds between posts. You can post again in %(wait)d seconds.",
            wait,
        )
        % {"limit": seconds, "wait": wait},
        "interval",
        POST_LIMITS,
    )


def _check_member_duplicate(author, body: str, now) -> PostCheckResult | None:
    again_at = _same_text_again_at(author, body, settings.LIAISON_DUPLICATE_POST_MINUTES, now)
    return None if again_at is None else _duplicate_block(again_at, POST_LIMITS)


def _check_member_mentions(body: str) -> PostCheckResult | None:
    mentions = len(markdown.find_mention_candidates(markdown.text_outside_code(body)))
    limit = settings.LIAISON_MAX_MENTIONS
    if mentions <= limit:
        return None
    return _block(
        _(
            "A post can mention at most %(limit)d people; this one mentions %(count)d. "
            "Remove some and post again."
        )
        % {"limit": limit, "count": mentions},
        "mentions",
        POST_LIMITS,
    )


def check_post_limits(draft: PostDraft) -> PostCheckResult | None:
    """Refuse a post of any member that breaks the limits every member keeps.

    After Discourse's ``rate_limit_create_post`` (5 seconds between posts),
    ``unique_posts_mins`` (not the same text twice within 5 minutes) and
    ``max_mentions_per_post`` (10); the values are in ``config.settings``.
    Staff are exempt from the interval and the mentions, as in Discourse, but
    not from the same text twice: a page sent ``no-store`` gets a new form
    token when Back reloads it, while the browser restores the typed text, so
    Back and resubmit is caught only by this. Runs after ``check_sandbox``, so
    that a new member meets the sandbox's stricter limits first. Returns a
    BLOCK naming the limit (and when to try again), or ``None``.
    """
    author = draft.author
    if not settings.LIAISON_POST_LIMITS_ENABLED:
        return None
    now = timezone.now()
    checks = [lambda: _check_member_duplicate(author, draft.body, now)]
    if not is_exempt(author):
        checks = [
            lambda: _check_member_interval(author, now),
            *checks,
            lambda: _check_member_mentions(draft.body),
        ]
    for check in checks:
        result = check()
        if result is not None:
            return result
    return None
