"""Posts' Markdown rendered to safe HTML, once, when a post is saved.

CommonMark (markdown-it-py) with tables and strikethrough; raw HTML in the
source is shown as text; @mentions of existing members become links to their
profiles; the result is sanitised with nh3, so stored HTML never carries
scripts, styles, event handlers, ``javascript:`` or ``data:`` URLs or iframes.

Fenced code becomes escaped ``<pre><code class="language-xxx">``: the server
runs no syntax highlighter, because some of Pygments' lexers took a minute on
crafted input within the post length limit (issue 10). Rendering thus costs
work in proportion to the source; the browser highlights the code
(static/js/highlight-code.js).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import nh3
from django.urls import reverse
from django.utils.translation import pgettext
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.token import Token

#: @username, where the username follows accounts.models.username_validator and
#: the @ does not follow a word character (so e-mail addresses are not mentions).
MENTION_PATTERN = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_][A-Za-z0-9_.-]{0,28}[A-Za-z0-9_])")
#: A permalink to a post, as community.urls builds it: /t/<slug>/<thread_id>/<number>.
PERMALINK_PATTERN = re.compile(r"^/t/[^/]+/(\d+)/(\d+)/?$")

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "strong", "em", "del", "s", "code", "pre", "a", "img", "table", "thead", "tbody",
    "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "code": {"class"},
}
#: Characters dropped from a fenced code block's language before it becomes a class.
UNSAFE_LANGUAGE_CHARACTERS = re.compile(r"[^a-z0-9+-]")
#: Languages whose usual names hold a character dropped above, by highlight.js's names
#: (``c#`` would become ``c``, and C# code would be highlighted as C).
LANGUAGE_NAMES = {"c#": "csharp", "f#": "fsharp"}


@dataclass
class RenderedPost:
    """The HTML of a post and what it refers to."""

    html: str
    mentioned_usernames: set[str] = field(default_factory=set)
    quoted_permalinks: list[tuple[int, int]] = field(default_factory=list)


def _render_fence(_renderer, tokens: list[Token], index: int, _options, _env) -> str:
    """markdown-it render rule: a fenced code block as escaped code, classed by its language.

    The language is the info string's first word, lower-cased, renamed after
    ``LANGUAGE_NAMES`` and cut down to ``[a-z0-9+-]``, so it can neither leave the
    attribute nor add a class.
    """
    token = tokens[index]
    words = unescapeAll(token.info).split(maxsplit=1)
    name = words[0].lower() if words else ""
    language = UNSAFE_LANGUAGE_CHARACTERS.sub("", LANGUAGE_NAMES.get(name, name))
    code_class = f' class="language-{language}"' if language else ""
    return f"<pre><code{code_class}>{escapeHtml(token.content)}</code></pre>\n"


def _keep_safe_classes(tag: str, attribute: str, value: str) -> str | None:
    """Keep only the ``language-`` class that a code block carries; drop any other class.

    Highlighting classes (``hljs-*``) are added in the browser, after sanitising.
    """
    if attribute != "class":
        return value
    kept = [name for name in value.split() if name.startswith("language-")]
    return " ".join(kept) or None


def _mention_rule(state, silent: bool) -> bool:
    """markdown-it inline rule: turn ``@username`` of a known member into a profile link.

    It runs before emphasis, so names such as ``@_bob_`` stay whole. The
    members come in ``state.env["members"]`` (lower-cased name → spelling).
    """
    position = state.pos
    if state.src[position] != "@" or state.linkLevel > 0:
        return False
    if position > 0 and (state.src[position - 1].isalnum() or state.src[position - 1] in "_@/."):
        return False
    match = MENTION_PATTERN.match(state.src, position)
    if match is None:
        return False
    username = state.env.get("members", {}).get(match.group(1).lower())
    if username is None:
        return False
    if not silent:
        link = state.push("link_open", "a", 1)
        link.attrs = {"href": reverse("community:profile", kwargs={"username": username})}
        link.meta = {"mention": username}
        text = state.push("text", "", 0)
        text.content = f"@{username}"
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    parser.inline.ruler.before("emphasis", "mention", _mention_rule)
    parser.add_render_rule("fence", _render_fence)
    return parser


def find_mention_candidates(source: str) -> set[str]:
    """Return the lower-cased usernames that ``source`` seems to mention."""
    return {match.group(1).lower() for match in MENTION_PATTERN.finditer(source)}


def _mentioned(tokens: list[Token]) -> set[str]:
    """Return the members mentioned outside block quotes.

    Quoting someone's words does not mention the people they mentioned (as in
    Discourse), so names inside a block quote are linked but not counted.
    """
    found: set[str] = set()
    quote_depth = 0
    for block in tokens:
        if block.type == "blockquote_open":
            quote_depth += 1
        elif block.type == "blockquote_close":
            quote_depth -= 1
        elif block.type == "inline" and not quote_depth:
            for token in block.children or []:
                if token.type == "link_open" and token.meta.get("mention"):
                    found.add(token.meta["mention"])
    return found


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _find_quotes(tokens: list[Token]) -> list[tuple[int, int]]:
    quoted: list[tuple[int, int]] = []
    depth = 0
    for block in tokens:
        if block.type == "blockquote_open":
            depth += 1
        elif block.type == "blockquote_close":
            depth -= 1
        elif depth and block.type == "inline":
            for token in block.children or []:
                if token.type == "link_open":
                    match = PERMALINK_PATTERN.match(str(token.attrs.get("href", "")))
                    if match:
                        pair = (int(match.group(1)), int(match.group(2)))
                        if pair not in quoted:
                            quoted.append(pair)
    return quoted


def sanitise(html: str) -> str:
    """Return ``html`` with everything outside Liaison's allow-list removed (nh3)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_safe_classes,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
        clean_content_tags={"script", "style", "iframe", "object", "embed"},
    )


