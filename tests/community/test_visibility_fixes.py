"""What the forum keeps out of sight: held threads and their replies, threads moved
into internal categories, moderators' edits; and the tags, unread counts, demo and
profile excerpts that used to trip over them."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from community import hooks, services
from community.models import (
    Category,
    Post,
    PostStatus,
    Tag,
    Thread,
    Visibility,
)
from notifications import services as notifications
from notifications.models import CategoryWatch, Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post, reload

pytestmark = pytest.mark.django_db

HOLD_MARK = "[hold]"


@pytest.fixture(autouse=True)
def hold(monkeypatch):
    """Hold every post whose body carries ``[hold]``, as an automod "hold" rule would."""

    def check(draft):
        if HOLD_MARK in draft.body:
            return hooks.PostCheckResult(action=hooks.CheckAction.HOLD, message="Held.")
        return None

    monkeypatch.setattr(hooks, "post_checks", [*hooks.post_checks, check])


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block, then what it enqueued on commit (tasks run eagerly)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def held_thread(author, category, *, title="Secret launch plans"):
    thread = services.start_thread(
        author=author, category=category, title=title, body=f"Plans {HOLD_MARK}"
    )
    assert thread.is_pending_approval
    return thread


# 1. Replies in a held thread ------------------------------------------------------------


def test_a_reply_in_a_held_thread_is_not_counted_listed_or_announced(committed):
    category = CategoryFactory()
    author, watcher = UserFactory(username="holder"), UserFactory()
    notifications.watch_category(user=watcher, category=category)
    with committed():
        thread = held_thread(author, category)
        reply = services.reply_to_thread(author=author, thread=thread, body="More secret words")

    category.refresh_from_db()
    assert (category.last_thread, category.post_count, category.thread_count) == (None, 0, 0)
    assert Thread.objects.get(pk=thread.pk).reply_count == 0
    assert reload(reply).author.post_count == 0
    index = Client().get(reverse("community:index")).content.decode()
    profile = Client().get(reverse("community:profile", args=["holder"])).content.decode()
    assert "Secret launch plans" not in index
    assert "Secret launch plans" not in profile
    assert "More secret words" not in profile
    assert not Notification.objects.filter(recipient=watcher).exists()
    assert not [message for message in mail.outbox if watcher.email in message.to]


def test_approving_a_held_thread_counts_and_announces_its_replies(committed):
    category = CategoryFactory()
    author, watcher = UserFactory(username="holder"), UserFactory()
    CategoryWatch.objects.create(user=watcher, category=category)
    with committed():
        thread = held_thread(author, category)
        reply = services.reply_to_thread(author=author, thread=thread, body="More words")

    with committed():
        assert services.approve_post(actor=None, post=first_post(thread))

    category.refresh_from_db()
    thread.refresh_from_db()
    reply = reload(reply)
    assert reply.status == PostStatus.PUBLISHED
    assert (category.last_thread, category.post_count, category.thread_count) == (thread, 2, 1)
    assert (thread.reply_count, thread.last_post_at) == (1, reply.created_at)
    assert reply.author.post_count == 2
    assert reply.author.activity.replies_created == 1
    assert set(
        Notification.objects.filter(recipient=watcher).values_list("post_id", flat=True)
    ) == {first_post(thread).pk, reply.pk}
    profile = Client().get(reverse("community:profile", args=["holder"])).content.decode()
    assert "More words" in profile


def test_a_reply_held_on_its_own_waits_for_its_own_approval_after_the_thread():
    category = CategoryFactory()
    author = UserFactory()
    thread = held_thread(author, category)
    reply = services.reply_to_thread(author=author, thread=thread, body=f"Again {HOLD_MARK}")

    services.approve_post(actor=None, post=first_post(thread))
    assert reload(reply).status == PostStatus.PENDING
    assert Thread.objects.get(pk=thread.pk).reply_count == 0

    services.approve_post(actor=None, post=reload(reply))
    assert Thread.objects.get(pk=thread.pk).reply_count == 1
    assert Category.objects.get(pk=category.pk).post_count == 2


def test_deleting_a_reply_in_a_held_thread_leaves_the_counters_alone():
    category = CategoryFactory()
    author = UserFactory()
    thread = held_thread(author, category)
    reply = services.reply_to_thread(author=author, thread=thread, body="Oops")

    services.delete_post(actor=author, post=reload(reply))
    services.approve_post(actor=None, post=first_post(thread))

    category.refresh_from_db()
    assert (category.post_count, Thread.objects.get(pk=thread.pk).reply_count) == (1, 0)
    assert reload(reply).author.post_count == 1


def test_approving_a_thread_held_for_long_keeps_a_newer_thread_as_the_latest():
    category = CategoryFactory()
    thread = held_thread(UserFactory(), category)
    newer = ThreadFactory(category=category)

    services.approve_post(actor=None, post=first_post(thread))

    category.refresh_from_db()
    assert (category.last_thread, category.last_post_at) == (newer, newer.last_post_at)


# 2. Pages of a single post in a held thread ----------------------------------------------


@pytest.fixture
def reply_in_held_thread():
    author = UserFactory()
    thread = held_thread(author, CategoryFactory())
    reply = services.reply_to_thread(author=author, thread=thread, body="First draft")
    services.edit_post(editor=author, post=reload(reply), body="Second draft")
    return reload(reply)


def test_the_history_of_a_reply_in_a_held_thread_is_404_but_for_its_author_and_moderators(
    reply_in_held_thread,
):
    url = reverse("community:post_history", args=[reply_in_held_thread.pk])

    assert Client().get(url).status_code == 404
    assert signed_in(UserFactory()).get(url).status_code == 404
    assert signed_in(reply_in_held_thread.author).get(url).status_code == 200
    assert signed_in(UserFactory(role=Role.MODERATOR)).get(url).status_code == 200


def test_the_flag_page_of_a_reply_in_a_held_thread_is_404(reply_in_held_thread):
    url = reverse("moderation:flag_post", args=[reply_in_held_thread.pk])

    response = signed_in(UserFactory()).get(url)

    assert response.status_code == 404
    assert "Secret launch plans" not in response.content.decode()


def test_reacting_to_a_reply_in_a_held_thread_is_404_and_tells_nobody(
    reply_in_held_thread, committed
):
    url = reverse("community:react", args=[reply_in_held_thread.pk])

    with committed():
        response = signed_in(UserFactory()).post(url, {"kind": "like"})

    assert response.status_code == 404
    assert not reply_in_held_thread.reactions.exists()
    assert not Notification.objects.filter(recipient=reply_in_held_thread.author).exists()


# 3. Moving a thread out of sight ---------------------------------------------------------


@pytest.fixture
def internal():
    return CategoryFactory(visibility=Visibility.INTERNAL)


def test_moving_the_latest_thread_into_an_internal_category_recomputes_both_latest_threads(
    internal,
):
    public = CategoryFactory()
    older = ThreadFactory(category=public, title="An older public question")
    moved = ThreadFactory(category=public, title="Salary spreadsheet")
    Thread.objects.filter(pk=older.pk).update(last_post_at=moved.last_post_at.replace(year=2020))
    older.refresh_from_db()

    assert services.move_thread(actor=None, thread=moved, category=internal)

    public.refresh_from_db()
    internal.refresh_from_db()
    assert (public.last_thread, public.last_post_at) == (older, older.last_post_at)
    assert (internal.last_thread, internal.last_post_at) == (moved, moved.last_post_at)
    index = Client().get(reverse("community:index")).content.decode()
    assert "Salary spreadsheet" not in index
    assert "An older public question" in index


def test_moving_the_only_thread_away_leaves_its_category_without_a_latest_thread(internal):
    public = CategoryFactory()
    thread = ThreadFactory(category=public)

    services.move_thread(actor=None, thread=thread, category=internal)

    public.refresh_from_db()
    assert (public.last_thread, public.last_post_at, public.thread_count) == (None, None, 0)


def test_moving_a_held_thread_carries_no_counts(internal):
    public = CategoryFactory()
    thread = held_thread(UserFactory(), public)
    services.reply_to_thread(author=thread.author, thread=thread, body="A reply")

    services.move_thread(actor=None, thread=thread, category=internal)

    public.refresh_from_db()
    internal.refresh_from_db()
    assert (public.post_count, internal.post_count, internal.last_thread) == (0, 0, None)


# 4. Tags -------------------------------------------------------------------------------


def start_tagged(tags: list[str]) -> Thread:
    return services.start_thread(
        author=UserFactory(), category=CategoryFactory(), title="Tagged", body="Body", tags=tags
    )


def test_a_tag_whose_slug_expands_past_the_column_is_cut_and_kept_apart():
    long_name = "㎒" * 40
    other = "㎒" * 39 + "x"

    thread = start_tagged([long_name, other])

    tags = list(thread.tags.order_by("name"))
    assert len(tags) == 2
    assert all(len(tag.slug) <= Tag._meta.get_field("slug").max_length for tag in tags)
    assert tags[0].slug != tags[1].slug
    assert Client().get(tags[0].get_absolute_url()).status_code == 200


def test_a_non_latin_tag_gets_a_slug_and_a_page():
    thread = start_tagged(["日本語", "中文"])

    tags = list(thread.tags.all())
    assert {tag.name for tag in tags} == {"日本語", "中文"}
    assert len({tag.slug for tag in tags}) == 2
    page = Client().get(Tag.objects.get(name="日本語").get_absolute_url())
    assert page.status_code == 200
    assert "Tagged" in page.content.decode()


def test_c_sharp_and_c_plus_plus_are_distinct_tags():
    thread = start_tagged(["C#", "C++", "C"])

    assert sorted(thread.tags.values_list("slug", flat=True)) == ["c", "c-plus-plus", "c-sharp"]


def test_the_same_tag_name_finds_the_tag_it_made():
    first = start_tagged(["日本語", "C#"])
    second = start_tagged(["日本語", "C#"])

    assert list(first.tags.order_by("pk")) == list(second.tags.order_by("pk"))
    assert Tag.objects.count() == 2


def test_a_tag_made_before_the_slug_rules_changed_is_found_by_its_name():
    old = Tag.objects.create(name="C#", slug="c")

    thread = start_tagged(["C#"])

    assert list(thread.tags.all()) == [old]


def test_a_mixed_name_stays_apart_from_its_latin_part():
    thread = start_tagged(["Python 日本", "Python"])

    assert thread.tags.count() == 2
    assert Tag.objects.get(name="Python").slug == "python"


# 5. Unread counts ---------------------------------------------------------------------


def test_a_held_last_post_does_not_count_as_unread_for_others():
    thread = ThreadFactory()
    reader = UserFactory()
    client = signed_in(reader)
    client.get(thread.get_absolute_url())
    held = services.reply_to_thread(author=UserFactory(), thread=thread, body=f"Hi {HOLD_MARK}")

    page = client.get(thread.category.get_absolute_url()).content.decode()
    assert "unread" not in page.split('class="thread-list"')[1]

    services.approve_post(actor=None, post=reload(held))
    page = client.get(thread.category.get_absolute_url()).content.decode()
    assert "1 unread" in page


def test_a_held_post_counts_as_unread_for_moderators_who_see_it():
    thread = ThreadFactory()
    moderator = UserFactory(role=Role.MODERATOR)
    client = signed_in(moderator)
    client.get(thread.get_absolute_url())
    services.reply_to_thread(author=UserFactory(), thread=thread, body=f"Hi {HOLD_MARK}")

    assert "1 unread" in client.get(thread.category.get_absolute_url()).content.decode()


# 6. demo_reply --------------------------------------------------------------------------


def test_demo_reply_answers_the_newest_thread_it_may_see_skipping_held_and_internal_ones(
    committed,
):
    public = Category.objects.create(name="Help", slug="help")
    internal = Category.objects.create(name="Staff", slug="staff", visibility=Visibility.INTERNAL)
    bernd = UserFactory(username="bernd")
    visible = ThreadFactory(category=public, author=UserFactory())
    held_thread(UserFactory(), public)
    ThreadFactory(category=internal, author=UserFactory(role=Role.MODERATOR))

    with committed():
        call_command("demo_reply")

    assert Post.objects.filter(author=bernd).get().thread_id == visible.pk


def test_demo_reply_says_so_when_only_a_held_thread_is_there():
    UserFactory(username="bernd")
    held_thread(UserFactory(), Category.objects.create(name="Help", slug="help"))

    with pytest.raises(CommandError, match="no published thread"):
        call_command("demo_reply")


def test_demo_reply_refuses_a_named_thread_it_may_not_see():
    UserFactory(username="bernd")
    thread = ThreadFactory(category=CategoryFactory(visibility=Visibility.INTERNAL))

    with pytest.raises(CommandError, match="cannot reply"):
        call_command("demo_reply", "--thread", str(thread.pk))


# 7. The "edited" link -------------------------------------------------------------------


def test_the_edited_link_shows_only_to_those_who_may_read_the_history():
    thread = ThreadFactory()
    post = first_post(thread)
    services.edit_post(
        editor=UserFactory(role=Role.MODERATOR), post=post, body="Redacted", reason="Privacy"
    )
    history = reverse("community:post_history", args=[post.pk])

    visitor_page = Client().get(thread.get_absolute_url()).content.decode()
    author_page = signed_in(thread.author).get(thread.get_absolute_url()).content.decode()

    assert history not in visitor_page
    assert ">edited<" in visitor_page
    assert history in author_page
    assert Client().get(history).status_code == 404


def test_the_edited_link_of_an_authors_own_edit_shows_to_everyone():
    thread = ThreadFactory()
    services.edit_post(editor=thread.author, post=first_post(thread), body="Better words")

    page = Client().get(thread.get_absolute_url()).content.decode()

    assert reverse("community:post_history", args=[first_post(thread).pk]) in page


# 8. Profile excerpts --------------------------------------------------------------------


def test_profile_excerpts_are_escaped_once():
    member = UserFactory(username="writer")
    services.reply_to_thread(author=member, thread=ThreadFactory(), body="a < b && c > d")

    page = Client().get(reverse("community:profile", args=["writer"])).content.decode()

    assert "a &lt; b &amp;&amp; c &gt; d" in page
    assert "&amp;lt;" not in page
