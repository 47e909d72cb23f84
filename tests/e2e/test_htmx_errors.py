"""htmx in a real browser: refusals are said, redirects are followed, focus stays put."""

from datetime import timedelta

import pytest
from django.db.models import F

from accounts.roles import Role
from community import services
from community.models import Category, Post, Thread
from tests.accounts.factories import PASSWORD, UserFactory
from tests.e2e.accessibility import assert_accessible

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def thread():
    category = Category.objects.create(name="Product help", slug="product-help")
    return services.start_thread(
        author=UserFactory(), category=category, title="Export fails", body="It fails."
    )


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_a_reply_to_a_thread_locked_meanwhile_says_why_and_keeps_the_text(page, thread):
    sign_in(page, UserFactory())
    page.goto(thread.get_absolute_url())
    page.fill("textarea[name=body]", "My carefully written reply.")
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    page.focus("#reply-form button[type=submit]")
    page.keyboard.press("Enter")

    status = page.locator("#htmx-status")
    status.get_by_text("This thread is locked.").wait_for()
    assert page.input_value("textarea[name=body]") == "My carefully written reply."
    status.get_by_role("button", name="Close").click()
    assert status.inner_text() == ""


def test_a_reply_after_a_refused_one_empties_the_form_and_drops_the_error(
    page, thread, settings, screenshot
):
    """The refused form showed its text as the textarea's default: the form's reset after
    the next reply brought back that text and the error, and one more click posted it."""
    settings.LIAISON_POST_LIMITS_ENABLED = True
    member = UserFactory()
    sign_in(page, member)
    page.goto(thread.get_absolute_url())
    textarea = page.locator("textarea[name=body]")
    page.fill("textarea[name=body]", "First")
    page.click("#reply-form button[type=submit]")
    page.locator("#posts #post-2").wait_for()
    assert textarea.input_value() == ""

    page.fill("textarea[name=body]", "Second, sent too soon")
    page.click("#reply-form button[type=submit]")
    error = page.locator("#id_body_error")
    error.get_by_text("Please wait 5 seconds between posts.").wait_for()
    # The text stays, and the focus lands on it, which reads out the error it is described by.
    assert textarea.input_value() == "Second, sent too soon"
    page.wait_for_function("document.activeElement.id === 'id_body'")
    assert "id_body_error" in textarea.get_attribute("aria-describedby")
    screenshot(page, "refused")

    # Five seconds later, as far as the limit can tell.
    Post.objects.filter(author=member).update(created_at=F("created_at") - timedelta(minutes=1))
    page.fill("textarea[name=body]", "Second, now on time")
    page.click("#reply-form button[type=submit]")
    page.locator("#posts #post-3").get_by_text("Second, now on time").wait_for()

    assert textarea.input_value() == ""
    assert error.count() == 0
    assert focused_id(page) == "reply-submit"
    screenshot(page, "replied")
    assert_accessible(page, "thread after a reply")
    page.click("#reply-form button[type=submit]")
    page.locator("#id_body_error").get_by_text("Write something first.").wait_for()
    assert list(thread.posts.order_by("number").values_list("body", flat=True)) == [
        "It fails.",
        "First",
        "Second, now on time",
    ]


def test_focus_stays_on_swapped_controls_and_newer_posts_load_in_order(page, thread):
    sign_in(page, UserFactory())
    page.goto(thread.get_absolute_url())
    first = thread.posts.get(number=1)

    # A reaction: the focus stays on the button htmx swapped.
    page.focus(f"#react-{first.pk}-like")
    page.keyboard.press("Enter")
    page.locator(f"#react-{first.pk}-like[aria-pressed=true]").wait_for()
    assert focused_id(page) == f"react-{first.pk}-like"

    # A reply, then someone else's: "Load newer posts" brings only theirs, after it.
    page.fill("textarea[name=body]", "Have you tried turning it off?")
    page.click("#reply-form button[type=submit]")
    page.locator("#posts #post-2").wait_for()
    services.reply_to_thread(author=UserFactory(), thread=thread, body="That fixed it for me.")
    page.click("#newer-posts a")
    page.locator("#posts #post-3").wait_for()

    numbers = page.eval_on_selector_all("#posts > article", "posts => posts.map(p => p.id)")
    assert numbers == ["post-1", "post-2", "post-3"]
    assert focused_id(page) == "newer-posts-link"


def test_staff_asked_to_set_up_two_factor_leave_the_fragment_for_the_setup(page, thread, settings):
    first = thread.posts.get(number=1)
    sign_in(page, UserFactory(role=Role.MODERATOR))
    page.goto(thread.get_absolute_url())
    settings.LIAISON_REQUIRE_MFA_FOR_STAFF = True

    with page.expect_navigation():
        page.click(f"#react-{first.pk}-like")

    page.get_by_text("Your role requires two-factor authentication").wait_for()
    assert "/accounts/" in page.url
    assert page.locator("#posts").count() == 0
