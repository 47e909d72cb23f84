"""The feedback loop in a browser: captured, routed, supported, answered, notified, reported."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import TrustLevel
from accounts.roles import Role
from feedback import services
from feedback.models import Insight, InsightStatus, RoutingDecision, RoutingRule
from feedback.notices import FEEDBACK_NOTICE, WORK_NOTICE
from notifications.models import Notification
from tests.accounts.factories import PASSWORD, UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.e2e.accessibility import assert_accessible
from tests.feedback.factories import DepartmentFactory, kind, staff_of

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ANSWER = "Thanks for the report: a fix for the export button ships on Monday."
ANSWERED = "The team answered feedback you support: Export button does nothing"
ACKNOWLEDGED = "Feedback you support is now “Acknowledged”: Export button does nothing"


def sign_in(browser, live_server, email):
    """Return a page of a new browser context, signed in through the login form."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    return page


@pytest.fixture
def loop():
    """A Support department with one agent, a rule sending problems there, a member's thread."""
    manager = UserFactory(
        email="carla@example.test",
        display_name="Carla Manager",
        role=Role.COMMUNITY_MANAGER,
        trust_level=TrustLevel.LEADER,
    )
    support = DepartmentFactory(name="Support", slug="support")
    agent = staff_of(support, email="sam@example.test", display_name="Sam Support")
    problem = kind("problem")
    services.save_routing_rule(
        actor=manager,
        rule=RoutingRule(name="Problems go to Support", department=support),
        kinds=[problem],
    )
    category = CategoryFactory(name="Product help", slug="product-help", is_feedback_welcome=True)
    author = UserFactory(
        email="ada@example.test", display_name="Ada Author", trust_level=TrustLevel.MEMBER
    )
    thread = ThreadFactory(
        category=category,
        author=author,
        title="The export button does nothing",
        body="I click **Export** and nothing happens, in every browser.",
    )
    supporter = UserFactory(
        email="ben@example.test", display_name="Ben Backer", trust_level=TrustLevel.MEMBER
    )
    return {
        "manager": manager,
        "support": support,
        "agent": agent,
        "category": category,
        "author": author,
        "post": first_post(thread),
        "supporter": supporter,
    }


def test_a_captured_problem_is_routed_supported_answered_notified_and_reported(
    browser, live_server, screenshot, loop
):
    post = loop["post"]
    thread_url = post.thread.get_absolute_url()

    manager = sign_in(browser, live_server, loop["manager"].email)
    manager.goto(thread_url)
    manager.locator(f"#post-{post.number}").get_by_role("link", name="Mark as feedback").click()
    manager.wait_for_url(f"**{reverse('feedback:capture', kwargs={'post_id': post.pk})}")
    assert_accessible(manager, "capture")
    manager.get_by_label("Kind").select_option(label="Problem")
    manager.get_by_label("Title").fill("Export button does nothing")
    manager.get_by_label("Summary").fill("Members click Export and get no file.")
    screenshot(manager, "capture-filled")
    with manager.expect_navigation():
        manager.get_by_role("button", name="Mark as feedback").click()
    assert manager.get_by_text("this post is now feedback").count()
    screenshot(manager, "captured")

    insight = Insight.objects.get()
    assert insight.kind.slug == "problem"
    assert insight.department == loop["support"]
    assert insight.status == InsightStatus.NEW
    assert RoutingDecision.objects.get(insight=insight).rule.name == "Problems go to Support"
    assert any("New feedback for Support" in message.subject for message in mail.outbox)
    assert Notification.objects.filter(
        recipient=loop["agent"], kind=WORK_NOTICE.value, url=insight.get_absolute_url()
    ).exists()

    supporter = sign_in(browser, live_server, loop["supporter"].email)
    supporter.goto(thread_url)
    panel = supporter.locator(".feedback-panel")
    assert panel.get_by_text("Export button does nothing").count()
    with supporter.expect_navigation():
        panel.get_by_role("button", name="Me too").press("Enter")
    assert panel.get_by_text("You support this.").count()
    screenshot(supporter, "supported")
    insight.refresh_from_db()
    assert insight.supporter_count == 2

    agent = sign_in(browser, live_server, loop["agent"].email)
    agent.goto(reverse("feedback:inbox"))
    assert_accessible(agent, "inbox")
    screenshot(agent, "inbox")
    with agent.expect_navigation():
        agent.get_by_role("link", name="Export button does nothing").click()
    assert_accessible(agent, "insight detail")
    status_form = agent.locator(
        f"form[action='{reverse('feedback:change_status', args=[insight.pk])}']"
    )
    status_form.get_by_label("Status").select_option(InsightStatus.ACKNOWLEDGED)
    with agent.expect_navigation():
        status_form.get_by_role("button", name="Change status").click()
    assert agent.locator(".page-head .feedback-status").inner_text() == "Acknowledged"
    answer_form = agent.locator(f"form[action='{reverse('feedback:answer', args=[insight.pk])}']")
    answer_form.get_by_label("Public answer").fill(ANSWER)
    with agent.expect_navigation():
        answer_form.get_by_role("button", name="Answer publicly").click()
    assert agent.locator(".feedback-answer").get_by_text(ANSWER).count()
    screenshot(agent, "answered")
    agent.context.close()

    insight.refresh_from_db()
    assert insight.status == InsightStatus.ACKNOWLEDGED
    assert insight.answered_at is not None

    supporter.goto(thread_url)
    panel = supporter.locator(".feedback-panel")
    assert panel.locator(".feedback-status").inner_text() == "Acknowledged"
    assert panel.locator(".feedback-answer").get_by_text(ANSWER).count()
    screenshot(supporter, "official-answer")

    supporter.goto(reverse("feedback:status_page", kwargs={"category_slug": "product-help"}))
    row = supporter.locator(".feedback-row", has_text="Export button does nothing")
    assert row.get_by_text("Acknowledged").count()
    assert row.get_by_text("2 supporters").count()
    assert_accessible(supporter, "status page")
    screenshot(supporter, "status-page")

    author = sign_in(browser, live_server, loop["author"].email)
    for name, page in (("author", author), ("supporter", supporter)):
        page.goto(reverse("notifications:notification_list"))
        assert page.get_by_role("link", name=ANSWERED).count(), name
        screenshot(page, f"notified-{name}")
        page.context.close()
    for member in (loop["author"], loop["supporter"]):
        notices = Notification.objects.filter(recipient=member, kind=FEEDBACK_NOTICE.value)
        assert sorted(notices.values_list("message", flat=True)) == [ACKNOWLEDGED, ANSWERED]
        told = [message.body for message in mail.outbox if message.to == [member.email]]
        assert any(ANSWERED in body for body in told), member.email

    response = manager.goto(reverse("feedback:reports"))
    assert response.status == 200
    assert manager.get_by_role("heading", level=1).inner_text() == "Feedback reports"
    assert manager.locator("main").get_by_text("Support", exact=True).count()
    assert_accessible(manager, "reports")
    screenshot(manager, "reports")
    manager.context.close()
