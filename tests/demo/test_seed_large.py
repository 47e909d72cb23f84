"""``manage.py seed_large`` at a small scale: counts, counters, the big thread's last page."""

import io
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Max
from django.utils import timezone

from accounts.models import User
from community.models import (
    Category,
    MemberActivity,
    Post,
    PostSearch,
    Reaction,
    ReactionKind,
    ReadState,
    Thread,
)
from community.search.query import parse
from community.selectors.search import Filters, search_posts
from notifications.models import ThreadSubscription

pytestmark = pytest.mark.django_db

SIZES = {"posts": 3000, "threads": 30, "big_thread_posts": 1000, "users": 20, "batch_size": 500}


def seed(**sizes) -> str:
    out = io.StringIO()
    call_command("seed_large", stdout=out, **(SIZES | sizes))
    return out.getvalue()


@pytest.fixture
def seeded() -> str:
    """Seed the small community and return what the command printed."""
    return seed()


def big_thread() -> Thread:
    return Thread.objects.get(category__slug="load-test", last_post_number=1000)


def test_seed_large_writes_the_numbers_asked_for(seeded):
    category = Category.objects.get(slug="load-test")

    assert Post.objects.count() == 3000
    assert category.threads.count() == 30
    assert User.objects.filter(email__endswith="@seed.liaison.test").count() == 20
    assert big_thread().posts.count() == 1000
    assert "3,000 posts" in seeded
    assert big_thread().get_absolute_url() in seeded


def test_seed_large_sets_every_thread_counter_from_its_posts(seeded):
    now = timezone.now()
    for thread in Thread.objects.annotate(
        count=Count("posts"), highest=Max("posts__number"), latest=Max("posts__created_at")
    ):
        first = thread.posts.get(number=1)
        last = thread.posts.get(number=thread.last_post_number)

        assert thread.last_post_number == thread.count == thread.highest
        assert thread.reply_count == thread.count - 1
        assert thread.last_post_at == thread.latest == last.created_at < now
        assert thread.last_poster_id == last.author_id
        assert (thread.author_id, thread.created_at) == (first.author_id, first.created_at)


def test_seed_large_sets_the_category_counters(seeded):
    category = Category.objects.get(slug="load-test")
    latest = Thread.objects.order_by("-last_post_at").first()

    assert (category.thread_count, category.post_count) == (30, 3000)
    assert (category.last_thread, category.last_post_at) == (latest, latest.last_post_at)


def test_seed_large_counts_what_each_member_did(seeded):
    likes = Reaction.objects.filter(kind=ReactionKind.LIKE)
    given = Counter(likes.values_list("user_id", flat=True))
    received = Counter(likes.values_list("post__author_id", flat=True))
    started = Counter(Thread.objects.values_list("author_id", flat=True))
    for member in User.objects.annotate(written=Count("posts")):
        activity = MemberActivity.objects.get(user=member)
        read = ReadState.objects.filter(user=member)

        assert member.post_count == member.written
        assert activity.threads_created == started[member.pk]
        assert activity.replies_created == member.written - started[member.pk]
        assert activity.likes_given == given[member.pk]
        assert activity.likes_received == received[member.pk]
        assert activity.threads_entered == read.count()
        assert activity.posts_read == sum(read.values_list("last_read_number", flat=True))
    assert likes.exists()
    assert not likes.filter(user=F("post__author")).exists()


def test_seed_large_indexes_every_post_for_search():
    seed(posts=60, threads=3, big_thread_posts=30, users=3, batch_size=25)
    big = Thread.objects.get(category__slug="load-test", last_post_number=30)
    with_baseline = big.posts.filter(body__icontains="baseline")

    results = search_posts(
        viewer=AnonymousUser(), query=parse("baseline"), filters=Filters(thread=big)
    )

    assert PostSearch.objects.count() == Post.objects.count() == 60
    assert sorted(post.pk for post in results) == sorted(post.pk for post in with_baseline)
    assert with_baseline.exists()
    assert set(with_baseline.values_list("language", flat=True)) == {"en"}


def test_seed_large_makes_writers_follow_their_threads(seeded):
    writers = set(Post.objects.values_list("author_id", "thread_id").distinct())

    assert set(ThreadSubscription.objects.values_list("user_id", "thread_id")) == writers


def test_seed_large_serves_the_last_page_of_the_big_thread(seeded, client):
    thread = big_thread()

    response = client.get(f"{thread.get_absolute_url()}?page={thread.page_count}")

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="post-1000"' in content
    assert "#1000" in content


def test_seed_large_lets_its_members_sign_in(seeded, client):
    assert client.login(email="load1@seed.liaison.test", password="liaison-load")


def test_seed_large_refuses_a_second_run_and_changes_nothing(seeded):
    with pytest.raises(CommandError, match="seeded already"):
        seed()

    assert Post.objects.count() == 3000


@pytest.mark.parametrize(
    "sizes",
    [{"posts": 100, "threads": 30, "big_thread_posts": 80}, {"users": 0}, {"batch_size": 0}],
)
def test_seed_large_refuses_numbers_that_do_not_fit(sizes):
    with pytest.raises(CommandError):
        seed(**sizes)

    assert not Post.objects.exists()
