"""Every write of the forum, against the database: counters, numbering, history, reactions."""

import datetime
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import TrustLevel, User
from accounts.roles import Role
from community import markdown, services
from community.models import (
    Category,
    MemberActivity,
    Mention,
    Post,
    PostRevision,
    PostStatus,
    Quote,
    Reaction,
    ReactionKind,
    ReadState,
    Tag,
    Thread,
    Visibility,
)
from community.services import posts as posts_module
from community.services.trust import REQUIREMENTS
from community.signals import post_edited
from notifications import services as notifications
from notifications.models import CategoryWatch, Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    CategoryFactory,
    PostFactory,
    TagFactory,
    ThreadFactory,
    first_post,
    reload,
)
from tests.conftest import HOLD_MARK, held_thread

pytestmark = pytest.mark.django_db


def error_codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def activity(user) -> MemberActivity:
    return MemberActivity.objects.get_or_create(user=user)[0]


def fresh(instance):
    instance.refresh_from_db()
    return instance


# start_thread -----------------------------------------------------------------------------


def test_start_thread_opens_a_thread_whose_first_post_is_the_body():
    author = UserFactory()
    category = CategoryFactory()

    thread = services.start_thread(
        author=author, category=category, title="  How   do I  export? ", body="  **Help**  "
    )

    thread = fresh(thread)
    assert thread.title == "How do I export?"
    assert thread.slug == "how-do-i-export"
    assert thread.last_post_number == 1
    assert thread.last_poster == author
    assert thread.reply_count == 0
    (post,) = thread.posts.all()
    assert (post.number, post.author, post.body) == (1, author, "**Help**")
    assert "<strong>Help</strong>" in post.html


def test_start_thread_counts_the_thread_on_its_category_and_author():
    author = UserFactory()
    category = CategoryFactory()

    thread = services.start_thread(author=author, category=category, title="Counting", body="one")

    category = fresh(category)
    assert (category.thread_count, category.post_count) == (1, 1)
    assert category.last_thread == thread
    assert category.last_post_at is not None
    assert fresh(author).post_count == 1
    assert activity(author).threads_created == 1


def test_start_thread_deduplicates_tags_by_slug_and_reuses_existing_tags():
    existing = TagFactory(name="Billing")

    thread = services.start_thread(
        author=UserFactory(),
        category=CategoryFactory(),
        title="Tags",
        body="x",
        tags=["billing", "BILLING", "Data Export", "data   export", "", "  "],
    )

    assert sorted(thread.tags.values_list("slug", flat=True)) == ["billing", "data-export"]
    assert thread.tags.get(slug="billing") == existing
    assert Tag.objects.count() == 2


def test_start_thread_accepts_five_distinct_tags_even_when_more_names_repeat_them():
    thread = services.start_thread(
        author=UserFactory(),
        category=CategoryFactory(),
        title="Five tags",
        body="x",
        tags=["a1", "b2", "c3", "d4", "e5", "A1", "B2"],
    )

    assert thread.tags.count() == 5


def test_start_thread_refuses_more_than_five_tags_and_stores_nothing():
    author = UserFactory()
    category = CategoryFactory()

    with pytest.raises(ValidationError) as refusal:
        services.start_thread(
            author=author,
            category=category,
            title="Too many tags",
            body="x",
            tags=["one", "two", "three", "four", "five", "six"],
        )

    assert error_codes(refusal.value) == {"tags": ["too_many"]}
    assert Thread.objects.count() == 0
    assert Tag.objects.count() == 0
    assert fresh(category).thread_count == 0
    assert fresh(author).post_count == 0


@pytest.mark.parametrize("body", ["", "   ", "\n\t\n"])
def test_start_thread_refuses_an_empty_body(body):
    with pytest.raises(ValidationError) as refusal:
        services.start_thread(
            author=UserFactory(), category=CategoryFactory(), title="Empty", body=body
        )

    assert error_codes(refusal.value) == {"body": ["empty"]}
    assert Thread.objects.count() == 0


def test_start_thread_refuses_a_body_over_the_length_limit(settings):
    settings.LIAISON_POST_MAX_LENGTH = 50

    with pytest.raises(ValidationError) as refusal:
        services.start_thread(
            author=UserFactory(), category=CategoryFactory(), title="Long", body="x" * 51
        )

    assert error_codes(refusal.value) == {"body": ["too_long"]}
    assert "50" in refusal.value.error_dict["body"][0].message
    assert Thread.objects.count() == 0


def test_start_thread_accepts_a_body_of_exactly_the_length_limit(settings):
    settings.LIAISON_POST_MAX_LENGTH = 50

    thread = services.start_thread(
        author=UserFactory(), category=CategoryFactory(), title="Just fits", body="x" * 50
    )

    assert first_post(thread).body == "x" * 50


