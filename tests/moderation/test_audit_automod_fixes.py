"""The audit log and automod after review: CSV injection, titles, reverts, audited
settings, protected subjects, trust level bounds and the preview's time budget."""

import csv
import io
import time

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from accounts.roles import Role
from community import services as community
from community.models import CategoryModerator, Post, PostStatus, Thread
from moderation import automod, permissions, services
from moderation.models import (
    AuditAction,
    AuditEntry,
    AutomodRule,
    CannedReason,
    ReviewItem,
    ReviewKind,
    RuleAction,
    RuleKind,
)
from moderation.services.audit import write_entry
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, ThreadFactory, reload
from tests.moderation.factories import (
    AutomodRuleFactory,
    CannedReasonFactory,
    CategoryModeratorFactory,
    FlaggedItemFactory,
    FlaggerFactory,
)

pytestmark = pytest.mark.django_db

FORMULAS = ["=HYPERLINK(\"https://evil.test\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
            "\tTab", "\rReturn"]  # fmt: skip
#: Backtracks catastrophically on SLOW_BODY in the ``regex`` package (``(a+)+$`` does not).
SLOW_PATTERN = r"(a|aa)+$"
SLOW_BODY = "a" * 40 + "!"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def hidden_entry(moderator) -> AuditEntry:
    item = FlaggedItemFactory()
    return services.act_on_item(actor=moderator, item=item, action="hide", reason="Rude.")


# CSV injection


def test_the_audit_csv_quotes_formulas_in_every_text_cell(client, manager):
    evil = UserFactory(username="=evil")
    rule = AutomodRuleFactory(name="@rule")
    for reason in FORMULAS:
        write_entry(actor=evil, action=AuditAction.WARN, reason=reason, target_member=evil)
    write_entry(actor=None, rule=rule, action=AuditAction.AUTOMOD, reason="+x")
    client.force_login(manager)

    response = client.get(reverse("moderation:audit_csv"))

    header, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    cells = [dict(zip(header, row, strict=True)) for row in rows]
    assert sorted(cell["reason"] for cell in cells) == sorted(["'" + f for f in [*FORMULAS, "+x"]])
    assert {cell["actor"] for cell in cells} == {"'=evil", ""}
    assert {cell["member"] for cell in cells} == {"'=evil", ""}
    assert {cell["rule"] for cell in cells} == {"'@rule", ""}


# Automod and thread titles


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


def test_a_reply_is_not_checked_against_its_threads_title():
    thread = ThreadFactory(title="An old title with forbiddenword")
    AutomodRuleFactory(pattern="forbiddenword", action=RuleAction.BLOCK)

    post = community.reply_to_thread(author=UserFactory(), thread=thread, body="A clean reply.")

    assert post.status == PostStatus.PUBLISHED


# Reverting


def test_revert_refuses_an_overlong_reason_and_leaves_the_post_hidden(client, manager, moderator):
    entry = hidden_entry(moderator)
    client.force_login(manager)

    response = client.post(
        reverse("moderation:revert_entry", args=[entry.pk]), {"reason": "x" * 5000}
    )

    assert response.status_code == 302
    assert any("at most 1000 characters" in message for message in messages_of(response))
    assert reload(entry.target_post).status == PostStatus.HIDDEN
    assert not AuditEntry.objects.filter(action=AuditAction.UNHIDE).exists()


def test_a_manager_reverts_a_hide_with_a_reason(client, manager, moderator):
    entry = hidden_entry(moderator)
    client.force_login(manager)

    response = client.post(
        reverse("moderation:revert_entry", args=[entry.pk]), {"reason": "It was fine."}
    )

    assert messages_of(response) == ["Reverted."]
    assert reload(entry.target_post).status == PostStatus.PUBLISHED
    unhide = AuditEntry.objects.get(action=AuditAction.UNHIDE)
    assert (unhide.actor, unhide.reason) == (manager, "It was fine.")


