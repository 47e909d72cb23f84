"""The backoffice's search documents (moderation/services/search_index.py): written with
audit entries and with review items' own text, rebuilt on demand."""

import pytest

from moderation import services
from moderation.models import (
    AuditAction,
    AuditEntry,
    AuditSearch,
    ReviewItem,
    ReviewItemSearch,
    ReviewKind,
    Sanction,
    SanctionKind,
)
from moderation.services import search_index
from moderation.services.audit import write_entry
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post, reload
from tests.moderation.factories import FlaggedItemFactory, FlaggerFactory

pytestmark = pytest.mark.django_db


def test_an_audit_entry_is_written_with_its_document(moderator):
    thread = ThreadFactory(title="Counterfeit watches for sale")
    post = reload(first_post(thread))
    item = FlaggedItemFactory(post=post)

    entry = services.act_on_item(
        actor=moderator, item=item, action="hide", reason="Selling fakes is not allowed here."
    )

    document = AuditSearch.objects.get(entry=entry)
    assert document.title.startswith("Counterfeit watches for sale")
    assert post.author.username in document.title and moderator.username in document.title
    assert document.body.startswith("Selling fakes is not allowed here.")
    assert post.body in document.body
    assert document.config == "english"


def test_an_entry_keeps_the_text_of_its_snapshots_once_each(manager):
    entry = write_entry(
        actor=manager,
        action=AuditAction.RULE_SAVE,
        reason="Casino spam",
        before={"name": "Casino spam", "pattern": "casino\nroulette"},
        after={"name": "Casino spam", "pattern": "casino\nroulette\njackpot", "is_active": True},
    )

    body = AuditSearch.objects.get(entry=entry).body
    assert body.split("\n") == [
        "Casino spam",
        "casino",
        "roulette",
        "casino",
        "roulette",
        "jackpot",
    ]


def test_a_moderators_german_reason_is_indexed_in_german():
    german = UserFactory(language="de")

    entry = write_entry(
        actor=german,
        action=AuditAction.WARN,
        reason="Beleidigt ständig andere Mitglieder im Forum.",
        target_member=UserFactory(),
    )

    assert AuditSearch.objects.get(entry=entry).config == "german"


def test_a_flag_with_a_note_gives_its_item_a_document_and_one_without_does_not():
    post = reload(first_post(ThreadFactory()))

    services.flag_post(flagger=FlaggerFactory(), post=post, reason="spam")
    item = ReviewItem.objects.get(post=post)
    assert not ReviewItemSearch.objects.filter(item=item).exists()

    services.flag_post(
        flagger=FlaggerFactory(), post=post, reason="other", note="Links to fake watches."
    )
    services.flag_post(flagger=FlaggerFactory(), post=post, reason="spam", note="Same again.")

    assert ReviewItemSearch.objects.get(item=item).body == "Links to fake watches.\nSame again."


def test_an_appeal_gives_its_item_a_document(manager):
    post = first_post(ThreadFactory())
    sanction = Sanction.objects.create(
        member=post.author, kind=SanctionKind.WARNING, reason="Be kind.", created_by=manager
    )

    services.appeal_sanction(
        member=post.author, sanction=sanction, text="I only quoted the rude message."
    )

    item = ReviewItem.objects.get(kind=ReviewKind.APPEAL)
    assert ReviewItemSearch.objects.get(item=item).body == "I only quoted the rude message."


def test_rebuilding_rewrites_every_document(moderator, monkeypatch):
    item = FlaggedItemFactory()
    services.flag_post(
        flagger=FlaggerFactory(), post=reload(item.post), reason="other", note="Rude words."
    )
    services.act_on_item(actor=moderator, item=item, action="approve")
    entries = AuditEntry.objects.count()
    AuditSearch.objects.all().delete()
    ReviewItemSearch.objects.all().delete()
    # Rebuilt in batches: two entries to a batch here.
    monkeypatch.setattr(search_index, "BATCH_SIZE", 2)

    assert search_index.rebuild_audit_entries() == entries
    assert search_index.rebuild_review_items() == 1
    assert AuditSearch.objects.count() == entries
    assert ReviewItemSearch.objects.get().body == "Rude words."


def test_the_rebuild_command_rebuilds_the_backoffices_documents(moderator):
    from io import StringIO

    from django.core.management import call_command

    services.act_on_item(actor=moderator, item=FlaggedItemFactory(), action="approve")
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert "Indexed 1 audit entries" in out.getvalue()
    assert "Indexed 0 review items" in out.getvalue()
