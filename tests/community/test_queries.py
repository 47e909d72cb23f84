"""A page's query count does not grow with its rows: 5 items cost what 50 cost."""

import itertools

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community import services
from community.models import Post, Reaction, ReactionKind, Thread, Visibility
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    CategoryFactory,
    TagFactory,
    ThreadFactory,
    first_post,
)

pytestmark = pytest.mark.django_db


SMALL = 5
LARGE = 50
VISIBILITIES = itertools.cycle([Visibility.PUBLIC, Visibility.MEMBERS, Visibility.INTERNAL])


@pytest.fixture(params=["visitor", "member"])
def viewer(request, client):
    """A client for a visitor or a signed-in member whose visit of the day is already counted."""
    if request.param == "member":
        member = UserFactory()
        client.force_login(member)
        client.get(reverse("community:index"))
        client.member = member
    else:
        client.member = None
    return client


@pytest.fixture
def authors():
    return [UserFactory(role=Role.MODERATOR if n == 0 else None) for n in range(6)]


def count_queries(client, url: str) -> tuple[int, str, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context), response.content.decode(), [q["sql"] for q in context]


def assert_same_count(small: tuple, large: tuple) -> None:
    small_count, _, small_sql = small
    large_count, _, large_sql = large
    assert small_count == large_count, "\n".join(
        ["5 items:", *small_sql, "", "50 items:", *large_sql]
    )


def add_replies(thread: Thread, writers, count: int) -> None:
    """Append ``count`` replies by ``writers`` in turn, in bulk: the rows matter here, not how."""
    now = timezone.now()
    first = thread.last_post_number + 1
    Post.objects.bulk_create(
        Post(
            thread=thread,
            number=number,
            author=writers[number % len(writers)],
            body=f"Reply {number}",
            html=f"<p>Reply <strong>{number}</strong></p>",
            created_at=now,
        )
        for number in range(first, first + count)
    )
    thread.last_post_number = first + count - 1
    Thread.objects.filter(pk=thread.pk).update(
        last_post_number=thread.last_post_number,
        last_poster=writers[thread.last_post_number % len(writers)],
        last_post_at=now,
        reply_count=F("reply_count") + count,
    )


def fill_category(category, count: int, authors, tags) -> list[Thread]:
    """Put ``count`` threads in ``category`` by varied authors, with varied tags and states."""
    threads = []
    for n in range(count):
        thread = ThreadFactory(
            category=category,
            author=authors[n % len(authors)],
            tags=[tags[n % len(tags)], tags[(n + 1) % len(tags)]][: n % 3],
            is_pinned=n % 7 == 0,
        )
        if n % 2:
            add_replies(thread, authors[1:], 1 + n % 3)
        threads.append(thread)
    Thread.objects.filter(pk__in=[t.pk for t in threads[::4]]).update(is_locked=True)
    return threads


def read_some(member, threads) -> None:
    """Let ``member`` have read some of ``threads``, so that unread counts vary."""
    if member is None:
        return
    for thread in threads[::3]:
        services.mark_read(user=member, thread=thread, up_to_number=1)


# index ------------------------------------------------------------------------------------


def add_categories(count: int, authors) -> None:
    for n in range(count):
        category = CategoryFactory(visibility=next(VISIBILITIES), is_qa=n % 4 == 0)
        if n % 5:
            ThreadFactory(category=category, author=authors[n % len(authors)])


def test_the_category_index_costs_the_same_for_5_and_50_categories(viewer, authors):
    add_categories(SMALL, authors)
    small = count_queries(viewer, reverse("community:index"))

    add_categories(LARGE - SMALL, authors)
    large = count_queries(viewer, reverse("community:index"))

    assert large[1].count('class="category-name"') > small[1].count('class="category-name"')
    assert_same_count(small, large)


# category page ----------------------------------------------------------------------------


def test_a_category_page_costs_the_same_for_5_and_50_threads(viewer, authors):
    tags = [TagFactory() for _ in range(7)]
    few, many = CategoryFactory(), CategoryFactory()
    read_some(viewer.member, fill_category(few, SMALL, authors, tags))
    read_some(viewer.member, fill_category(many, LARGE, authors, tags))

    small = count_queries(viewer, few.get_absolute_url())
    large = count_queries(viewer, many.get_absolute_url())

    assert small[1].count('class="thread-row') == SMALL
    assert large[1].count('class="thread-row') > SMALL
    assert_same_count(small, large)


