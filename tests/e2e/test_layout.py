"""Pages fit a phone (390 px) and a desktop (1280 px), whatever words members type."""

import pytest

from community import services
from community.models import Category
from tests.accounts.factories import UserFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_htmx_errors import sign_in

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

#: A word no line can hold: a URL, a hash, or a word typed to break the layout.
LONG_WORD = "Donaudampfschifffahrtsgesellschaft" * 3


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def forum():
    """A thread whose title is one long word, a reply of one longer word (and a table of
    one) by a member whose name is one word too, and the notification the thread's author
    got for it."""
    category = Category.objects.create(
        name="Product help", slug="product-help", description="Questions about the product."
    )
    author = UserFactory()
    thread = services.start_thread(
        author=author, category=category, title=LONG_WORD, body=f"It says {LONG_WORD}."
    )
    replier = UserFactory(display_name="W" * 60)
    body = f"Try {LONG_WORD * 30}.\n\n| Error | Seen |\n| --- | --- |\n| {LONG_WORD} | today |"
    services.reply_to_thread(author=replier, thread=thread, body=body)
    return {"author": author, "thread": thread, "replier": replier}


@pytest.mark.parametrize("width", [390, 1280])
def test_long_words_wrap_instead_of_widening_the_page(page, forum, width, screenshot):
    """A long word in a post made the replier's profile 195,129 px wide; one in a thread's
    title, the home page's table of categories 450 px wide on a phone."""
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, forum["author"])
    pages = {
        "index": "/",
        "category": forum["thread"].category.get_absolute_url(),
        "thread": forum["thread"].get_absolute_url(),
        "author": forum["author"].get_absolute_url(),
        "replier": forum["replier"].get_absolute_url(),
        "notifications": "/notifications/",
    }
    too_wide = {}
    for name, url in pages.items():
        page.goto(url)
        screenshot(page, name)
        if page_width(page) > width:
            too_wide[name] = page_width(page)
        assert_accessible(page, name)
    assert too_wide == {}


def test_a_phone_shows_each_categorys_counts_with_what_they_count(page, forum, screenshot):
    """A phone hid the table's headings, and each category showed two bare numbers."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/")
    counts = page.locator(".category-counts")
    numbers = page.locator(".category-list td.numeric")

    assert counts.inner_text() == "1 thread · 2 posts"
    assert counts.is_visible()
    assert not numbers.first.is_visible()
    screenshot(page, "phone")

    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.get_by_role("columnheader", name="Threads").is_visible()
    assert numbers.first.is_visible()
    assert not counts.is_visible()
    screenshot(page, "desktop")


def test_the_german_notification_settings_fit_a_phone(page, forum, screenshot):
    """Its heading, "Benachrichtigungseinstellungen", made the page 425 px wide."""
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, forum["author"])
    page.select_option("#language-select", "de")
    with page.expect_navigation():
        page.click(".language-switch button")
    page.goto("/notifications/settings/")

    page.get_by_role("heading", name="Benachrichtigungseinstellungen").wait_for()
    screenshot(page, "settings")
    assert page_width(page) <= 390
    assert_accessible(page, "notification settings in German")


def test_pages_load_their_icon_and_log_no_error(page, forum):
    """Every page logged a missing /favicon.ico."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    for url in ["/", forum["thread"].get_absolute_url()]:
        page.goto(url)
        page.wait_for_load_state("networkidle")

    icon = page.request.get(page.locator("link[rel=icon]").get_attribute("href"))
    assert icon.status == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert errors == []
