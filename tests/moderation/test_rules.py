"""Automod rules and canned reasons saved in the backoffice, with their audit entries
(moderation/services/rules.py)."""

import pytest
from django.urls import reverse

from moderation import services
from moderation.models import (
    AuditAction,
    AuditEntry,
    AutomodRule,
    CannedReason,
    RuleAction,
    RuleKind,
)
from tests.community.factories import CategoryFactory

pytestmark = pytest.mark.django_db


# Backoffice review: a rule edit's audit entry lost the settings before the change.
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


# Backoffice review: changes to canned reasons were not audited.
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
