"""Reads of the backoffice (moderation/selectors.py): searching the review queue and the
audit log."""

import pytest

from community.search.query import parse
from moderation import selectors, services
from moderation.models import AuditAction, ReviewItem, Sanction, SanctionKind
from moderation.services.audit import write_entry
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post, reload
from tests.moderation.factories import CategoryModeratorFactory, FlaggedItemFactory, FlaggerFactory

pytestmark = pytest.mark.django_db

ENGLISH = "The seller keeps posting links to counterfeit watches in every thread."
GERMAN = "Er beleidigt ständig andere Mitglieder im Forum mit Schimpfwörtern."


def item_about(title: str, body: str, **fields) -> ReviewItem:
    """An open flagged-post item on a new thread's first post."""
    thread = ThreadFactory(title=title, body=body, **fields)
    return FlaggedItemFactory(post=first_post(thread), category=thread.category)


def queue(viewer, text: str) -> set[int]:
    items = selectors.list_review_items(viewer=viewer)
    return set(selectors.search_review_items(items, parse(text)).values_list("pk", flat=True))


def log(text: str) -> list[int]:
    entries = selectors.list_audit_entries()
    return list(selectors.search_audit_entries(entries, parse(text)).values_list("pk", flat=True))


def test_the_queue_finds_items_by_their_posts_words_stemmed_in_english_and_german(moderator):
    english = item_about("Fake watches", ENGLISH)
    german = item_about("Beleidigungen", GERMAN)
    item_about("Pricing", "How much does the premium plan cost per seat each month?")

    assert queue(moderator, "watch link") == {english.pk}
    assert queue(moderator, "Mitglied") == {german.pk}
    assert queue(moderator, "counterfeit OR Schimpfwort") == {english.pk, german.pk}
    assert queue(moderator, "watches -seller") == set()


def test_the_queue_finds_held_and_hidden_posts(moderator):
    held = item_about("Casino bonus", ENGLISH, is_pending_approval=True)
    ReviewItem.objects.filter(pk=held.pk).update(kind="held_post")
    hidden = item_about("Rude remarks", GERMAN)
    services.act_on_item(actor=moderator, item=hidden, action="hide", reason="Rude.")

    assert queue(moderator, "counterfeit") == {held.pk}
    assert queue(moderator, "Mitglieder") == {hidden.pk}


def test_the_queue_finds_items_by_flaggers_notes_and_appeals(moderator, manager):
    item = item_about("Question", "Nothing to see in this post about the product roadmap.")
    services.flag_post(
        flagger=FlaggerFactory(), post=reload(item.post), reason="other", note="Doxxing attempt"
    )
    post = first_post(ThreadFactory())
    sanction = Sanction.objects.create(
        member=post.author, kind=SanctionKind.WARNING, reason="Be kind.", created_by=manager
    )
    services.appeal_sanction(
        member=post.author, sanction=sanction, text="My messages were quoted out of context."
    )
    appeal = ReviewItem.objects.get(kind="appeal")

    assert queue(moderator, "doxxing") == {item.pk}
    assert queue(moderator, "quote context") == {appeal.pk}


def test_a_category_moderator_finds_only_their_categories_items():
    mine, theirs = CategoryFactory(), CategoryFactory()
    in_mine = item_about("Fake watches", ENGLISH, category=mine)
    in_theirs = item_about("More fake watches", ENGLISH, category=theirs)
    scoped = CategoryModeratorFactory(category=mine).user

    assert queue(scoped, "watches") == {in_mine.pk}
    assert queue(UserFactory(role="moderator"), "watches") == {in_mine.pk, in_theirs.pk}


def test_a_search_keeps_the_queues_order(moderator):
    low = item_about("Fake watches", ENGLISH)
    high = item_about("More fake watches", ENGLISH)
    ReviewItem.objects.filter(pk=high.pk).update(score=5)
    items = selectors.list_review_items(viewer=moderator)

    found = selectors.search_review_items(items, parse("watches"))

    assert [item.pk for item in found] == [high.pk, low.pk]


def test_the_audit_log_finds_entries_by_reason_subject_and_kept_text(moderator, manager):
    item = item_about("Counterfeit watches for sale", "Cheap replicas, message me.")
    hidden = services.act_on_item(
        actor=moderator, item=item, action="hide", reason="Selling replicas is forbidden."
    )
    german = UserFactory(language="de", username="kai")
    warned = write_entry(
        actor=german,
        action=AuditAction.WARN,
        reason="Beleidigt ständig andere Mitglieder im Forum.",
        target_member=UserFactory(username="rowdy"),
    )
    rule = write_entry(
        actor=manager,
        action=AuditAction.RULE_SAVE,
        reason="Gambling",
        after={"name": "Gambling", "pattern": "casino\nroulette"},
    )

    assert log("sell") == [hidden.pk]
    assert log("watch") == [hidden.pk]
    assert log("replicas message") == [hidden.pk]
    assert log("Mitglied") == [warned.pk]
    assert log("rowdy") == [warned.pk]
    assert log("roulette") == [rule.pk]


def test_the_audit_log_search_keeps_newest_first(moderator):
    first = services.act_on_item(
        actor=moderator, item=item_about("Fake watches", ENGLISH), action="approve"
    )
    second = services.act_on_item(
        actor=moderator, item=item_about("More fake watches", ENGLISH), action="approve"
    )

    assert log("watches") == [second.pk, first.pk]
