"""Moderators acting on review items: one function per action of the item form.

``act_on_item`` locks the item (``items.lock_item``), so that of two moderators
acting at the same moment exactly one takes effect, and hands the request to
the action's function (``ITEM_ACTIONS``). Thread actions go through
``moderation.services.forum``, the road the thread page's tools take too.

Appeal items are decided only through ``decide_appeal``: the post actions
refuse them, so that an appeal never closes without its member being told.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community import services as community
from community.models import Category, Post, PostStatus, Thread
from community.permissions import check_can_moderate_thread
from moderation.models import (
    AuditAction,
    AuditEntry,
    Flag,
    FlagStatus,
    MemberFlagStats,
    Resolution,
    ReviewItem,
    ReviewKind,
    SanctionKind,
)
from moderation.permissions import check_can_sanction
from moderation.services import forum
from moderation.services.audit import post_state, write_entry
from moderation.services.items import lock_item
from moderation.services.notices import tell_member
from moderation.services.sanctions import silence_spammer


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


@dataclass(frozen=True)
class ItemAction:
    """What a moderator asked ``act_on_item`` to do, handed to the function that does it."""

    actor: User
    item: ReviewItem
    reason: str
    body: str
    category: Category | None
    target_thread: Thread | None

    @property
    def post(self) -> Post:
        return self.item.post

    @property
    def notice_values(self) -> dict:
        """The values that the notices to the post's author fill in."""
        return {"thread": self.post.thread.title, "reason": self.reason}


def _tell_author(act: ItemAction, build_message) -> None:
    tell_member(
        member=act.post.author, build_message=build_message, url=act.post.get_absolute_url()
    )


def _record(act: ItemAction, action: str, before: dict) -> AuditEntry:
    """Write the entry of ``action`` on ``act``'s post, whose state was ``before``."""
    return write_entry(
        actor=act.actor,
        action=action,
        reason=act.reason,
        target_post=act.post,
        target_thread=act.post.thread,
        target_member=act.post.author,
        review_item=act.item,
        before=before,
        after=post_state(act.post),
    )


def _close(act: ItemAction, action: str, resolution: str, before: dict) -> AuditEntry:
    """Resolve ``act``'s item (and its post's other open items) and write the entry."""
    _resolve(act.item, act.actor, resolution)
    return _record(act, action, before)


def _approve(act: ItemAction) -> AuditEntry:
    before = post_state(act.post)
    if act.post.status == PostStatus.PENDING:
        community.approve_post(actor=act.actor, post=act.post)
    else:
        community.unhide_post(actor=act.actor, post=act.post)
    _decide_flags(act.item, FlagStatus.DISMISSED)
    return _close(act, AuditAction.APPROVE, Resolution.APPROVED, before)


def _dismiss(act: ItemAction) -> AuditEntry:
    if act.post.status == PostStatus.PENDING:
        raise ValidationError(
            _("Approve or delete a post that waits for approval."), code="invalid_action"
        )
    before = post_state(act.post)
    community.unhide_post(actor=act.actor, post=act.post)
    _decide_flags(act.item, FlagStatus.DISMISSED)
    return _close(act, AuditAction.DISMISS, Resolution.DISMISSED, before)


def _hide_post(act: ItemAction, action: str, resolution: str) -> AuditEntry:
    before = post_state(act.post)
    community.hide_post(actor=act.actor, post=act.post, reason=act.reason)
    _decide_flags(act.item, FlagStatus.AGREED)
    _tell_author(
        act,
        lambda: (
            _('A moderator hid your post in "%(thread)s". Reason: %(reason)s') % act.notice_values
        ),
    )
    return _close(act, action, resolution, before)


def _agree(act: ItemAction) -> AuditEntry:
    """The flags were right: hide the post."""
    return _hide_post(act, AuditAction.AGREE, Resolution.AGREED)


def _hide(act: ItemAction) -> AuditEntry:
    return _hide_post(act, AuditAction.HIDE, Resolution.HIDDEN)


def _delete_post(
    act: ItemAction, action: str, resolution: str, *, silence_author: bool = False
) -> AuditEntry:
    """Delete ``act``'s post (and silence its author while new), then tell the author."""
    before = post_state(act.post)
    community.delete_post(actor=act.actor, post=act.post)
    _decide_flags(act.item, FlagStatus.AGREED)
    if silence_author:
        silence_spammer(post=act.post, reason=act.reason, actor=act.actor)
    _tell_author(
        act,
        lambda: (
            _('A moderator deleted your post in "%(thread)s". Reason: %(reason)s')
            % act.notice_values
        ),
    )
    return _close(act, action, resolution, before)


def _delete(act: ItemAction) -> AuditEntry:
    return _delete_post(act, AuditAction.DELETE, Resolution.DELETED)


def _spam(act: ItemAction) -> AuditEntry:
    """Delete the post and silence its author while still new."""
    check_can_sanction(act.actor, SanctionKind.SILENCE, act.post.author)
    return _delete_post(act, AuditAction.SPAM, Resolution.SPAM, silence_author=True)


