"""What moderation plugs into the forum (``community.hooks`` and ``community.signals``).

- ``check_sandbox``: the limits on new members (trust level NEW), see ``moderation.conf``.
- ``check_post_limits``: the limits on every member's posts, see ``moderation.conf``.
- ``check_automod``: the active automod rules.
- ``flag_links``: the "Flag" link under other members' posts.
- ``record_check_results``: receiver of ``post_created`` that turns HOLD and
  FLAG results into review items and every rule hit into an audit entry.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import TrustLevel
from community import markdown
from community.hooks import CheckAction, PostCheckResult, PostDraft, PostLink
from community.models import Post, PostStatus, Thread
from moderation import automod, conf, permissions
from moderation.models import AutomodRule, RuleAction, RuleKind

SANDBOX = "sandbox"
POST_LIMITS = "post_limits"
AUTOMOD = "automod"
#: Order of precedence when several rules match one post.
SEVERITY = [RuleAction.BLOCK, RuleAction.HOLD, RuleAction.FLAG]


def _is_exempt(author) -> bool:
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
    seconds = conf.get("LIAISON_SANDBOX_POST_INTERVAL_SECONDS")
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
        limit = conf.get("LIAISON_SANDBOX_MAX_THREADS_FIRST_DAY")
        count = Thread.objects.filter(author=author).count()
        message = _(
            "New members can open %(limit)d threads on their first day. "
            "You can open another one from %(date)s."
        )
        name = "threads_first_day"
    else:
        limit = conf.get("LIAISON_SANDBOX_MAX_REPLIES_FIRST_DAY")
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
    limit = conf.get("LIAISON_SANDBOX_MAX_LINKS")
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
    limit = conf.get("LIAISON_SANDBOX_MAX_MENTIONS")
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
    limit = conf.get("LIAISON_SANDBOX_MAX_EMBEDDED_MEDIA")
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
    again_at = _same_text_again_at(author, body, conf.get("LIAISON_SANDBOX_DUPLICATE_MINUTES"), now)
    if again_at is not None:
        return _duplicate_block(again_at, SANDBOX)
    return None


def _hold_count(category) -> int:
    overrides = conf.get("LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY")
    return overrides.get(category.slug, conf.get("LIAISON_HOLD_FIRST_POSTS"))


def check_sandbox(draft: PostDraft) -> PostCheckResult | None:
    """Refuse or hold a new member's post that exceeds the sandbox limits.

    Returns a BLOCK naming the limit and when to try again, a HOLD while the
    member's first posts wait for approval, or ``None``.
    """
    author = draft.author
    if (
        not conf.get("LIAISON_SANDBOX_ENABLED")
        or author.trust_level != TrustLevel.NEW
        or _is_exempt(author)
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
    seconds = conf.get("LIAISON_POST_INTERVAL_SECONDS")
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
    again_at = _same_text_again_at(author, body, conf.get("LIAISON_DUPLICATE_POST_MINUTES"), now)
    return None if again_at is None else _duplicate_block(again_at, POST_LIMITS)


def _check_member_mentions(body: str) -> PostCheckResult | None:
    mentions = len(markdown.find_mention_candidates(markdown.text_outside_code(body)))
    limit = conf.get("LIAISON_MAX_MENTIONS")
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
    ``max_mentions_per_post`` (10); the values are in ``moderation.conf``.
    Staff are exempt, as in Discourse. Runs after ``check_sandbox``, so that
    a new member meets the sandbox's stricter limits first. Returns a BLOCK
    naming the limit (and when to try again), or ``None``.
    """
    author = draft.author
    if not conf.get("LIAISON_POST_LIMITS_ENABLED") or _is_exempt(author):
        return None
    now = timezone.now()
    for check in (
        lambda: _check_member_interval(author, now),
        lambda: _check_member_duplicate(author, draft.body, now),
        lambda: _check_member_mentions(draft.body),
    ):
        result = check()
        if result is not None:
            return result
    return None


def active_rules(draft: PostDraft) -> list[AutomodRule]:
    """Return the active rules that apply to ``draft``'s author and category."""
    rules = AutomodRule.objects.filter(
        is_active=True, trust_level_below__gt=draft.author.trust_level
    ).prefetch_related("categories")
    return [
        rule
        for rule in rules
        if not rule.categories.all() or draft.category in rule.categories.all()
    ]


def _match_title(rule, draft: PostDraft):
    """Return where ``rule`` matches the title of a thread ``draft`` starts, if it does.

    A reply's title is the thread's, checked when the thread was started; a
    rate rule is about the author, not the text.
    """
    if draft.thread is not None or not draft.title or rule.kind == RuleKind.POST_RATE:
        return None
    return automod.match_text(rule, draft.title)


def check_automod(draft: PostDraft) -> PostCheckResult | None:
    """Apply the automod rules to ``draft``: its body, and its title when it starts a thread.

    Censoring rules change ``draft.body`` in place. The forum takes no
    censored title back, so a censoring rule that matches a new thread's
    title holds the thread for a moderator instead. Of the other matches the
    most severe wins (block, hold, flag). ``details["hits"]`` lists every
    matched rule, so that ``record_check_results`` can log each one.
    """
    if _is_exempt(draft.author):
        return None
    rules = {rule.pk: rule for rule in active_rules(draft)}
    hits = []
    for rule in rules.values():
        if rule.kind == RuleKind.POST_RATE:
            found = automod.match_rate(rule, draft.author)
        else:
            found = automod.match_text(rule, draft.body)
        if found is not None:
            hits.append({"rule_id": rule.pk, "action": rule.action, "matched_text": found.text})
            if rule.action == RuleAction.CENSOR:
                draft.body = automod.censor(rule, draft.body)
        if found is None or rule.action == RuleAction.CENSOR:
            in_title = _match_title(rule, draft)
            if in_title is not None:
                action = RuleAction.HOLD if rule.action == RuleAction.CENSOR else rule.action
                hits.append({"rule_id": rule.pk, "action": action, "matched_text": in_title.text})
    if not hits:
        return None
    details = {"source": AUTOMOD, "hits": hits}
    for action in SEVERITY:
        for hit in hits:
            if hit["action"] == action:
                message = rules[hit["rule_id"]].message or _default_message(action)
                return PostCheckResult(action=CheckAction(action), message=message, details=details)
    return PostCheckResult(action=CheckAction.CENSOR, body=draft.body, details=details)


def _default_message(action: str) -> str:
    if action == RuleAction.BLOCK:
        return _("Your post cannot be published as written. Please rephrase it.")
    if action == RuleAction.HOLD:
        return _("A moderator will look at your post before it appears.")
    return ""


def flag_links(user, post) -> list[PostLink]:
    """Offer "Flag" under another member's published post to a verified member of trust
    level 1 or staff (``permissions.can_flag_post``)."""
    if not permissions.can_flag_post(user, post):
        return []
    return [PostLink(label=_("Flag"), url=reverse("moderation:flag_post", args=[post.pk]))]


def record_check_results(sender, post, is_new_thread, check_results, **kwargs) -> None:
    """Turn the sandbox's and automod's results on a new post into queue items and log entries."""
    from moderation.services import record_post_checks

    record_post_checks(post=post, results=check_results)


def record_blocked_post(sender, draft, result, **kwargs) -> None:
    """Log an automod block (the forum's ``post_blocked`` signal) in the audit log."""
    from moderation.services import flags

    flags.record_blocked_post(draft=draft, result=result)