@pytest.mark.parametrize(
    ("title", "code"), [("", "short"), ("  ab  ", "short"), ("x" * 201, "too_long")]
)
def test_start_thread_refuses_an_empty_short_or_long_title(title, code):
    with pytest.raises(ValidationError) as refusal:
        services.start_thread(
            author=UserFactory(), category=CategoryFactory(), title=title, body="fine"
        )

    assert error_codes(refusal.value) == {"title": [code]}
    assert Thread.objects.count() == 0


def test_start_thread_stores_the_members_it_mentions():
    alice = UserFactory(username="alice")

    thread = services.start_thread(
        author=UserFactory(),
        category=CategoryFactory(),
        title="Hello there",
        body="Hi @Alice, @nobody",
    )

    post = first_post(thread)
    assert list(Mention.objects.filter(post=post).values_list("user", flat=True)) == [alice.pk]
    assert '<a href="/u/alice/"' in post.html


def test_start_thread_stores_the_posts_it_quotes():
    quoted = first_post(ThreadFactory())
    body = markdown.quote_source(
        username=quoted.author.username, permalink=quoted.get_absolute_url(), body=quoted.body
    )

    thread = services.start_thread(
        author=UserFactory(), category=CategoryFactory(), title="Follow-up", body=body + "More."
    )

    assert list(
        Quote.objects.filter(post=first_post(thread)).values_list("quoted_post", flat=True)
    ) == [quoted.pk]


def test_start_thread_refuses_an_unverified_member():
    with pytest.raises(PermissionDenied):
        services.start_thread(
            author=UserFactory(verified=False),
            category=CategoryFactory(),
            title="Hello there",
            body="x",
        )

    assert Thread.objects.count() == 0


def test_start_thread_in_an_internal_category_is_missing_for_a_member():
    with pytest.raises(Http404):
        services.start_thread(
            author=UserFactory(),
            category=CategoryFactory(visibility=Visibility.INTERNAL),
            title="Hello there",
            body="x",
        )

    assert Thread.objects.count() == 0


# reply_to_thread --------------------------------------------------------------------------


def test_replies_get_consecutive_numbers_after_the_first_post():
    thread = ThreadFactory()

    numbers = [PostFactory(thread=thread).number for _ in range(3)]

    assert numbers == [2, 3, 4]
    assert list(thread.posts.order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4]


def test_a_reply_updates_the_thread_category_and_author_counters():
    thread = ThreadFactory()
    category = thread.category
    author = UserFactory()

    post = services.reply_to_thread(author=author, thread=thread, body="  Me too.  ")

    assert post.body == "Me too."
    thread = fresh(thread)
    assert thread.reply_count == 1
    assert thread.last_post_number == 2
    assert thread.last_poster == author
    assert thread.last_post_at == post.created_at
    category = fresh(category)
    assert category.post_count == 2
    assert category.thread_count == 1
    assert category.last_thread == thread
    assert fresh(author).post_count == 1
    assert activity(author).replies_created == 1


def test_reply_to_thread_refuses_a_locked_thread():
    thread = ThreadFactory(is_locked=True)
    author = UserFactory()

    with pytest.raises(PermissionDenied, match=re.escape("This thread is locked.")):
        services.reply_to_thread(author=author, thread=thread, body="Let me in")

    assert fresh(thread).last_post_number == 1
    assert thread.posts.count() == 1
    assert fresh(author).post_count == 0


def test_a_moderator_may_reply_to_a_locked_thread():
    thread = ThreadFactory(is_locked=True)

    post = services.reply_to_thread(
        author=UserFactory(role=Role.MODERATOR), thread=thread, body="Closing note."
    )

    assert post.number == 2


def test_reply_to_thread_in_an_internal_category_is_missing_for_a_member():
    thread = ThreadFactory(category__visibility=Visibility.INTERNAL)

    with pytest.raises(Http404):
        services.reply_to_thread(author=UserFactory(), thread=thread, body="Peek")

    assert thread.posts.count() == 1


def test_reply_to_thread_refuses_an_unverified_member():
    thread = ThreadFactory()

    with pytest.raises(PermissionDenied, match=re.escape("Confirm your e-mail address")):
        services.reply_to_thread(author=UserFactory(verified=False), thread=thread, body="Hi")

    assert thread.posts.count() == 1


@pytest.mark.parametrize(("body", "code"), [("  ", "empty"), ("y" * 51, "too_long")])
def test_reply_to_thread_refuses_an_empty_or_oversized_body(settings, body, code):
    settings.LIAISON_POST_MAX_LENGTH = 50
    thread = ThreadFactory()

    with pytest.raises(ValidationError) as refusal:
        services.reply_to_thread(author=UserFactory(), thread=thread, body=body)

    assert error_codes(refusal.value) == {"body": [code]}
    assert fresh(thread).reply_count == 0
    assert thread.posts.count() == 1


