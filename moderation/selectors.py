"""Reads the backoffice pages share, each in a fixed number of queries."""

import statistics
from datetime import timedelta

from django.db.models import Case, CharField, Count, Q, QuerySet, TextChoices, Value, When
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from community.models import Category, Post, Thread
from community.search.engine import Index, filter_matches
from community.search.query import Query
from community.selectors import visible_categories
from community.selectors.search import POST_INDEX
from moderation.models import (
    AUDIT_FTS_TABLE,
    ITEM_FTS_TABLE,
    Appeal,
    AuditEntry,
    AutomodRule,
    CannedReason,
    Flag,
    FlagReason,
    MemberFlagStats,
    ModeratorNote,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
    Sanction,
)
from moderation.permissions import (
    can_appeal,
    can_see_sanctioned_post,
    check_can_act_on_item,
    is_global_moderator,
    moderated_category_ids,
)


def annotate_status(queryset: QuerySet[ReviewItem]) -> QuerySet[ReviewItem]:
    """Annotate ``current_status`` (open, claimed, resolved) for filtering in the database."""
    return queryset.annotate(
        current_status=Case(
            When(resolved_at__isnull=False, then=Value(ReviewStatus.RESOLVED)),
            When(claimed_until__gt=timezone.now(), then=Value(ReviewStatus.CLAIMED)),
            default=Value(ReviewStatus.OPEN),
            output_field=CharField(),
        )
    )


def list_review_items(*, viewer) -> QuerySet[ReviewItem]:
    """Return the review items ``viewer`` may act on, ready to list (queries do not grow)."""
    items = ReviewItem.objects.select_related(
        "post__thread__category",
        "post__author",
        "category",
        "claimed_by",
        "resolved_by",
        "automod_rule",
        "appeal__sanction__member",
    ).annotate(flag_count=Count("flags", distinct=True))
    if not is_global_moderator(viewer):
        items = items.filter(category__in=moderated_category_ids(viewer)).exclude(kind="appeal")
    return annotate_status(items).order_by("-score", "created_at")


#: Where the review items' own text and the audit entries' documents are
#: (moderation.models.search).
ITEM_INDEX = Index(
    document="search_document", fts="search_fts", fts_table=ITEM_FTS_TABLE, fts_columns=("body",)
)
AUDIT_INDEX = Index(document="search_document", fts="search_fts", fts_table=AUDIT_FTS_TABLE)


def search_review_items(items: QuerySet[ReviewItem], query: Query) -> QuerySet[ReviewItem]:
    """Return ``items`` narrowed to those whose post (its text, or its thread's title on a
    first post) or whose own text (flaggers' notes, automod's matched words, an
    appeal) matches ``query``, in their order.

    Posts are searched whatever their state: held, hidden and deleted ones are
    what the queue is about. Who sees which item is ``items``' business
    (``list_review_items``). Adds no query: the matches are subqueries.
    """
    posts = filter_matches(Post.objects.all(), query, index=POST_INDEX).values("pk")
    own = filter_matches(ReviewItem.objects.all(), query, index=ITEM_INDEX).values("pk")
    return items.filter(Q(post__in=posts) | Q(pk__in=own))


def list_moderated_categories(*, viewer) -> QuerySet[Category]:
    """Return the categories whose items ``viewer`` works on, in their order.

    Every category they see for global moderators; for category moderators
    only their own, internal ones included, and none of the others.
    """
    if is_global_moderator(viewer):
        return visible_categories(viewer)
    return Category.objects.filter(pk__in=moderated_category_ids(viewer))


