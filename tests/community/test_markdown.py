"""Posts' Markdown becomes safe HTML: no scripts, only our links, code for the browser to
highlight, mentions; rendering costs work in proportion to the source, whatever it holds."""

import os
import sys
from html.parser import HTMLParser

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from community import markdown
from community.services.posts import render_body
from tests.accounts.factories import UserFactory

DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "form", "details"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class ElementCollector(HTMLParser):
    """Collect every element of an HTML fragment as (tag, {attribute: value})."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = ElementCollector()
    parser.feed(html)
    parser.close()
    return parser.elements


def links(html: str) -> list[dict[str, str]]:
    return [attrs for tag, attrs in elements(html) if tag == "a"]


def assert_harmless(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag not in DANGEROUS_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name not in {"style", "srcdoc", "formaction"}, html
            if name in {"href", "src"}:
                squeezed = "".join(value.split()).lower()
                assert not squeezed.startswith(DANGEROUS_SCHEMES), html


XSS_PAYLOADS = [
    # Raw HTML in the source.
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.test/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src='https://evil.test'></iframe>",
    "<style>body { display: none }</style>",
    "<p style='background:url(javascript:alert(1))'>x</p>",
    "<a href='javascript:alert(1)'>click</a>",
    "<details open ontoggle=alert(1)>",
    "<object data='x.swf'></object><embed src='x.swf'>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<div>\n\n<script>alert(1)</script>\n\n</div>",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    # Markdown links.
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](&#106;avascript:alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[click](https://example.test "title" onclick=alert(1))',
    "[click][evil]\n\n[evil]: javascript:alert(1)",
    # Images.
    "![x](javascript:alert(1))",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x](https://example.test/x.png "t" onerror=alert(1))',
    # Autolinks.
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "<vbscript:msgbox(1)>",
    # Code that looks like HTML stays code.
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    '```python" onmouseover="alert(1)\nprint(1)\n```',
    "```<img src=x onerror=alert(1)>\nx\n```",
    "~~~javascript\n</code></pre><script>alert(1)</script>\n~~~",
]


@pytest.mark.parametrize("source", XSS_PAYLOADS)
def test_render_never_lets_scripts_styles_frames_handlers_or_dangerous_urls_through(source):
    assert_harmless(markdown.render(source).html)


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script><p>kept</p>",
        '<p onclick="alert(1)" style="color:red">kept</p>',
        '<a href="javascript:alert(1)">kept</a>',
        '<img src="data:image/png;base64,AAAA" alt="kept">',
        '<iframe src="https://evil.test"></iframe><p>kept</p>',
        '<span class="evil hl-k">kept</span>',
        '<pre class="evil"><code class="evil language-python">kept</code></pre>',
    ],
)
def test_sanitise_removes_what_the_allow_list_does_not_name(html):
    cleaned = markdown.sanitise(html)

    assert_harmless(cleaned)
    assert "kept" in cleaned
    assert "alert" not in cleaned
    assert "evil" not in cleaned


def test_raw_html_is_shown_as_text():
    html = markdown.render("<b>bold?</b>").html

    assert "&lt;b&gt;bold?&lt;/b&gt;" in html
    assert "<b>" not in html


@pytest.mark.parametrize(
    "source",
    [
        "[docs](https://example.test/docs)",
        "<https://example.test/docs>",
        "<someone@example.test>",
        "![logo](https://example.test/logo.png)",
    ],
)
def test_links_are_marked_nofollow_ugc_noopener(source):
    for link in links(markdown.render(source).html):
        assert link["rel"] == "nofollow ugc noopener"


def test_an_ordinary_link_keeps_its_address():
    (link,) = links(markdown.render("[docs](https://example.test/docs)").html)

    assert link["href"] == "https://example.test/docs"


def test_a_code_block_keeps_its_language_for_the_browser_to_highlight():
    html = markdown.render("```python\ndef answer():\n    return 42\n```").html

    assert (
        html == '<pre><code class="language-python">def answer():\n    return 42\n</code></pre>\n'
    )


def test_a_code_block_in_a_language_nobody_knows_keeps_its_class_and_stays_plain():
    html = markdown.render("```nosuchlanguage\nx = 1\n```").html

    assert html == '<pre><code class="language-nosuchlanguage">x = 1\n</code></pre>\n'


def test_a_code_block_without_a_language_has_no_class():
    assert markdown.render("```\nx = 1\n```").html == "<pre><code>x = 1\n</code></pre>\n"


@pytest.mark.parametrize(
    ("source", "code_class"),
    [
        ('```python" class="button danger\nprint(1)\n```', "language-python"),
        ("```python evil-class\nprint(1)\n```", "language-python"),
        ("```Python3\nprint(1)\n```", "language-python3"),
        ("```c&#43;&#43;\nint x;\n```", "language-c++"),
        ("```<script>alert(1)</script>\nx\n```", "language-scriptalert1script"),
        ('```"><img src=x onerror=alert(1)>\nx\n```', "language-img"),
        ('```java\\"onmouseover=alert(1)\nx\n```', "language-javaonmouseoveralert1"),
    ],
)
def test_a_code_blocks_language_is_cut_down_to_one_safe_class(source, code_class):
    html = markdown.render(source).html

    classes = [attrs["class"] for _tag, attrs in elements(html) if "class" in attrs]
    assert classes == [code_class], html
    assert_harmless(html)


@pytest.mark.parametrize(
    ("language", "code_class"),
    [
        ("c#", "language-csharp"),
        ("C#", "language-csharp"),
        ("f#", "language-fsharp"),
        ("c++", "language-c++"),
        ("cpp", "language-cpp"),
    ],
)
def test_a_language_named_with_a_sharp_keeps_its_name_for_highlight_js(language, code_class):
    """Cutting "c#" down to safe characters made it "c": C# highlighted as C."""
    html = markdown.render(f"```{language}\nvar x = 1;\n```").html

    assert html == f'<pre><code class="{code_class}">var x = 1;\n</code></pre>\n'