def test_a_reply_stores_mentions_once_each():
    bob = UserFactory(username="bob")
    thread = ThreadFactory()

    post = services.reply_to_thread(author=UserFactory(), thread=thread, body="@bob @BOB @bob")

    assert list(Mention.objects.filter(post=post).values_list("user", flat=True)) == [bob.pk]


def test_a_reply_stores_the_post_it_quotes():
    thread = ThreadFactory()
    quoted = PostFactory(thread=thread)
    body = markdown.quote_source(
        username=quoted.author.username, permalink=reload(quoted).get_absolute_url(), body="x"
    )

    post = services.reply_to_thread(author=UserFactory(), thread=thread, body=body + "Agreed.")

    assert list(post.quotes.values_list("quoted_post", flat=True)) == [quoted.pk]


# edit_post --------------------------------------------------------------------------------


def test_the_first_edit_keeps_the_original_as_revision_one():
    post = reload(PostFactory(body="Original text"))
    original_time = post.created_at

    services.edit_post(editor=post.author, post=post, body="Better text")

    post = reload(post)
    assert post.body == "Better text"
    assert "Better text" in post.html
    assert post.edited_at is not None
    assert post.revision_count == 2
    revisions = list(post.revisions.all())
    assert [(r.number, r.body, r.editor) for r in revisions] == [
        (1, "Original text", post.author),
        (2, "Better text", post.author),
    ]
    assert revisions[0].created_at == original_time


def test_each_edit_adds_a_revision_with_its_editor():
    post = reload(PostFactory(body="v1"))
    moderator = UserFactory(role=Role.MODERATOR)

    services.edit_post(editor=post.author, post=post, body="v2")
    services.edit_post(editor=moderator, post=reload(post), body="v3")

    post = reload(post)
    assert post.revision_count == 3
    assert list(post.revisions.values_list("number", "body", "editor")) == [
        (1, "v1", post.author_id),
        (2, "v2", post.author_id),
        (3, "v3", moderator.pk),
    ]


def test_an_edit_that_changes_nothing_stores_nothing():
    post = reload(PostFactory(body="Same"))

    services.edit_post(editor=post.author, post=post, body="  Same \n")

    post = reload(post)
    assert post.revision_count == 0
    assert post.edited_at is None
    assert PostRevision.objects.count() == 0


def test_an_edit_announces_itself_once_and_a_no_op_edit_not_at_all():
    post = reload(PostFactory(body="Before"))
    edited = []

    def receiver(sender, post, **kwargs):
        edited.append(post.pk)

    post_edited.connect(receiver)
    try:
        services.edit_post(editor=post.author, post=post, body="After")
        services.edit_post(editor=post.author, post=reload(post), body="After")
    finally:
        post_edited.disconnect(receiver)

    assert edited == [post.pk]


def test_editing_the_first_posts_title_renames_the_thread_and_its_slug():
    thread = ThreadFactory(title="Old name", body="Body")
    post = first_post(thread)

    services.edit_post(editor=thread.author, post=post, body="Body", title="  New   name ")

    thread = fresh(thread)
    assert thread.title == "New name"
    assert thread.slug == "new-name"
    assert reload(post).revision_count == 0


def test_a_title_given_with_a_reply_changes_nothing():
    thread = ThreadFactory(title="Kept title")
    post = reload(PostFactory(thread=thread, body="Reply"))

    services.edit_post(editor=post.author, post=post, body="Reply", title="Hijacked")

    assert fresh(thread).title == "Kept title"


def test_an_edit_updates_the_mentions():
    UserFactory(username="carol")
    dave = UserFactory(username="dave")
    post = reload(PostFactory(body="hi @carol"))

    services.edit_post(editor=post.author, post=post, body="hi @dave")

    assert list(Mention.objects.filter(post=post).values_list("user", flat=True)) == [dave.pk]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [({"body": "  "}, "body", "empty"), ({"body": "ok", "title": "no"}, "title", "short")],
)
def test_edit_post_refuses_an_empty_body_or_short_title_and_keeps_the_post(changes, field, code):
    thread = ThreadFactory(title="A fine title", body="Kept")
    post = first_post(thread)

    with pytest.raises(ValidationError) as refusal:
        services.edit_post(editor=thread.author, post=post, **changes)

    assert error_codes(refusal.value) == {field: [code]}
    assert reload(post).body == "Kept"
    assert fresh(thread).title == "A fine title"
    assert PostRevision.objects.count() == 0


def test_edit_post_refuses_someone_elses_post():
    post = reload(PostFactory(body="Mine"))

    with pytest.raises(PermissionDenied):
        services.edit_post(editor=UserFactory(), post=post, body="Yours now")

    assert reload(post).body == "Mine"


def test_edit_post_refuses_the_author_after_the_edit_window(settings):
    post = reload(PostFactory(body="Old"))
    Post.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.LIAISON_POST_EDIT_WINDOW_SECONDS + 1)
    )

    with pytest.raises(
        PermissionDenied, match=re.escape("The time for editing this post has passed.")
    ):
        services.edit_post(editor=post.author, post=reload(post), body="New")


