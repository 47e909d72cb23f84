"""Moderators working the review queue: claiming items and acting on them.

Every action locks the item (``select_for_update``) and checks that it is
still unresolved, so that of two moderators acting at the same moment exactly
one takes effect: one audit entry, one notice. The other gets a
``ValidationError`` with code ``already_resolved``.

Appeal items are decided only through ``decide_appeal``: the post actions
refuse them, so that an appeal never closes without its member being told.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community import hooks
from community import services as community
from community.models import Category, Post, PostStatus, Thread
from community.permissions import check_can_moderate_thread
from moderation import conf
from moderation.models import (
    AuditAction,
    AuditEntry,
    Flag,
    FlagStatus,
    MemberFlagStats,
    Resolution,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
    SanctionKind,
)
from moderation.permissions import (
    check_can_act_on_item,
    check_can_move_thread_to,
    check_can_sanction,
)
from moderation.services.audit import post_state, thread_state, write_entry
from moderation.services.notices import tell_member
from moderation.services.sanctions import silence_spammer

#: Actions that close an item; the others act on its post's thread and leave it open.
RESOLVING_ACTIONS = ("approve", "agree", "dismiss", "hide", "delete", "spam")
THREAD_ACTIONS = ("lock", "unlock", "pin", "unpin", "move", "merge")
#: Actions offered in bulk: they need no input besides a reason.
BULK_ACTIONS = ["approve", "agree", "dismiss", "hide", "delete"]
ACTIONS = [*RESOLVING_ACTIONS, "edit", *THREAD_ACTIONS]


def accepts_post_actions(item: ReviewItem) -> bool:
    """Return whether ``item`` is worked with the post actions: it has a post and is no appeal."""
    return item.post_id is not None and item.kind != ReviewKind.APPEAL


def _already_resolved(item: ReviewItem, actor) -> ValidationError:
    if item.resolved_by_id == actor.pk:
        message = _("You have already resolved this item.")
    elif item.resolved_by is not None:
        message = _("%(name)s has already resolved this item.") % {"name": item.resolved_by}
    else:
        message = _("This item is already resolved.")
    return ValidationError(message, code="already_resolved")


def _lock(item: ReviewItem, actor) -> ReviewItem:
    """Return ``item`` locked for this transaction; raise if resolved or claimed by another."""
    item = (
        ReviewItem.objects.select_for_update(of=("self",))
        .select_related("post__thread__category", "post__author", "category", "resolved_by")
        .get(pk=item.pk)
    )
    check_can_act_on_item(actor, item)
    if item.is_resolved:
        raise _already_resolved(item, actor)
    if item.claimed_by_id not in (None, actor.pk) and item.claimed_until > timezone.now():
        raise ValidationError(
            _("%(name)s is working on this item.") % {"name": item.claimed_by}, code="claimed"
        )
    return item


@transaction.atomic
def claim_item(*, actor, item: ReviewItem) -> bool:
    """Claim ``item`` for ``LIAISON_CLAIM_MINUTES``; return whether the claim is new.

    Raises ``ValidationError`` (``already_resolved``, ``claimed``) and ``Http404``.
    """
    item = _lock(item, actor)
    until = timezone.now() + timedelta(minutes=conf.get("LIAISON_CLAIM_MINUTES"))
    was_mine = item.claimed_by_id == actor.pk and item.claimed_until > timezone.now()
    ReviewItem.objects.filter(pk=item.pk).update(claimed_by=actor, claimed_until=until)
    return not was_mine


@transaction.atomic
def release_item(*, actor, item: ReviewItem) -> bool:
    """Give up ``actor``'s claim on ``item``; return whether they held one.

    Raises ``ValidationError`` (``claimed``) when another moderator holds the
    claim: only they release it, or it expires.
    """
    check_can_act_on_item(actor, item)
    released = ReviewItem.objects.filter(pk=item.pk, claimed_by=actor).update(
        claimed_by=None, claimed_until=None
    )
    if released:
        return True
    item = ReviewItem.objects.select_related("claimed_by").get(pk=item.pk)
    if item.status == ReviewStatus.CLAIMED:
        raise ValidationError(
            _("%(name)s holds the claim on this item; only they can release it.")
            % {"name": item.claimed_by},
            code="claimed",
        )
    return False


def _decide_flags(item: ReviewItem, status: str) -> None:
    flaggers = list(
        Flag.objects.filter(post=item.post_id, status=FlagStatus.OPEN).values_list(
            "flagger_id", flat=True
        )
    )
    Flag.objects.filter(post=item.post_id, status=FlagStatus.OPEN).update(status=status)
    field = "agreed_count" if status == FlagStatus.AGREED else "dismissed_count"
    for flagger_id in flaggers:
        MemberFlagStats.objects.get_or_create(member_id=flagger_id)
    MemberFlagStats.objects.filter(member_id__in=flaggers).update(**{field: F(field) + 1})


def _resolve(item: ReviewItem, actor, resolution: str) -> None:
    ReviewItem.objects.filter(pk=item.pk).update(
        resolved_at=timezone.now(),
        resolved_by=actor,
        resolution=resolution,
        claimed_by=None,
        claimed_until=None,
    )
    # The post's other open items (a held post that was also flagged) close with it.
    if item.post_id:
        ReviewItem.objects.filter(post=item.post_id, resolved_at=None).exclude(
            kind=ReviewKind.APPEAL
        ).update(resolved_at=timezone.now(), resolved_by=actor, resolution=resolution)


def _tell_author(post: Post, build_message) -> None:
    tell_member(member=post.author, build_message=build_message, url=post.get_absolute_url())


@transaction.atomic
@hooks.recorded_by_caller()
def act_on_item(
    *,
    actor,
    item: ReviewItem,
    action: str,
    reason: str = "",
    body: str = "",
    category: Category | None = None,
    target_thread: Thread | None = None,
) -> AuditEntry:
    """Carry out ``action`` on ``item``'s post or thread; return the audit entry written.

    Actions: ``approve`` (publish a held post, show a hidden one, dismiss its
    flags), ``agree`` (the flags were right: hide the post), ``dismiss``
    (flags wrong: show the post), ``hide``, ``delete``, ``spam`` (delete and
    silence a new author) close the item; ``edit`` (``body``, ``reason``),
    ``lock``/``unlock``, ``pin``/``unpin``, ``move`` (``category``) and
    ``merge`` (into ``target_thread``) leave it open; the thread's other open
    items follow a move or merge. Raises ``ValidationError``
    (``already_resolved``, ``claimed``, ``invalid_action``, ``appeal``,
    ``reason_required`` ...), ``PermissionDenied`` and ``Http404``.
    """
    if action not in ACTIONS:
        raise ValidationError(_("Unknown action."), code="invalid_action")
    item = _lock(item, actor)
    if item.kind == ReviewKind.APPEAL:
        raise ValidationError(
            _("An appeal is decided in its Appeal section, so that the member is told."),
            code="appeal",
        )
    post = item.post
    if post is None:
        raise ValidationError(_("This item has no post to act on."), code="invalid_action")
    thread = post.thread
    reason = reason.strip()
    if action in {"hide", "delete", "spam", "edit", "agree"} and not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Give the member a reason."), "reason_required")}
        )
    if action in THREAD_ACTIONS:
        return _act_on_thread(actor, item, action, thread, reason, category, target_thread)
    before = post_state(post)
    if action == "approve":
        if post.status == PostStatus.PENDING:
            community.approve_post(actor=actor, post=post)
        else:
            community.unhide_post(actor=actor, post=post)
        _decide_flags(item, FlagStatus.DISMISSED)
        audit_action, resolution = AuditAction.APPROVE, Resolution.APPROVED
    elif action == "dismiss":
        if post.status == PostStatus.PENDING:
            raise ValidationError(
                _("Approve or delete a post that waits for approval."), code="invalid_action"
            )
        community.unhide_post(actor=actor, post=post)
        _decide_flags(item, FlagStatus.DISMISSED)
        audit_action, resolution = AuditAction.DISMISS, Resolution.DISMISSED
    elif action in {"agree", "hide"}:
        community.hide_post(actor=actor, post=post, reason=reason)
        _decide_flags(item, FlagStatus.AGREED)
        audit_action = AuditAction.AGREE if action == "agree" else AuditAction.HIDE
        resolution = Resolution.AGREED if action == "agree" else Resolution.HIDDEN
        _tell_author(
            post,
            lambda: (
                _('A moderator hid your post in "%(thread)s". Reason: %(reason)s')
                % {"thread": thread.title, "reason": reason}
            ),
        )
    elif action in {"delete", "spam"}:
        if action == "spam":
            check_can_sanction(actor, SanctionKind.SILENCE, post.author)
        community.delete_post(actor=actor, post=post)
        _decide_flags(item, FlagStatus.AGREED)
        audit_action = AuditAction.DELETE if action == "delete" else AuditAction.SPAM
        resolution = Resolution.DELETED if action == "delete" else Resolution.SPAM
        if action == "spam":
            silence_spammer(post=post, reason=reason, actor=actor)
        _tell_author(
            post,
            lambda: (
                _('A moderator deleted your post in "%(thread)s". Reason: %(reason)s')
                % {"thread": thread.title, "reason": reason}
            ),
        )
    else:
        community.edit_post(editor=actor, post=post, body=body, reason=reason)
        _tell_author(
            post,
            lambda: (
                _('A moderator edited your post in "%(thread)s". Reason: %(reason)s')
                % {"thread": thread.title, "reason": reason}
            ),
        )
        return write_entry(
            actor=actor,
            action=AuditAction.EDIT,
            reason=reason,
            target_post=post,
            target_thread=thread,
            target_member=post.author,
            review_item=item,
            before=before,
            after=post_state(post),
        )
    _resolve(item, actor, resolution)
    return write_entry(
        actor=actor,
        action=audit_action,
        reason=reason,
        target_post=post,
        target_thread=thread,
        target_member=post.author,
        review_item=item,
        before=before,
        after=post_state(post),
    )


def _move_open_items(post_ids, category: Category) -> None:
    """Let the open items on ``post_ids`` follow their thread into ``category``."""
    ReviewItem.objects.filter(post__in=post_ids, resolved_at=None).exclude(
        kind=ReviewKind.APPEAL
    ).update(category=category)


def _act_on_thread(actor, item, action, thread, reason, category, target_thread) -> AuditEntry:
    check_can_moderate_thread(actor, thread)
    before = thread_state(thread)
    if action in {"lock", "unlock"}:
        changed = community.lock_thread(actor=actor, thread=thread, is_locked=action == "lock")
    elif action in {"pin", "unpin"}:
        changed = community.pin_thread(actor=actor, thread=thread, is_pinned=action == "pin")
    elif action == "move":
        if category is None:
            raise ValidationError({"category": ValidationError(_("Pick a category."), "required")})
        check_can_move_thread_to(actor, category)
        changed = community.move_thread(actor=actor, thread=thread, category=category)
        if changed:
            _move_open_items(Post.objects.filter(thread=thread).values("pk"), category)
    else:
        if target_thread is None:
            raise ValidationError(
                {"target_thread": ValidationError(_("Pick a thread to merge into."), "required")}
            )
        check_can_moderate_thread(actor, target_thread)
        # Name the source's posts before the merge carries them into the target.
        moved = list(Post.objects.filter(thread=thread).values_list("pk", flat=True))
        changed = community.merge_threads(actor=actor, source=thread, target=target_thread)
        if changed:
            _move_open_items(moved, target_thread.category)
    if not changed:
        raise ValidationError(_("Nothing to change: the thread is already so."), code="unchanged")
    thread.refresh_from_db()
    return write_entry(
        actor=actor,
        action=AuditAction(action),
        reason=reason,
        target_thread=thread,
        target_post=item.post,
        review_item=item,
        before=before,
        after=thread_state(thread),
    )


def bulk_act(*, actor, items, action: str, reason: str = "") -> tuple[int, list[str]]:
    """Carry out ``action`` on each of ``items``, each in its own transaction.

    Returns how many took effect and the error messages of those that did not
    (resolved meanwhile, out of scope). Raises ``ValidationError`` for an
    action not offered in bulk.
    """
    if action not in BULK_ACTIONS:
        raise ValidationError(_("This action cannot be used on a selection."), code="invalid")
    done, errors = 0, []
    for item in items:
        try:
            act_on_item(actor=actor, item=item, action=action, reason=reason)
        except ValidationError as error:
            errors.append(f"#{item.pk}: {' '.join(error.messages)}")
        except PermissionDenied as error:
            errors.append(f"#{item.pk}: {error}")
        else:
            done += 1
    return done, errors
