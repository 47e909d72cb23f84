"""Moderation's receivers of community's extension points (``community.hooks``,
``community.signals``), registered in ``ModerationConfig.ready``.

- ``check_automod``: the active automod rules, a post check (the sandbox and
  the posting limits are in ``moderation.posting_limits``).
- ``flag_links``: the "Flag" link under other members' posts.
- ``moderator_links``: a moderator's "Edit" and "Delete" under other members' posts.
- ``moderator_tools``: a moderator's lock and pin buttons on a thread's page.
- ``record_check_results``: receiver of ``post_created`` that turns HOLD and
  FLAG results into review items and every rule hit into an audit entry.
- ``record_blocked_post``: receiver of ``post_blocked``.

The moderators' tools post to moderation's own views, whose services call
community's verb and write the audit entry in one transaction.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from community.hooks import CheckAction, PostCheckResult, PostDraft, PostLink
from community.permissions import can_delete_post, can_edit_post, can_moderate_thread
from moderation import automod, permissions
from moderation.automod import AUTOMOD
from moderation.models import AutomodRule, RuleAction, RuleKind
from moderation.posting_limits import is_exempt

#: Order of precedence when several rules match one post.
SEVERITY = [RuleAction.BLOCK, RuleAction.HOLD, RuleAction.FLAG]


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
    if is_exempt(draft.author):
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


def moderator_links(user, post) -> list[PostLink]:
    """Offer a moderator "Edit" and "Delete" under another member's post.

    Their own posts have the forum's own links; these go through moderation's
    views, which record what the moderator did in the audit log.
    """
    if post.author_id == user.pk or not can_moderate_thread(user, post.thread):
        return []
    links = []
    if can_edit_post(user, post):
        links.append(PostLink(label=_("Edit"), url=reverse("moderation:edit_post", args=[post.pk])))
    if can_delete_post(user, post):
        links.append(
            PostLink(
                label=_("Delete"),
                url=reverse("moderation:delete_post", args=[post.pk]),
                method="post",
                is_destructive=True,
            )
        )
    return links


def moderator_tools(request, thread) -> str:
    """Return the lock and pin buttons of ``thread`` for its moderators, or ""."""
    if not can_moderate_thread(request.user, thread):
        return ""
    return render_to_string(
        "moderation/includes/thread_tools.html", {"thread": thread}, request=request
    )


def record_check_results(sender, post, is_new_thread, check_results, **kwargs) -> None:
    """Turn the sandbox's and automod's results on a new post into queue items and log entries."""
    from moderation.services import record_post_checks

    record_post_checks(post=post, results=check_results)


def record_blocked_post(sender, draft, result, **kwargs) -> None:
    """Log an automod block (the forum's ``post_blocked`` signal) in the audit log."""
    from moderation.services import flags

    flags.record_blocked_post(draft=draft, result=result)
