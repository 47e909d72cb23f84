"""The feedback services: every rule and refusal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from feedback import services
from feedback.models import (
    Delivery,
    Department,
    Insight,
    InsightStatus,
    RoutingDecision,
    RoutingRule,
    StatusChange,
)
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import TagFactory, ThreadFactory, first_post
from tests.feedback.factories import InsightFactory, kind

pytestmark = pytest.mark.django_db


def make_rule(actor, department, **kwargs):
    kinds, tags, categories = (
        kwargs.pop("kinds", ()),
        kwargs.pop("tags", ()),
        kwargs.pop("categories", ()),
    )
    return services.save_routing_rule(
        actor=actor,
        rule=RoutingRule(name="rule", department=department, **kwargs),
        kinds=kinds,
        tags=tags,
        categories=categories,
    )


def test_a_department_webhook_must_be_http_or_https(manager):
    department = Department(name="Ops", slug="ops", webhook_url="ftp://x.test/", webhook_secret="s")
    with pytest.raises(ValidationError) as error:
        services.save_department(actor=manager, department=department)
    assert "webhook_url" in error.value.message_dict


def test_a_department_webhook_needs_a_secret(manager):
    department = Department(name="Ops", slug="ops", webhook_url="https://x.test/hook")
    with pytest.raises(ValidationError):
        services.save_department(actor=manager, department=department)


def test_a_routing_rule_without_a_condition_is_refused(manager, department):
    with pytest.raises(ValidationError) as error:
        make_rule(manager, department)
    assert error.value.code == "no_condition"


def test_a_routing_rule_without_a_department_is_refused(manager):
    with pytest.raises(ValidationError) as error:
        services.save_routing_rule(
            actor=manager, rule=RoutingRule(name="x", keywords="excel"), kinds=[kind("bug")]
        )
    assert error.value.error_dict["department"][0].code == "no_target"


def test_members_cannot_write_routing_rules(member, department):
    with pytest.raises(PermissionDenied):
        make_rule(member, department, keywords="excel")


def test_a_member_captures_their_own_post_in_a_welcoming_category(
    member, post, department, committed
):
    with committed():
        insight = services.capture_feedback(actor=member, post=post, kind=kind("idea"))
    insight.refresh_from_db()
    assert insight.title == "Export to Excel"
    assert insight.supporter_count == 1
    assert insight.routing_round == 1  # routed in-process after commit (eager)


def test_a_member_cannot_capture_someone_elses_post(post):
    with pytest.raises(PermissionDenied):
        services.capture_feedback(actor=UserFactory(), post=post, kind=kind())


def test_a_member_cannot_capture_in_a_category_not_welcoming_feedback(member):
    post = first_post(ThreadFactory(author=member))
    with pytest.raises(PermissionDenied):
        services.capture_feedback(actor=member, post=post, kind=kind())


def test_a_capture_on_a_post_the_actor_may_not_see_is_refused(internal, staff, member):
    post = first_post(ThreadFactory(category=internal, author=staff))
    with pytest.raises(Http404):
        services.capture_feedback(actor=member, post=post, kind=kind())


def test_a_manager_captures_any_visible_post_and_a_post_only_once(manager, post):
    services.capture_feedback(actor=manager, post=post, kind=kind())
    with pytest.raises(ValidationError) as error:
        services.capture_feedback(actor=manager, post=post, kind=kind())
    assert error.value.code == "already_captured"


def test_attaching_a_post_counts_its_author_as_supporter(manager, post, ideas):
    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    other = first_post(ThreadFactory(category=ideas))
    again = services.capture_feedback(actor=manager, post=other, kind=kind(), insight=insight)
    assert again == insight
    assert Insight.objects.count() == 1
    assert Insight.objects.get().supporter_count == 2


def test_support_counts_distinct_members(manager, post, member):
    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    assert services.support_insight(actor=member, insight=insight) is True  # already the author
    assert services.support_insight(actor=member, insight=insight) is False
    services.support_insight(actor=UserFactory(), insight=insight)
    insight.refresh_from_db()
    assert insight.supporter_count == 2


def test_merge_moves_posts_and_supporters_and_keeps_history(manager, ideas):
    first = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas)), kind=kind()
    )
    second = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas)), kind=kind()
    )
    supporter = UserFactory()
    services.support_insight(actor=supporter, insight=second)
    services.merge_insights(actor=manager, source=second, target=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.merged_into == first
    assert first.supporter_count == 3
    assert first.insight_posts.count() == 2
    assert StatusChange.objects.filter(insight=second).exists()
    # Support for the merged one goes to its target.
    services.support_insight(actor=UserFactory(), insight=second)
    first.refresh_from_db()
    assert first.supporter_count == 4


def test_merging_into_itself_is_refused(manager):
    insight = InsightFactory()
    with pytest.raises(ValidationError):
        services.merge_insights(actor=manager, source=insight, target=insight)


def test_routing_takes_the_first_matching_rule_and_stops(manager, department, other_department):
    make_rule(manager, department, keywords="excel", position=10)
    make_rule(manager, other_department, keywords="excel", position=20)
    insight = InsightFactory(title="Export to Excel")
    services.route_insight(insight_id=insight.pk)
    insight.refresh_from_db()
    assert insight.department == department
    assert set(Delivery.objects.values_list("department__slug", flat=True)) == {"product"}


def test_routing_follows_rule_order(manager, department, other_department):
    make_rule(manager, department, keywords="excel", position=20)
    make_rule(manager, other_department, kinds=[kind("idea")], position=10)
    insight = InsightFactory(title="Export to Excel")
    services.route_insight(insight_id=insight.pk)
    insight.refresh_from_db()
    assert insight.department == other_department


def test_a_rule_that_does_not_stop_lets_later_matches_get_a_copy(
    manager, department, other_department
):
    make_rule(manager, department, keywords="excel", position=10, stop_processing=False)
    make_rule(manager, other_department, tags=[TagFactory(name="export")], position=20)
    insight = InsightFactory(title="Export to Excel")
    insight.tags.set([TagFactory(name="csv"), *RoutingRule.objects.get(position=20).tags.all()])
    services.route_insight(insight_id=insight.pk)
    insight.refresh_from_db()
    assert insight.department == department
    channels = set(Delivery.objects.values_list("department__slug", "channel"))
    assert channels == {("product", "in_app"), ("product", "email"), ("sales", "email")}


def test_category_conditions_route_by_the_posts_category(
    manager, department, post, ideas, committed
):
    make_rule(manager, department, categories=[ideas])
    with committed():
        services.capture_feedback(actor=manager, post=post, kind=kind())
    assert Insight.objects.get().department == department


def test_unmatched_feedback_stays_unrouted_and_a_rerun_changes_nothing(department):
    insight = InsightFactory(title="Nothing matches")
    services.route_insight(insight_id=insight.pk)
    services.route_insight(insight_id=insight.pk)
    insight.refresh_from_db()
    assert insight.department is None
    assert insight.routing_round == 1
    assert RoutingDecision.objects.filter(insight=insight).count() == 1


def test_manual_rerouting_is_recorded_and_delivers_again(manager, department, other_department):
    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    services.route_insight_manually(actor=manager, insight=insight, department=other_department)
    decisions = list(RoutingDecision.objects.filter(insight=insight))
    assert [(d.from_department, d.to_department, d.decided_by) for d in decisions] == [
        (None, department, manager),
        (department, other_department, manager),
    ]
    assert Delivery.objects.filter(insight=insight, routing_round=2, department=other_department)


def test_staff_cannot_route_by_hand(staff, department):
    with pytest.raises(PermissionDenied):
        services.route_insight_manually(
            actor=staff, insight=InsightFactory(), department=department
        )


def routed(manager, department):
    insight = InsightFactory()
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    insight.refresh_from_db()
    return insight


def test_status_moves_are_recorded_with_who_and_when(manager, department, staff):
    insight = routed(manager, department)
    services.change_status(actor=staff, insight=insight, status=InsightStatus.ACKNOWLEDGED)
    change = StatusChange.objects.get(insight=insight)
    assert (change.from_status, change.to_status, change.changed_by) == (
        "new",
        "acknowledged",
        staff,
    )
    insight.refresh_from_db()
    assert insight.first_response_at is not None


def test_an_unknown_status_transition_is_refused(manager, department, staff):
    insight = routed(manager, department)
    with pytest.raises(ValidationError) as error:
        services.change_status(actor=staff, insight=insight, status=InsightStatus.PLANNED)
    assert error.value.code == "invalid_transition"


def test_done_without_a_public_answer_is_refused(manager, department, staff):
    insight = routed(manager, department)
    services.change_status(actor=staff, insight=insight, status=InsightStatus.ACKNOWLEDGED)
    with pytest.raises(ValidationError) as error:
        services.change_status(actor=staff, insight=insight, status=InsightStatus.DONE)
    assert error.value.code == "answer_required"


def test_staff_of_another_department_cannot_touch_the_insight(manager, department, other_staff):
    insight = routed(manager, department)
    with pytest.raises(Http404):
        services.change_status(actor=other_staff, insight=insight, status="acknowledged")


def test_a_public_answer_notifies_every_supporter_in_their_language(
    manager, department, staff, ideas, mailoutbox, committed
):
    german = UserFactory(language="de")
    first = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas, author=german)), kind=kind()
    )
    merged = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas)), kind=kind()
    )
    merged_supporter = UserFactory(language="en")
    services.support_insight(actor=merged_supporter, insight=merged)
    services.merge_insights(actor=manager, source=merged, target=first)
    services.route_insight_manually(actor=manager, insight=first, department=department)
    Notification.objects.all().delete()
    first.refresh_from_db()
    with committed():
        response = services.answer_publicly(
            actor=staff, insight=first, body="We **shipped** it.", status=""
        )
    assert "<strong>shipped</strong>" in response.html
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert german.pk in recipients and merged_supporter.pk in recipients
    assert len(recipients) == 3
    assert any(m.to == [german.email] for m in mailoutbox)
    services.change_status(actor=staff, insight=first, status="acknowledged")
    services.change_status(actor=staff, insight=first, status="done")
    first.refresh_from_db()
    assert first.closed_at and first.answered_at


def test_assigning_someone_outside_the_department_is_refused(manager, department, other_staff):
    insight = routed(manager, department)
    with pytest.raises(ValidationError):
        services.assign_insight(actor=manager, insight=insight, assignee=other_staff)


def test_internal_notes_need_access(manager, department, staff, member):
    insight = routed(manager, department)
    services.add_internal_note(actor=staff, insight=insight, body="Looks like JIRA-12.")
    with pytest.raises(Http404):
        services.add_internal_note(actor=member, insight=insight, body="hi")


def test_escalation_tells_managers_once(manager, department):
    from datetime import timedelta

    from django.utils import timezone

    insight = routed(manager, department)
    Insight.objects.filter(pk=insight.pk).update(routed_at=timezone.now() - timedelta(days=5))
    assert services.escalate_overdue_insights() == 1
    assert services.escalate_overdue_insights() == 0
    assert (
        Notification.objects.filter(recipient=manager, url=insight.get_absolute_url()).count() == 1
    )


def test_weekly_digest_goes_once_a_week(department, mailoutbox, committed):
    with committed():
        assert services.send_weekly_department_digests() == 1
    assert services.send_weekly_department_digests() == 0
    assert mailoutbox[0].to == [department.contact_email]


def test_deliveries_are_sent_once_by_channel(manager, department, staff, mailoutbox, committed):
    with committed():
        insight = routed(manager, department)
    statuses = set(Delivery.objects.filter(insight=insight).values_list("channel", "status"))
    assert statuses == {("in_app", "sent"), ("email", "sent")}
    assert Notification.objects.filter(recipient=staff).count() == 1
    assert [m.to for m in mailoutbox if m.to == [department.contact_email]]


def test_a_rule_can_move_up(manager, department):
    first = make_rule(manager, department, keywords="a")
    second = make_rule(manager, department, keywords="b")
    assert services.move_routing_rule(actor=manager, rule=second, up=True)
    assert list(RoutingRule.objects.values_list("pk", flat=True)) == [second.pk, first.pk]
    assert not services.move_routing_rule(actor=manager, rule=second, up=True)


def test_a_status_change_notifies_every_supporter_in_their_language(
    manager, department, staff, ideas
):
    german = UserFactory(language="de")
    insight = services.capture_feedback(
        actor=manager, post=first_post(ThreadFactory(category=ideas, author=german)), kind=kind()
    )
    supporter = UserFactory(language="en")
    services.support_insight(actor=supporter, insight=insight)
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    insight.refresh_from_db()
    Notification.objects.all().delete()

    services.change_status(actor=staff, insight=insight, status=InsightStatus.ACKNOWLEDGED)

    notices = {each.recipient_id: each for each in Notification.objects.all()}
    assert set(notices) == {german.pk, supporter.pk}
    assert "Acknowledged" in notices[supporter.pk].message
    assert insight.title in notices[german.pk].message


def test_a_status_left_as_it_was_notifies_nobody(manager, department, staff):
    insight = routed(manager, department)
    services.support_insight(actor=UserFactory(), insight=insight)
    Notification.objects.all().delete()

    assert services.change_status(actor=staff, insight=insight, status="new") is False
    assert not Notification.objects.exists()
