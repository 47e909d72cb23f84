"""htmx in a real browser: refusals are said, redirects are followed, focus stays put."""

import pytest

from accounts.roles import Role
from community import services
from community.models import Category, Thread
from tests.accounts.factories import PASSWORD, UserFactory

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
