"""Starting threads, and staff and authors acting on whole threads: lock, pin, accepted
answers, official answers."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community.models import Category, Post, PostStatus, Tag, Thread
from community.permissions import (
    check_can_accept_answer,
    check_can_moderate_thread,
    check_can_start_thread,
)
from community.services.posts import (
    find_earlier_post,
    is_held,
    render_body,
    run_checks,
    store_references,
    validate_body,
    validate_title,
    write_once,
)
from community.services.publishing import count_published_post
from community.services.search_index import index_posts
from community.signals import answer_accepted, post_created
from community.slugs import slug_for_tag, slug_for_title

MAX_TAGS = 5


def start_thread(
    *,
    author: User,
    category: Category,
    title: str,
    body: str,
    tags: list[str] | None = None,
    idempotency_key: str | None = None,
) -> Thread:
    """Open a thread in ``category`` with ``body`` as its first post; return the thread.

    The registered post checks (``community.hooks``) may block it, censor it
    or hold it for approval (the thread then waits, seen by its author and
    staff only). A second call with the same ``idempotency_key`` (the form's
    token) writes nothing and returns the thread of the author's post with
    that key. Raises ``PermissionDenied``/``Http404`` (community.permissions)
    and ``ValidationError`` keyed by ``title``, ``body`` or ``tags``.
    """
    check_can_start_thread(author, category)
    earlier = find_earlier_post(author=author, idempotency_key=idempotency_key)
    if earlier is not None:
        return earlier.thread
    title = validate_title(title)
    body = validate_body(body)
    body, results = run_checks(
        author=author, category=category, thread=None, title=title, body=body
    )
    first_post = write_once(
        _write_thread,
        author=author,
        idempotency_key=idempotency_key,
        category=category,
        title=title,
        body=body,
        tags=tags,
        results=results,
    )
    return first_post.thread


def _write_thread(*, author, category, title, body, tags, results, idempotency_key) -> Post:
    """Write the thread and its first post; return the post."""
    tag_objects = _tags_from_names(tags or [])
    held = is_held(results)
    now = timezone.now()
    thread = Thread(
        category=category,
        title=title,
        slug=slug_for_title(title),
        author=author,
        created_at=now,
        last_post_at=now,
        last_post_number=1,
        last_poster=author,
        is_pending_approval=held,
    )
    thread.full_clean()
    thread.save()
    thread.tags.set(tag_objects)
    rendered = render_body(body)
    post = Post(
        thread=thread,
        number=1,
        author=author,
        body=body,
        html=rendered.html,
        created_at=now,
        status=PostStatus.PENDING if held else PostStatus.PUBLISHED,
        idempotency_key=idempotency_key or "",
    )
    post.save()
    store_references(post, rendered)
    index_posts([post.pk])
    if not held:
        count_published_post(post)
    post_created.send(sender=Post, post=post, is_new_thread=True, check_results=results)
    return post


def _tags_from_names(names: list[str]) -> list[Tag]:
    tags = []
    seen = set()
    for name in names:
        name = " ".join(name.split())[: Tag._meta.get_field("name").max_length]
        slug = slug_for_tag(name)
        if not slug:
            continue
        # A tag made before its slug rules changed keeps the slug it has.
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        if tag.pk in seen:
            continue
        seen.add(tag.pk)
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError(
            {
                "tags": ValidationError(
                    _("Use at most %(max)d tags.") % {"max": MAX_TAGS}, "too_many"
                )
            }
        )
    return tags


@transaction.atomic
def lock_thread(*, actor: User, thread: Thread, is_locked: bool = True) -> bool:
    """Lock (or unlock) ``thread``; return whether that changed anything."""
    check_can_moderate_thread(actor, thread)
    changed = (
        Thread.objects.filter(pk=thread.pk).exclude(is_locked=is_locked).update(is_locked=is_locked)
    )
    thread.is_locked = is_locked
    return bool(changed)


@transaction.atomic
def pin_thread(*, actor: User, thread: Thread, is_pinned: bool = True) -> bool:
    """Pin (or unpin) ``thread`` atop its category; return whether that changed anything."""
    check_can_moderate_thread(actor, thread)
    changed = (
        Thread.objects.filter(pk=thread.pk).exclude(is_pinned=is_pinned).update(is_pinned=is_pinned)
    )
    thread.is_pinned = is_pinned
    return bool(changed)


@transaction.atomic
def accept_answer(*, actor: User, post: Post) -> bool:
    """Mark ``post`` as its thread's accepted answer; return whether that changed anything.

    Raises ``PermissionDenied`` outside Q&A categories, for the question
    itself, a deleted post, or someone other than the asker or staff.
    """
    check_can_accept_answer(actor, post)
    changed = (
        Thread.objects.filter(pk=post.thread_id)
        .exclude(accepted_answer=post)
        .update(accepted_answer=post)
    )
    post.thread.accepted_answer = post
    if changed:
        answer_accepted.send(sender=Post, post=post, actor=actor)
    return bool(changed)


@transaction.atomic
def unaccept_answer(*, actor: User, post: Post) -> bool:
    """Take back the acceptance of ``post``; return whether that changed anything."""
    check_can_accept_answer(actor, post)
    changed = Thread.objects.filter(pk=post.thread_id, accepted_answer=post).update(
        accepted_answer=None
    )
    if changed:
        post.thread.accepted_answer = None
    return bool(changed)


def mark_official_answer(*, thread_ids: Iterable[int]) -> int:
    """Mark the threads with ``thread_ids`` as having an official answer; return how many
    were not marked before.

    Called by the feedback app when the company answers feedback raised in
    them (the answer shows on those threads); it checks who may answer, so
    nothing is checked here. The mark stays: answers are not taken back. It
    lifts the threads in search and lets searchers ask for answered threads
    only (``community.selectors.search.Filters.official``). Missing ids are
    skipped. Runs in the caller's transaction.
    """
    return Thread.objects.filter(pk__in=list(thread_ids), has_official_answer=False).update(
        has_official_answer=True
    )
