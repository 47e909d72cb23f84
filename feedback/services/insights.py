"""Capturing posts as feedback, merging insights and supporting them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from community.models import Category, Post, Tag, Visibility
from config.celery import enqueue_on_commit
from feedback import tasks
from feedback.models import FeedbackKind, Insight, InsightPost, StatusChange, Support
from feedback.permissions import (
    check_can_attach_to_insight,
    check_can_capture_feedback,
    check_can_support_insight,
    check_can_triage,
)
from feedback.selectors import list_supporter_ids
from feedback.services.search_index import index_insights
from feedback.services.workflow import mark_answered_threads


def supporter_ids(insight: Insight) -> set[int]:
    """Return ``feedback.selectors.list_supporter_ids(insight=insight)``.

    The name that feedback.services.deliveries still imports from here.
    """
    return list_supporter_ids(insight=insight)


def recount_supporters(insight: Insight) -> int:
    """Store and return the number of distinct members behind ``insight``."""
    insight.supporter_count = len(list_supporter_ids(insight=insight))
    Insight.objects.filter(pk=insight.pk).update(supporter_count=insight.supporter_count)
    return insight.supporter_count


#: How many people see a category: the lower, the more. Feedback never moves to a wider
#: audience by a merge or an attach, or its title and answers would show where they were
#: not meant to (an internal insight on a public thread).
AUDIENCE = {Visibility.PUBLIC: 0, Visibility.MEMBERS: 1, Visibility.INTERNAL: 2}


def _widest_audience(insight: Insight) -> int:
    """Return the ``AUDIENCE`` of the most open category ``insight`` was raised in
    (internal's when it has no post). One query."""
    visibilities = Category.objects.filter(
        threads__posts__insight_link__insight=insight
    ).values_list("visibility", flat=True)
    return min((AUDIENCE[each] for each in visibilities), default=AUDIENCE[Visibility.INTERNAL])


def _open_target(insight: Insight) -> Insight:
    """Return ``insight`` locked, or the insight it was merged into (merges chain at most once)."""
    target = Insight.objects.select_for_update().get(pk=insight.pk)
    if target.merged_into_id:
        target = Insight.objects.select_for_update().get(pk=target.merged_into_id)
    return target


@transaction.atomic
def capture_feedback(
    *,
    actor: User,
    post: Post,
    kind: FeedbackKind,
    tags: list[Tag] | tuple = (),
    title: str = "",
    summary: str = "",
    insight: Insight | None = None,
) -> Insight:
    """Mark ``post`` as feedback: a new insight, or one more post of ``insight``.

    Input: the acting member, the post, the kind and tags, the title (the
    thread's title when empty) and summary of a new insight, or an existing
    ``insight`` to attach the post to (its own kind and title are kept; a
    merged insight forwards to the one it was merged into).
    Output: the insight the post now feeds. A new insight is routed after
    commit (``route_insight_task``); when the insight was answered already,
    the post's thread is marked as having an official answer.
    Raises ``Http404`` when ``actor`` may not see the post, ``PermissionDenied``
    when ``actor`` may not capture it, ``ValidationError`` (code
    ``already_captured``) when the post already feeds an insight, (code
    ``closed``) when ``insight`` is done or declined, (code ``audience``) when
    the post is seen by more people than ``insight``'s posts, or when the new
    insight is invalid.
    """
    check_can_capture_feedback(actor, post)
    if InsightPost.objects.filter(post=post).exists():
        raise ValidationError(
            _("This post is already part of a piece of feedback."), code="already_captured"
        )
    if insight is None:
        insight = Insight(
            # One line: the title heads e-mails and webhook payloads.
            title=" ".join((title or post.thread.title).split())[:200],
            summary=summary,
            kind=kind,
            created_by=actor,
        )
        insight.full_clean()
        insight.save()
        insight.tags.set(tags)
        enqueue_on_commit(tasks.route_insight_task, insight.pk)
    else:
        check_can_attach_to_insight(actor, insight)
        insight = _open_target(insight)
        if insight.is_closed:
            raise ValidationError(
                _("This feedback is closed; capture the post as new feedback."), code="closed"
            )
        if AUDIENCE[post.thread.category.visibility] < _widest_audience(insight):
            raise ValidationError(
                _(
                    "This feedback was raised where fewer people can see it; "
                    "capture the post as new feedback instead."
                ),
                code="audience",
            )
        if tags:
            insight.tags.add(*tags)
    InsightPost.objects.create(insight=insight, post=post, added_by=actor)
    recount_supporters(insight)
    mark_answered_threads(insight)
    index_insights([insight.pk])
    return insight


@transaction.atomic
def support_insight(*, actor: User, insight: Insight) -> bool:
    """Add ``actor`` to the members behind ``insight`` ("me too"); return whether it is new.

    A merged insight forwards the support to the one it was merged into.
    Raises ``PermissionDenied`` for visitors and closed insights.
    """
    insight = _open_target(insight)
    check_can_support_insight(actor, insight)
    _support, created = Support.objects.get_or_create(insight=insight, member=actor)
    if created:
        recount_supporters(insight)
    return created


@transaction.atomic
def merge_insights(*, actor: User, source: Insight, target: Insight) -> Insight:
    """Merge ``source`` into ``target``: its posts and supporters move, its history stays.

    Output: ``target`` with its new supporter count. ``source`` keeps its
    status changes, notes and deliveries and points at ``target`` (its page
    redirects there). When ``target`` was answered, the threads of the moved
    posts are marked as having an official answer, as they show it now.
    Raises ``PermissionDenied`` unless ``actor`` triages, ``ValidationError``
    (code ``invalid_merge``) for merging an insight into itself or into or
    from a merged one, (code ``audience``) for merging feedback raised in a
    more open category into one raised in a closed one.
    """
    check_can_triage(actor)
    locked = {
        each.pk: each
        for each in Insight.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    }
    source, target = locked.get(source.pk), locked.get(target.pk)
    if source is None or target is None or source.pk == target.pk:
        raise ValidationError(_("Choose another piece of feedback."), code="invalid_merge")
    if source.merged_into_id or target.merged_into_id:
        raise ValidationError(_("This feedback was already merged."), code="invalid_merge")
    if _widest_audience(source) < _widest_audience(target):
        raise ValidationError(
            _(
                "Merge the other way round: feedback raised where fewer people can see it "
                "cannot take in feedback raised where more can."
            ),
            code="audience",
        )
    InsightPost.objects.filter(insight=source).update(insight=target)
    known = set(Support.objects.filter(insight=target).values_list("member_id", flat=True))
    Support.objects.filter(insight=source).exclude(member_id__in=known).update(insight=target)
    target.tags.add(*source.tags.all())
    Insight.objects.filter(merged_into=source).update(merged_into=target)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    StatusChange.objects.create(
        insight=source,
        from_status=source.status,
        to_status=source.status,
        changed_by=actor,
        source=f"merged into #{target.pk}",
    )
    recount_supporters(target)
    recount_supporters(source)
    mark_answered_threads(target)
    # The moved posts' text is searched with the target now, and no longer with the source.
    index_insights([target.pk, source.pk])
    return target
