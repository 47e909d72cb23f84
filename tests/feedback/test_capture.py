"""Marking a post as feedback, and Me too (feedback/views/capture.py)."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from feedback import services
from feedback.models import InsightPost
from tests.community.factories import ThreadFactory, first_post
from tests.feedback.conftest import Page
from tests.feedback.factories import InsightFactory, kind

pytestmark = pytest.mark.django_db


# Inbox review: a hidden field's error (attach_to) was shown nowhere.
def test_capture_shows_the_error_of_a_bad_hidden_attach_to(client, member, post, internal, staff):
    secret = InsightFactory(title="Internal only")
    InsightPost.objects.create(
        insight=secret,
        post=first_post(ThreadFactory(category=internal, author=staff)),
        added_by=staff,
    )
    client.force_login(member)

    response = client.post(
        reverse("feedback:capture", args=[post.pk]),
        {"kind": kind("need").pk, "attach_to": secret.pk},
    )

    html = response.content.decode()
    with translation.override(member.language):
        expected = str(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    assert response.status_code == 400
    assert f'<div class="form-errors" role="alert">\n    <p>{expected}</p>' in html
    assert "Internal only" not in html


# Inbox review: showing hidden fields' errors leaves a form without any as it was.
def test_form_fields_output_is_unchanged_without_hidden_errors(client, member, post):
    client.force_login(member)

    html = client.get(reverse("feedback:capture", args=[post.pk])).content.decode()

    assert "form-errors" not in html
    assert '<input type="hidden" name="attach_to" id="id_attach_to">' in html


# Feedback pages review: Attach to this one did not name its suggestion for screen readers.
def test_attach_to_this_one_names_the_suggestion(client, member, post, similar_insight):
    client.force_login(member)
    page = Page(client.get(reverse("feedback:capture", args=[post.pk])).content.decode())
    with translation.override(member.language):
        attach = gettext("Attach to this one")
    assert f"{attach}: Export to Excel please" in page.buttons


# Feedback review: Me too on a merged insight must support the merge's target.
def test_me_too_on_a_merged_insight_from_a_stale_page_supports_its_target(
    client, manager, member, ideas
):
    from accounts.models import TrustLevel
    from tests.accounts.factories import UserFactory

    first = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas, title="A")), kind=kind()
    )
    second = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas, title="B")), kind=kind()
    )
    services.merge_insights(actor=manager, source=second, target=first)
    fan = UserFactory(trust_level=TrustLevel.MEMBER)
    client.force_login(fan)

    response = client.post(reverse("feedback:support", args=[second.pk]))

    assert response.status_code == 302
    assert response.url.startswith("/t/")
    first.refresh_from_db()
    assert first.supports.filter(member=fan).exists()
    assert not second.supports.exists()