# delete_post ------------------------------------------------------------------------------


def test_deleting_a_reply_leaves_a_placeholder_and_keeps_the_numbering():
    thread = ThreadFactory()
    doomed = reload(PostFactory(thread=thread))
    PostFactory(thread=thread)
    moderator = UserFactory(role=Role.MODERATOR)

    assert services.delete_post(actor=moderator, post=doomed) is True

    doomed = reload(doomed)
    assert doomed.is_deleted
    assert doomed.deleted_by == moderator
    assert doomed.deleted_at is not None
    assert list(thread.posts.order_by("number").values_list("number", flat=True)) == [1, 2, 3]
    assert fresh(thread).last_post_number == 3
    assert PostFactory(thread=thread).number == 4


def test_deleting_a_reply_takes_it_off_the_thread_and_author_counters():
    thread = ThreadFactory()
    post = reload(PostFactory(thread=thread))
    author = post.author

    services.delete_post(actor=author, post=post)

    assert fresh(thread).reply_count == 0
    assert fresh(author).post_count == 0


def test_deleting_a_reply_takes_it_off_the_category_post_count():
    thread = ThreadFactory()
    post = reload(PostFactory(thread=thread))
    assert fresh(thread.category).post_count == 2

    services.delete_post(actor=post.author, post=post)

    assert fresh(thread.category).post_count == 1


def test_deleting_the_first_post_keeps_the_reply_count():
    thread = ThreadFactory()
    PostFactory(thread=thread)

    services.delete_post(actor=thread.author, post=first_post(thread))

    assert fresh(thread).reply_count == 1
    assert fresh(thread.author).post_count == 0


def test_deleting_a_deleted_post_again_is_refused_and_counts_nothing_twice():
    thread = ThreadFactory()
    post = reload(PostFactory(thread=thread))
    author = post.author
    services.delete_post(actor=author, post=post)

    with pytest.raises(PermissionDenied, match=re.escape("This post has already been deleted.")):
        services.delete_post(actor=author, post=reload(post))

    assert fresh(thread).reply_count == 0
    assert fresh(author).post_count == 0


def test_a_second_delete_from_a_stale_page_changes_nothing():
    thread = ThreadFactory()
    post = reload(PostFactory(thread=thread))
    stale = reload(post)
    services.delete_post(actor=post.author, post=post)

    assert services.delete_post(actor=post.author, post=stale) is False

    assert fresh(thread).reply_count == 0
    assert fresh(post.author).post_count == 0


def test_deleting_the_accepted_answer_unsolves_the_question():
    thread = ThreadFactory(category__is_qa=True)
    answer = reload(PostFactory(thread=thread))
    services.accept_answer(actor=thread.author, post=answer)

    services.delete_post(actor=answer.author, post=reload(answer))

    assert fresh(thread).accepted_answer is None


def test_delete_post_refuses_someone_elses_post():
    post = reload(PostFactory())

    with pytest.raises(PermissionDenied, match=re.escape("You can only delete your own posts.")):
        services.delete_post(actor=UserFactory(), post=post)

    assert not reload(post).is_deleted


# toggle_reaction --------------------------------------------------------------------------


def test_a_reaction_is_given_then_taken_back():
    post = first_post(ThreadFactory())
    fan = UserFactory()

    assert services.toggle_reaction(user=fan, post=post, kind=ReactionKind.THANKS) is True
    assert Reaction.objects.filter(post=post, user=fan, kind="thanks").exists()

    assert services.toggle_reaction(user=fan, post=post, kind=ReactionKind.THANKS) is False
    assert not Reaction.objects.filter(post=post).exists()


def test_reactions_of_different_kinds_and_people_count_separately():
    post = first_post(ThreadFactory())
    first, second = UserFactory(), UserFactory()

    services.toggle_reaction(user=first, post=post, kind=ReactionKind.LIKE)
    services.toggle_reaction(user=second, post=post, kind=ReactionKind.LIKE)
    services.toggle_reaction(user=first, post=post, kind=ReactionKind.FUNNY)

    counts = {
        kind: Reaction.objects.filter(post=post, kind=kind).count() for kind in ReactionKind.values
    }
    assert counts == {"like": 2, "thanks": 0, "insightful": 0, "funny": 1}


def test_likes_count_as_given_and_received_and_are_taken_back():
    post = first_post(ThreadFactory())
    fan = UserFactory()

    services.toggle_reaction(user=fan, post=post, kind=ReactionKind.LIKE)
    assert (activity(fan).likes_given, activity(post.author).likes_received) == (1, 1)

    services.toggle_reaction(user=fan, post=post, kind=ReactionKind.LIKE)
    assert (activity(fan).likes_given, activity(post.author).likes_received) == (0, 0)


