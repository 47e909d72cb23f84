"""Replying, editing and deleting posts, and the rules every post's text follows."""

import unicodedata
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import find_active_usernames
from community import hooks, markdown
from community.models import Category, Mention, Post, PostRevision, PostStatus, Quote, Thread
from community.permissions import check_can_delete_post, check_can_edit_post, check_can_reply
from community.services.counters import is_counted_thread
from community.services.publishing import count_published_post
from community.services.search_index import index_posts
from community.signals import post_blocked, post_created, post_edited
from community.slugs import slug_for_title


def validate_body(body: str) -> str:
    """Return ``body`` stripped; raise ``ValidationError`` (``empty``, ``too_long``) otherwise."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": ValidationError(_("Write something first."), "empty")})
    limit = settings.LIAISON_POST_MAX_LENGTH
    if len(body) > limit:
        raise ValidationError(
            {
                "body": ValidationError(
                    _("A post can be at most %(limit)d characters long; this one has %(length)d.")
                    % {"limit": limit, "length": len(body)},
                    "too_long",
                )
            }
        )
    return body


def validate_title(title: str) -> str:
    """Return ``title`` stripped; raise ``ValidationError`` for an empty or long one.

    Invisible characters (zero-width spaces, control characters) do not count
    towards the 3 characters a title needs.
    """
    title = " ".join(title.split())
    visible = [char for char in title if unicodedata.category(char)[0] not in "CZ"]
    if len(visible) < 3:
        raise ValidationError(
            {
                "title": ValidationError(
                    _("Give the thread a title of at least 3 characters."), "short"
                )
            }
        )
    if len(title) > 200:
        raise ValidationError(
            {"title": ValidationError(_("A title can be at most 200 characters long."), "too_long")}
        )
    return title


def render_body(body: str) -> markdown.RenderedPost:
    """Render ``body`` with links for the @mentions of existing, active members."""
    members = find_active_usernames(candidates=markdown.find_mention_candidates(body))
    return markdown.render(body, members=members)


def store_references(post: Post, rendered: markdown.RenderedPost) -> None:
    Mention.objects.filter(post=post).delete()
    Quote.objects.filter(post=post).delete()
    if rendered.mentioned_usernames:
        mentioned = User.objects.filter(username__in=rendered.mentioned_usernames)
        Mention.objects.bulk_create([Mention(post=post, user=user) for user in mentioned])
    quotes = []
    for thread_id, number in rendered.quoted_permalinks:
        quoted = Post.objects.filter(thread_id=thread_id, number=number).first()
        if quoted is not None and quoted.pk != post.pk:
            quotes.append(Quote(post=post, quoted_post=quoted))
    Quote.objects.bulk_create(quotes, ignore_conflicts=True)


def run_checks(*, author, category, thread, title: str, body: str):
    """Run the registered post checks; return the (maybe censored) body and the results.

    Raises ``ValidationError`` keyed by ``body`` when a check blocks the post,
    after sending ``post_blocked``. Called before the post's transaction opens,
    so that what a receiver records of the refusal is kept.
    """
    draft = hooks.PostDraft(author=author, category=category, thread=thread, title=title, body=body)
    results = hooks.run_post_checks(draft)
    if results and results[0].action == hooks.CheckAction.BLOCK:
        post_blocked.send(sender=Post, draft=draft, result=results[0])
        raise ValidationError({"body": ValidationError(results[0].message, code="blocked")})
    return draft.body, results


def is_held(results) -> bool:
    return any(result.action == hooks.CheckAction.HOLD for result in results)


def find_earlier_post(*, author: User, idempotency_key: str | None) -> Post | None:
    """Return the post ``author`` wrote with the form token ``idempotency_key``, if any.

    A form sent twice (a double click, a retry after a dropped connection)
    carries the same token: the second submit finds the first post.
    """
    if not idempotency_key:
        return None
    return (
        Post.objects.select_related("thread__category")
        .filter(author=author, idempotency_key=idempotency_key)
        .first()
    )


def write_once(
    write: Callable[..., Post], *, author: User, idempotency_key: str | None, **fields
) -> Post:
    """Return the post ``write(author=, idempotency_key=, **fields)`` writes in a transaction.

    When the database refuses it because a concurrent submit of the same form
    (``author`` and ``idempotency_key``) wrote its post first, return that post;
    any other ``IntegrityError`` propagates.
    """
    try:
        with transaction.atomic():
            return write(author=author, idempotency_key=idempotency_key, **fields)
    except IntegrityError:
        # Both submits passed find_earlier_post before either wrote: the unique token lost.
        earlier = find_earlier_post(author=author, idempotency_key=idempotency_key)
        if earlier is None:
            raise
        return earlier


def reply_to_thread(
    *, author: User, thread: Thread, body: str, idempotency_key: str | None = None
) -> Post:
    """Add a reply at the end of ``thread`` and return it.

    Concurrent replies get distinct, consecutive numbers: the thread row is
    locked while the number is taken. The registered post checks may block,
    censor or hold it (``post.status`` is then ``PENDING``). A second call
    with the same ``idempotency_key`` (the form's token) writes nothing and
    returns the author's post with that key. Raises ``PermissionDenied``
    (locked thread, unverified or silenced author), ``Http404`` (hidden
    category) and ``ValidationError`` keyed by ``body``.
    """
    check_can_reply(author, thread)
    earlier = find_earlier_post(author=author, idempotency_key=idempotency_key)
    if earlier is not None:
        return earlier
    body = validate_body(body)
    body, results = run_checks(
        author=author, category=thread.category, thread=thread, title=thread.title, body=body
    )
    return write_once(
        _write_reply,
        author=author,
        idempotency_key=idempotency_key,
        thread=thread,
        body=body,
        results=results,
    )


def _write_reply(*, author, thread, body, results, idempotency_key) -> Post:
    held = is_held(results)
    rendered = render_body(body)
    thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
    post = Post(
        thread=thread,
        number=thread.last_post_number + 1,
        author=author,
        body=body,
        html=rendered.html,
        created_at=timezone.now(),
        status=PostStatus.PENDING if held else PostStatus.PUBLISHED,
        idempotency_key=idempotency_key or "",
    )
    post.save()
    Thread.objects.filter(pk=thread.pk).update(last_post_number=post.number)
    thread.last_post_number = post.number
    store_references(post, rendered)
    index_posts([post.pk])
    if not held:
        count_published_post(post)
    post_created.send(sender=Post, post=post, is_new_thread=False, check_results=results)
    return post


@transaction.atomic
def edit_post(
    *, editor: User, post: Post, body: str, title: str | None = None, reason: str = ""
) -> Post:
    """Change ``post``'s body (and the thread's title for a first post); return the post.

    The previous body is kept as a revision, with ``reason`` (why a moderator
    edited, up to 300 characters). Raises ``PermissionDenied`` and
    ``ValidationError`` keyed by ``body`` or ``title``. An edit that changes
    nothing stores nothing.
    """
    check_can_edit_post(editor, post)
    body = validate_body(body)
    thread = post.thread
    new_title = validate_title(title) if title is not None and post.is_first else thread.title
    if body == post.body and new_title == thread.title:
        return post
    if body != post.body:
        if post.revision_count == 0:
            PostRevision.objects.create(
                post=post, number=1, body=post.body, editor=post.author, created_at=post.created_at
            )
            post.revision_count = 1
        post.revision_count += 1
        PostRevision.objects.create(
            post=post, number=post.revision_count, body=body, editor=editor, reason=reason[:300]
        )
        rendered = render_body(body)
        post.body = body
        post.html = rendered.html
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "html", "edited_at", "revision_count"])
        store_references(post, rendered)
    if new_title != thread.title:
        thread.title = new_title
        thread.slug = slug_for_title(new_title)
        thread.save(update_fields=["title", "slug"])
    index_posts([post.pk])
    post_edited.send(sender=Post, post=post)
    return post


@transaction.atomic
def delete_post(*, actor: User, post: Post) -> bool:
    """Soft-delete ``post``: a placeholder stays and numbering does not change.

    Returns whether anything changed. Raises ``PermissionDenied`` when
    ``actor`` may not delete it.
    """
    check_can_delete_post(actor, post)
    changed = Post.objects.filter(pk=post.pk, is_deleted=False).update(
        is_deleted=True, deleted_at=timezone.now(), deleted_by=actor
    )
    if not changed:
        return False
    post.is_deleted = True
    post.deleted_by = actor
    if post.status == PostStatus.PENDING or not is_counted_thread(post.thread_id):
        return True
    Category.objects.filter(pk=post.thread.category_id, post_count__gt=0).update(
        post_count=F("post_count") - 1
    )
    if post.number > 1:
        Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
            reply_count=F("reply_count") - 1
        )
    Thread.objects.filter(pk=post.thread_id, accepted_answer=post).update(accepted_answer=None)
    User.objects.filter(pk=post.author_id, post_count__gt=0).update(post_count=F("post_count") - 1)
    return True