def render(source: str, *, members: Mapping[str, str] | None = None) -> RenderedPost:
    """Render Markdown ``source`` to sanitised HTML.

    ``members`` maps lower-cased usernames to their spelling for the members
    that may be mentioned; other @names stay plain text. Returns the HTML,
    the usernames mentioned and the (thread id, post number) pairs of the
    posts quoted (permalinks inside block quotes).
    """
    parser = _parser()
    env = {"members": members or {}}
    tokens = parser.parse(source, env)
    html = parser.renderer.render(tokens, parser.options, env)
    return RenderedPost(
        html=sanitise(html),
        mentioned_usernames=_mentioned(tokens),
        quoted_permalinks=_find_quotes(tokens),
    )


def text_outside_code(source: str) -> str:
    """Return what Markdown ``source`` says outside code spans and code blocks: its text
    and its links' addresses, one piece per line.

    Limits that count links or mentions read this, so that ``@Override`` in a
    code sample is not a mention and a URL in a code block is not a link.
    """
    pieces: list[str] = []
    for block in _parser().parse(source, {"members": {}}):
        for token in block.children or ():
            if token.type == "text":
                pieces.append(token.content)
            elif token.type == "link_open" and token.attrs.get("href"):
                pieces.append(str(token.attrs["href"]))
    return "\n".join(pieces)


def count_images(source: str) -> int:
    """Return how many images Markdown ``source`` embeds (``![alt](src)``), outside code.

    Limits on embedded media read this; an image inside a link counts too.
    """
    return sum(
        1
        for block in _parser().parse(source, {"members": {}})
        for token in block.children or ()
        if token.type == "image"
    )


def quote_source(*, username: str, permalink: str, body: str) -> str:
    """Return Markdown that quotes ``body`` by ``username``, linking back to ``permalink``.

    The link inside the block quote is what ``render`` records as a quote. Its
    text is in the active language: the quoting member's, who writes the reply.
    """
    quoted = "\n".join(f"> {line}" if line else ">" for line in body.strip().splitlines())
    wrote = pgettext("@username wrote: (introduces a quoted post)", "wrote")
    return f"> @{username} [{wrote}]({permalink}):\n>\n{quoted}\n\n"
