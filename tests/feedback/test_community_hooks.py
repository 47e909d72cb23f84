"""What feedback adds to a thread's page: Mark as feedback under posts, and the feedback
panel with Me too (feedback/community_hooks.py)."""

import pytest
from django.urls import reverse

from feedback import services
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory, first_post
from tests.feedback.conftest import Page
from tests.feedback.factories import kind

pytestmark = pytest.mark.django_db


# Feedback review: Mark as feedback was still offered on a post already captured.
def test_a_captured_post_no_longer_offers_mark_as_feedback(client, manager, member, ideas):
    thread = ThreadFactory(category=ideas, author=member, title="Two ideas")
    captured = first_post(thread)
    services.capture_feedback(actor=manager, post=captured, kind=kind())
    from community import services as forum

    reply = forum.reply_to_thread(author=member, thread=thread, body="And a second one.")

    client.force_login(manager)
    page = client.get(thread.get_absolute_url()).content.decode()

    assert reverse("feedback:capture", args=[captured.pk]) not in page
    assert reverse("feedback:capture", args=[reply.pk]) in page


# Feedback review: the author of captured feedback was offered Me too.
def test_the_author_of_a_captured_post_is_not_offered_me_too(client, manager, member, post):
    services.capture_feedback(actor=manager, post=post, kind=kind())
    client.force_login(member)

    page = client.get(post.thread.get_absolute_url()).content.decode()

    # The member reads German (their preference).
    assert "Du unterstützt das." in page
    assert "Ich auch" not in page


# Feedback pages review: Me too named no insight, and its form sat inside a paragraph.
def test_me_too_names_its_insight_and_sits_in_no_paragraph(client, insight):
    client.force_login(UserFactory())
    page = Page(
        client.get(insight.insight_posts.get().post.thread.get_absolute_url()).content.decode()
    )
    assert f"Me too: {insight.title}" in page.buttons
    assert not page.has_form_in_paragraph