def test_code_in_a_block_is_escaped_not_executed():
    html = markdown.render("```html\n<script>alert(1)</script>\n```").html

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_harmless(html)


def test_mention_of_a_member_links_to_their_profile():
    rendered = markdown.render("Thanks @alice!", members={"alice": "alice"})

    (link,) = links(rendered.html)
    assert link["href"] == "/u/alice/"
    assert ">@alice</a>" in rendered.html
    assert rendered.mentioned_usernames == {"alice"}


def test_mention_is_case_insensitive_and_shows_the_members_spelling():
    rendered = markdown.render("ping @ALICE", members={"alice": "Alice"})

    (link,) = links(rendered.html)
    assert link["href"] == "/u/Alice/"
    assert rendered.mentioned_usernames == {"Alice"}


def test_unknown_names_stay_text():
    rendered = markdown.render("Hello @nobody", members={"alice": "alice"})

    assert links(rendered.html) == []
    assert "@nobody" in rendered.html
    assert rendered.mentioned_usernames == set()


@pytest.mark.parametrize(
    "source",
    ["write to alice@example.test", "see example.test/@alice", "`@alice` in code", "x.@alice"],
)
def test_email_addresses_paths_and_code_are_not_mentions(source):
    rendered = markdown.render(source, members={"alice": "alice", "example": "example"})

    assert rendered.mentioned_usernames == set()
    assert "/u/" not in rendered.html


def test_a_mention_inside_a_link_is_not_linked_again():
    rendered = markdown.render("[@alice](https://example.test)", members={"alice": "alice"})

    (link,) = links(rendered.html)
    assert link["href"] == "https://example.test"
    assert rendered.mentioned_usernames == set()


def test_mentions_with_dots_and_dashes_and_at_the_end_of_a_sentence():
    members = {"a.b": "a.b", "x-y": "x-y", "alice": "alice"}

    rendered = markdown.render("@a.b and @x-y, then @alice.", members=members)

    assert {link["href"] for link in links(rendered.html)} == {"/u/a.b/", "/u/x-y/", "/u/alice/"}


