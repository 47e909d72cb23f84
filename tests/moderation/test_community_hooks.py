"""What moderation plugs into the forum: the automod rules as members meet them when posting
(``check_automod``), and a moderator's tools on the thread page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from community import services as community
from community.models import Post, PostStatus, Thread
from moderation import community_hooks
from moderation.models import AuditAction, AuditEntry, ReviewItem, ReviewKind, RuleAction, RuleKind
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, ThreadFactory, reload
from tests.moderation.factories import AutomodRuleFactory, CategoryModeratorFactory

pytestmark = pytest.mark.django_db


def test_a_block_rule_refuses_the_post_with_its_message():
    AutomodRuleFactory(action=RuleAction.BLOCK, message="No casinos here.")
    with pytest.raises(ValidationError, match="No casinos here"):
        community.reply_to_thread(
            author=UserFactory(), thread=ThreadFactory(), body="Best casino ever"
        )


def test_a_blocked_post_leaves_an_audit_entry_with_the_rule_and_the_text():
    rule = AutomodRuleFactory(action=RuleAction.BLOCK, message="No casinos here.")
    author = UserFactory()
    with pytest.raises(ValidationError):
        community.reply_to_thread(author=author, thread=ThreadFactory(), body="Best casino ever")

    entry = AuditEntry.objects.get(action="automod")
    assert (entry.rule, entry.target_member, entry.target_post) == (rule, author, None)
    assert entry.before["body"] == "Best casino ever"
    assert entry.after["matched_text"].lower() == "casino"
    assert not Post.objects.filter(body="Best casino ever").exists()


def test_a_hold_rule_holds_the_post_and_opens_an_automod_item():
    rule = AutomodRuleFactory(action=RuleAction.HOLD)
    post = community.reply_to_thread(
        author=UserFactory(), thread=ThreadFactory(), body="Best Casino ever"
    )
    assert post.status == PostStatus.PENDING
    item = ReviewItem.objects.get(post=post, kind=ReviewKind.AUTOMOD)
    assert (item.automod_rule, item.matched_text) == (rule, "Casino")
    assert AuditEntry.objects.filter(action="automod", rule=rule).count() == 1


def test_a_flag_rule_publishes_the_post_and_opens_an_item():
    AutomodRuleFactory(action=RuleAction.FLAG)
    post = community.reply_to_thread(
        author=UserFactory(), thread=ThreadFactory(), body="A casino story"
    )
    assert post.status == PostStatus.PUBLISHED
    assert ReviewItem.objects.filter(post=post, kind=ReviewKind.AUTOMOD).exists()


def test_a_censor_rule_replaces_the_matched_words():
    AutomodRuleFactory(action=RuleAction.CENSOR, pattern="darn\nheck")
    post = community.reply_to_thread(
        author=UserFactory(), thread=ThreadFactory(), body="Well darn, what the heck."
    )
    assert Post.objects.get(pk=post.pk).body == "Well ■■■, what the ■■■."


def test_rules_skip_members_at_or_above_their_trust_level():
    AutomodRuleFactory(action=RuleAction.BLOCK, trust_level_below=1)
    member = UserFactory(trust_level=1)
    community.reply_to_thread(author=member, thread=ThreadFactory(), body="casino")


def test_a_link_domain_rule_matches_subdomains():
    AutomodRuleFactory(kind=RuleKind.LINK_DOMAIN, pattern="spam.test", action=RuleAction.BLOCK)
    with pytest.raises(ValidationError):
        community.reply_to_thread(
            author=UserFactory(), thread=ThreadFactory(), body="https://www.spam.test/x"
        )


def test_a_catastrophic_regex_times_out_as_no_match(settings):
    settings.LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS = 0.01
    AutomodRuleFactory(kind=RuleKind.REGEX, pattern=r"(a+)+$", action=RuleAction.BLOCK)
    post = community.reply_to_thread(
        author=UserFactory(), thread=ThreadFactory(), body="a" * 40 + "!"
    )
    assert post.pk


# moderator tools --------------------------------------------------------------------------


def test_a_moderator_is_offered_edit_and_a_delete_button_under_someone_elses_post():
    moderator = UserFactory(role=Role.MODERATOR)
    post = reload(PostFactory())

    links = community_hooks.moderator_links(moderator, post)

    assert [(link.label, link.method) for link in links] == [("Edit", "get"), ("Delete", "post")]
    assert links[0].url == reverse("moderation:edit_post", args=[post.pk])
    assert links[1].url == reverse("moderation:delete_post", args=[post.pk])
    assert links[1].is_destructive


def test_a_moderator_is_offered_no_moderator_links_under_their_own_post():
    moderator = UserFactory(role=Role.MODERATOR)
    post = reload(PostFactory(author=moderator))

    assert community_hooks.moderator_links(moderator, post) == []


def test_members_and_moderators_of_other_categories_are_offered_no_moderator_links():
    post = reload(PostFactory())
    elsewhere = CategoryModeratorFactory().user

    assert community_hooks.moderator_links(UserFactory(), post) == []
    assert community_hooks.moderator_links(elsewhere, post) == []


def test_a_category_moderator_is_offered_the_links_in_their_category():
    post = reload(PostFactory())
    moderator = CategoryModeratorFactory(category=post.thread.category).user

    labels = [link.label for link in community_hooks.moderator_links(moderator, post)]

    assert labels == ["Edit", "Delete"]


def test_the_moderator_tools_show_to_the_threads_moderators_only(rf):
    thread = ThreadFactory()
    request = rf.get(thread.get_absolute_url())

    request.user = UserFactory()
    assert community_hooks.moderator_tools(request, thread) == ""
    request.user = UserFactory(role=Role.MODERATOR)
    assert reverse("moderation:lock_thread", args=[thread.pk]) in (
        community_hooks.moderator_tools(request, thread)
    )


# Backoffice review: automod did not check thread titles.
def test_a_block_rule_refuses_a_thread_whose_title_has_the_word():
    AutomodRuleFactory(pattern="forbiddenword", action=RuleAction.BLOCK)
    author = UserFactory()

    with pytest.raises(ValidationError):
        community.start_thread(
            author=author,
            category=CategoryFactory(),
            title="A title with forbiddenword",
            body="A harmless body.",
        )

    assert not Thread.objects.filter(author=author).exists()
    entry = AuditEntry.objects.get(action=AuditAction.AUTOMOD)
    assert entry.before["title"] == "A title with forbiddenword"


# Backoffice review: automod did not check thread titles.
def test_a_flag_rule_matching_a_new_threads_title_opens_an_automod_item():
    rule = AutomodRuleFactory(pattern="forbiddenword", action=RuleAction.FLAG)

    thread = community.start_thread(
        author=UserFactory(),
        category=CategoryFactory(),
        title="A title with forbiddenword",
        body="A harmless body.",
    )

    item = ReviewItem.objects.get(kind=ReviewKind.AUTOMOD)
    assert (item.post.thread_id, item.automod_rule_id) == (thread.pk, rule.pk)
    assert item.matched_text == "forbiddenword"


# Backoffice review: automod did not check thread titles.
def test_a_censor_rule_matching_a_new_threads_title_holds_the_thread():
    AutomodRuleFactory(pattern="forbiddenword", action=RuleAction.CENSOR)

    thread = community.start_thread(
        author=UserFactory(),
        category=CategoryFactory(),
        title="A title with forbiddenword",
        body="A body with forbiddenword too.",
    )

    post = Post.objects.get(thread=thread, number=1)
    assert post.status == PostStatus.PENDING
    assert "forbiddenword" not in post.body
    assert ReviewItem.objects.filter(post=post, kind=ReviewKind.AUTOMOD).exists()


# Backoffice review: automod checks a new thread's title; a reply's is not its own.
def test_a_reply_is_not_checked_against_its_threads_title():
    thread = ThreadFactory(title="An old title with forbiddenword")
    AutomodRuleFactory(pattern="forbiddenword", action=RuleAction.BLOCK)

    post = community.reply_to_thread(author=UserFactory(), thread=thread, body="A clean reply.")

    assert post.status == PostStatus.PUBLISHED