def test_reactions_other_than_likes_do_not_count_as_likes():
    post = first_post(ThreadFactory())
    fan = UserFactory()

    services.toggle_reaction(user=fan, post=post, kind=ReactionKind.INSIGHTFUL)

    assert (activity(fan).likes_given, activity(post.author).likes_received) == (0, 0)


def test_toggle_reaction_refuses_an_unknown_kind():
    post = first_post(ThreadFactory())

    with pytest.raises(ValueError, match=re.escape("unknown reaction kind")):
        services.toggle_reaction(user=UserFactory(), post=post, kind="love")

    assert not Reaction.objects.exists()


def test_toggle_reaction_refuses_ones_own_post():
    post = first_post(ThreadFactory())

    with pytest.raises(PermissionDenied, match=re.escape("You cannot react to your own post.")):
        services.toggle_reaction(user=post.author, post=post, kind=ReactionKind.LIKE)

    assert not Reaction.objects.exists()
    assert activity(post.author).likes_received == 0


# accepted answers -------------------------------------------------------------------------


def test_accepting_an_answer_solves_the_question_once():
    thread = ThreadFactory(category__is_qa=True)
    answer = reload(PostFactory(thread=thread))

    assert services.accept_answer(actor=thread.author, post=answer) is True
    assert services.accept_answer(actor=thread.author, post=reload(answer)) is False

    assert fresh(thread).accepted_answer == answer
    assert fresh(thread).is_solved


def test_accepting_another_answer_replaces_the_first():
    thread = ThreadFactory(category__is_qa=True)
    first, second = reload(PostFactory(thread=thread)), reload(PostFactory(thread=thread))
    services.accept_answer(actor=thread.author, post=first)

    assert services.accept_answer(actor=thread.author, post=second) is True

    assert fresh(thread).accepted_answer == second


def test_unaccepting_takes_the_acceptance_back_once():
    thread = ThreadFactory(category__is_qa=True)
    answer = reload(PostFactory(thread=thread))
    services.accept_answer(actor=thread.author, post=answer)

    assert services.unaccept_answer(actor=thread.author, post=reload(answer)) is True
    assert services.unaccept_answer(actor=thread.author, post=reload(answer)) is False

    assert fresh(thread).accepted_answer is None


def test_unaccepting_a_reply_that_is_not_the_answer_keeps_the_answer():
    thread = ThreadFactory(category__is_qa=True)
    answer, other = reload(PostFactory(thread=thread)), reload(PostFactory(thread=thread))
    services.accept_answer(actor=thread.author, post=answer)

    assert services.unaccept_answer(actor=thread.author, post=other) is False

    assert fresh(thread).accepted_answer == answer


def test_accept_answer_refuses_outside_q_and_a():
    thread = ThreadFactory()
    answer = reload(PostFactory(thread=thread))

    with pytest.raises(PermissionDenied):
        services.accept_answer(actor=thread.author, post=answer)

    assert fresh(thread).accepted_answer is None


def test_accept_answer_refuses_someone_other_than_the_asker():
    thread = ThreadFactory(category__is_qa=True)
    answer = reload(PostFactory(thread=thread))

    with pytest.raises(PermissionDenied):
        services.accept_answer(actor=answer.author, post=answer)

    assert fresh(thread).accepted_answer is None


# lock and pin -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "field"),
    [(services.lock_thread, "is_locked"), (services.pin_thread, "is_pinned")],
)
def test_lock_and_pin_return_whether_they_changed_anything(service, field):
    thread = ThreadFactory()
    moderator = UserFactory(role=Role.MODERATOR)

    assert service(actor=moderator, thread=thread, **{field: True}) is True
    assert getattr(fresh(thread), field) is True
    assert service(actor=moderator, thread=thread, **{field: True}) is False
    assert service(actor=moderator, thread=thread, **{field: False}) is True
    assert getattr(fresh(thread), field) is False
    assert service(actor=moderator, thread=thread, **{field: False}) is False


@pytest.mark.parametrize("service", [services.lock_thread, services.pin_thread])
def test_lock_and_pin_refuse_a_member(service):
    thread = ThreadFactory()

    with pytest.raises(PermissionDenied, match=re.escape("Only moderators can do this.")):
        service(actor=UserFactory(), thread=thread)

    thread = fresh(thread)
    assert not thread.is_locked
    assert not thread.is_pinned


# read state and visits --------------------------------------------------------------------


def thread_with_posts(count: int) -> Thread:
    thread = ThreadFactory()
    for _ in range(count - 1):
        PostFactory(thread=thread)
    return fresh(thread)


def test_mark_read_records_how_far_a_member_read_and_counts_posts_read():
    thread = thread_with_posts(5)
    reader = UserFactory()

    assert services.mark_read(user=reader, thread=thread, up_to_number=3) == 3

    assert ReadState.objects.get(user=reader, thread=thread).last_read_number == 3
    reader_activity = activity(reader)
    assert (reader_activity.posts_read, reader_activity.threads_entered) == (3, 1)


