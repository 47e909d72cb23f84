"""Searching in a real browser: the header's box, filters, and similar threads while typing."""

import pytest

from community import services
from community.models import Category, Thread
from tests.accounts.factories import UserFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_htmx_errors import sign_in

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

#: A phone and a desktop window.
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
#: A thread as the demo has it (demo/content/threads/10-…).
EXCEL_TITLE = "CSV export: dates show up as numbers like 45123 in Excel"


@pytest.fixture
def forum():
    """Two categories, the demo's question about Excel's dates with an answer, and a
    thread elsewhere that mentions Excel too."""
    questions = Category.objects.create(
        name="Questions", slug="questions", description="Ask the community.", is_qa=True
    )
    ideas = Category.objects.create(name="Ideas", slug="ideas", description="What to build.")
    chen, sam = UserFactory(display_name="Chen Li"), UserFactory(display_name="Sam Roe")
    excel = services.start_thread(
        author=chen,
        category=questions,
        title=EXCEL_TITLE,
        body="When I open the task export in Excel, the due dates look like 45123.",
        tags=["export", "csv", "excel"],
    )
    services.reply_to_thread(
        author=sam,
        thread=excel,
        body="Excel guesses the format of a CSV: export dates as ISO 8601 instead.",
    )
    services.start_thread(
        author=sam,
        category=ideas,
        title="Export straight to Excel files",
        body="An xlsx export would keep the dates as dates in Excel.",
    )
    return {"questions": questions, "ideas": ideas, "chen": chen, "excel": excel}


def result_titles(page) -> list[str]:
    return page.locator(".search-result-title").all_inner_texts()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_typing_in_the_header_box_finds_the_thread(page, forum, viewport, screenshot):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto("/")
    box = page.get_by_role("search", name="Forum").get_by_role("searchbox", name="Search the forum")
    assert box.is_visible()

    box.fill("excel dates")
    with page.expect_navigation():
        box.press("Enter")

    assert page.url.endswith("/search/?q=excel+dates")
    assert EXCEL_TITLE in result_titles(page)
    assert page.locator(".search-result mark").count() > 0
    assert page.get_by_role("heading", name="2 results").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    screenshot(page, "results")
    assert_accessible(page, f"search results ({viewport})")

    page.get_by_role("link", name=EXCEL_TITLE).click()
    page.wait_for_url(f"**{forum['excel'].get_absolute_url()}**")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_filters_narrow_the_results(page, forum, viewport, screenshot):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto("/search/?q=excel")
    assert len(result_titles(page)) == 2

    page.get_by_text("Filters").click()
    page.get_by_label("Category").select_option("ideas")
    page.get_by_label("Sort by").select_option("newest")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).last.click()

    assert "category=ideas" in page.url
    assert result_titles(page) == ["Export straight to Excel files"]
    assert page.locator("details.search-filters").get_attribute("open") is not None
    screenshot(page, "filtered")
    assert_accessible(page, f"filtered results ({viewport})")

    page.get_by_label("Tag").fill("no-such-tag")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).last.click()
    page.get_by_role("alert").get_by_text("There is no tag “no-such-tag” to search in.").wait_for()
    screenshot(page, "refused")
    assert_accessible(page, f"refused filter ({viewport})")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_typing_a_title_shows_similar_threads_and_the_thread_then_posts(
    page, forum, viewport, screenshot
):
    page.set_viewport_size(VIEWPORTS[viewport])
    member = UserFactory()
    sign_in(page, member)
    page.goto(f"/c/{forum['questions'].slug}/new/")
    hint = page.locator("#similar-threads")
    assert hint.get_attribute("aria-live") == "polite"

    page.get_by_label("Title").press_sequentially("Excel shows my dat", delay=40)

    hint.get_by_role("heading", name="Similar threads").wait_for()
    assert hint.get_by_role("link", name=EXCEL_TITLE).is_visible()
    screenshot(page, "hint")
    assert_accessible(page, f"new thread form with similar threads ({viewport})")

    page.get_by_label("Your post").fill("Which setting makes Excel read the dates?")
    with page.expect_navigation():
        page.get_by_role("button", name="Start thread").click()

    # The member saw the similar threads while typing: the form is posted, not asked again.
    thread = Thread.objects.get(author=member)
    assert page.url.endswith(thread.get_absolute_url())


def test_the_thread_page_searches_in_its_thread(page, forum):
    page.goto(forum["excel"].get_absolute_url())
    box = page.get_by_role("search", name="This thread").get_by_role("searchbox")

    box.fill("ISO")
    with page.expect_navigation():
        box.press("Enter")

    assert f"thread={forum['excel'].pk}" in page.url
    assert result_titles(page) == [EXCEL_TITLE]
    assert page.get_by_text("Searching in the thread").is_visible()
