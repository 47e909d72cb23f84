"""The audit trail and reverts (moderation/services/audit.py), and the audit log's pages:
the log, its CSV and the revert form (moderation/views/audit.py)."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from community import services as community
from community.models import PostStatus
from moderation import services
from moderation.models import AuditAction, AuditEntry
from moderation.services.audit import write_entry
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory, reload
from tests.moderation.conftest import hidden_entry, messages_of
from tests.moderation.factories import AutomodRuleFactory, FlaggedItemFactory, FlaggerFactory

pytestmark = pytest.mark.django_db


FORMULAS = ["=HYPERLINK(\"https://evil.test\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
            "\tTab", "\rReturn"]  # fmt: skip


# Backoffice review: revert is for those who read the audit log.
def test_revert_entry_refuses_an_actor_who_cannot_read_the_audit_log(moderator):
    entry = hidden_entry(moderator)

    with pytest.raises(PermissionDenied):
        services.revert_entry(actor=moderator, entry=entry)

    assert reload(entry.target_post).status == PostStatus.HIDDEN


# Backoffice review: reverting a change already undone wrote an entry that changed nothing.
def test_reverting_a_delete_of_a_restored_post_writes_nothing(manager, moderator):
    item = FlaggedItemFactory()
    entry = services.act_on_item(actor=moderator, item=item, action="delete", reason="Rude.")
    community.restore_post(actor=None, post=reload(item.post))
    entries = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as error:
        services.revert_entry(actor=manager, entry=entry)

    assert error.value.code == "nothing_to_revert"
    assert AuditEntry.objects.count() == entries


# Backoffice review: a cell of the audit CSV could start a formula (CSV injection).
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


# Backoffice review: an invalid filter was dropped silently and everything listed.
def test_an_invalid_audit_filter_answers_400_with_its_error_and_no_entries(client, manager):
    services.act_on_item(actor=manager, item=FlaggedItemFactory(), action="approve")
    assert AuditEntry.objects.exists()
    client.force_login(manager)

    response = client.get(reverse("moderation:audit_log"), {"since": "2024-13-45"})

    assert response.status_code == 400
    assert list(response.context["page"]) == []
    assert "Enter a valid date." in response.content.decode()


def test_the_audit_log_searches_its_entries_text_with_its_filters(client, manager, moderator):
    german = UserFactory(language="de")
    kept = write_entry(
        actor=german,
        action=AuditAction.WARN,
        reason="Beleidigt ständig andere Mitglieder im Forum.",
        target_member=UserFactory(),
    )
    write_entry(
        actor=moderator,
        action=AuditAction.WARN,
        reason="Beleidigt ständig andere Mitglieder im Forum.",
        target_member=UserFactory(),
    )
    write_entry(actor=german, action=AuditAction.NOTE, after={"note": "Nettes Mitglied."})
    client.force_login(manager)

    response = client.get(
        reverse("moderation:audit_log"),
        {"q": "Mitglied", "action": "warn", "actor": german.username},
    )

    assert response.status_code == 200
    assert [entry.pk for entry in response.context["page"]] == [kept.pk]


def test_an_audit_search_that_cannot_be_searched_says_why(client, manager):
    client.force_login(manager)

    response = client.get(reverse("moderation:audit_log"), {"q": '"" OR -x'})

    assert response.status_code == 400
    assert list(response.context["page"]) == []
    assert "Type at least one word to search for." in response.content.decode()


def test_the_audit_csv_exports_what_the_search_finds(client, manager):
    write_entry(actor=manager, action=AuditAction.WARN, reason="Spamming links.")
    write_entry(actor=manager, action=AuditAction.WARN, reason="Rude.")
    client.force_login(manager)

    response = client.get(reverse("moderation:audit_csv"), {"q": "spam link"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["reason"] for row in rows] == ["Spamming links."]


# Backoffice review: revert did not check its form.
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


# Backoffice review: revert did not check its form.
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


# Backoffice review: reverting a change already undone wrote an entry that changed nothing.
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


# Backoffice review: revert is for those who read the audit log.
def test_a_moderator_cannot_revert_entries_by_id(client, moderator):
    entry = hidden_entry(moderator)
    client.force_login(moderator)

    response = client.post(reverse("moderation:revert_entry", args=[entry.pk]))

    assert response.status_code == 403
    assert reload(entry.target_post).status == PostStatus.HIDDEN
