"""Extension points through which other apps take part in the forum without being imported.

Community calls what is registered here; moderation registers its automod
and sandbox checks and its moderators' tools, notifications its follow and
watch buttons, feedback its links and panels, each in its ``AppConfig.ready``.
One registry per question, each documented with what goes in and out.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class CheckAction(StrEnum):
    """What a post check decides about a post about to be written."""

    BLOCK = "block"
    HOLD = "hold"
    FLAG = "flag"
    CENSOR = "censor"


@dataclass
class PostCheckResult:
    """One check's decision about a new post.

    ``message`` is shown to the author for BLOCK and HOLD (neutral words);
    ``body`` is the replacement text for CENSOR; ``details`` is kept by the
    app that made the check (which rule matched, on what text).
    """

    action: CheckAction
    message: str = ""
    body: str = ""
    details: dict = field(default_factory=dict)


@dataclass
class PostDraft:
    """A post about to be written: what checks look at."""

    author: object
    category: object
    thread: object | None
    title: str
    body: str


#: Checks called, in order, before a post is written:
#: ``check(draft: PostDraft) -> PostCheckResult | None``. A BLOCK stops the
#: post; a CENSOR changes ``draft.body`` for the checks after it.
post_checks: list[Callable[[PostDraft], PostCheckResult | None]] = []


def run_post_checks(draft: PostDraft) -> list[PostCheckResult]:
    """Run every registered check on ``draft``; return their results, BLOCK first if any.

    Stops at the first BLOCK. Applies CENSOR results to ``draft.body``.
    """
    results = []
    for check in post_checks:
        result = check(draft)
        if result is None:
            continue
        if result.action == CheckAction.CENSOR:
            draft.body = result.body
        results.append(result)
        if result.action == CheckAction.BLOCK:
            return [result]
    return results


@dataclass
class PostLink:
    """A link another app offers under a post (flag it, mark it as feedback).

    With ``method`` "post" it is a button that sends a form to ``url``, for an
    action taken at once (a moderator's "Delete"); ``is_destructive`` marks
    one that removes something.
    """

    label: str
    url: str
    method: str = "get"
    is_destructive: bool = False


#: ``links(user, post) -> list[PostLink]``, called for each post on a thread
#: page; must not query the database per post (decide from permissions and the
#: post; a query per page may be kept on ``post.thread``, which the posts share).
post_links: list[Callable[[object, object], list[PostLink]]] = []

#: ``panel(request, thread) -> str``: safe HTML (rendered from the app's own
#: template) shown above a thread's posts, e.g. the feedback status and the
#: official answer; at most a fixed number of queries each.
thread_panels: list[Callable[[object, object], str]] = []

#: ``tools(request, thread) -> str``: safe HTML (rendered from the app's own
#: template) shown beside a thread's title, e.g. the follow button or a
#: moderator's lock and pin buttons; empty to show nothing; at most a fixed
#: number of queries each.
thread_tools: list[Callable[[object, object], str]] = []

#: ``tools(request, category) -> str``: the same beside a category's name, e.g.
#: the watch button.
category_tools: list[Callable[[object, object], str]] = []


@dataclass(frozen=True)
class SearchDocuments:
    """Another app's search documents (``community.services.search_documents``).

    ``name``: what is indexed, in the plural, for ``manage.py
    rebuild_search_index``'s output ("insights"); ``rebuild()``: rewrite every
    document and return how many were written.
    """

    name: str
    rebuild: Callable[[], int]


#: The search documents of other apps, rebuilt by ``manage.py rebuild_search_index``
#: after the posts' ones.
search_documents: list[SearchDocuments] = []


def links_for_post(user, post) -> list[PostLink]:
    """Return the links every registered app offers for ``post`` to ``user``."""
    return [link for offer in post_links for link in offer(user, post)]


def panels_for_thread(request, thread) -> list[str]:
    """Return the HTML panels every registered app shows on ``thread``'s page."""
    return [html for panel in thread_panels if (html := panel(request, thread))]


def tools_for_thread(request, thread) -> list[str]:
    """Return the HTML tools every registered app offers on ``thread``'s page."""
    return [html for tools in thread_tools if (html := tools(request, thread))]


def tools_for_category(request, category) -> list[str]:
    """Return the HTML tools every registered app offers on ``category``'s page."""
    return [html for tools in category_tools if (html := tools(request, category))]
