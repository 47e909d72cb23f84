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