def test_mark_read_only_moves_forward():
    thread = thread_with_posts(5)
    reader = UserFactory()
    services.mark_read(user=reader, thread=thread, up_to_number=4)

    assert services.mark_read(user=reader, thread=thread, up_to_number=2) == 0
    assert ReadState.objects.get(user=reader, thread=thread).last_read_number == 4

    assert services.mark_read(user=reader, thread=thread, up_to_number=5) == 1
    assert ReadState.objects.get(user=reader, thread=thread).last_read_number == 5
    reader_activity = activity(reader)
    assert (reader_activity.posts_read, reader_activity.threads_entered) == (5, 1)


def test_mark_read_stops_at_the_last_post():
    thread = thread_with_posts(2)
    reader = UserFactory()

    assert services.mark_read(user=reader, thread=thread, up_to_number=99) == 2

    assert ReadState.objects.get(user=reader, thread=thread).last_read_number == 2


def test_record_visit_counts_each_day_once():
    member = UserFactory()
    today = datetime.date(2025, 3, 1)

    assert services.record_visit(user=member, on=today) is True
    assert services.record_visit(user=member, on=today) is False
    assert services.record_visit(user=member, on=today + timedelta(days=1)) is True

    member_activity = activity(member)
    assert member_activity.days_visited == 2
    assert member_activity.last_visit_on == today + timedelta(days=1)


def test_record_visit_defaults_to_today():
    member = UserFactory()

    services.record_visit(user=member)

    assert activity(member).last_visit_on == timezone.localdate()


# trust levels -----------------------------------------------------------------------------

THRESHOLDS = dict(REQUIREMENTS)
BASIC = {"threads_entered": 5, "posts_read": 30}
MEMBER = {
    "days_visited": 15,
    "threads_entered": 20,
    "posts_read": 100,
    "replies_created": 3,
    "likes_given": 1,
    "likes_received": 1,
}
REGULAR = {
    **MEMBER,
    "days_visited": 50,
    "posts_read": 500,
    "replies_created": 10,
    "likes_given": 30,
    "likes_received": 20,
}


def member_with(**counts) -> User:
    member = UserFactory()
    MemberActivity.objects.update_or_create(user=member, defaults=counts)
    return member


def test_trust_thresholds_are_discourses_defaults():
    assert THRESHOLDS[TrustLevel.BASIC] == BASIC
    assert THRESHOLDS[TrustLevel.MEMBER] == MEMBER
    assert {name: REGULAR[name] for name in THRESHOLDS[TrustLevel.REGULAR]} == THRESHOLDS[
        TrustLevel.REGULAR
    ]


@pytest.mark.parametrize(
    ("counts", "level"),
    [
        ({}, TrustLevel.NEW),
        (BASIC, TrustLevel.BASIC),
        (MEMBER, TrustLevel.MEMBER),
        (REGULAR, TrustLevel.REGULAR),
    ],
)
def test_recompute_trust_level_reaches_each_level_at_its_thresholds(counts, level):
    member = member_with(**counts)

    assert services.recompute_trust_level(member=member) == level

    assert fresh(member).trust_level == level


@pytest.mark.parametrize(
    ("counts", "level"),
    [
        *[({**BASIC, name: value - 1}, TrustLevel.NEW) for name, value in BASIC.items()],
        *[({**MEMBER, name: value - 1}, TrustLevel.BASIC) for name, value in MEMBER.items()],
        *[
            ({**REGULAR, name: value - 1}, TrustLevel.MEMBER)
            for name, value in REGULAR.items()
            if REGULAR[name] != MEMBER.get(name)
        ],
    ],
)
def test_one_count_short_of_a_threshold_stays_a_level_below(counts, level):
    member = member_with(**counts)

    assert services.recompute_trust_level(member=member) == level


def test_regular_requires_the_lower_levels_thresholds_too():
    member = member_with(**{**REGULAR, "threads_entered": 2})

    assert services.recompute_trust_level(member=member) < TrustLevel.REGULAR


def test_a_member_whose_activity_dropped_is_recomputed_down():
    member = member_with(**BASIC)
    User.objects.filter(pk=member.pk).update(trust_level=TrustLevel.REGULAR)

    assert services.recompute_trust_level(member=fresh(member)) == TrustLevel.BASIC


def test_a_leader_stays_a_leader():
    member = member_with()
    User.objects.filter(pk=member.pk).update(trust_level=TrustLevel.LEADER)

    assert services.recompute_trust_level(member=fresh(member)) == TrustLevel.LEADER

    assert fresh(member).trust_level == TrustLevel.LEADER


def test_recompute_trust_level_works_for_a_member_without_activity_yet():
    member = UserFactory()
    MemberActivity.objects.filter(user=member).delete()

    assert services.recompute_trust_level(member=member) == TrustLevel.NEW
    assert MemberActivity.objects.filter(user=member).exists()