def test_a_category_page_filtered_by_tag_costs_the_same_for_5_and_50_threads(viewer, authors):
    tags = [TagFactory() for _ in range(3)]
    few, many = CategoryFactory(), CategoryFactory()
    fill_category(few, SMALL, authors, tags)
    fill_category(many, LARGE, authors, tags)
    query = f"?tag={tags[1].slug}"

    small = count_queries(viewer, few.get_absolute_url() + query)
    large = count_queries(viewer, many.get_absolute_url() + query)

    assert large[1].count('class="thread-row') > small[1].count('class="thread-row')
    assert_same_count(small, large)


# tag page ---------------------------------------------------------------------------------


def test_a_tag_page_costs_the_same_for_5_and_50_threads(viewer, authors):
    few, many = TagFactory(name="few"), TagFactory(name="many")
    others = [TagFactory() for _ in range(4)]
    categories = [CategoryFactory(visibility=next(VISIBILITIES)) for _ in range(3)]
    for tag, count in ((few, SMALL), (many, LARGE)):
        threads = []
        for n in range(count):
            threads.extend(fill_category(categories[n % 3], 1, authors[n % len(authors) :], others))
            threads[-1].tags.add(tag)
        read_some(viewer.member, threads)

    small = count_queries(viewer, few.get_absolute_url())
    large = count_queries(viewer, many.get_absolute_url())

    assert large[1].count('class="thread-row') > small[1].count('class="thread-row') > 0
    assert_same_count(small, large)


# thread page ------------------------------------------------------------------------------


def thread_with(count: int, authors, viewer_member, *, is_solved: bool = True) -> Thread:
    """A Q&A thread of ``count`` posts by varied authors, with reactions, edits, a deletion."""
    thread = ThreadFactory(
        category=CategoryFactory(is_qa=True),
        author=authors[0],
        tags=[TagFactory(), TagFactory()],
    )
    writers = [*authors, viewer_member] if viewer_member else authors
    add_replies(thread, writers, count - 1)
    posts = list(thread.posts.order_by("number"))
    reactors = [*authors, viewer_member] if viewer_member else authors
    Reaction.objects.bulk_create(
        [
            Reaction(post=post, user=reactor, kind=kind)
            for index, post in enumerate(posts)
            for reactor, kind in zip(
                reactors[index % 3 :], itertools.cycle(ReactionKind.values), strict=False
            )
            if reactor.pk != post.author_id
        ]
    )
    Post.objects.filter(pk__in=[p.pk for p in posts[1::3]]).update(
        edited_at=timezone.now(), revision_count=F("revision_count") + 2
    )
    Post.objects.filter(pk=posts[-1].pk).update(is_deleted=True)
    if is_solved:
        Thread.objects.filter(pk=thread.pk).update(accepted_answer=posts[1])
    return thread


def test_a_thread_page_costs_the_same_for_5_and_50_posts(viewer, authors):
    short = thread_with(SMALL, authors, viewer.member)
    long = thread_with(LARGE, authors, viewer.member)

    small = count_queries(viewer, short.get_absolute_url())
    large = count_queries(viewer, long.get_absolute_url())

    assert small[1].count('class="post') >= SMALL
    assert large[1].count('<article class="post') > small[1].count('<article class="post')
    assert_same_count(small, large)


def test_the_last_page_of_a_long_thread_costs_what_a_short_thread_costs(viewer, authors):
    # Only page 1 shows the accepted answer, so compare threads without one.
    short = thread_with(SMALL, authors, viewer.member, is_solved=False)
    long = thread_with(LARGE, authors, viewer.member, is_solved=False)

    small = count_queries(viewer, short.get_absolute_url())
    large = count_queries(viewer, long.get_absolute_url() + "?page=3")

    assert_same_count(small, large)


def test_a_thread_page_marks_posts_read_for_a_member_without_growing(client, authors):
    member = UserFactory()
    client.force_login(member)
    client.get(reverse("community:index"))
    short = thread_with(SMALL, authors, member)
    long = thread_with(LARGE, authors, member)

    small = count_queries(client, short.get_absolute_url())
    large = count_queries(client, long.get_absolute_url())

    assert short.read_states.get(user=member).last_read_number == SMALL
    assert long.read_states.get(user=member).last_read_number == 20
    assert first_post(long).number == 1
    assert_same_count(small, large)
