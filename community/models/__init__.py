"""The forum's data: categories, tags, threads, posts and what members do with them.

Counters on categories and threads are kept by the services in
``community.services`` so that list pages read them without aggregating.
"""

from community.models.categories import Category, CategoryModerator, Tag, Visibility
from community.models.members import MemberActivity, ReadState
from community.models.posts import (
    REACTION_EMOJI,
    Mention,
    Post,
    PostRevision,
    PostStatus,
    Quote,
    Reaction,
    ReactionKind,
)
from community.models.search import (
    POST_FTS_TABLE,
    PostSearch,
    PostSearchFTS,
    SearchDocument,
    SearchRow,
)
from community.models.threads import POSTS_PER_PAGE, Thread

__all__ = [
    "POSTS_PER_PAGE",
    "POST_FTS_TABLE",
    "REACTION_EMOJI",
    "Category",
    "CategoryModerator",
    "MemberActivity",
    "Mention",
    "Post",
    "PostRevision",
    "PostSearch",
    "PostSearchFTS",
    "PostStatus",
    "Quote",
    "Reaction",
    "ReactionKind",
    "ReadState",
    "SearchDocument",
    "SearchRow",
    "Tag",
    "Thread",
    "Visibility",
]
