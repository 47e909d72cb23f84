"""The demo community that ``manage.py load_demo`` loads: its shape, its counters, a rerun."""

import io
from collections import Counter
from datetime import timedelta
from itertools import pairwise

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from accounts.models import TrustLevel, User
from community import services
from community.models import (
    Category,
    MemberActivity,
    Mention,
    Post,
    PostStatus,
    Quote,
    Reaction,
    ReactionKind,
    ReadState,
    Thread,
    Visibility,
)
from demo import accounts as accounts_demo
from demo import community as community_demo
from tests.community.factories import ThreadFactory

pytestmark = pytest.mark.django_db


def test_load_demo_builds_categories_for_every_kind_of_conversation(demo):
    categories = Category.objects.all()

    assert categories.count() >= 6
    assert categories.filter(visibility=Visibility.MEMBERS).exists()
    assert categories.filter(visibility=Visibility.INTERNAL).exists()
    assert categories.filter(is_qa=True).exists()
    assert categories.filter(is_feedback_welcome=True).exists()
    assert Thread.objects.filter(category__slug="deutschsprachige-community").count() >= 5


def test_load_demo_writes_a_busy_forum_and_says_so(demo):
    threads, posts = Thread.objects.count(), Post.objects.count()

    assert threads >= 60
    assert posts >= 600
    assert f"{threads} threads, {posts} posts" in demo
    assert Thread.objects.filter(is_locked=True).exists()
    assert Thread.objects.filter(is_pinned=True).exists()
    assert Post.objects.filter(body__contains="```").count() >= 5
    assert Mention.objects.exists()
    assert Quote.objects.exists()
    assert Thread.tags.through.objects.exists()


def test_load_demo_accepts_answers_only_to_replies_in_qa_threads(demo):
    solved = Thread.objects.filter(accepted_answer__isnull=False).select_related(
        "accepted_answer", "category"
    )

    assert solved.count() >= 5
    for thread in solved:
        assert thread.category.is_qa
        assert thread.accepted_answer.thread_id == thread.pk
        assert thread.accepted_answer.number > 1
        assert not thread.accepted_answer.is_deleted


def test_load_demo_sets_every_thread_counter_from_its_posts(demo):
    now = timezone.now()
    for thread in Thread.objects.all():
        posts = list(thread.posts.order_by("number"))
        # The backoffice demo holds one reply for approval: it does not count (yet).
        published = [post for post in posts if post.status != PostStatus.PENDING]

        assert [post.number for post in posts] == list(range(1, len(posts) + 1))
        assert thread.last_post_number == len(posts)
        assert thread.reply_count == sum(not post.is_deleted for post in published[1:])
        assert thread.created_at == posts[0].created_at
        assert thread.author_id == posts[0].author_id
        assert thread.last_post_at == published[-1].created_at
        assert thread.last_poster_id == published[-1].author_id
        assert all(a.created_at < b.created_at for a, b in pairwise(posts))
        assert now - timedelta(days=91) < posts[0].created_at
        assert posts[-1].created_at < now


def test_load_demo_sets_every_category_counter_from_its_threads(demo):
    for category in Category.objects.all():
        threads = category.threads.all()
        latest = threads.order_by("-last_post_at").first()

        assert category.thread_count == threads.count()
        assert (
            category.post_count
            == Post.objects.filter(thread__category=category, is_deleted=False)
            .exclude(status=PostStatus.PENDING)
            .count()
        )
        assert category.last_thread == latest
        assert category.last_post_at == latest.last_post_at


def test_load_demo_counts_what_each_member_did(demo):
    likes_given = Counter(
        Reaction.objects.filter(kind=ReactionKind.LIKE).values_list("user_id", flat=True)
    )
    likes_received = Counter(
        Reaction.objects.filter(kind=ReactionKind.LIKE).values_list("post__author_id", flat=True)
    )
    published = ~Q(posts__status=PostStatus.PENDING)
    for member in User.objects.annotate(
        published=Count("posts", filter=published & Q(posts__is_deleted=False), distinct=True),
        replies=Count("posts", filter=published & Q(posts__number__gt=1), distinct=True),
        started=Count("threads", distinct=True),
    ):
        activity = MemberActivity.objects.get(user=member)
        read = ReadState.objects.filter(user=member)

        assert member.post_count == member.published
        assert activity.threads_created == member.started
        assert activity.replies_created == member.replies
        assert activity.likes_given == likes_given[member.pk]
        assert activity.likes_received == likes_received[member.pk]
        assert activity.threads_entered == read.count()
        assert activity.posts_read == sum(read.values_list("last_read_number", flat=True))


def test_load_demo_never_lets_anyone_react_to_their_own_or_a_deleted_post(demo):
    assert Reaction.objects.exists()
    assert not Reaction.objects.filter(user=F("post__author")).exists()
    assert not Reaction.objects.filter(post__is_deleted=True).exists()


def test_load_demo_keeps_the_internal_category_among_staff(demo):
    internal = Post.objects.filter(thread__category__visibility=Visibility.INTERNAL)

    assert internal.exists()
    for author in User.objects.filter(posts__in=internal).distinct():
        assert author.has_perm("accounts.view_internal_categories")


def test_load_demo_keeps_leaders_leaders(demo):
    assert set(
        User.objects.filter(username__in=["admin", "carla"]).values_list("trust_level", flat=True)
    ) == {TrustLevel.LEADER}


def test_load_demo_shows_its_threads_to_visitors(demo, client):
    public = Thread.objects.filter(category__visibility=Visibility.PUBLIC).first()
    internal = Thread.objects.filter(category__visibility=Visibility.INTERNAL).first()

    assert client.get("/").status_code == 200
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(internal.get_absolute_url()).status_code == 404


def test_load_demo_twice_changes_nothing(demo):
    # Managed models only: SQLite's FTS5 table of post stems (community.models.PostSearchFTS)
    # does not exist on PostgreSQL, and its rows follow the posts' documents, counted here.
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "community"} and model._meta.managed
    ]
    before = {model: model.objects.count() for model in models}
    post_counts = dict(User.objects.values_list("username", "post_count"))

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert {model: model.objects.count() for model in models} == before
    assert dict(User.objects.values_list("username", "post_count")) == post_counts
    assert "already loaded" in out.getvalue()


def test_load_demo_adds_to_what_its_people_did_before():
    alice = accounts_demo.load()["alice"]
    earlier = ThreadFactory()
    for number in range(7):
        services.reply_to_thread(author=alice, thread=earlier, body=f"Earlier reply {number}")
    MemberActivity.objects.filter(user=alice).update(days_visited=3)

    community_demo.load()

    alice.refresh_from_db()
    activity = MemberActivity.objects.get(user=alice)
    demo_posts = Post.objects.filter(author=alice).exclude(thread=earlier)
    assert alice.post_count == 7 + demo_posts.filter(is_deleted=False).count()
    assert activity.replies_created == 7 + demo_posts.filter(number__gt=1).count()
    assert activity.days_visited > 3


def test_load_demo_needs_the_people_of_accounts_demo():
    with pytest.raises(LookupError):
        community_demo.load()

    assert not Category.objects.exists()