def test_mention_of_a_username_wrapped_in_underscores_links_to_the_profile():
    rendered = markdown.render("thanks @_bob_", members={"_bob_": "_bob_"})

    assert rendered.mentioned_usernames == {"_bob_"}
    assert [link["href"] for link in links(rendered.html)] == ["/u/_bob_/"]


@pytest.mark.django_db
def test_render_body_links_existing_active_members_only():
    UserFactory(username="Alice")
    UserFactory(username="gone", is_active=False)

    rendered = render_body("@alice @gone @nobody")

    assert rendered.mentioned_usernames == {"Alice"}
    assert [link["href"] for link in links(rendered.html)] == ["/u/Alice/"]


def test_quote_permalinks_inside_block_quotes_are_found_once_each():
    source = "> [one](/t/a-thread/12/3/)\n> [again](/t/a-thread/12/3)\n>\n> > [two](/t/other/7/1/)"

    rendered = markdown.render(source)

    assert rendered.quoted_permalinks == [(12, 3), (7, 1)]


@pytest.mark.parametrize(
    "source",
    [
        "[outside a quote](/t/a-thread/12/3/)",
        "> [not a permalink](/t/a-thread/12/)",
        "> [absolute](https://elsewhere.test/t/a-thread/12/3/)",
        "> /t/a-thread/12/3/ as text",
    ],
)
def test_links_that_are_not_quote_permalinks_are_not_quotes(source):
    assert markdown.render(source).quoted_permalinks == []


def test_quote_source_round_trips_through_render():
    body = "First line.\n\nSecond **line**."
    source = markdown.quote_source(username="alice", permalink="/t/hello/12/3/", body=body)

    rendered = markdown.render(source + "I agree.", members={"alice": "alice"})

    assert rendered.quoted_permalinks == [(12, 3)]
    quote, _, after = rendered.html.partition("</blockquote>")
    assert '<a href="/u/alice/"' in quote
    assert "First line." in quote
    assert "Second <strong>line</strong>." in quote
    assert "I agree." in after


def test_names_inside_a_quote_are_linked_but_not_mentioned():
    rendered = markdown.render(
        "> @alice said so\n\n@bob agrees", members={"alice": "alice", "bob": "bob"}
    )

    assert {link["href"] for link in links(rendered.html)} == {"/u/alice/", "/u/bob/"}
    assert rendered.mentioned_usernames == {"bob"}


def test_quote_source_quotes_every_line_and_ends_the_quote():
    source = markdown.quote_source(username="bob", permalink="/t/x/1/2/", body="a\n\nb\n")

    assert source == "> @bob [wrote](/t/x/1/2/):\n>\n> a\n>\n> b\n\n"


# bounded work ----------------------------------------------------------------------------
# Issue 10: Pygments ran inside the request, and several of its lexers are quadratic on
# crafted input within the post length limit (```csharp with "a\n" x 16,000 took over 60 s,
# java, ng2 and basemake 30-40 s); three such replies stalled every web worker. Rendering
# now runs no lexer at all, and these tests count its work instead of timing it. A count of
# calls cannot see the work inside one C call, such as a regular expression backtracking
# over the rest of the source; that is where Pygments' lexers spent their minute (their
# Python calls stay at about 35 per character), so the tests also fail as soon as any
# Pygments code runs. markdown-it's own expressions were timed on the shapes below and
# grow linearly.

#: Function calls (Python and C) that rendering may make per character of the source.
#: Measured on many pathological shapes at the post length limit (cmark's pathological
#: tests, short lines, tables, mentions), the renderer makes up to 200 calls per character,
#: the most for runs of "![" (markdown-it tries every inline rule at each bracket), and the
#: count per character stays the same from 8,000 to 32,000 characters. 400 is twice the
#: worst; a quadratic path makes about n calls per character, 32,000 at the limit.
CALLS_PER_CHARACTER = 400

