"""The Atom feeds: what a visitor may see, parsed as a feed reader parses them."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import Post, PostStatus, Thread, Visibility
from tests.accounts.factories import UserFactory
from tests.community.conftest import signed_in
from tests.community.factories import CategoryFactory, TagFactory, ThreadFactory

pytestmark = pytest.mark.django_db

ALTERNATE = '<link rel="alternate" type="application/atom+xml"'


def parsed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def add_post(thread: Thread, number: int, **fields) -> Post:
    """Write post ``number`` of ``thread`` directly: feeds read rows, not counters."""
    author = fields.pop("author", None) or UserFactory()
    return Post.objects.create(
        thread=thread, number=number, author=author, body="text", html="<p>text</p>", **fields
    )


def category_feed_url(category) -> str:
    return reverse("community:category_feed", args=[category.slug])


def tag_feed_url(tag) -> str:
    return reverse("community:tag_feed", args=[tag.slug])


def thread_feed_url(thread) -> str:
    return reverse("community:thread_feed", args=[thread.slug, thread.pk])


def test_the_latest_feed_lists_public_threads_with_absolute_links(client, settings):
    settings.LIAISON_BASE_URL = "https://forum.example.com"
    thread = ThreadFactory(title="Public question", author=UserFactory(display_name="Ada"))
    ThreadFactory(category=CategoryFactory(visibility=Visibility.MEMBERS), title="Members only")
    ThreadFactory(category=CategoryFactory(visibility=Visibility.INTERNAL), title="Internal")

    feed = parsed(client, reverse("community:latest_feed"))

    assert [entry.title for entry in feed.entries] == ["Public question"]
    entry = feed.entries[0]
    assert entry.link == "https://forum.example.com" + thread.get_absolute_url()
    assert entry.author == "Ada"
    assert entry.published_parsed and entry.updated_parsed
    assert feed.feed.link == "https://forum.example.com/"


def test_the_latest_feed_leaves_out_held_and_merged_threads(client):
    public = ThreadFactory(title="Shown")
    ThreadFactory(category=public.category, title="Held", is_pending_approval=True)
    ThreadFactory(category=public.category, title="Merged", merged_into=public)

    feed = parsed(client, reverse("community:latest_feed"))

    assert [entry.title for entry in feed.entries] == ["Shown"]


def test_the_latest_feed_orders_by_latest_activity(client):
    older = ThreadFactory(title="Older", created_at=timezone.now() - timezone.timedelta(days=2))
    ThreadFactory(title="Newer", category=older.category)

    feed = parsed(client, reverse("community:latest_feed"))

    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]


def test_a_public_category_feed_lists_its_threads(client):
    category = CategoryFactory(name="Announcements")
    ThreadFactory(category=category, title="In it", tags=[TagFactory(name="news")])
    ThreadFactory(title="Elsewhere")

    feed = parsed(client, category_feed_url(category))

    assert feed.feed.title == "Announcements"
    assert [entry.title for entry in feed.entries] == ["In it"]
    assert [tag.term for tag in feed.entries[0].tags] == ["news"]


@pytest.mark.parametrize("visibility", [Visibility.MEMBERS, Visibility.INTERNAL])
def test_a_hidden_category_has_no_feed_even_for_a_member(client, visibility):
    category = CategoryFactory(visibility=visibility)
    signed_in(client)

    assert client.get(category_feed_url(category)).status_code == 404


def test_a_missing_category_has_no_feed(client):
    assert client.get("/c/nothing-here/feed/").status_code == 404


def test_a_tag_feed_lists_the_public_threads_with_it(client):
    tag = TagFactory(name="billing")
    ThreadFactory(title="Public", tags=[tag])
    ThreadFactory(
        title="Members", tags=[tag], category=CategoryFactory(visibility=Visibility.MEMBERS)
    )

    feed = parsed(client, tag_feed_url(tag))

    assert feed.feed.title == "Threads tagged #billing"
    assert [entry.title for entry in feed.entries] == ["Public"]


def test_a_tag_seen_only_in_hidden_threads_has_no_feed(client):
    tag = TagFactory()
    ThreadFactory(tags=[tag], category=CategoryFactory(visibility=Visibility.MEMBERS))
    ThreadFactory(tags=[tag], is_pending_approval=True)

    assert client.get(tag_feed_url(tag)).status_code == 404


def test_a_thread_feed_lists_its_published_posts_newest_first(client, settings):
    settings.LIAISON_BASE_URL = "https://forum.example.com"
    thread = ThreadFactory(body="**Opening**")
    add_post(thread, 2, author=UserFactory(display_name="Bea"))
    add_post(thread, 3, status=PostStatus.PENDING)
    add_post(thread, 4, status=PostStatus.HIDDEN)
    add_post(thread, 5, is_deleted=True)

    feed = parsed(client, thread_feed_url(thread))

    assert feed.feed.title == thread.title
    assert [entry.link.rsplit("/", 2)[-2] for entry in feed.entries] == ["2", "1"]
    assert feed.entries[0].author == "Bea"
    assert feed.entries[0].title == "#2 by Bea"
    assert feed.entries[0].link == (f"https://forum.example.com/t/{thread.slug}/{thread.pk}/2/")
    assert "<strong>Opening</strong>" in feed.entries[1].summary


@pytest.mark.parametrize(
    "fields",
    [
        {"is_pending_approval": True},
        {"category": "members"},
        {"category": "internal"},
    ],
)
def test_a_thread_a_visitor_may_not_see_has_no_feed(client, fields):
    if "category" in fields:
        fields = {"category": CategoryFactory(visibility=fields["category"])}
    thread = ThreadFactory(**fields)
    signed_in(client, thread.author)

    assert client.get(thread_feed_url(thread)).status_code == 404


def test_a_merged_thread_has_no_feed(client):
    target = ThreadFactory()
    merged = ThreadFactory(category=target.category, merged_into=target)

    assert client.get(thread_feed_url(merged)).status_code == 404


def test_a_missing_thread_has_no_feed(client):
    assert client.get("/t/nothing/999999/feed/").status_code == 404


def test_public_pages_advertise_their_feeds(client):
    tag = TagFactory()
    thread = ThreadFactory(tags=[tag])
    pages = {
        reverse("community:index"): reverse("community:latest_feed"),
        thread.category.get_absolute_url(): category_feed_url(thread.category),
        reverse("community:tag_detail", args=[tag.slug]): tag_feed_url(tag),
        thread.get_absolute_url(): thread_feed_url(thread),
    }
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert f'{ALTERNATE} title="Atom feed" href="{feed}">' in html, page


def test_members_only_pages_advertise_no_feed(client):
    tag = TagFactory()
    thread = ThreadFactory(tags=[tag], category=CategoryFactory(visibility=Visibility.MEMBERS))
    signed_in(client)
    pages = [
        thread.category.get_absolute_url(),
        reverse("community:tag_detail", args=[tag.slug]),
        thread.get_absolute_url(),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert ALTERNATE not in response.content.decode(), page


def fill(category, count: int) -> Thread:
    tag = TagFactory()
    threads = [ThreadFactory(category=category, tags=[tag]) for _ in range(count)]
    for number in range(2, count + 2):
        add_post(threads[0], number)
    return threads[0]


@pytest.mark.parametrize("feed", ["latest", "category", "tag", "thread"])
def test_a_feed_costs_the_same_for_3_and_30_items(client, feed):
    counts = []
    for count in (3, 30):
        thread = fill(CategoryFactory(), count)
        url = {
            "latest": reverse("community:latest_feed"),
            "category": category_feed_url(thread.category),
            "tag": tag_feed_url(thread.tags.get()),
            "thread": thread_feed_url(thread),
        }[feed]
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
