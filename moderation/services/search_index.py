"""Keeping the backoffice's search documents (``moderation.models.search``).

An audit entry's document is written with the entry and never changes: it
keeps the text as it was when the action was taken. A review item's document
holds the text the item gathers besides its post (flaggers' notes, the words
automod matched, an appeal), rewritten when more arrives; the post's own text
is searched in the forum's documents.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Prefetch

from community.services.search_documents import config_of, write_documents
from moderation.models import (
    AUDIT_FTS_TABLE,
    ITEM_FTS_TABLE,
    AuditEntry,
    AuditSearch,
    Flag,
    ReviewItem,
    ReviewItemSearch,
)

#: Documents written per statement when indexing in bulk.
BATCH_SIZE = 1000

#: The keys of an entry's ``before``/``after`` snapshots that hold text: a post's
#: text and a thread's title, a rule's name, pattern and message, a canned reason, the
#: words automod matched, a hidden post's reason, a moderator note, a category
#: moderator's name and category (``moderation.services.audit``).
SNAPSHOT_TEXTS = (
    "title",
    "body",
    "hidden_reason",
    "name",
    "pattern",
    "message",
    "text",
    "matched_text",
    "note",
    "username",
    "category",
)


def _site_language() -> str:
    """The site's language code: automated entries' reasons are written in it."""
    return settings.LANGUAGE_CODE.split("-")[0]


def _names(user) -> list[str]:
    if user is None:
        return []
    return list(dict.fromkeys([user.public_name, user.username]))


def _texts(entry: AuditEntry) -> list[str]:
    """Return the reason, then each text the entry's snapshots keep, once each."""
    texts = [entry.reason] if entry.reason.strip() else []
    for snapshot in (entry.before, entry.after):
        for key in SNAPSHOT_TEXTS:
            value = snapshot.get(key) if isinstance(snapshot, dict) else None
            if isinstance(value, str) and value.strip() and value not in texts:
                texts.append(value)
    return texts


def audit_document(entry: AuditEntry) -> AuditSearch:
    """Return ``entry``'s search document, unsaved.

    ``title``: the thread's title and the names of the member and the
    moderator it concerns; ``body``: the reason, then the texts of its
    snapshots. The language is detected, with the moderator's (or for
    automated entries the site's) as fallback. Reads ``entry``'s thread,
    member and actor: load them with it.
    """
    thread_title = entry.target_thread.title if entry.target_thread_id else ""
    title = " ".join([thread_title, *_names(entry.target_member), *_names(entry.actor)]).strip()
    body = "\n".join(_texts(entry))
    fallback = (entry.actor.language if entry.actor else "") or _site_language()
    return AuditSearch(
        entry_id=entry.pk,
        config=config_of(f"{title}\n{body}", fallback=fallback),
        title=title,
        body=body,
    )


def index_audit_entries(entries: Iterable[AuditEntry]) -> int:
    """Write the search documents of ``entries``; return how many.

    Runs in the caller's transaction, as the entries are written
    (``moderation.services.audit.write_entry``).
    """
    documents = [audit_document(entry) for entry in entries]
    written = 0
    for start in range(0, len(documents), BATCH_SIZE):
        written += write_documents(documents[start : start + BATCH_SIZE], fts_table=AUDIT_FTS_TABLE)
    return written


def rebuild_audit_entries() -> int:
    """Rewrite the search document of every audit entry, in batches; return how many."""
    ids = list(AuditEntry.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = AuditEntry.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).select_related(
            "actor", "target_thread", "target_member"
        )
        written += index_audit_entries(batch)
    return written


def _item_text(item: ReviewItem) -> str:
    texts = [flag.note for flag in item.noted_flags]
    texts.append(item.matched_text)
    if item.appeal_id:
        texts.append(item.appeal.text)
    return "\n".join(text for text in texts if text.strip())


def index_review_items(item_ids: Iterable[int]) -> int:
    """Write the search documents of the review items with ``item_ids`` that hold text of
    their own (flag notes, automod's matched words, an appeal); return how many.

    The language is detected, with the site's as fallback, since the text comes
    from several people. Missing ids and items without such text are skipped.
    Runs in the caller's transaction; three queries and the writes.
    """
    items = (
        ReviewItem.objects.filter(pk__in=list(item_ids))
        .select_related("appeal")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.exclude(note="").order_by("pk"),
                to_attr="noted_flags",
            )
        )
    )
    documents = []
    for item in items:
        body = _item_text(item)
        if body:
            documents.append(
                ReviewItemSearch(
                    item_id=item.pk,
                    config=config_of(body, fallback=_site_language()),
                    body=body,
                )
            )
    return write_documents(documents, fts_table=ITEM_FTS_TABLE, fields=("body",))


def rebuild_review_items() -> int:
    """Rewrite the search document of every review item with text of its own, in batches;
    return how many."""
    ids = list(ReviewItem.objects.order_by("pk").values_list("pk", flat=True))
    return sum(
        index_review_items(ids[start : start + BATCH_SIZE])
        for start in range(0, len(ids), BATCH_SIZE)
    )