QUADRATIC_FOR_PYGMENTS = {
    language: f"```{language}\n" + "a\n" * 16_000 + "```\n"
    for language in ("csharp", "java", "ng2", "basemake")
}


def repeated(pattern: str, length: int) -> str:
    return (pattern * (length // len(pattern) + 1))[:length]


FULL_LENGTH_SHAPES = {
    "prose": lambda length: repeated(
        "Some **bold**, `code`, a [link](https://example.test) and @alice.\n\n", length
    ),
    "python": lambda length: "```python\n" + repeated("x = 1\n", length - 13) + "```",
    "image openers": lambda length: repeated("![", length),
    "link openers": lambda length: repeated("[a", length),
    "nested brackets": lambda length: "[" * (length // 2) + "]" * (length // 2),
    "short lines": lambda length: repeated("a\n", length),
    "list items": lambda length: repeated("- a\n", length),
    "table rows": lambda length: "|a|b|\n|-|-|\n" + repeated("|x|y|\n", length - 12),
    "mentions": lambda length: repeated("@alice ", length),
}


class LexerInvoked(AssertionError):
    """Pygments code ran while rendering."""


class WorkBudgetExceeded(AssertionError):
    """Rendering made more function calls than its budget allows."""


def count_calls(source: str, *, budget: int) -> int:
    """Render ``source`` and return how many functions (Python and C) the rendering called.

    Raise ``WorkBudgetExceeded`` as soon as the count passes ``budget`` and
    ``LexerInvoked`` as soon as a Pygments function runs, so that a slow renderer fails
    at once instead of running for minutes. Calls are counted, not seconds, so the result
    does not depend on the machine or its load.
    """
    calls = 0
    pygments_folder = f"{os.sep}pygments{os.sep}"

    def profile(frame, event, _arg):
        nonlocal calls
        if event not in ("call", "c_call"):
            return
        calls += 1
        if calls > budget:
            raise WorkBudgetExceeded(f"more than {budget} calls")
        if event == "call" and pygments_folder in frame.f_code.co_filename:
            raise LexerInvoked(frame.f_code.co_filename)

    sys.setprofile(profile)
    try:
        markdown.render(source, members={"alice": "alice"})
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("source", QUADRATIC_FOR_PYGMENTS.values(), ids=QUADRATIC_FOR_PYGMENTS)
def test_code_that_stalled_pygments_costs_linear_work_and_runs_no_lexer(source):
    budget = CALLS_PER_CHARACTER * len(source)

    assert count_calls(source, budget=budget) <= budget


@pytest.mark.parametrize("shape", FULL_LENGTH_SHAPES.values(), ids=FULL_LENGTH_SHAPES)
def test_a_post_at_the_length_limit_costs_linear_work_whatever_its_shape(shape, settings):
    source = shape(settings.LIAISON_POST_MAX_LENGTH)
    budget = CALLS_PER_CHARACTER * len(source)

    assert count_calls(source, budget=budget) <= budget


@pytest.mark.parametrize("language", QUADRATIC_FOR_PYGMENTS)
def test_code_that_stalled_pygments_is_rendered_as_escaped_code(language):
    html = markdown.render(QUADRATIC_FOR_PYGMENTS[language]).html

    assert html == f'<pre><code class="language-{language}">' + "a\n" * 16_000 + "</code></pre>\n"


@pytest.fixture
def german_wrote(monkeypatch):
    """Give the German catalogue a translation of quote_source's "wrote" for the test."""
    # The loaded catalogue is a TranslationCatalog: its first dict takes precedence.
    catalog = trans_real.translation("de")._catalog._catalogs[0]
    key = "@username wrote: (introduces a quoted post)\x04wrote"
    monkeypatch.setitem(catalog, key, "schrieb")


# Forum review: a quote's "wrote" was always English.
def test_quote_source_introduces_the_quote_in_the_quoting_members_language(german_wrote):
    with translation.override("de"):
        source = markdown.quote_source(username="alice", permalink="/t/x/1/2/", body="Hallo")

    assert source.startswith("> @alice [schrieb](/t/x/1/2/):\n")
