"""Starting threads, replying, editing and deleting posts."""

import hashlib
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from community import hooks, markdown
from community.models import (
    Category,
    Mention,
    Post,
    PostRevision,
    PostStatus,
    Quote,
    Tag,
    Thread,
)
from community.permissions import (
    check_can_delete_post,
    check_can_edit_post,
    check_can_reply,
    check_can_start_thread,
)
from community.services.counters import (
    COUNTED_STATUSES,
    add_activity,
    bump_latest_thread,
    is_counted_thread,
)
from community.signals import moderator_acted, post_blocked, post_created, post_published

MAX_TAGS = 5


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


def slug_for_title(title: str) -> str:
    """Return the URL slug for a thread title (ASCII; "thread" when nothing is left)."""
    return slugify(title)[:200] or "thread"


def render_body(body: str) -> markdown.RenderedPost:
    """Render ``body`` with links for the @mentions of existing, active members."""
    candidates = markdown.find_mention_candidates(body)
    members = {}
    if candidates:
        for username in User.objects.filter(
            username__iregex=r"^(" + "|".join(_escape(c) for c in candidates) + r")$",
            is_active=True,
        ).values_list("username", flat=True):
            members[username.lower()] = username
    return markdown.render(body, members=members)


def _escape(username: str) -> str:
    return "".join("\\" + char if char in ".-" else char for char in username)


def _store_references(post: Post, rendered: markdown.RenderedPost) -> None:
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


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def slug_for_tag(name: str) -> str:
    """Return the URL slug (ASCII, at most the column's length) for a tag called ``name``.

    "#" and "+" are spelled out, so that "C#" and "C++" stay apart ("c-sharp",
    "c-plus-plus"). A name with letters that have no ASCII form (日本語) gets a
    short digest of the name, so that it neither vanishes nor merges with
    another; a slug too long for the column is cut and gets a digest of the
    whole, so that two long names stay apart.
    """
    limit = Tag._meta.get_field("slug").max_length
    spelled = name.replace("#", " sharp ").replace("+", " plus ")
    slug = slugify(spelled)
    decomposed = unicodedata.normalize("NFKD", spelled)
    if any(char.isalnum() and not char.isascii() for char in decomposed):
        slug = f"{slug or 'tag'}-{_digest(name.casefold())}"
    if len(slug) > limit:
        slug = f"{slug[: limit - 9].rstrip('-')}-{_digest(slug)}"
    return slug


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


def announce_post_action(*, actor: User, action: str, post: Post, before: dict) -> None:
    """Send ``moderator_acted`` for a post, unless the caller records the action itself."""
    if hooks.should_announce_moderation():
        moderator_acted.send(
            sender=Post, actor=actor, action=action, thread=post.thread, post=post, before=before
        )


def _run_checks(*, author, category, thread, title: str, body: str):
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


def _is_held(results) -> bool:
    return any(result.action == hooks.CheckAction.HOLD for result in results)


def _earlier_post(*, author: User, idempotency_key: str | None) -> Post | None:
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


def count_published_post(post: Post) -> None:
    """Update the counters that a newly visible ``post`` changes, and announce it.

    Moves them a step by the rules in ``community.services.counters``, and
    sends ``community.signals.post_published`` in the caller's transaction.

    Called when a post is published: at once when written, or when a
    moderator approves it. A reply in a thread that awaits approval is seen
    by nobody else yet: it counts, and is announced, when the thread is
    approved, together with the thread's other published replies.
    """
    thread = post.thread
    if post.is_first:
        was_pending = Thread.objects.filter(pk=thread.pk, is_pending_approval=True).update(
            is_pending_approval=False
        )
        thread.is_pending_approval = False
        Category.objects.filter(pk=thread.category_id).update(
            thread_count=F("thread_count") + 1, post_count=F("post_count") + 1
        )
        bump_latest_thread(category_id=thread.category_id, thread_id=thread.pk, at=post.created_at)
        add_activity(post.author_id, threads_created=1)
        User.objects.filter(pk=post.author_id).update(post_count=F("post_count") + 1)
        post_published.send(sender=Post, post=post)
        if was_pending:
            _count_replies_of_approved_thread(thread)
        return
    if not is_counted_thread(thread.pk):
        return
    # A held reply approved after later ones were written is not the latest.
    is_latest = Q(last_post_at__lte=post.created_at)
    Thread.objects.filter(pk=thread.pk).update(
        last_post_at=Case(When(is_latest, then=Value(post.created_at)), default=F("last_post_at")),
        last_poster=Case(
            When(is_latest, then=Value(post.author_id)),
            default=F("last_poster"),
            output_field=Thread._meta.get_field("last_poster"),
        ),
        reply_count=F("reply_count") + 1,
    )
    Category.objects.filter(pk=thread.category_id).update(post_count=F("post_count") + 1)
    bump_latest_thread(category_id=thread.category_id, thread_id=thread.pk, at=post.created_at)
    add_activity(post.author_id, replies_created=1)
    User.objects.filter(pk=post.author_id).update(post_count=F("post_count") + 1)
    post_published.send(sender=Post, post=post)