def test_reverting_a_flag_hide_on_a_visible_post_writes_nothing(client, manager, settings):
    settings.LIAISON_FLAG_HIDE_THRESHOLD = 0.1
    post = reload(PostFactory())
    services.flag_post(flagger=FlaggerFactory(), post=post, reason="inappropriate")
    entry = AuditEntry.objects.get(action=AuditAction.FLAG_HIDE)
    community.unhide_post(actor=None, post=reload(post))
    entries = AuditEntry.objects.count()
    client.force_login(manager)

    response = client.post(reverse("moderation:revert_entry", args=[entry.pk]))

    assert messages_of(response) == ["Nothing to revert: the post is already visible."]
    assert AuditEntry.objects.count() == entries
    assert AuditEntry.objects.get(pk=entry.pk).reverted_by_entry_id is None


def test_reverting_a_delete_of_a_restored_post_writes_nothing(manager, moderator):
    item = FlaggedItemFactory()
    entry = services.act_on_item(actor=moderator, item=item, action="delete", reason="Rude.")
    community.restore_post(actor=None, post=reload(item.post))
    entries = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as error:
        services.revert_entry(actor=manager, entry=entry)

    assert error.value.code == "nothing_to_revert"
    assert AuditEntry.objects.count() == entries


def test_a_moderator_cannot_revert_entries_by_id(client, moderator):
    entry = hidden_entry(moderator)
    client.force_login(moderator)

    response = client.post(reverse("moderation:revert_entry", args=[entry.pk]))

    assert response.status_code == 403
    assert reload(entry.target_post).status == PostStatus.HIDDEN


def test_revert_entry_refuses_an_actor_who_cannot_read_the_audit_log(moderator):
    entry = hidden_entry(moderator)

    with pytest.raises(PermissionDenied):
        services.revert_entry(actor=moderator, entry=entry)

    assert reload(entry.target_post).status == PostStatus.HIDDEN


def test_a_manager_may_revert_an_entry(manager, moderator):
    assert permissions.can_revert_entry(manager, hidden_entry(moderator))


def test_a_moderator_may_not_revert_an_entry(moderator):
    assert not permissions.can_revert_entry(moderator, hidden_entry(moderator))


def test_a_category_moderator_may_not_revert_an_entry_in_their_category(moderator):
    entry = hidden_entry(moderator)
    scoped = CategoryModeratorFactory(category=entry.target_post.thread.category).user
    assert not permissions.can_revert_entry(scoped, entry)


# Settings changes are audited


def test_saving_a_canned_reason_in_the_backoffice_keeps_before_and_after(client, manager):
    client.force_login(manager)
    data = {"title": "Off topic", "text": "Please stay on topic.", "position": 1}
    client.post(reverse("moderation:canned_reasons"), data)
    reason = CannedReason.objects.get()

    client.post(
        reverse("moderation:canned_reason_edit", args=[reason.pk]), {**data, "title": "Topic"}
    )

    created, changed = AuditEntry.objects.filter(action=AuditAction.REASON_SAVE).order_by("pk")
    assert (created.actor, created.before, created.after["title"]) == (manager, {}, "Off topic")
    assert (changed.before["title"], changed.after["title"]) == ("Off topic", "Topic")


def test_deleting_a_canned_reason_in_the_admin_keeps_its_text(admin_client):
    reason = CannedReasonFactory(text="Be kind.")

    admin_client.post(
        reverse("admin:moderation_cannedreason_delete", args=[reason.pk]), {"post": "yes"}
    )

    assert not CannedReason.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.REASON_DELETE)
    assert entry.before["text"] == "Be kind."


def test_deleting_several_canned_reasons_in_the_admin_audits_each(admin_client):
    reasons = [CannedReasonFactory(), CannedReasonFactory()]

    admin_client.post(
        reverse("admin:moderation_cannedreason_changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in reasons], "post": "yes"},
    )

    assert not CannedReason.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.REASON_DELETE).count() == 2


