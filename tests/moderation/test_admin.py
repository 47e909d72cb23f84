"""The moderation admin (moderation/admin.py): the settings changed there are audited as in
the backoffice, and audited posts are not hard-deleted."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from community.models import CategoryModerator, Post
from moderation.models import (
    AuditAction,
    AuditEntry,
    AutomodRule,
    CannedReason,
    RuleAction,
    RuleKind,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory
from tests.moderation.conftest import hidden_entry
from tests.moderation.factories import (
    AutomodRuleFactory,
    CannedReasonFactory,
    CategoryModeratorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model",
    ["community_categorymoderator", "moderation_cannedreason", "moderation_automodrule"],
)
def test_the_admin_pages_of_audited_settings_open(admin_client, model):
    assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 200
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200


# Backoffice review: canned reasons deleted in the admin were not audited.
def test_deleting_a_canned_reason_in_the_admin_keeps_its_text(admin_client):
    reason = CannedReasonFactory(text="Be kind.")

    admin_client.post(
        reverse("admin:moderation_cannedreason_delete", args=[reason.pk]), {"post": "yes"}
    )

    assert not CannedReason.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.REASON_DELETE)
    assert entry.before["text"] == "Be kind."


# Backoffice review: canned reasons deleted in the admin were not audited.
def test_deleting_several_canned_reasons_in_the_admin_audits_each(admin_client):
    reasons = [CannedReasonFactory(), CannedReasonFactory()]

    admin_client.post(
        reverse("admin:moderation_cannedreason_changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in reasons], "post": "yes"},
    )

    assert not CannedReason.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.REASON_DELETE).count() == 2


# Backoffice review: category moderators added in the admin were not audited.
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


# Backoffice review: category moderators changed in the admin were not audited.
def test_changing_a_category_moderator_in_the_admin_keeps_the_one_before(admin_client):
    row = CategoryModeratorFactory()
    other = CategoryFactory()

    admin_client.post(
        reverse("admin:community_categorymoderator_change", args=[row.pk]),
        {"user": row.user_id, "category": other.pk},
    )

    entry = AuditEntry.objects.get(action=AuditAction.MODERATOR_CHANGE)
    assert (entry.before["category_id"], entry.after["category_id"]) == (row.category_id, other.pk)


# Backoffice review: category moderators removed in the admin were not audited.
def test_removing_a_category_moderator_in_the_admin_is_audited(admin_client):
    row = CategoryModeratorFactory()

    admin_client.post(
        reverse("admin:community_categorymoderator_delete", args=[row.pk]), {"post": "yes"}
    )

    assert not CategoryModerator.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.MODERATOR_REMOVE)
    assert (entry.target_member, entry.before["category_id"]) == (row.user, row.category_id)


# Backoffice review: rule deletes were not audited, and rule edits lost their before.
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


# Backoffice review: hard-deleting an audited post took the entry's subject with it.
def test_hard_deleting_an_audited_post_in_the_admin_is_refused(admin_client, moderator):
    entry = hidden_entry(moderator)
    post_id = entry.target_post_id

    response = admin_client.post(
        reverse("admin:community_post_delete", args=[post_id]), {"post": "yes"}
    )

    assert "Cannot delete post" in response.content.decode()
    assert Post.objects.filter(pk=post_id).exists()
    assert AuditEntry.objects.get(pk=entry.pk).target_post_id == post_id
