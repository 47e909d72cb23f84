"""A category's public status page: roadmap order, a status filter, pages of 30."""

import pytest
from django.urls import reverse

from community.models import Post, PostStatus
from feedback import services
from feedback.models import Insight, InsightPost
from feedback.views.public import STATUS_PAGE_SIZE
from tests.community.factories import ThreadFactory, first_post
from tests.feedback.factories import InsightFactory

pytestmark = pytest.mark.django_db


def raised_in(category, member, *, title, status="new", supporters=0, answered=False):
    """An insight captured from a new thread in ``category``, in ``status``."""
    from django.utils import timezone

    post = first_post(ThreadFactory(category=category, author=member, title=title))
    insight = InsightFactory(
        title=title,
        status=status,
        supporter_count=supporters,
        answered_at=timezone.now() if answered else None,
    )
    InsightPost.objects.create(insight=insight, post=post, added_by=insight.created_by)
    return insight


def titles(response) -> list[str]:
    return [each.title for each in response.context["page"]]


def test_the_status_page_lists_work_in_progress_first_and_closed_last(client, ideas, member):
    raised_in(ideas, member, title="Declined one", status="declined", answered=True)
    raised_in(ideas, member, title="New, few", status="new", supporters=1)
    raised_in(ideas, member, title="New, many", status="new", supporters=9)
    raised_in(ideas, member, title="Being built", status="in_progress")
    raised_in(ideas, member, title="Shipped", status="done", answered=True)
    raised_in(ideas, member, title="Next quarter", status="planned")

    response = client.get(reverse("feedback:status_page", args=[ideas.slug]))

    assert titles(response) == [
        "Being built",
        "Next quarter",
        "New, many",
        "New, few",
        "Shipped",
        "Declined one",
    ]
    assert response.content.decode().count("answered") == 2


def test_the_status_page_filters_by_status_and_ignores_an_unknown_one(client, ideas, member):
    raised_in(ideas, member, title="Shipped", status="done")
    raised_in(ideas, member, title="Being built", status="in_progress")
    url = reverse("feedback:status_page", args=[ideas.slug])

    assert titles(client.get(url, {"status": "done"})) == ["Shipped"]
    assert (
        "No feedback with this status." in client.get(url, {"status": "planned"}).content.decode()
    )
    response = client.get(url, {"status": "<script>"})
    assert response.status_code == 200
    assert titles(response) == ["Being built", "Shipped"]


def test_the_status_page_comes_in_pages_and_keeps_the_filter(client, ideas, member):
    for number in range(STATUS_PAGE_SIZE + 5):
        raised_in(ideas, member, title=f"Idea {number:02d}", status="planned", supporters=number)
    raised_in(ideas, member, title="Elsewhere in the workflow", status="new")
    url = reverse("feedback:status_page", args=[ideas.slug])

    first = client.get(url, {"status": "planned"})
    second = client.get(url, {"status": "planned", "page": 2})

    assert len(titles(first)) == STATUS_PAGE_SIZE
    assert titles(first)[0] == f"Idea {STATUS_PAGE_SIZE + 4:02d}"
    assert len(titles(second)) == 5
    assert "status=planned&amp;page=2" in first.content.decode()
    assert client.get(url, {"page": 9}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 404


def test_merged_insights_and_other_categories_stay_off_the_page(client, ideas, member):
    from tests.community.factories import CategoryFactory

    kept = raised_in(ideas, member, title="Kept")
    merged = raised_in(ideas, member, title="Merged away")
    Insight.objects.filter(pk=merged.pk).update(merged_into=kept)
    raised_in(CategoryFactory(slug="elsewhere"), member, title="Elsewhere")

    response = client.get(reverse("feedback:status_page", args=[ideas.slug]))

    assert titles(response) == ["Kept"]


def test_the_status_page_costs_the_same_for_5_and_40_insights(
    client, ideas, member, django_assert_num_queries
):
    url = reverse("feedback:status_page", args=[ideas.slug])
    for number in range(5):
        raised_in(ideas, member, title=f"Idea {number}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(35):
        raised_in(ideas, member, title=f"More {number}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_an_answer_shows_on_the_status_page(client, ideas, member, manager, department):
    post = first_post(ThreadFactory(category=ideas, author=member, title="Dark mode"))
    from tests.feedback.factories import kind

    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    services.answer_publicly(actor=manager, insight=insight, body="We are on it.", status="")

    page = client.get(reverse("feedback:status_page", args=[ideas.slug])).content.decode()

    assert "Dark mode" in page and "answered" in page
    assert f'href="{post.thread.get_absolute_url()}"' in page


def test_feedback_from_a_post_moderation_holds_back_stays_off_the_status_page(
    client, ideas, member
):
    hidden = raised_in(ideas, member, title="Quietly hidden")
    Post.objects.filter(insight_link__insight=hidden).update(status=PostStatus.HIDDEN)
    pending = raised_in(ideas, member, title="Awaiting approval")
    Post.objects.filter(insight_link__insight=pending).update(status=PostStatus.PENDING)
    raised_in(ideas, member, title="Out in the open")

    response = client.get(reverse("feedback:status_page", args=[ideas.slug]))

    assert titles(response) == ["Out in the open"]
