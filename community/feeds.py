"""Atom feeds of the forum: the latest threads, a category's, a tag's, and a thread's posts.

Feed readers carry no session, so every feed shows what a visitor sees
(``community.selectors.list_feed_threads``, ``list_feed_posts``): a
members-only or internal category, a tag seen only in such threads and a
thread awaiting approval or merged away answer 404, as missing ones do.
Links are absolute on ``LIAISON_BASE_URL`` (``web.links.absolute_url``), as in
e-mails, whatever host the reader asked. The format is RFC 4287.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from community import selectors
from community.models import Category, Post, Tag, Thread
from web.links import absolute_url


class _ThreadsFeed(Feed):
    """Threads as entries: title, link, author, opened and last active."""

    feed_type = Atom1Feed

    def item_title(self, item: Thread) -> str:
        return item.title

    def item_link(self, item: Thread) -> str:
        return absolute_url(item.get_absolute_url())

    def item_description(self, item: Thread) -> None:
        # A thread's text is its posts; each thread has a feed of its own for them.
        return None

    def item_author_name(self, item: Thread) -> str:
        return item.author.public_name

    def item_pubdate(self, item: Thread):
        return item.created_at

    def item_updateddate(self, item: Thread):
        return item.last_post_at

    def item_categories(self, item: Thread) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestThreadsFeed(_ThreadsFeed):
    """The latest threads of every public category."""

    def title(self) -> str:
        return _("Latest threads")

    def link(self) -> str:
        return absolute_url(reverse("community:index"))

    def feed_url(self) -> str:
        return absolute_url(reverse("community:latest_feed"))

    def items(self) -> list[Thread]:
        return selectors.list_feed_threads()


class CategoryFeed(_ThreadsFeed):
    """The latest threads of one public category; 404 for any other."""

    def get_object(self, request, category_slug: str) -> Category:
        return selectors.get_category(category_slug=category_slug, viewer=AnonymousUser())

    def title(self, obj: Category) -> str:
        return obj.name

    def link(self, obj: Category) -> str:
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj: Category) -> str:
        return absolute_url(reverse("community:category_feed", args=[obj.slug]))

    def items(self, obj: Category) -> list[Thread]:
        return selectors.list_feed_threads(category=obj)


class TagFeed(_ThreadsFeed):
    """The latest public threads with one tag; 404 for a tag no visitor sees."""

    def get_object(self, request, tag_slug: str) -> Tag:
        return selectors.get_tag(tag_slug=tag_slug, viewer=AnonymousUser())

    def title(self, obj: Tag) -> str:
        return _("Threads tagged #%(name)s") % {"name": obj.name}

    def link(self, obj: Tag) -> str:
        return absolute_url(reverse("community:tag_detail", args=[obj.slug]))

    def feed_url(self, obj: Tag) -> str:
        return absolute_url(reverse("community:tag_feed", args=[obj.slug]))

    def items(self, obj: Tag) -> list[Thread]:
        return selectors.list_feed_threads(tag=obj)


class ThreadFeed(Feed):
    """The latest posts of one public thread, newest first, with their sanitised HTML."""

    feed_type = Atom1Feed

    def get_object(self, request, thread_slug: str, thread_id: int) -> Thread:
        thread = selectors.get_thread(thread_id=thread_id, viewer=AnonymousUser())
        # A merged thread's posts live on in the thread it was merged into.
        if thread.merged_into_id:
            raise Http404
        return thread

    def title(self, obj: Thread) -> str:
        return obj.title

    def link(self, obj: Thread) -> str:
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj: Thread) -> str:
        return absolute_url(reverse("community:thread_feed", args=[obj.slug, obj.pk]))

    def items(self, obj: Thread) -> list[Post]:
        return selectors.list_feed_posts(thread=obj)

    def item_title(self, item: Post) -> str:
        return _("#%(number)s by %(name)s") % {
            "number": item.number,
            "name": item.author.public_name,
        }

    def item_link(self, item: Post) -> str:
        return absolute_url(item.get_absolute_url())

    def item_description(self, item: Post) -> str:
        # Post.html is already sanitised (nh3) when the post is written.
        return item.html

    def item_author_name(self, item: Post) -> str:
        return item.author.public_name

    def item_pubdate(self, item: Post):
        return item.created_at

    def item_updateddate(self, item: Post):
        return item.edited_at or item.created_at
