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


def test_a_block_that_runs_out_of_time_stays_plain_and_the_next_is_highlighted(page, thread):
    def hanging_worker(route):
        response = route.fetch()
        route.fulfill(response=response, body=HANG_ON_INI + response.text())

    page.route("**/js/highlight-worker.js", hanging_worker)
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
