"""Working on feedback: status, assignment, notes and public answers
(feedback/services/workflow.py)."""

import pytest

from feedback import services
from tests.community.factories import ThreadFactory, first_post
from tests.feedback.factories import kind

pytestmark = pytest.mark.django_db


# Feedback review: answer notices linked an internal thread for everyone, and quoted nothing.
def test_each_supporter_is_sent_to_a_post_they_can_see_with_the_answer_quoted(
    manager, department, ideas, internal, mailoutbox, committed
):
    from accounts.models import TrustLevel
    from notifications.models import Notification
    from tests.accounts.factories import UserFactory

    staff_post = first_post(ThreadFactory(category=internal, title="Heatmap holidays"))
    insight = services.capture_feedback(actor=manager, post=staff_post, kind=kind())
    member_post = first_post(ThreadFactory(category=ideas, title="Holidays are wrong"))
    public = services.capture_feedback(actor=manager, post=member_post, kind=kind())
    services.merge_insights(actor=manager, source=insight, target=public)
    services.route_insight_manually(actor=manager, insight=public, department=department)
    fan = UserFactory(trust_level=TrustLevel.MEMBER, language="en")
    services.support_insight(actor=fan, insight=public)

    with committed():
        services.answer_publicly(
            actor=manager, insight=public, body="**Fixed** in 4.2 & later.", status=""
        )

    notice = Notification.objects.get(recipient=fan)
    assert notice.url == member_post.get_absolute_url()
    assert notice.excerpt == "Fixed in 4.2 & later."
    mail = next(m for m in mailoutbox if m.to == [fan.email])
    assert "Fixed in 4.2 & later." in mail.body
    assert ":\n\nRead it" not in mail.body


def thread_marks(*threads) -> list[bool]:
    from community.models import Thread

    marked = dict(Thread.objects.values_list("pk", "has_official_answer"))
    return [marked[thread.pk] for thread in threads]


def test_a_public_answer_marks_the_insights_threads_and_search_finds_them(
    manager, department, ideas, staff
):
    from community.search.query import parse
    from community.selectors.search import Filters, search_posts

    answered = ThreadFactory(category=ideas, title="Calendar sync with Outlook")
    merged = ThreadFactory(category=ideas, title="Outlook calendar export")
    unanswered = ThreadFactory(category=ideas, title="Calendar colours")
    insight = services.capture_feedback(actor=manager, post=first_post(answered), kind=kind())
    source = services.capture_feedback(actor=manager, post=first_post(merged), kind=kind())
    services.merge_insights(actor=manager, source=source, target=insight)
    services.capture_feedback(actor=manager, post=first_post(unanswered), kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    insight.refresh_from_db()

    services.answer_publicly(actor=staff, insight=insight, body="Planned for May.")

    assert thread_marks(answered, merged, unanswered) == [True, True, False]
    found = search_posts(viewer=manager, query=parse("calendar"), filters=Filters(official=True))
    assert {post.thread_id for post in found} == {answered.pk, merged.pk}


def test_posts_joining_an_answered_insight_mark_their_threads(manager, department, ideas):
    first, captured, merged = (ThreadFactory(category=ideas) for _n in range(3))
    insight = services.capture_feedback(actor=manager, post=first_post(first), kind=kind())
    services.answer_publicly(actor=manager, insight=insight, body="Thanks, noted.")
    other = services.capture_feedback(actor=manager, post=first_post(merged), kind=kind())

    assert thread_marks(first, captured, merged) == [True, False, False]
    services.capture_feedback(
        actor=manager, post=first_post(captured), kind=kind(), insight=insight
    )
    services.merge_insights(actor=manager, source=other, target=insight)

    assert thread_marks(first, captured, merged) == [True, True, True]


def test_posts_joining_an_unanswered_insight_leave_their_threads_unmarked(manager, ideas):
    first, captured = ThreadFactory(category=ideas), ThreadFactory(category=ideas)
    insight = services.capture_feedback(actor=manager, post=first_post(first), kind=kind())

    services.capture_feedback(
        actor=manager, post=first_post(captured), kind=kind(), insight=insight
    )

    assert thread_marks(first, captured) == [False, False]


def test_the_migration_marks_the_threads_of_feedback_answered_before(manager, ideas):
    from importlib import import_module

    from django.apps import apps

    from community.models import Thread

    answered, plain = ThreadFactory(category=ideas), ThreadFactory(category=ideas)
    insight = services.capture_feedback(actor=manager, post=first_post(answered), kind=kind())
    services.capture_feedback(actor=manager, post=first_post(plain), kind=kind())
    services.answer_publicly(actor=manager, insight=insight, body="Done.")
    Thread.objects.update(has_official_answer=False)

    import_module("feedback.migrations.0003_mark_answered_threads").mark(apps, None)

    assert thread_marks(answered, plain) == [True, False]