# Review issue 10, defect 8: one reply form sent ten times at once stored ten posts.
# The form's token (idempotency key) makes the second submit find the first post.


def test_a_reply_sent_twice_with_one_form_token_is_written_once(settings):
    settings.LIAISON_POST_LIMITS_ENABLED = True
    member, thread = UserFactory(trust_level=TrustLevel.BASIC), ThreadFactory()

    first = services.reply_to_thread(
        author=member, thread=thread, body="Same again.", idempotency_key="token-1"
    )
    second = services.reply_to_thread(
        author=member, thread=thread, body="Same again.", idempotency_key="token-1"
    )

    assert second == first
    assert Post.objects.filter(author=member).count() == 1
    assert reload(first).thread.reply_count == 1


def test_a_thread_started_twice_with_one_form_token_is_written_once():
    member, category = UserFactory(), CategoryFactory()

    threads = [
        services.start_thread(
            author=member, category=category, title="Once", body="Hi.", idempotency_key="t"
        )
        for _n in range(2)
    ]

    assert threads[0] == threads[1]
    assert Thread.objects.filter(author=member).count() == 1


def test_a_form_token_belongs_to_its_author():
    thread = ThreadFactory()

    posts = [
        services.reply_to_thread(
            author=UserFactory(), thread=thread, body="Hi.", idempotency_key="k"
        )
        for _n in range(2)
    ]

    assert posts[0] != posts[1]


