"""Code blocks are highlighted in the browser (static/js/highlight-code.js), not on the server."""

import pytest

from community import services
from community.models import Category, Post
from tests.accounts.factories import UserFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_htmx_errors import sign_in

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

#: Prepended to the worker: it never answers for a block of "ini", as if the code were
#: crafted to be quadratic for highlight.js (20,000 characters of one letter take seconds).
HANG_ON_INI = """
self.addEventListener("message", function (event) {
  if (event.data.language === "ini") {
    for (;;) {}
  }
});
"""

#: What Pygments stored before issue 10: its spans and classes, kept as they are in the database.
PYGMENTS_HTML = (
    '<pre class="highlight"><code class="language-python"><span class="hl-k">def</span> '
    '<span class="hl-nf">legacy</span>():\n    <span class="hl-k">pass</span>\n</code></pre>\n'
)


def block(page, post_number: int, index: int = 0):
    return page.locator(f"#post-{post_number} pre code").nth(index)


def wait_until_processed(code) -> None:
    """Wait until highlight-code.js has highlighted the block or left it plain."""
    code.and_(code.page.locator("[data-highlighted=yes], [data-highlighted=no]")).wait_for()


@pytest.fixture
def thread():
    category = Category.objects.create(name="Product help", slug="product-help")
    body = "\n\n".join(
        [
            "```python\ndef answer():\n    return 42\n```",
            "```nosuchlanguage\ndef answer\n```",
            "```python\n" + "x = 1\n" * 3_400 + "```",
            "```javascript\nconst late = true;\n```",
        ]
    )
    thread = services.start_thread(
        author=UserFactory(), category=category, title="Code samples", body=body
    )
    legacy = services.reply_to_thread(author=UserFactory(), thread=thread, body="legacy")
    Post.objects.filter(pk=legacy.pk).update(html=PYGMENTS_HTML)
    return thread


def test_known_languages_are_highlighted_and_the_rest_stays_plain(page, thread):
    # Errors of the scripts and of loading static files; the missing favicon is no concern.
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "/static/" in message.location["url"]
            and errors.append(message.text)
        ),
    )
    page.goto(thread.get_absolute_url())

    for index in range(4):
        wait_until_processed(block(page, 1, index))
    wait_until_processed(block(page, 2))

    short = block(page, 1, 0)
    assert short.get_attribute("data-highlighted") == "yes"
    assert short.locator("span.hljs-keyword").first.inner_text() == "def"
    unknown, long = block(page, 1, 1), block(page, 1, 2)
    assert unknown.get_attribute("data-highlighted") == "no"
    assert long.get_attribute("data-highlighted") == "no"
    assert unknown.locator("span").count() == 0
    assert long.locator("span").count() == 0
    assert block(page, 1, 3).locator("span.hljs-keyword").first.inner_text() == "const"
    legacy = block(page, 2)
    assert legacy.locator("span.hljs-keyword").count() == 2
    assert legacy.locator("[class^=hl-]").count() == 0
    assert legacy.inner_text() == "def legacy():\n    pass\n"
    assert errors == []
    assert_accessible(page, "thread with code")


def test_code_in_an_htmx_reply_is_highlighted_when_it_arrives(page, thread):
    sign_in(page, UserFactory())
    page.goto(thread.get_absolute_url())

    page.fill("textarea[name=body]", "```javascript\nconst answer = 42;\n```")
    page.click("#reply-form button[type=submit]")

    code = block(page, 3)
    wait_until_processed(code)
    assert code.locator("span.hljs-keyword").first.inner_text() == "const"


def hang_on_ini(page) -> list[str]:
    """Serve the worker that never answers for "ini"; return a list that grows by one for
    each worker the page starts (routing turns the browser's cache off)."""
    started = []

    def hanging_worker(route):
        started.append(route.request.url)
        response = route.fetch()
        route.fulfill(response=response, body=HANG_ON_INI + response.text())

    page.route("**/js/highlight-worker.js", hanging_worker)
    return started


def hanging_blocks(count: int, lines: int = 1) -> str:
    """``count`` blocks of "ini", ``lines`` long, on which the worker of ``hang_on_ini`` hangs."""
    return ('<pre><code class="language-ini">' + "a = 1\n" * lines + "</code></pre>") * count


def test_a_block_that_runs_out_of_time_stays_plain_and_the_next_is_highlighted(page, thread):
    hang_on_ini(page)
    thread.posts.filter(number=2).update(
        html='<pre><code class="language-ini">a = 1\n</code></pre>'
        '<pre><code class="language-python">def after(): pass\n</code></pre>'
    )
    page.goto(thread.get_absolute_url())

    hanging, after = block(page, 2, 0), block(page, 2, 1)
    wait_until_processed(after)
    assert hanging.get_attribute("data-highlighted") == "no"
    assert hanging.locator("span").count() == 0
    assert after.locator("span.hljs-keyword").first.inner_text() == "def"


def test_the_page_stops_highlighting_after_three_seconds_of_work_in_all(page, thread):
    """Each block got its second, and thirty posts of three crafted blocks each kept the
    reader's CPU busy for about a minute."""
    started = hang_on_ini(page)
    late_python = '<pre><code class="language-python">def late(): pass\n</code></pre>'
    thread.posts.filter(number=2).update(html=hanging_blocks(5) + late_python)
    page.goto(thread.get_absolute_url())

    late = block(page, 2, 5)
    wait_until_processed(late)
    # The thread's first post is highlighted (well within the budget); then the hanging
    # blocks take a second each until the page's 3 s are spent, and what waits after them
    # stays plain: without the page budget the late block would be highlighted. How many
    # workers start depends on the machine's timing, so only the order is pinned.
    assert len(started) >= 3
    for index in range(6):
        assert block(page, 2, index).get_attribute("data-highlighted") == "no"
    assert late.locator("span").count() == 0
    assert block(page, 1, 0).get_attribute("data-highlighted") == "yes"


def test_the_blocks_in_view_are_highlighted_first(page, thread, screenshot):
    started = hang_on_ini(page)
    page.set_viewport_size({"width": 390, "height": 700})
    thread.posts.filter(number=1).update(html=hanging_blocks(4, lines=60))
    thread.posts.filter(number=2).update(
        html='<pre><code class="language-python">def seen(): pass\n</code></pre>'
    )
    page.goto(thread.get_absolute_url() + "#post-2")

    seen = block(page, 2)
    wait_until_processed(seen)
    assert seen.locator("span.hljs-keyword").first.inner_text() == "def"
    # In the page's order, three of the hanging blocks would have spent the budget first.
    for index in range(4):
        wait_until_processed(block(page, 1, index))
        assert block(page, 1, index).get_attribute("data-highlighted") == "no"
    # The hanging blocks then spend the page's 3 s, each in a worker of its own.
    assert len(started) >= 3
    screenshot(page, "in-view-first")
