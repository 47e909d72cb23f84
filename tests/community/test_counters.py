"""community.services.counters: a recount sets every counter as the services keep it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from community import services
from community.models import Category, MemberActivity, ReactionKind, Thread
from moderation.models import RuleAction
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post, reload
from tests.moderation.factories import AutomodRuleFactory

pytestmark = pytest.mark.django_db

THREAD_COUNTERS = ["reply_count", "last_post_number", "last_post_at", "last_poster_id"]
CATEGORY_COUNTERS = ["thread_count", "post_count", "last_post_at", "last_thread_id"]
ACTIVITY_COUNTERS = [
    "threads_created",
    "replies_created",
    "likes_given",
    "likes_received",
    "threads_entered",
    "posts_read",
    "days_visited",
    "last_visit_on",
]


def counters() -> dict:
    """Every counter in the database, by row; a member without an activity row has none."""
    none = dict.fromkeys(ACTIVITY_COUNTERS, 0) | {"last_visit_on": None}
    activity = {pk: none | {"user_id": pk} for pk in User.objects.values_list("pk", flat=True)}
    activity.update(
        (row["user_id"], row)
        for row in MemberActivity.objects.values("user_id", *ACTIVITY_COUNTERS)
    )
    return {
        "threads": {row["pk"]: row for row in Thread.objects.values("pk", *THREAD_COUNTERS)},
        "categories": {row["pk"]: row for row in Category.objects.values("pk", *CATEGORY_COUNTERS)},
        "posts by member": dict(User.objects.values_list("pk", "post_count")),
        "activity": activity,
    }


def recount() -> None:
    services.recount_threads(Thread.objects.all())
    services.recount_categories(Category.objects.all())
    services.recount_members(User.objects.all())


@pytest.fixture
def forum():
    """A forum worked through the services: replies, a deletion, likes and other reactions,
    reading, a held reply approved, a held thread waiting, a hidden post, a moved thread."""
    AutomodRuleFactory(pattern="embargo", action=RuleAction.HOLD)
    help_desk, lounge = CategoryFactory(), CategoryFactory()
    ada, ben, cem = UserFactory(), UserFactory(), UserFactory()
    moderator = UserFactory(role=Role.COMMUNITY_MANAGER)
    question = services.start_thread(
        author=ada, category=help_desk, title="How do I export?", body="Where is it?"
    )
    answer = services.reply_to_thread(author=ben, thread=question, body="Under Reports.")
    services.reply_to_thread(author=cem, thread=question, body="Same question.")
    doubled = services.reply_to_thread(author=cem, thread=question, body="Same question!")
    services.delete_post(actor=cem, post=reload(doubled))
    held = services.reply_to_thread(author=cem, thread=question, body="The embargo list?")
    services.reply_to_thread(author=ada, thread=question, body="Thanks, found it.")
    services.approve_post(actor=moderator, post=reload(held))
    services.toggle_reaction(user=ada, post=reload(answer), kind=ReactionKind.LIKE)
    services.toggle_reaction(user=cem, post=reload(answer), kind=ReactionKind.LIKE)
    services.toggle_reaction(user=ada, post=reload(answer), kind=ReactionKind.THANKS)
    services.toggle_reaction(user=cem, post=reload(answer), kind=ReactionKind.LIKE)
    services.mark_read(user=ben, thread=question, up_to_number=2)
    services.mark_read(user=ben, thread=question, up_to_number=5)
    services.record_visit(user=ben)
    chat = services.start_thread(author=ben, category=help_desk, title="Hello", body="Hi all.")
    hidden = services.reply_to_thread(author=ada, thread=chat, body="Buy now!")
    services.hide_post(actor=moderator, post=reload(hidden), reason="Spam")
    services.move_thread(actor=moderator, thread=chat, category=lounge)
    waiting = services.start_thread(
        author=cem, category=lounge, title="Under embargo", body="The embargo news."
    )
    services.reply_to_thread(author=cem, thread=waiting, body="More news.")
    assert waiting.is_pending_approval
    return {"question": question, "chat": chat, "waiting": waiting, "ada": ada, "cem": cem}


def test_recount_changes_nothing_the_services_counted(forum):
    before = counters()

    recount()

    assert counters() == before


def test_recount_restores_every_messed_up_counter(forum):
    before = counters()
    long_ago = timezone.now() - timedelta(days=999)
    Thread.objects.update(
        reply_count=99, last_post_number=99, last_post_at=long_ago, last_poster=None
    )
    Category.objects.update(thread_count=99, post_count=99, last_post_at=long_ago, last_thread=None)
    User.objects.update(post_count=99)
    MemberActivity.objects.update(
        threads_created=99,
        replies_created=99,
        likes_given=99,
        likes_received=99,
        threads_entered=99,
        posts_read=99,
    )

    recount()

    assert counters() == before


def test_recount_counts_by_the_rules(forum):
    question, chat, waiting = forum["question"], forum["chat"], forum["waiting"]
    Thread.objects.update(reply_count=0, last_post_number=0)

    recount()

    question.refresh_from_db()
    chat.refresh_from_db()
    waiting.refresh_from_db()
    latest = question.posts.get(number=6)
    # Six posts; the deleted one is not a reply any more, the held one was approved.
    assert (question.last_post_number, question.reply_count) == (6, 4)
    assert (question.last_post_at, question.last_poster_id) == (latest.created_at, latest.author_id)
    # A hidden post still counts; a thread awaiting approval does not, nor do its posts.
    assert chat.reply_count == 1
    assert (waiting.reply_count, waiting.last_post_number) == (0, 2)
    lounge = chat.category
    lounge.refresh_from_db()
    assert (lounge.thread_count, lounge.post_count, lounge.last_thread) == (1, 2, chat)
    ada, cem = (MemberActivity.objects.get(user=forum[name]) for name in ("ada", "cem"))
    # Thanks are not likes, nor is a like taken back.
    assert (ada.likes_given, cem.likes_given) == (1, 0)
    # A deleted reply was still written; a thread awaiting approval and its replies are not.
    assert (cem.replies_created, cem.threads_created) == (3, 0)
    assert User.objects.get(pk=forum["ada"].pk).post_count == 3


def test_recount_gives_an_activity_row_to_members_without_one_and_keeps_visits():
    visitor, newcomer = UserFactory(), UserFactory()
    services.record_visit(user=visitor)
    thread = ThreadFactory(author=newcomer)
    MemberActivity.objects.filter(user=newcomer).delete()

    services.recount_members(User.objects.filter(pk__in=[visitor.pk, newcomer.pk]))

    assert MemberActivity.objects.get(user=newcomer).threads_created == 1
    assert MemberActivity.objects.get(user=visitor).days_visited == 1
    assert first_post(thread).author == newcomer


def test_recount_only_touches_the_rows_given(forum):
    question, chat = forum["question"], forum["chat"]
    Thread.objects.update(reply_count=99)

    services.recount_threads(Thread.objects.filter(pk=question.pk))

    assert Thread.objects.get(pk=question.pk).reply_count == 4
    assert Thread.objects.get(pk=chat.pk).reply_count == 99


def test_recount_runs_as_many_queries_for_many_rows_as_for_one():
    ThreadFactory()
    with CaptureQueriesContext(connection) as one:
        recount()
    ThreadFactory.create_batch(5)
    with CaptureQueriesContext(connection) as six:
        recount()

    assert len(six) == len(one)


def test_approving_an_older_held_reply_keeps_the_latest_post_latest(forum):
    # Approving a held reply used to make it the thread's latest post, though
    # later replies had been published meanwhile; a recount disagreed.
    question = forum["question"]
    question.refresh_from_db()
    latest = question.posts.get(number=6)

    assert question.posts.get(number=5).created_at < latest.created_at
    assert (question.last_post_at, question.last_poster_id) == (latest.created_at, latest.author_id)