def test_a_concurrent_second_submit_of_one_form_finds_the_first_post(monkeypatch):
    """When both submits pass the first look-up, the database's unique constraint makes the
    second one fail, and it answers with the first post."""
    member, thread = UserFactory(), ThreadFactory()
    first = services.reply_to_thread(
        author=member, thread=thread, body="Hi.", idempotency_key="raced"
    )
    real = posts_module.find_earlier_post
    calls = []

    def miss_first_look_up(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(posts_module, "find_earlier_post", miss_first_look_up)

    second = services.reply_to_thread(
        author=member, thread=thread, body="Hi.", idempotency_key="raced"
    )

    assert second == first
    assert len(calls) == 2
    assert Post.objects.filter(author=member).count() == 1


def test_posts_without_a_form_token_are_never_taken_for_one_another():
    member, thread = UserFactory(), ThreadFactory()

    for _n in range(2):
        services.reply_to_thread(author=member, thread=thread, body="Hi.")

    assert Post.objects.filter(author=member, idempotency_key="").count() == 2


# Forum visibility review: a reply in a held thread was counted, listed and announced.
@pytest.mark.usefixtures("hold")
def test_a_reply_in_a_held_thread_is_not_counted_listed_or_announced(committed):
    category = CategoryFactory()
    author, watcher = UserFactory(username="holder"), UserFactory()
    notifications.watch_category(user=watcher, category=category)
    with committed():
        thread = held_thread(author, category)
        reply = services.reply_to_thread(author=author, thread=thread, body="More secret words")

    category.refresh_from_db()
    assert (category.last_thread, category.post_count, category.thread_count) == (None, 0, 0)
    assert Thread.objects.get(pk=thread.pk).reply_count == 0
    assert reload(reply).author.post_count == 0
    index = Client().get(reverse("community:index")).content.decode()
    profile = Client().get(reverse("community:profile", args=["holder"])).content.decode()
    assert "Secret launch plans" not in index
    assert "Secret launch plans" not in profile
    assert "More secret words" not in profile
    assert not Notification.objects.filter(recipient=watcher).exists()
    assert not [message for message in mail.outbox if watcher.email in message.to]


# Forum visibility review: approving a held thread left its replies uncounted and unannounced.
@pytest.mark.usefixtures("hold")
def test_approving_a_held_thread_counts_and_announces_its_replies(committed):
    category = CategoryFactory()
    author, watcher = UserFactory(username="holder"), UserFactory()
    CategoryWatch.objects.create(user=watcher, category=category)
    with committed():
        thread = held_thread(author, category)
        reply = services.reply_to_thread(author=author, thread=thread, body="More words")

    with committed():
        assert services.approve_post(actor=None, post=first_post(thread))

    category.refresh_from_db()
    thread.refresh_from_db()
    reply = reload(reply)
    assert reply.status == PostStatus.PUBLISHED
    assert (category.last_thread, category.post_count, category.thread_count) == (thread, 2, 1)
    assert (thread.reply_count, thread.last_post_at) == (1, reply.created_at)
    assert reply.author.post_count == 2
    assert reply.author.activity.replies_created == 1
    assert set(
        Notification.objects.filter(recipient=watcher).values_list("post_id", flat=True)
    ) == {first_post(thread).pk, reply.pk}
    profile = Client().get(reverse("community:profile", args=["holder"])).content.decode()
    assert "More words" in profile


# Forum visibility review: a reply held on its own was published with its thread.
@pytest.mark.usefixtures("hold")
def test_a_reply_held_on_its_own_waits_for_its_own_approval_after_the_thread():
    category = CategoryFactory()
    author = UserFactory()
    thread = held_thread(author, category)
    reply = services.reply_to_thread(author=author, thread=thread, body=f"Again {HOLD_MARK}")

    services.approve_post(actor=None, post=first_post(thread))
    assert reload(reply).status == PostStatus.PENDING
    assert Thread.objects.get(pk=thread.pk).reply_count == 0

    services.approve_post(actor=None, post=reload(reply))
    assert Thread.objects.get(pk=thread.pk).reply_count == 1
    assert Category.objects.get(pk=category.pk).post_count == 2


# Forum visibility review: deleting a reply in a held thread took from counters it never added to.
@pytest.mark.usefixtures("hold")
def test_deleting_a_reply_in_a_held_thread_leaves_the_counters_alone():
    category = CategoryFactory()
    author = UserFactory()
    thread = held_thread(author, category)
    reply = services.reply_to_thread(author=author, thread=thread, body="Oops")

    services.delete_post(actor=author, post=reload(reply))
    services.approve_post(actor=None, post=first_post(thread))

    category.refresh_from_db()
    assert (category.post_count, Thread.objects.get(pk=thread.pk).reply_count) == (1, 0)
    assert reload(reply).author.post_count == 1


# Forum visibility review: approving a long-held thread made it its category's latest.
@pytest.mark.usefixtures("hold")
def test_approving_a_thread_held_for_long_keeps_a_newer_thread_as_the_latest():
    category = CategoryFactory()
    thread = held_thread(UserFactory(), category)
    newer = ThreadFactory(category=category)

    services.approve_post(actor=None, post=first_post(thread))

    category.refresh_from_db()
    assert (category.last_thread, category.last_post_at) == (newer, newer.last_post_at)


@pytest.fixture
def internal():
    return CategoryFactory(visibility=Visibility.INTERNAL)


# Forum visibility review: a thread moved out of sight stayed its old category's latest.
def test_moving_the_latest_thread_into_an_internal_category_recomputes_both_latest_threads(
    internal,
):
    public = CategoryFactory()
    older = ThreadFactory(category=public, title="An older public question")
    moved = ThreadFactory(category=public, title="Salary spreadsheet")
    Thread.objects.filter(pk=older.pk).update(last_post_at=moved.last_post_at.replace(year=2020))
    older.refresh_from_db()

    assert services.move_thread(actor=None, thread=moved, category=internal)

    public.refresh_from_db()
    internal.refresh_from_db()
    assert (public.last_thread, public.last_post_at) == (older, older.last_post_at)
    assert (internal.last_thread, internal.last_post_at) == (moved, moved.last_post_at)
    index = Client().get(reverse("community:index")).content.decode()
    assert "Salary spreadsheet" not in index
    assert "An older public question" in index


# Forum visibility review: a category emptied by a move kept its latest thread.
def test_moving_the_only_thread_away_leaves_its_category_without_a_latest_thread(internal):
    public = CategoryFactory()
    thread = ThreadFactory(category=public)

    services.move_thread(actor=None, thread=thread, category=internal)

    public.refresh_from_db()
    assert (public.last_thread, public.last_post_at, public.thread_count) == (None, None, 0)


# Forum visibility review: moving a held thread carried its uncounted posts into the counts.
@pytest.mark.usefixtures("hold")
def test_moving_a_held_thread_carries_no_counts(internal):
    public = CategoryFactory()
    thread = held_thread(UserFactory(), public)
    services.reply_to_thread(author=thread.author, thread=thread, body="A reply")

    services.move_thread(actor=None, thread=thread, category=internal)

    public.refresh_from_db()
    internal.refresh_from_db()
    assert (public.post_count, internal.post_count, internal.last_thread) == (0, 0, None)


def test_marking_an_official_answer_flags_the_threads_once():
    answered, other = ThreadFactory(), ThreadFactory()

    assert services.mark_official_answer(thread_ids=[answered.pk, 987654]) == 1
    assert services.mark_official_answer(thread_ids=[answered.pk]) == 0
    assert fresh(answered).has_official_answer
    assert not fresh(other).has_official_answer


def test_a_merged_thread_brings_its_official_answer_along():
    moderator = UserFactory(role=Role.MODERATOR)
    answered, target = ThreadFactory(), ThreadFactory()
    plain, other_target = ThreadFactory(), ThreadFactory()
    services.mark_official_answer(thread_ids=[answered.pk])

    services.merge_threads(actor=moderator, source=answered, target=target)
    services.merge_threads(actor=moderator, source=plain, target=other_target)

    assert fresh(target).has_official_answer
    assert not fresh(other_target).has_official_answer