def test_adding_a_category_moderator_in_the_admin_is_audited(admin_client):
    member, category = UserFactory(), CategoryFactory(name="Ideas")

    admin_client.post(
        reverse("admin:community_categorymoderator_add"),
        {"user": member.pk, "category": category.pk},
    )

    assert CategoryModerator.objects.filter(user=member, category=category).exists()
    entry = AuditEntry.objects.get(action=AuditAction.MODERATOR_ADD)
    assert (entry.target_member, entry.reason) == (member, "Ideas")
    assert entry.after["category_id"] == category.pk


def test_changing_a_category_moderator_in_the_admin_keeps_the_one_before(admin_client):
    row = CategoryModeratorFactory()
    other = CategoryFactory()

    admin_client.post(
        reverse("admin:community_categorymoderator_change", args=[row.pk]),
        {"user": row.user_id, "category": other.pk},
    )

    entry = AuditEntry.objects.get(action=AuditAction.MODERATOR_CHANGE)
    assert (entry.before["category_id"], entry.after["category_id"]) == (row.category_id, other.pk)


def test_removing_a_category_moderator_in_the_admin_is_audited(admin_client):
    row = CategoryModeratorFactory()

    admin_client.post(
        reverse("admin:community_categorymoderator_delete", args=[row.pk]), {"post": "yes"}
    )

    assert not CategoryModerator.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.MODERATOR_REMOVE)
    assert (entry.target_member, entry.before["category_id"]) == (row.user, row.category_id)


def test_saving_a_rule_keeps_its_settings_before_the_change(manager):
    rule = services.save_rule(
        actor=manager,
        rule=AutomodRule(name="Casino", kind=RuleKind.WORDS, pattern="casino", action="flag"),
        categories=[],
    )
    category = CategoryFactory()
    rule.pattern, rule.action = "casino\npoker", RuleAction.HOLD

    services.save_rule(actor=manager, rule=rule, categories=[category])

    first, second = AuditEntry.objects.filter(action=AuditAction.RULE_SAVE).order_by("pk")
    assert first.before == {}
    assert (second.before["pattern"], second.before["action"]) == ("casino", "flag")
    assert second.before["category_ids"] == []
    assert second.after["pattern"] == "casino\npoker"
    assert second.after["category_ids"] == [category.pk]


def test_a_rule_changed_and_deleted_in_the_admin_is_audited(admin_client):
    rule = AutomodRuleFactory(pattern="casino")
    data = {
        "name": rule.name,
        "kind": RuleKind.WORDS,
        "pattern": "poker",
        "action": RuleAction.FLAG,
        "message": "",
        "trust_level_below": 5,
        "is_active": "on",
    }

    admin_client.post(reverse("admin:moderation_automodrule_change", args=[rule.pk]), data)
    admin_client.post(
        reverse("admin:moderation_automodrule_delete", args=[rule.pk]), {"post": "yes"}
    )

    saved = AuditEntry.objects.get(action=AuditAction.RULE_SAVE)
    assert (saved.before["pattern"], saved.after["pattern"]) == ("casino", "poker")
    deleted = AuditEntry.objects.get(action=AuditAction.RULE_DELETE)
    assert deleted.before["pattern"] == "poker"
    assert not AutomodRule.objects.exists()


# Entries keep their subject


def test_hard_deleting_an_audited_post_in_the_admin_is_refused(admin_client, moderator):
    entry = hidden_entry(moderator)
    post_id = entry.target_post_id

    response = admin_client.post(
        reverse("admin:community_post_delete", args=[post_id]), {"post": "yes"}
    )

    assert "Cannot delete post" in response.content.decode()
    assert Post.objects.filter(pk=post_id).exists()
    assert AuditEntry.objects.get(pk=entry.pk).target_post_id == post_id


def test_an_audited_post_or_thread_cannot_be_hard_deleted(moderator):
    entry = hidden_entry(moderator)

    with pytest.raises(ProtectedError):
        Post.objects.filter(pk=entry.target_post_id).delete()
    with pytest.raises(ProtectedError):
        Thread.objects.filter(pk=entry.target_thread_id).delete()


