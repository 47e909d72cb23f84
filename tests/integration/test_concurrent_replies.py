"""Replies sent at the same moment on PostgreSQL get distinct, consecutive numbers, and one
form sent many times at once writes one reply."""

import threading

import pytest
from django.db import connections

from accounts.models import TrustLevel, User
from community import services
from community.models import Category, MemberActivity, Post, Thread
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory

pytestmark = pytest.mark.services

WRITERS = 8
AUTHORS = 4


def reply_at_the_barrier(
    *, thread_id: int, author_id: int, barrier: threading.Barrier, numbers: list, errors: list
) -> None:
    """Load the thread and the author on this thread's own connection, then reply with the rest."""
    try:
        author = User.objects.get(pk=author_id)
        thread = Thread.objects.select_related("category").get(pk=thread_id)
        barrier.wait(timeout=20)
        post = services.reply_to_thread(
            author=author, thread=thread, body=f"Reply by @{author.username} at the same moment"
        )
        numbers.append(post.number)
    except Exception as error:  # Reported by the test: errors must stay empty.
        errors.append(error)
        barrier.abort()
    finally:
        connections.close_all()


def test_concurrent_replies_get_distinct_consecutive_numbers_and_exact_counters(
    postgres, transactional_db
):
    thread = ThreadFactory()
    # Members past the sandbox, which holds and spaces out a new member's posts.
    authors = [UserFactory(trust_level=TrustLevel.BASIC) for _ in range(AUTHORS)]
    barrier = threading.Barrier(WRITERS)
    numbers: list[int] = []
    errors: list[Exception] = []
    workers = [
        threading.Thread(
            target=reply_at_the_barrier,
            kwargs={
                "thread_id": thread.pk,
                "author_id": authors[n % AUTHORS].pk,
                "barrier": barrier,
                "numbers": numbers,
                "errors": errors,
            },
        )
        for n in range(WRITERS)
    ]

    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert not any(worker.is_alive() for worker in workers)
    assert errors == []
    assert sorted(numbers) == list(range(2, WRITERS + 2))
    stored = list(Post.objects.filter(thread=thread).order_by("number"))
    assert [post.number for post in stored] == list(range(1, WRITERS + 2))
    thread.refresh_from_db()
    assert thread.last_post_number == WRITERS + 1
    assert thread.reply_count == WRITERS
    assert thread.last_poster_id == stored[-1].author_id
    assert thread.last_post_at == stored[-1].created_at
    category = Category.objects.get(pk=thread.category_id)
    assert (category.thread_count, category.post_count) == (1, WRITERS + 1)
    for author in authors:
        author.refresh_from_db()
        assert author.post_count == WRITERS // AUTHORS
        assert MemberActivity.objects.get(user=author).replies_created == WRITERS // AUTHORS


def submit_at_the_barrier(*, thread_id: int, author_id: int, barrier, post_ids, errors) -> None:
    """Send the reply form with one token at the same moment as the other threads."""
    try:
        author = User.objects.get(pk=author_id)
        thread = Thread.objects.select_related("category").get(pk=thread_id)
        barrier.wait(timeout=20)
        post = services.reply_to_thread(
            author=author, thread=thread, body="Sent ten times.", idempotency_key="one-form"
        )
        post_ids.append(post.pk)
    except Exception as error:  # Reported by the test: errors must stay empty.
        errors.append(error)
        barrier.abort()
    finally:
        connections.close_all()


def test_one_reply_form_sent_ten_times_at_once_writes_one_post(postgres, transactional_db):
    """Review issue 10, defect 8: ten submits of one form stored ten posts."""
    thread = ThreadFactory()
    author = UserFactory(trust_level=TrustLevel.BASIC)
    barrier = threading.Barrier(10)
    post_ids: list[int] = []
    errors: list[Exception] = []
    workers = [
        threading.Thread(
            target=submit_at_the_barrier,
            kwargs={
                "thread_id": thread.pk,
                "author_id": author.pk,
                "barrier": barrier,
                "post_ids": post_ids,
                "errors": errors,
            },
        )
        for _n in range(10)
    ]

    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert errors == []
    stored = Post.objects.get(thread=thread, number__gt=1)
    assert post_ids == [stored.pk] * 10
    thread.refresh_from_db()
    assert (thread.reply_count, thread.last_post_number) == (1, 2)