def get_review_item(*, item_id: int, viewer) -> ReviewItem:
    """Return the item with its flags; ``Http404`` when missing or out of ``viewer``'s scope."""
    item = (
        ReviewItem.objects.select_related(
            "post__thread__category",
            "post__author",
            "category",
            "claimed_by",
            "automod_rule",
            "appeal__sanction__member",
            "appeal__sanction__created_by",
        )
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise Http404
    check_can_act_on_item(viewer, item)
    item.flag_list = (
        list(
            Flag.objects.filter(post=item.post_id).select_related("flagger").order_by("created_at")
        )
        if item.post_id
        else []
    )
    return item


def list_canned_reasons() -> list[CannedReason]:
    """Return the canned reasons in their order."""
    return list(CannedReason.objects.all())


def get_member_record(*, member: User) -> dict:
    """Return what moderators know about ``member``: posts, flags both ways, sanctions, notes."""
    return {
        "posts": list(
            Post.objects.filter(author=member)
            .select_related("thread__category")
            .order_by("-created_at")[:20]
        ),
        "flags_raised": list(
            Flag.objects.filter(flagger=member).select_related("post__thread")[:20]
        ),
        "flags_received": list(
            Flag.objects.filter(post__author=member).select_related("post__thread")[:20]
        ),
        "sanctions": list(
            Sanction.objects.filter(member=member).select_related("created_by", "appeal")
        ),
        "automod_hits": list(
            AuditEntry.objects.filter(target_member=member, action="automod").select_related(
                "rule", "target_post__thread"
            )[:20]
        ),
        "notes": list(ModeratorNote.objects.filter(member=member).select_related("author")),
        "flag_stats": MemberFlagStats.objects.filter(member=member).first(),
    }


def list_member_sanctions(*, member: User) -> list[Sanction]:
    """Return ``member``'s own sanctions with their appeals, newest first."""
    return list(Sanction.objects.filter(member=member).select_related("appeal"))


def get_own_sanction(*, sanction_id: int, member: User) -> Sanction:
    """Return ``member``'s sanction; ``Http404`` for anyone else's."""
    sanction = Sanction.objects.filter(pk=sanction_id, member=member).first()
    if sanction is None:
        raise Http404
    return sanction


def get_appeal(*, appeal_id: int) -> Appeal:
    """Return the appeal with its sanction; ``Http404`` when missing."""
    appeal = (
        Appeal.objects.select_related("sanction__member", "sanction__created_by")
        .filter(pk=appeal_id)
        .first()
    )
    if appeal is None:
        raise Http404
    return appeal


def get_sanction(*, sanction_id: int) -> Sanction:
    """Return the sanction with its member; ``Http404`` when missing."""
    sanction = Sanction.objects.select_related("member").filter(pk=sanction_id).first()
    if sanction is None:
        raise Http404
    return sanction


def find_sanction_appeal(*, sanction: Sanction) -> Appeal | None:
    """Return the appeal against ``sanction``, or ``None`` while there is none."""
    return Appeal.objects.filter(sanction=sanction).first()


def get_appeal_link_page(*, sanction: Sanction) -> dict:
    """Return what the signed appeal page shows of ``sanction`` to its member.

    ``post`` is the sanctioned post, or ``None`` where the member may not see
    it (someone else's post, or one in a category hidden from them);
    ``appeal`` the appeal filed so far, or ``None``; ``can_appeal`` whether
    the member may appeal now.
    """
    member = sanction.member
    return {
        "sanction": sanction,
        "post": sanction.post if can_see_sanctioned_post(member, sanction) else None,
        "appeal": find_sanction_appeal(sanction=sanction),
        "can_appeal": can_appeal(member, sanction),
    }


def find_post(*, post_id: int) -> Post | None:
    """Return the post with its thread, category and author, or ``None`` when missing."""
    return Post.objects.select_related("thread__category", "author").filter(pk=post_id).first()


def find_thread(*, thread_id: int) -> Thread | None:
    """Return the thread with its category, or ``None`` when missing."""
    return Thread.objects.select_related("category").filter(pk=thread_id).first()


def list_automod_rules() -> QuerySet[AutomodRule]:
    """Return the automod rules with their categories, by name."""
    return AutomodRule.objects.prefetch_related("categories").order_by("name")


def list_claimants() -> QuerySet[User]:
    """Return the members who have claimed a review item, for the queue's filter."""
    return User.objects.filter(pk__in=ReviewItem.objects.values("claimed_by"))


def list_audit_entries() -> QuerySet[AuditEntry]:
    """Return the audit log, newest first, with who and what it concerns."""
    return AuditEntry.objects.select_related(
        "actor", "rule", "target_post__thread", "target_thread", "target_member"
    )


def search_audit_entries(entries: QuerySet[AuditEntry], query: Query) -> QuerySet[AuditEntry]:
    """Return ``entries`` narrowed to those whose text matches ``query``, in their order
    (the log's: newest first).

    An entry's text is what it was about and why when it was written
    (``moderation.services.search_index.audit_document``): the thread's title,
    the member's and moderator's names, the reason, the post's text or the
    rule kept in its snapshots.
    """
    return filter_matches(entries, query, index=AUDIT_INDEX)


def _median_hours(since) -> float | None:
    durations = [
        (resolved - created).total_seconds() / 3600
        for created, resolved in ReviewItem.objects.filter(resolved_at__gte=since).values_list(
            "created_at", "resolved_at"
        )
    ]
    return round(statistics.median(durations), 1) if durations else None


def _per_day(queryset, field: str, since) -> list[dict]:
    rows = (
        queryset.filter(**{f"{field}__gte": since})
        .annotate(day=TruncDate(field))
        .values("day")
        .annotate(total=Count("pk"))
        .order_by("day")
    )
    return _with_share(list(rows))


def _with_share(rows: list[dict], labels: type[TextChoices] | None = None) -> list[dict]:
    """Add each row's share of the largest total (``percent``) and, given ``labels``,
    show the first value by its translated label rather than its stored code."""
    top = max((row["total"] for row in rows), default=0) or 1
    for row in rows:
        row["percent"] = round(100 * row["total"] / top)
        if labels is not None:
            key = next(iter(row))
            row[key] = labels(row[key]).label
    return rows


def get_dashboard() -> dict:
    """Return the dashboard's figures, each a fixed number of queries."""
    now = timezone.now()
    open_items = ReviewItem.objects.filter(resolved_at=None)
    oldest = open_items.order_by("created_at").values_list("created_at", flat=True).first()
    week = now - timedelta(days=7)
    return {
        "open_by_kind": _with_share(
            list(open_items.values("kind").annotate(total=Count("pk")).order_by("kind")),
            labels=ReviewKind,
        ),
        "oldest_age_hours": round((now - oldest).total_seconds() / 3600, 1) if oldest else None,
        "median_7": _median_hours(week),
        "median_30": _median_hours(now - timedelta(days=30)),
        "flags_by_reason": _with_share(
            list(
                Flag.objects.filter(created_at__gte=now - timedelta(days=30))
                .values("reason")
                .annotate(total=Count("pk"))
                .order_by("-total")
            ),
            labels=FlagReason,
        ),
        "actions_by_moderator": _with_share(
            list(
                AuditEntry.objects.filter(
                    created_at__gte=now - timedelta(days=30), actor__isnull=False
                )
                .values("actor__username")
                .annotate(total=Count("pk"))
                .order_by("-total")[:20]
            )
        ),
        "members_per_day": _per_day(User.objects.all(), "date_joined", week),
        "posts_per_day": _per_day(Post.objects.all(), "created_at", week),
        "threads_without_reply": Thread.objects.filter(
            reply_count=0,
            created_at__lt=now - timedelta(hours=24),
            is_pending_approval=False,
            merged_into=None,
        ).count(),
    }