def _count_replies_of_approved_thread(thread: Thread) -> None:
    """Count and announce the replies written while ``thread`` awaited approval.

    Replies still awaiting approval themselves are left for their own approval.
    """
    replies = list(
        Post.objects.filter(
            thread=thread,
            number__gt=1,
            is_deleted=False,
            status__in=COUNTED_STATUSES,
        )
        .order_by("number")
        .only("pk", "author_id", "created_at", "status")
    )
    if not replies:
        return
    last = max(replies, key=lambda reply: reply.created_at)
    Thread.objects.filter(pk=thread.pk).update(
        last_post_at=last.created_at,
        last_poster_id=last.author_id,
        reply_count=F("reply_count") + len(replies),
    )
    Category.objects.filter(pk=thread.category_id).update(post_count=F("post_count") + len(replies))
    bump_latest_thread(category_id=thread.category_id, thread_id=thread.pk, at=last.created_at)
    by_author: dict[int, int] = {}
    for reply in replies:
        by_author[reply.author_id] = by_author.get(reply.author_id, 0) + 1
    for author_id, count in by_author.items():
        add_activity(author_id, replies_created=count)
        User.objects.filter(pk=author_id).update(post_count=F("post_count") + count)
    for reply in replies:
        if reply.status == PostStatus.PUBLISHED:
            post_published.send(sender=Post, post=reply)


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
    earlier = _earlier_post(author=author, idempotency_key=idempotency_key)
    if earlier is not None:
        return earlier.thread
    title = validate_title(title)
    body = validate_body(body)
    body, results = _run_checks(
        author=author, category=category, thread=None, title=title, body=body
    )
    try:
        with transaction.atomic():
            return _write_thread(
                author=author,
                category=category,
                title=title,
                body=body,
                tags=tags,
                results=results,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        # A concurrent submit of the same form wrote the thread first.
        earlier = _earlier_post(author=author, idempotency_key=idempotency_key)
        if earlier is None:
            raise
        return earlier.thread


def _write_thread(*, author, category, title, body, tags, results, idempotency_key) -> Thread:
    tag_objects = _tags_from_names(tags or [])
    held = _is_held(results)
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
    _store_references(post, rendered)
    if not held:
        count_published_post(post)
    post_created.send(sender=Post, post=post, is_new_thread=True, check_results=results)
    return thread


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
    earlier = _earlier_post(author=author, idempotency_key=idempotency_key)
    if earlier is not None:
        return earlier
    body = validate_body(body)
    body, results = _run_checks(
        author=author, category=thread.category, thread=thread, title=thread.title, body=body
    )
    try:
        with transaction.atomic():
            return _write_reply(
                author=author,
                thread=thread,
                body=body,
                results=results,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        # A concurrent submit of the same form wrote the reply first.
        earlier = _earlier_post(author=author, idempotency_key=idempotency_key)
        if earlier is None:
            raise
        return earlier


def _write_reply(*, author, thread, body, results, idempotency_key) -> Post:
    held = _is_held(results)
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
    _store_references(post, rendered)
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
    before = {"body": post.body, "title": thread.title}
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
        _store_references(post, rendered)
    if new_title != thread.title:
        thread.title = new_title
        thread.slug = slug_for_title(new_title)
        thread.save(update_fields=["title", "slug"])
    if editor.pk != post.author_id:
        announce_post_action(actor=editor, action="edit", post=post, before=before)
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
    if actor.pk != post.author_id:
        announce_post_action(
            actor=actor, action="delete", post=post, before={"is_deleted": False, "body": post.body}
        )
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
