"""What a newcomer's review of the feedback app found, each pinned down by a test."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from community.models import PostStatus
from feedback import services
from feedback.models import Channel, Delivery, DeliveryStatus, Insight
from feedback.services.deliveries import webhook_body
from tests.community.factories import ThreadFactory, first_post
from tests.feedback.factories import kind

pytestmark = pytest.mark.django_db


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


def test_a_post_in_a_thread_awaiting_approval_cannot_be_marked_as_feedback(manager, ideas):
    thread = ThreadFactory(category=ideas, title="Held")
    thread.is_pending_approval = True
    thread.save(update_fields=["is_pending_approval"])

    with pytest.raises(PermissionDenied):
        services.capture_feedback(actor=manager, post=first_post(thread), kind=kind())


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


def test_a_title_with_line_breaks_is_captured_on_one_line(manager, post):
    insight = services.capture_feedback(
        actor=manager, post=post, kind=kind(), title="Line one\r\nBcc: victim@example.test"
    )
    assert insight.title == "Line one Bcc: victim@example.test"


def test_a_department_name_with_a_line_break_still_gets_its_e_mail(manager, department, mailoutbox):
    from feedback.models import Department
    from tests.feedback.factories import InsightFactory

    Department.objects.filter(pk=department.pk).update(name="Product\nBcc: victim@example.test")
    department.refresh_from_db()
    insight = InsightFactory(title="Fine title")
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.EMAIL)

    assert services.deliver(delivery_id=delivery.pk) is True
    assert mailoutbox[0].subject.endswith(
        "New feedback for Product Bcc: victim@example.test: Fine title"
    )
    assert mailoutbox[0].bcc == []


def test_a_delivery_whose_send_keeps_stopping_the_worker_ends_failed(settings, manager, department):
    from datetime import timedelta

    from django.utils import timezone

    from tests.feedback.factories import InsightFactory

    settings.LIAISON_FEEDBACK_MAX_ATTEMPTS = 3
    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.EMAIL)
    # Three claims, each cut short by a worker that died mid-send.
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, attempts=3, claimed_at=timezone.now() - timedelta(hours=1)
    )

    assert services.requeue_stuck_deliveries() == 1
    assert services.deliver(delivery_id=delivery.pk) is False

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert "worker stopped" in delivery.last_error
    assert services.requeue_stuck_deliveries() == 0


def test_any_error_while_sending_is_a_failed_attempt_not_a_stuck_row(
    monkeypatch, manager, department
):
    from django.core.mail import BadHeaderError

    from tests.feedback.factories import InsightFactory

    def refuse(self, *args, **kwargs):
        raise BadHeaderError("Header values can't contain newlines")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    delivery = Delivery.objects.get(insight=insight, channel=Channel.EMAIL)

    with pytest.raises(services.DeliveryFailed):
        services.deliver(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert "newlines" in delivery.last_error


@pytest.mark.parametrize("secret", ["", "   "])
def test_a_webhook_without_a_secret_is_refused_on_the_secret_field(client, manager, secret):
    client.force_login(manager)
    response = client.post(
        reverse("feedback:department_create"),
        {
            "name": "Ops",
            "slug": "ops",
            "webhook_url": "https://ops.test/hook",
            "webhook_secret": secret,
            "service_level_hours": 24,
        },
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["webhook_secret"] == ["A webhook needs a secret to sign its requests."]
    assert not form.non_field_errors()
    assert "feedback_department_webhook_signed" not in response.content.decode()


def test_an_upper_case_scheme_is_saved_lower_case(client, manager):
    from feedback.models import Department

    client.force_login(manager)
    response = client.post(
        reverse("feedback:department_create"),
        {
            "name": "Ops",
            "slug": "ops",
            "webhook_url": "HTTPS://Ops.test/Hook",
            "webhook_secret": "s3cret",
            "service_level_hours": 24,
        },
    )

    assert response.status_code == 302
    assert Department.objects.get(slug="ops").webhook_url == "https://Ops.test/Hook"


def test_re_routing_to_another_department_clears_the_assignee(
    manager, department, other_department, staff
):
    from tests.feedback.factories import InsightFactory

    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    services.assign_insight(actor=manager, insight=insight, assignee=staff)

    services.route_insight_manually(actor=manager, insight=insight, department=other_department)

    insight.refresh_from_db()
    assert (insight.department, insight.assignee) == (other_department, None)


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


def test_the_author_of_a_captured_post_is_not_offered_me_too(client, manager, member, post):
    services.capture_feedback(actor=manager, post=post, kind=kind())
    client.force_login(member)

    page = client.get(post.thread.get_absolute_url()).content.decode()

    # The member reads German (their preference).
    assert "Du unterstützt das." in page
    assert "Ich auch" not in page


def test_suggestions_ignore_words_that_say_nothing_about_the_topic(manager, ideas):
    from feedback import selectors

    for title in ("Export to DATEV fails", "The dark mode is too dark", "Dependencies in Gantt"):
        services.capture_feedback(
            actor=manager, post=first_post(ThreadFactory(category=ideas, title=title)), kind=kind()
        )

    found = selectors.similar_insights(
        text="The Gantt milestones are off by one day, and the chart is slow", viewer=manager
    )
    nothing = selectors.similar_insights(text="the and with this that is", viewer=manager)

    assert [each.title for each in found] == ["Dependencies in Gantt"]
    assert nothing == []


def test_a_department_with_a_copy_is_told_so_and_gets_the_threads(
    manager, department, other_department, post, mailoutbox, committed
):
    import json as json_module

    from feedback.models import RoutingRule

    other_department.webhook_url = "https://sales.test/hook"
    other_department.webhook_secret = "s"
    other_department.save()
    RoutingRule.objects.create(
        name="Product first", department=department, keywords="export", stop_processing=False
    )
    RoutingRule.objects.create(name="Sales too", department=other_department, keywords="export")
    with committed():
        insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    insight.refresh_from_db()
    assert insight.department == department

    # The deliveries ran after commit, in-process.
    copy_mail = next(m for m in mailoutbox if m.to == [other_department.contact_email])
    own_mail = next(m for m in mailoutbox if m.to == [department.contact_email])
    hook = Delivery.objects.get(department=other_department, channel=Channel.WEBHOOK)
    body = json_module.loads(webhook_body(hook))

    assert "For your information" in copy_mail.subject and "Product" in copy_mail.subject
    assert post.get_absolute_url() in copy_mail.body
    assert insight.get_absolute_url() not in copy_mail.body
    assert insight.get_absolute_url() in own_mail.body
    assert (body["department"], body["owner"], body["copy"]) == ("sales", "product", True)


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


def test_a_post_cannot_be_attached_to_closed_feedback(manager, department, ideas, post):
    from django.core.exceptions import ValidationError

    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    services.answer_publicly(actor=manager, insight=insight, body="Shipped.", status="declined")
    later = first_post(ThreadFactory(category=ideas, title="Me again"))

    with pytest.raises(ValidationError) as error:
        services.capture_feedback(actor=manager, post=later, kind=kind(), insight=insight)

    assert error.value.code == "closed"


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
