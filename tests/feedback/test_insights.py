"""Capturing feedback, attaching posts to it and merging it (feedback/services/insights.py)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from community.models import PostStatus
from feedback import services
from feedback.models import Insight
from tests.community.factories import ThreadFactory, first_post
from tests.feedback.factories import kind

pytestmark = pytest.mark.django_db


# Feedback review: posts awaiting approval or hidden could be marked as feedback.
@pytest.mark.parametrize("status", [PostStatus.PENDING, PostStatus.HIDDEN])
def test_a_post_moderation_holds_back_cannot_be_marked_as_feedback(
    client, manager, member, ideas, status
):
    post = first_post(ThreadFactory(category=ideas, author=member, title="Cheap watches"))
    post.status = status
    post.save(update_fields=["status"])

    for actor in (member, manager):
        with pytest.raises(PermissionDenied):
            services.capture_feedback(actor=actor, post=post, kind=kind(), title="Spam")
        client.force_login(actor)
        page = client.get(post.thread.get_absolute_url())
        assert reverse("feedback:capture", args=[post.pk]) not in page.content.decode()
        response = client.post(
            reverse("feedback:capture", args=[post.pk]), {"kind": kind().pk, "title": "Spam"}
        )
        assert response.status_code == 403
    assert not Insight.objects.exists()


# Feedback review: posts awaiting approval could be marked as feedback.
def test_a_post_in_a_thread_awaiting_approval_cannot_be_marked_as_feedback(manager, ideas):
    thread = ThreadFactory(category=ideas, title="Held")
    thread.is_pending_approval = True
    thread.save(update_fields=["is_pending_approval"])

    with pytest.raises(PermissionDenied):
        services.capture_feedback(actor=manager, post=first_post(thread), kind=kind())


# Feedback review: a title's line breaks reached e-mail subjects (header injection).
def test_a_title_with_line_breaks_is_captured_on_one_line(manager, post):
    insight = services.capture_feedback(
        actor=manager, post=post, kind=kind(), title="Line one\r\nBcc: victim@example.test"
    )
    assert insight.title == "Line one Bcc: victim@example.test"


# Feedback review: merging put an internal title and answer on a public thread.
def test_feedback_from_a_wider_audience_never_joins_feedback_from_a_narrower_one(
    manager, ideas, internal
):
    from django.core.exceptions import ValidationError

    inside = services.capture_feedback(
        actor=manager,
        post=first_post(ThreadFactory(category=internal, title="Secret")),
        kind=kind(),
    )
    outside = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas, title="Open")), kind=kind()
    )
    public_post = first_post(ThreadFactory(category=ideas, title="Another open one"))

    with pytest.raises(ValidationError) as merge:
        services.merge_insights(actor=manager, source=outside, target=inside)
    with pytest.raises(ValidationError) as attach:
        services.capture_feedback(actor=manager, post=public_post, kind=kind(), insight=inside)

    assert merge.value.code == attach.value.code == "audience"
    assert services.merge_insights(actor=manager, source=inside, target=outside) == outside


# Feedback review: closed feedback took new posts.
def test_a_post_cannot_be_attached_to_closed_feedback(manager, department, ideas, post):
    from django.core.exceptions import ValidationError

    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    services.answer_publicly(actor=manager, insight=insight, body="Shipped.", status="declined")
    later = first_post(ThreadFactory(category=ideas, title="Me again"))

    with pytest.raises(ValidationError) as error:
        services.capture_feedback(actor=manager, post=later, kind=kind(), insight=insight)

    assert error.value.code == "closed"
