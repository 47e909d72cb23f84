"""Reads of the forum that pages and the API share, each a fixed number of queries.

One module per topic, re-exported here: ``from community import selectors``.
"""

from community.selectors.categories import (
    get_category,
    get_tag,
    is_tag_public,
    list_categories,
    visible_categories,
)
from community.selectors.posts import (
    attach_post_actions,
    attach_reactions,
    attach_revision_diffs,
    find_post_in_thread,
    get_post,
    get_post_by_number,
    get_quote_markdown,
    list_feed_posts,
    list_member_posts,
    list_posts_after,
    list_revision_editors,
    list_revisions,
    list_thread_posts,
)
from community.selectors.search import (
    Filters,
    Sort,
    attach_passages,
    find_filter_author,
    find_filter_tag,
    find_filter_thread,
    search_posts,
    similar_threads,
    similar_threads_to_confirm,
)
from community.selectors.threads import (
    get_last_read_number,
    get_thread,
    list_feed_threads,
    list_member_threads,
    list_threads,
)

__all__ = [
    "Filters",
    "Sort",
    "attach_passages",
    "attach_post_actions",
    "attach_reactions",
    "attach_revision_diffs",
    "find_filter_author",
    "find_filter_tag",
    "find_filter_thread",
    "find_post_in_thread",
    "get_category",
    "get_last_read_number",
    "get_post",
    "get_post_by_number",
    "get_quote_markdown",
    "get_tag",
    "get_thread",
    "is_tag_public",
    "list_categories",
    "list_feed_posts",
    "list_feed_threads",
    "list_member_posts",
    "list_member_threads",
    "list_posts_after",
    "list_revision_editors",
    "list_revisions",
    "list_thread_posts",
    "list_threads",
    "search_posts",
    "similar_threads",
    "similar_threads_to_confirm",
    "visible_categories",
]
