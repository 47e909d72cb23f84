"""A newcomer's journey in a real browser, by keyboard alone, with accessibility checks."""

import re

import pytest
from django.core import mail

from accounts.models import User
from community import services
from community.models import Category, Visibility
from tests.accounts.factories import UserFactory
from tests.e2e.accessibility import assert_accessible

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    target = page.locator(selector).first
    target.wait_for()
    for _step in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


@pytest.fixture
def community():
    category = Category.objects.create(
        name="Product help", slug="product-help", description="Questions about the product."
    )
    Category.objects.create(name="Staff room", slug="staff-room", visibility=Visibility.INTERNAL)
    bernd = UserFactory(username="bernd", display_name="Bernd Becker")
    welcome = services.start_thread(
        author=bernd,
        category=category,
        title="Welcome, newcomers!",
        body="Say hello and tell us what you use the product for.",
    )
    return {"category": category, "bernd": bernd, "welcome": welcome}


def test_newcomer_signs_up_posts_reacts_follows_is_notified_and_switches_to_german(
    page, community, screenshot
):
    page.goto("/")
    assert_accessible(page, "index")
    screenshot(page, "index")

    tab_to(page, "a.button[href='/accounts/signup/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/signup/")
    assert_accessible(page, "signup")
    type_into(page, "input[name=email]", "nora@example.test")
    type_into(page, "input[name=username]", "nora")
    type_into(page, "input[name=display_name]", "Nora Newcomer")
    type_into(page, "input[name=password1]", "a sturdy passphrase 42")
    type_into(page, "input[name=password2]", "a sturdy passphrase 42")
    screenshot(page, "signup-filled")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/")
    screenshot(page, "verification-sent")

    link = re.search(r"http://[^/]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    tab_to(page, "main button[type=submit]")
    # Wait for the answer: it carries the session cookie that signs the newcomer in.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    screenshot(page, "verified")
    nora = User.objects.get(email="nora@example.test")
    assert nora.has_verified_email

    page.goto("/c/product-help/")
    assert_accessible(page, "category")
    tab_to(page, "a[href='/c/product-help/new/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/new/")
    type_into(page, "input[name=title]", "How do I export my plan?")
    type_into(page, "textarea[name=body]", "I need a **CSV** of my tasks. Thanks!")
    type_into(page, "input[name=tags]", "export")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('How do I export my plan?')")
    screenshot(page, "thread-started")
    assert_accessible(page, "thread with reply form")

    type_into(page, "textarea[name=body]", "Found it myself: the menu has an export entry.")
    tab_to(page, "#reply-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#post-2")
    screenshot(page, "replied")

    page.goto(community["welcome"].get_absolute_url())
    first_post = community["welcome"].posts.get(number=1).pk
    tab_to(page, f"#reactions-{first_post} button[title='Like']")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#reactions-{first_post} button[title='Like'][aria-pressed=true]")
    screenshot(page, "reacted")
    tab_to(page, "#follow-{} button".format(community["welcome"].pk))
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#follow-{community['welcome'].pk} button[aria-pressed=true]")
    screenshot(page, "followed")

    services.reply_to_thread(
        author=community["bernd"],
        thread=community["welcome"],
        body="Welcome @nora, glad to have you!",
    )
    page.reload()
    assert page.locator(".bell-count").inner_text().startswith("1")
    tab_to(page, "a.bell")
    page.keyboard.press("Enter")
    page.wait_for_url("**/notifications/")
    assert page.get_by_text("Bernd Becker mentioned you").is_visible()
    assert_accessible(page, "notifications")
    screenshot(page, "notified")

    page.goto("/u/nora/")
    assert_accessible(page, "profile")
    tab_to(page, "#language-select")
    page.keyboard.press("ArrowDown")
    tab_to(page, ".language-switch button")
    page.keyboard.press("Enter")
    page.wait_for_selector("html[lang=de]")
    assert (
        page.get_by_role("link", name="Benachrichtigungen").count()
        or page.locator("a.bell .visually-hidden", has_text="Benachrichtigungen").count()
    )
    screenshot(page, "german")
    nora.refresh_from_db()
    assert nora.language == "de"


def test_sign_in_page_is_accessible_and_refuses_a_wrong_password(page, screenshot):
    UserFactory(email="alice@example.test")
    page.goto("/accounts/login/")
    assert_accessible(page, "login")

    type_into(page, "input[name=login]", "alice@example.test")
    type_into(page, "input[name=password]", "wrong password")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    screenshot(page, "wrong-password")
    assert "/accounts/login/" in page.url
    assert page.get_by_text("not correct").count()