def test_a_post_without_audit_entries_can_still_be_hard_deleted():
    post = PostFactory()

    Post.objects.filter(pk=post.pk).delete()

    assert not Post.objects.filter(pk=post.pk).exists()


# Trust level bounds


@pytest.mark.parametrize("level", [0, 6, 100])
def test_the_rule_form_refuses_a_trust_level_outside_1_to_5_with_a_field_error(
    client, manager, level
):
    client.force_login(manager)
    data = {"name": "R", "kind": "words", "pattern": "casino", "action": "flag"}

    response = client.post(reverse("moderation:rule_create"), {**data, "trust_level_below": level})

    assert response.status_code == 400
    assert response.context["form"].errors["trust_level_below"]
    assert "Constraint" not in response.content.decode()
    assert not AutomodRule.objects.exists()


def test_the_trust_level_constraint_explains_itself():
    rule = AutomodRule(name="R", kind="words", pattern="casino", action="flag")
    rule.trust_level_below = 9

    with pytest.raises(ValidationError) as error:
        rule.validate_constraints()

    assert error.value.messages == ["Pick a trust level from 1 to 5."]


# The preview's time budget


class Body:
    def __init__(self, body):
        self.body = body


def test_trying_a_slow_pattern_stops_when_the_budget_runs_out():
    rule = AutomodRule(kind=RuleKind.REGEX, pattern=SLOW_PATTERN)
    posts = [Body(SLOW_BODY) for _n in range(100)]

    started = time.monotonic()
    trial = automod.try_rule(rule, posts, budget_seconds=0.2)

    assert time.monotonic() - started < 1.0
    assert trial.is_stopped
    assert trial.tried < 100


def test_trying_a_fast_pattern_tries_every_post():
    rule = AutomodRule(kind=RuleKind.WORDS, pattern="casino")
    posts = [Body("casino night"), Body("quiet evening")]

    trial = automod.try_rule(rule, posts, budget_seconds=2.0)

    assert (trial.tried, trial.is_stopped) == (2, False)
    assert [text for _post, text in trial.matches] == ["casino"]


def test_a_slow_preview_stops_and_says_after_how_many_posts(client, manager, monkeypatch):
    monkeypatch.setattr(automod, "PREVIEW_BUDGET_SECONDS", 0.2)
    thread = ThreadFactory(body=SLOW_BODY)
    for _n in range(20):
        PostFactory(thread=thread, body=SLOW_BODY)
    client.force_login(manager)
    data = {"name": "Slow", "kind": "regex", "pattern": SLOW_PATTERN, "action": "flag"}

    started = time.monotonic()
    response = client.post(
        reverse("moderation:rule_create"), {**data, "trust_level_below": 5, "preview": "1"}
    )

    assert time.monotonic() - started < 2.0
    preview = response.context["preview"]
    assert preview["is_stopped"]
    assert f"Preview stopped after {preview['tried']} post" in response.content.decode()
    assert "the pattern is too slow" in response.content.decode()
    assert not AutomodRule.objects.exists()


def test_a_fast_preview_does_not_say_it_stopped(client, manager):
    ThreadFactory(body="A casino opened.")
    client.force_login(manager)
    data = {"name": "Fast", "kind": "words", "pattern": "casino", "action": "flag"}

    response = client.post(
        reverse("moderation:rule_create"), {**data, "trust_level_below": 5, "preview": "1"}
    )

    assert response.context["preview"]["count"] == 1
    assert not response.context["preview"]["is_stopped"]
    assert "Preview stopped" not in response.content.decode()


@pytest.mark.parametrize(
    "model",
    ["community_categorymoderator", "moderation_cannedreason", "moderation_automodrule"],
)
def test_the_admin_pages_of_audited_settings_open(admin_client, model):
    assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 200
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