def _edit(act: ItemAction) -> AuditEntry:
    """Change the post's text with a reason for its author; the item stays open."""
    before = post_state(act.post)
    community.edit_post(editor=act.actor, post=act.post, body=act.body, reason=act.reason)
    _tell_author(
        act,
        lambda: (
            _('A moderator edited your post in "%(thread)s". Reason: %(reason)s')
            % act.notice_values
        ),
    )
    return _record(act, AuditAction.EDIT, before)


def _moderated_thread(act: ItemAction) -> Thread:
    thread = act.post.thread
    check_can_moderate_thread(act.actor, thread)
    return thread


def _changed(entry: AuditEntry | None) -> AuditEntry:
    """Return the entry of a thread action; raise if the action changed nothing."""
    if entry is None:
        raise ValidationError(_("Nothing to change: the thread is already so."), code="unchanged")
    return entry


def _lock_thread(act: ItemAction, *, is_locked: bool = True) -> AuditEntry:
    thread = _moderated_thread(act)
    return _changed(
        forum.lock_thread(
            actor=act.actor,
            thread=thread,
            is_locked=is_locked,
            reason=act.reason,
            review_item=act.item,
        )
    )


def _unlock_thread(act: ItemAction) -> AuditEntry:
    return _lock_thread(act, is_locked=False)


def _pin_thread(act: ItemAction, *, is_pinned: bool = True) -> AuditEntry:
    thread = _moderated_thread(act)
    return _changed(
        forum.pin_thread(
            actor=act.actor,
            thread=thread,
            is_pinned=is_pinned,
            reason=act.reason,
            review_item=act.item,
        )
    )


def _unpin_thread(act: ItemAction) -> AuditEntry:
    return _pin_thread(act, is_pinned=False)


def _move_thread(act: ItemAction) -> AuditEntry:
    thread = _moderated_thread(act)
    if act.category is None:
        raise ValidationError({"category": ValidationError(_("Pick a category."), "required")})
    return _changed(
        forum.move_thread(
            actor=act.actor,
            thread=thread,
            category=act.category,
            reason=act.reason,
            review_item=act.item,
        )
    )


def _merge_thread(act: ItemAction) -> AuditEntry:
    thread = _moderated_thread(act)
    if act.target_thread is None:
        raise ValidationError(
            {"target_thread": ValidationError(_("Pick a thread to merge into."), "required")}
        )
    return _changed(
        forum.merge_threads(
            actor=act.actor,
            source=thread,
            target=act.target_thread,
            reason=act.reason,
            review_item=act.item,
        )
    )


#: The item form's action values, in the order the form offers them, each with the
#: function that carries it out. The first six close the item; the others leave it open.
ITEM_ACTIONS: dict[str, Callable[[ItemAction], AuditEntry]] = {
    "approve": _approve,
    "agree": _agree,
    "dismiss": _dismiss,
    "hide": _hide,
    "delete": _delete,
    "spam": _spam,
    "edit": _edit,
    "lock": _lock_thread,
    "unlock": _unlock_thread,
    "pin": _pin_thread,
    "unpin": _unpin_thread,
    "move": _move_thread,
    "merge": _merge_thread,
}
ACTIONS = list(ITEM_ACTIONS)
#: Actions offered in bulk: they need no input besides a reason.
BULK_ACTIONS = ["approve", "agree", "dismiss", "hide", "delete"]
#: Actions that tell the member why, so need a reason.
REASON_REQUIRED = {"agree", "hide", "delete", "spam", "edit"}


def _check_takes_post_actions(item: ReviewItem) -> None:
    if item.kind == ReviewKind.APPEAL:
        raise ValidationError(
            _("An appeal is decided in its Appeal section, so that the member is told."),
            code="appeal",
        )
    if item.post is None:
        raise ValidationError(_("This item has no post to act on."), code="invalid_action")


@transaction.atomic
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

    Actions (``ITEM_ACTIONS``): ``approve`` (publish a held post, show a
    hidden one, dismiss its flags), ``agree`` (the flags were right: hide the
    post), ``dismiss`` (flags wrong: show the post), ``hide``, ``delete``,
    ``spam`` (delete and silence a new author) close the item; ``edit``
    (``body``, ``reason``), ``lock``/``unlock``, ``pin``/``unpin``, ``move``
    (``category``) and ``merge`` (into ``target_thread``) leave it open; the
    thread's other open items follow a move or merge. Raises
    ``ValidationError`` (``already_resolved``, ``claimed``,
    ``invalid_action``, ``appeal``, ``reason_required``, ``unchanged`` ...),
    ``PermissionDenied`` and ``Http404``.
    """
    carry_out = ITEM_ACTIONS.get(action)
    if carry_out is None:
        raise ValidationError(_("Unknown action."), code="invalid_action")
    item = lock_item(item, actor)
    _check_takes_post_actions(item)
    reason = reason.strip()
    if action in REASON_REQUIRED and not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Give the member a reason."), "reason_required")}
        )
    return carry_out(
        ItemAction(
            actor=actor,
            item=item,
            reason=reason,
            body=body,
            category=category,
            target_thread=target_thread,
        )
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
