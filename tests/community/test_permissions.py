"""Who may see and do what in the forum: one test per branch of every can_/check_ function."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.roles import Role
from community import permissions
from community.models import CategoryModerator, Post, PostStatus, Visibility
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    CategoryFactory,
    PostFactory,
    ThreadFactory,
    first_post,
    reload,
)

pytestmark = pytest.mark.django_db


VISITOR = "visitor"
UNVERIFIED = "unverified member"
MEMBER = "member"
MODERATOR = "moderator"
MANAGER = "community manager"
DEPARTMENT = "department staff"
ADMIN = "admin"

EVERYONE = [VISITOR, UNVERIFIED, MEMBER, MODERATOR, MANAGER, DEPARTMENT, ADMIN]
SIGNED_IN = [UNVERIFIED, MEMBER, MODERATOR, MANAGER, DEPARTMENT, ADMIN]
FORUM_STAFF = [MODERATOR, MANAGER, ADMIN]
NOT_FORUM_STAFF = [VISITOR, UNVERIFIED, MEMBER, DEPARTMENT]
SEE_INTERNAL = [MODERATOR, MANAGER, DEPARTMENT, ADMIN]
WRITERS = [MEMBER, MODERATOR, MANAGER, DEPARTMENT, ADMIN]

ROLES = {
    MODERATOR: Role.MODERATOR,
    MANAGER: Role.COMMUNITY_MANAGER,
    DEPARTMENT: Role.DEPARTMENT_STAFF,
    ADMIN: Role.ADMIN,
}

SIGN_IN = "Sign in to take part."
CONFIRM_EMAIL = "Confirm your e-mail address before you post."


def person(kind: str):
    """Return a visitor, or a new account of ``kind``."""
    if kind == VISITOR:
        return AnonymousUser()
    if kind == UNVERIFIED:
        return UserFactory(verified=False)
    return UserFactory(role=ROLES.get(kind))


def refused_with(message: str, check, *args) -> None:
    with pytest.raises(PermissionDenied) as refusal:
        check(*args)
    assert str(refusal.value) == message


def thread_in(visibility=Visibility.PUBLIC, **category):
    return ThreadFactory(category=CategoryFactory(visibility=visibility, **category))


def reply_in(thread, author=None) -> Post:
    return reload(PostFactory(thread=thread, author=author or UserFactory()))


def age(post: Post, seconds: int) -> Post:
    """Pretend ``post`` was written ``seconds`` ago."""
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(seconds=seconds))
    return reload(post)


def soft_delete(post: Post) -> Post:
    Post.objects.filter(pk=post.pk).update(is_deleted=True, deleted_at=timezone.now())
    return reload(post)


def lock(thread):
    type(thread).objects.filter(pk=thread.pk).update(is_locked=True)
    thread.is_locked = True
    return thread


# is_forum_staff ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", FORUM_STAFF)
def test_moderators_managers_and_admins_are_forum_staff(kind):
    assert permissions.is_forum_staff(person(kind)) is True


@pytest.mark.parametrize("kind", NOT_FORUM_STAFF)
def test_visitors_members_and_department_staff_are_not_forum_staff(kind):
    assert permissions.is_forum_staff(person(kind)) is False


# can_see_category / check_can_see_category ------------------------------------------------


@pytest.mark.parametrize("kind", EVERYONE)
def test_everyone_sees_a_public_category(kind):
    category = CategoryFactory(visibility=Visibility.PUBLIC)
    viewer = person(kind)

    assert permissions.can_see_category(viewer, category) is True
    permissions.check_can_see_category(viewer, category)


@pytest.mark.parametrize("kind", SIGNED_IN)
def test_signed_in_people_see_a_members_category(kind):
    category = CategoryFactory(visibility=Visibility.MEMBERS)
    viewer = person(kind)

    assert permissions.can_see_category(viewer, category) is True
    permissions.check_can_see_category(viewer, category)


def test_a_members_category_is_missing_for_a_visitor():
    category = CategoryFactory(visibility=Visibility.MEMBERS)

    assert permissions.can_see_category(AnonymousUser(), category) is False
    with pytest.raises(Http404):
        permissions.check_can_see_category(AnonymousUser(), category)


@pytest.mark.parametrize("kind", SEE_INTERNAL)
def test_moderators_managers_department_staff_and_admins_see_an_internal_category(kind):
    category = CategoryFactory(visibility=Visibility.INTERNAL)
    viewer = person(kind)

    assert permissions.can_see_category(viewer, category) is True
    permissions.check_can_see_category(viewer, category)


@pytest.mark.parametrize("kind", [VISITOR, UNVERIFIED, MEMBER])
def test_an_internal_category_is_missing_for_visitors_and_members(kind):
    category = CategoryFactory(visibility=Visibility.INTERNAL)
    viewer = person(kind)

    assert permissions.can_see_category(viewer, category) is False
    with pytest.raises(Http404):
        permissions.check_can_see_category(viewer, category)


# silenced members --------------------------------------------------------------------------


def silenced_member():
    return UserFactory(silenced_until=timezone.now() + timedelta(days=3))


@pytest.mark.parametrize(
    "check",
    [
        lambda user, thread: permissions.check_can_start_thread(user, thread.category),
        lambda user, thread: permissions.check_can_reply(user, thread),
        lambda user, thread: permissions.check_can_react(user, first_post(thread)),
    ],
    ids=["start_thread", "reply", "react"],
)
def test_a_silenced_member_is_told_they_cannot_post_until_the_silence_ends(check):
    member = silenced_member()
    thread = thread_in()

    with pytest.raises(PermissionDenied) as refusal:
        check(member, thread)

    assert "a moderator has silenced your account" in str(refusal.value)


def test_a_silenced_member_is_not_offered_to_reply():
    assert permissions.can_reply(silenced_member(), thread_in()) is False


def test_a_member_whose_silence_has_ended_may_post_again():
    member = UserFactory(silenced_until=timezone.now() - timedelta(minutes=1))

    permissions.check_can_reply(member, thread_in())


# start a thread ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", WRITERS)
def test_verified_members_and_staff_may_start_a_thread_in_a_public_category(kind):
    category = CategoryFactory()
    author = person(kind)

    assert permissions.can_start_thread(author, category) is True
    permissions.check_can_start_thread(author, category)


def test_a_visitor_is_asked_to_sign_in_to_start_a_thread():
    category = CategoryFactory()

    assert permissions.can_start_thread(AnonymousUser(), category) is False
    refused_with(SIGN_IN, permissions.check_can_start_thread, AnonymousUser(), category)


def test_an_unverified_member_is_asked_to_confirm_their_email_to_start_a_thread():
    category = CategoryFactory()
    author = person(UNVERIFIED)

    assert permissions.can_start_thread(author, category) is False
    refused_with(CONFIRM_EMAIL, permissions.check_can_start_thread, author, category)


def test_a_member_cannot_start_a_thread_in_an_internal_category_they_cannot_see():
    category = CategoryFactory(visibility=Visibility.INTERNAL)
    author = person(MEMBER)

    assert permissions.can_start_thread(author, category) is False
    with pytest.raises(Http404):
        permissions.check_can_start_thread(author, category)


def test_department_staff_may_start_a_thread_in_an_internal_category():
    category = CategoryFactory(visibility=Visibility.INTERNAL)

    permissions.check_can_start_thread(person(DEPARTMENT), category)


# reply ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", WRITERS)
def test_verified_members_and_staff_may_reply_to_an_open_thread(kind):
    thread = thread_in()
    author = person(kind)

    assert permissions.can_reply(author, thread) is True
    permissions.check_can_reply(author, thread)


def test_a_visitor_is_asked_to_sign_in_to_reply():
    thread = thread_in()

    assert permissions.can_reply(AnonymousUser(), thread) is False
    refused_with(SIGN_IN, permissions.check_can_reply, AnonymousUser(), thread)


def test_an_unverified_member_is_asked_to_confirm_their_email_to_reply():
    thread = thread_in()
    author = person(UNVERIFIED)

    assert permissions.can_reply(author, thread) is False
    refused_with(CONFIRM_EMAIL, permissions.check_can_reply, author, thread)


@pytest.mark.parametrize("kind", [MEMBER, DEPARTMENT])
def test_a_locked_thread_refuses_replies_from_members_and_department_staff(kind):
    thread = lock(thread_in())
    author = person(kind)

    assert permissions.can_reply(author, thread) is False
    refused_with("This thread is locked.", permissions.check_can_reply, author, thread)


@pytest.mark.parametrize("kind", FORUM_STAFF)
def test_forum_staff_may_still_reply_to_a_locked_thread(kind):
    thread = lock(thread_in())
    author = person(kind)

    assert permissions.can_reply(author, thread) is True
    permissions.check_can_reply(author, thread)


def test_a_member_cannot_reply_in_an_internal_category():
    thread = thread_in(Visibility.INTERNAL)
    author = person(MEMBER)

    assert permissions.can_reply(author, thread) is False
    with pytest.raises(Http404):
        permissions.check_can_reply(author, thread)


def test_a_visitor_cannot_reply_in_a_members_category_they_cannot_see():
    thread = thread_in(Visibility.MEMBERS)

    with pytest.raises(Http404):
        permissions.check_can_reply(AnonymousUser(), thread)


# edit -------------------------------------------------------------------------------------


def test_the_author_may_edit_their_post_within_the_edit_window(settings):
    thread = thread_in()
    post = age(reply_in(thread), settings.LIAISON_POST_EDIT_WINDOW_SECONDS - 60)

    assert permissions.can_edit_post(post.author, post) is True
    permissions.check_can_edit_post(post.author, post)


def test_the_author_may_no_longer_edit_once_the_edit_window_has_passed(settings):
    thread = thread_in()
    post = age(reply_in(thread), settings.LIAISON_POST_EDIT_WINDOW_SECONDS + 60)

    assert permissions.can_edit_post(post.author, post) is False
    refused_with(
        "The time for editing this post has passed.",
        permissions.check_can_edit_post,
        post.author,
        post,
    )


def test_the_edit_window_follows_the_setting(settings):
    settings.LIAISON_POST_EDIT_WINDOW_SECONDS = 30
    post = age(reply_in(thread_in()), 90)

    assert permissions.can_edit_post(post.author, post) is False


@pytest.mark.parametrize("kind", [MEMBER, DEPARTMENT])
def test_someone_else_cannot_edit_a_post(kind):
    post = reply_in(thread_in())
    editor = person(kind)

    assert permissions.can_edit_post(editor, post) is False
    refused_with("You can only edit your own posts.", permissions.check_can_edit_post, editor, post)


def test_the_author_cannot_edit_a_deleted_post():
    post = soft_delete(reply_in(thread_in()))

    assert permissions.can_edit_post(post.author, post) is False
    refused_with("This post has been deleted.", permissions.check_can_edit_post, post.author, post)


def test_the_author_cannot_edit_a_post_in_a_locked_thread():
    thread = thread_in()
    post = reply_in(thread)
    lock(post.thread)

    assert permissions.can_edit_post(post.author, post) is False
    refused_with("This thread is locked.", permissions.check_can_edit_post, post.author, post)


@pytest.mark.parametrize("kind", FORUM_STAFF)
def test_forum_staff_may_edit_any_post_even_old_deleted_or_locked(kind, settings):
    post = age(reply_in(thread_in()), settings.LIAISON_POST_EDIT_WINDOW_SECONDS * 10)
    post = soft_delete(post)
    lock(post.thread)
    editor = person(kind)

    assert permissions.can_edit_post(editor, post) is True
    permissions.check_can_edit_post(editor, post)


def test_a_visitor_is_asked_to_sign_in_to_edit():
    post = first_post(thread_in())

    assert permissions.can_edit_post(AnonymousUser(), post) is False
    refused_with(SIGN_IN, permissions.check_can_edit_post, AnonymousUser(), post)


def test_an_unverified_author_is_asked_to_confirm_their_email_to_edit():
    author = person(UNVERIFIED)
    post = first_post(ThreadFactory(author=author))

    assert permissions.can_edit_post(author, post) is False
    refused_with(CONFIRM_EMAIL, permissions.check_can_edit_post, author, post)


def test_a_post_in_a_category_the_editor_cannot_see_is_missing():
    author = person(MEMBER)
    post = first_post(ThreadFactory(author=author, category__visibility=Visibility.INTERNAL))

    assert permissions.can_edit_post(author, post) is False
    with pytest.raises(Http404):
        permissions.check_can_edit_post(author, post)


# delete -----------------------------------------------------------------------------------


def test_the_author_may_delete_their_post_even_after_the_edit_window(settings):
    post = age(reply_in(thread_in()), settings.LIAISON_POST_EDIT_WINDOW_SECONDS * 2)

    assert permissions.can_delete_post(post.author, post) is True
    permissions.check_can_delete_post(post.author, post)


@pytest.mark.parametrize("kind", FORUM_STAFF)
def test_forum_staff_may_delete_anyones_post(kind):
    post = reply_in(thread_in())
    actor = person(kind)

    assert permissions.can_delete_post(actor, post) is True
    permissions.check_can_delete_post(actor, post)


@pytest.mark.parametrize("kind", [MEMBER, DEPARTMENT])
def test_someone_else_cannot_delete_a_post(kind):
    post = reply_in(thread_in())
    actor = person(kind)

    assert permissions.can_delete_post(actor, post) is False
    refused_with(
        "You can only delete your own posts.", permissions.check_can_delete_post, actor, post
    )


@pytest.mark.parametrize("kind", [MEMBER, MODERATOR])
def test_a_deleted_post_cannot_be_deleted_again(kind):
    author = person(kind)
    post = soft_delete(reply_in(thread_in(), author=author))

    assert permissions.can_delete_post(author, post) is False
    refused_with(
        "This post has already been deleted.", permissions.check_can_delete_post, author, post
    )


def test_a_visitor_is_asked_to_sign_in_to_delete():
    post = reply_in(thread_in())

    assert permissions.can_delete_post(AnonymousUser(), post) is False
    refused_with(SIGN_IN, permissions.check_can_delete_post, AnonymousUser(), post)


def test_an_unverified_author_is_asked_to_confirm_their_email_to_delete():
    author = person(UNVERIFIED)
    post = first_post(ThreadFactory(author=author))

    refused_with(CONFIRM_EMAIL, permissions.check_can_delete_post, author, post)


def test_deleting_a_post_in_a_hidden_category_is_missing():
    post = first_post(thread_in(Visibility.INTERNAL))

    with pytest.raises(Http404):
        permissions.check_can_delete_post(person(MEMBER), post)


# react ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", WRITERS)
def test_verified_members_and_staff_may_react_to_someone_elses_post(kind):
    post = first_post(thread_in())
    reactor = person(kind)

    assert permissions.can_react(reactor, post) is True
    permissions.check_can_react(reactor, post)


@pytest.mark.parametrize("kind", [MEMBER, MODERATOR])
def test_nobody_may_react_to_their_own_post(kind):
    author = person(kind)
    post = first_post(ThreadFactory(author=author))

    assert permissions.can_react(author, post) is False
    refused_with("You cannot react to your own post.", permissions.check_can_react, author, post)


def test_nobody_may_react_to_a_deleted_post():
    post = soft_delete(reply_in(thread_in()))
    reactor = person(MEMBER)

    assert permissions.can_react(reactor, post) is False
    refused_with("This post has been deleted.", permissions.check_can_react, reactor, post)


def test_a_visitor_is_asked_to_sign_in_to_react():
    post = first_post(thread_in())

    assert permissions.can_react(AnonymousUser(), post) is False
    refused_with(SIGN_IN, permissions.check_can_react, AnonymousUser(), post)


def test_an_unverified_member_is_asked_to_confirm_their_email_to_react():
    post = first_post(thread_in())
    reactor = person(UNVERIFIED)

    assert permissions.can_react(reactor, post) is False
    refused_with(CONFIRM_EMAIL, permissions.check_can_react, reactor, post)


def test_reacting_in_a_hidden_category_is_missing():
    post = first_post(thread_in(Visibility.INTERNAL))

    with pytest.raises(Http404):
        permissions.check_can_react(person(MEMBER), post)


# accept an answer -------------------------------------------------------------------------


def question(**thread):
    return ThreadFactory(category=CategoryFactory(is_qa=True), **thread)


def test_the_asker_may_accept_a_reply_as_the_answer():
    thread = question()
    answer = reply_in(thread)

    assert permissions.can_accept_answer(thread.author, thread) is True
    permissions.check_can_accept_answer(thread.author, answer)


@pytest.mark.parametrize("kind", FORUM_STAFF)
def test_forum_staff_may_accept_an_answer_to_someone_elses_question(kind):
    thread = question()
    answer = reply_in(thread)
    actor = person(kind)

    assert permissions.can_accept_answer(actor, thread) is True
    permissions.check_can_accept_answer(actor, answer)


@pytest.mark.parametrize("kind", [MEMBER, DEPARTMENT])
def test_someone_other_than_the_asker_or_staff_cannot_accept_an_answer(kind):
    thread = question()
    answer = reply_in(thread)
    actor = person(kind)

    assert permissions.can_accept_answer(actor, thread) is False
    refused_with(
        "Only the person who asked or staff can accept an answer.",
        permissions.check_can_accept_answer,
        actor,
        answer,
    )


def test_the_answer_author_cannot_accept_their_own_answer_to_someone_elses_question():
    thread = question()
    answer = reply_in(thread)

    refused_with(
        "Only the person who asked or staff can accept an answer.",
        permissions.check_can_accept_answer,
        answer.author,
        answer,
    )


def test_answers_are_accepted_only_in_q_and_a_categories():
    thread = thread_in()
    answer = reply_in(thread)

    assert permissions.can_accept_answer(thread.author, thread) is False
    refused_with(
        "Only questions in Q&A categories have accepted answers.",
        permissions.check_can_accept_answer,
        thread.author,
        answer,
    )


def test_the_question_itself_cannot_be_its_answer():
    thread = question()

    refused_with(
        "The question itself cannot be its answer.",
        permissions.check_can_accept_answer,
        thread.author,
        first_post(thread),
    )


def test_a_deleted_reply_cannot_be_accepted():
    thread = question()
    answer = soft_delete(reply_in(thread))

    refused_with(
        "This post has been deleted.", permissions.check_can_accept_answer, thread.author, answer
    )


def test_a_visitor_cannot_accept_an_answer():
    thread = question()
    answer = reply_in(thread)

    assert permissions.can_accept_answer(AnonymousUser(), thread) is False
    refused_with(SIGN_IN, permissions.check_can_accept_answer, AnonymousUser(), answer)


def test_an_unverified_asker_is_asked_to_confirm_their_email_to_accept_an_answer():
    asker = person(UNVERIFIED)
    thread = question(author=asker)
    answer = reply_in(thread)

    refused_with(CONFIRM_EMAIL, permissions.check_can_accept_answer, asker, answer)


def test_an_unverified_asker_is_not_offered_to_accept_an_answer():
    asker = person(UNVERIFIED)
    thread = question(author=asker)

    assert permissions.can_accept_answer(asker, thread) is False


def test_accepting_in_a_hidden_category_is_missing():
    thread = ThreadFactory(
        category=CategoryFactory(is_qa=True, visibility=Visibility.INTERNAL),
        author=person(MODERATOR),
    )
    answer = reply_in(thread, author=person(MODERATOR))

    with pytest.raises(Http404):
        permissions.check_can_accept_answer(person(MEMBER), answer)


# the accepted answer above the posts ------------------------------------------------------


def test_a_published_accepted_answer_shows_above_the_posts():
    thread = question()
    thread.accepted_answer = reply_in(thread)

    assert permissions.shows_accepted_answer(thread) is True


def test_a_thread_without_an_accepted_answer_shows_none():
    assert permissions.shows_accepted_answer(question()) is False


def test_a_deleted_accepted_answer_does_not_show_above_the_posts():
    thread = question()
    thread.accepted_answer = soft_delete(reply_in(thread))

    assert permissions.shows_accepted_answer(thread) is False


@pytest.mark.parametrize("status", [PostStatus.PENDING, PostStatus.HIDDEN])
def test_an_accepted_answer_under_review_does_not_show_above_the_posts(status):
    thread = question()
    answer = reply_in(thread)
    answer.status = status
    thread.accepted_answer = answer

    assert permissions.shows_accepted_answer(thread) is False


# moderate threads -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", FORUM_STAFF)
def test_forum_staff_may_lock_and_pin_threads(kind):
    thread = thread_in()
    actor = person(kind)

    assert permissions.can_moderate_thread(actor, thread) is True
    permissions.check_can_moderate_thread(actor, thread)


@pytest.mark.parametrize("kind", NOT_FORUM_STAFF)
def test_others_may_not_lock_or_pin_threads(kind):
    thread = thread_in()
    actor = person(kind)

    assert permissions.can_moderate_thread(actor, thread) is False
    refused_with(
        "Only moderators can do this.",
        permissions.check_can_moderate_thread,
        actor,
        thread,
    )


def test_moderating_a_thread_in_a_hidden_category_is_missing():
    thread = thread_in(Visibility.INTERNAL)
    actor = person(MEMBER)

    assert permissions.can_moderate_thread(actor, thread) is False
    with pytest.raises(Http404):
        permissions.check_can_moderate_thread(actor, thread)


# post content under review ----------------------------------------------------------------


def post_with_status(status):
    post = reply_in(thread_in())
    Post.objects.filter(pk=post.pk).update(status=status)
    return reload(post)


@pytest.mark.parametrize("kind", EVERYONE)
def test_everyone_who_sees_the_thread_reads_a_published_post(kind):
    assert permissions.can_see_post_content(person(kind), reply_in(thread_in())) is True


@pytest.mark.parametrize("status", [PostStatus.PENDING, PostStatus.HIDDEN])
@pytest.mark.parametrize("kind", [VISITOR, MEMBER, DEPARTMENT])
def test_a_post_under_review_is_not_read_by_others(status, kind):
    assert permissions.can_see_post_content(person(kind), post_with_status(status)) is False


@pytest.mark.parametrize("status", [PostStatus.PENDING, PostStatus.HIDDEN])
def test_the_author_reads_their_post_under_review(status):
    post = post_with_status(status)

    assert permissions.can_see_post_content(post.author, post) is True


@pytest.mark.parametrize("status", [PostStatus.PENDING, PostStatus.HIDDEN])
@pytest.mark.parametrize("kind", FORUM_STAFF)
def test_forum_staff_read_a_post_under_review(status, kind):
    assert permissions.can_see_post_content(person(kind), post_with_status(status)) is True


# category moderators (CategoryModerator rows) ---------------------------------------------


@pytest.fixture
def category_moderator():
    """A member named moderator of one category by a ``CategoryModerator`` row."""
    member = person(MEMBER)
    category = CategoryFactory()
    CategoryModerator.objects.create(user=member, category=category)
    return member, category


def test_a_category_moderator_moderates_their_category(category_moderator):
    member, category = category_moderator
    thread = lock(ThreadFactory(category=category))

    assert permissions.is_forum_staff(member, category) is True
    assert permissions.can_moderate_thread(member, thread) is True
    permissions.check_can_reply(member, thread)
    permissions.check_can_delete_post(member, first_post(thread))


def test_a_category_moderator_is_a_member_elsewhere(category_moderator):
    member, _category = category_moderator
    thread = lock(thread_in())

    assert permissions.is_forum_staff(member) is False
    assert permissions.is_forum_staff(member, thread.category) is False
    assert permissions.can_moderate_thread(member, thread) is False
    refused_with("This thread is locked.", permissions.check_can_reply, member, thread)


# follow -----------------------------------------------------------------------------------


def test_a_signed_in_member_may_follow_a_thread_they_can_see():
    assert permissions.can_follow_thread(person(MEMBER), thread_in()) is True


def test_a_visitor_cannot_follow_a_thread():
    assert permissions.can_follow_thread(AnonymousUser(), thread_in()) is False


def test_nobody_follows_a_thread_they_cannot_see():
    assert permissions.can_follow_thread(person(MEMBER), thread_in(Visibility.INTERNAL)) is False


def test_a_signed_in_member_may_watch_a_category_they_can_see():
    assert permissions.can_watch_category(person(MEMBER), CategoryFactory()) is True


def test_a_visitor_cannot_watch_a_category():
    assert permissions.can_watch_category(AnonymousUser(), CategoryFactory()) is False


def test_nobody_watches_a_category_they_cannot_see():
    internal = CategoryFactory(visibility=Visibility.INTERNAL)

    assert permissions.can_watch_category(person(MEMBER), internal) is False
