"""The forum's pages through the test client: what members see, may do and are refused."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from accounts.roles import Role
from community import services
from community import urls as community_urls
from community.models import (
    POSTS_PER_PAGE,
    MemberActivity,
    Post,
    PostRevision,
    PostStatus,
    Reaction,
    ReadState,
    Tag,
    Thread,
    Visibility,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    CategoryFactory,
    PostFactory,
    TagFactory,
    ThreadFactory,
    first_post,
    reload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_the_new_member_sandbox(settings):
    """Test the forum's own rules; tests/moderation covers the sandbox on new members' posts."""
    settings.LIAISON_SANDBOX_ENABLED = False


LOGIN_URL = reverse("account_login")


def text(response) -> str:
    return response.content.decode()


def assert_refused(response, message: str) -> None:
    assert response.status_code == 403
    assert escape(message) in text(response)


def signed_in(client, user=None, **factory_kwargs):
    user = user or UserFactory(**factory_kwargs)
    client.force_login(user)
    return user


def thread_url(thread: Thread, **query) -> str:
    url = reverse("community:thread_detail", args=[thread.slug, thread.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def permalink(post: Post) -> str:
    return reload(post).get_absolute_url()


# index ------------------------------------------------------------------------------------


def test_index_lists_the_categories_a_visitor_may_see_with_their_counts(client):
    public = CategoryFactory(name="Announcements")
    thread = ThreadFactory(category=public, title="Welcome aboard")
    PostFactory(thread=thread)
    PostFactory(thread=thread)
    CategoryFactory(name="Members lounge", visibility=Visibility.MEMBERS)
    CategoryFactory(name="Staff room", visibility=Visibility.INTERNAL)

    response = client.get(reverse("community:index"))

    assert response.status_code == 200
    content = text(response)
    assert "Announcements" in content
    assert re.search(r'<td class="numeric">1</td>\s*<td class="numeric">3</td>', content)
    assert "Welcome aboard" in content
    assert "Members lounge" not in content
    assert "Staff room" not in content


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {"1 thread · 1 post", "1 thread · 3 posts"}),
        ("de", {"1 Thema · 1 Beitrag", "1 Thema · 3 Beiträge"}),
    ],
)
def test_index_says_what_each_categorys_counts_count(client, language, counts):
    """A phone hides the table's headings: the counts read "1 thread · 3 posts" there."""
    ThreadFactory(category=CategoryFactory(name="Quiet"))
    busy = ThreadFactory(category=CategoryFactory(name="Busy"))
    PostFactory(thread=busy)
    PostFactory(thread=busy)

    content = text(client.get(reverse("community:index"), HTTP_ACCEPT_LANGUAGE=language))

    assert set(re.findall(r'<p class="muted small category-counts">([^<]*)</p>', content)) == counts


def test_index_shows_members_categories_to_members_but_not_internal_ones(client):
    signed_in(client)
    CategoryFactory(name="Members lounge", visibility=Visibility.MEMBERS)
    CategoryFactory(name="Staff room", visibility=Visibility.INTERNAL)

    content = text(client.get(reverse("community:index")))

    assert "Members lounge" in content
    assert "Staff room" not in content


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.COMMUNITY_MANAGER, Role.DEPARTMENT_STAFF])
def test_index_shows_internal_categories_to_staff(client, role):
    signed_in(client, role=role)
    CategoryFactory(name="Staff room", visibility=Visibility.INTERNAL)

    assert "Staff room" in text(client.get(reverse("community:index")))


def test_index_ignores_garbage_in_the_query_string(client):
    CategoryFactory(name="Announcements")

    response = client.get(reverse("community:index") + "?page=abc&tag=%00&x[]=1")

    assert response.status_code == 200
    assert "Announcements" in text(response)


def test_a_members_first_request_of_the_day_counts_one_visit(client):
    member = signed_in(client)

    client.get(reverse("community:index"))
    client.get(reverse("community:index"))

    assert MemberActivity.objects.get(user=member).days_visited == 1


# category page ----------------------------------------------------------------------------


def category_url(category, **query) -> str:
    url = reverse("community:category_detail", args=[category.slug])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def test_category_page_lists_its_threads_with_pinned_ones_first(client):
    category = CategoryFactory()
    ThreadFactory(category=category, title="Pinned rules", is_pinned=True)
    ThreadFactory(category=category, title="Latest chatter")
    ThreadFactory(title="Elsewhere entirely")

    response = client.get(category_url(category))

    assert response.status_code == 200
    content = text(response)
    assert content.index("Pinned rules") < content.index("Latest chatter")
    assert "Elsewhere entirely" not in content
    assert "Sign in to post" in content


def test_category_page_offers_a_verified_member_to_start_a_thread(client):
    signed_in(client)
    category = CategoryFactory()

    content = text(client.get(category_url(category)))

    assert reverse("community:start_thread", args=[category.slug]) in content


def test_category_page_marks_unread_replies_for_a_member(client):
    reader = signed_in(client)
    thread = ThreadFactory(title="Busy thread")
    ReadState.objects.create(user=reader, thread=thread, last_read_number=1)
    PostFactory(thread=thread)
    PostFactory(thread=thread)

    content = text(client.get(category_url(thread.category)))

    assert "2 unread" in content
    assert reverse("community:post_permalink", args=[thread.slug, thread.pk, 2]) in content


def test_category_page_filters_threads_by_tag(client):
    category = CategoryFactory()
    billing = TagFactory(name="billing")
    ThreadFactory(category=category, title="Invoice missing", tags=[billing])
    ThreadFactory(category=category, title="Dark mode please")

    response = client.get(category_url(category, tag="billing"))

    assert response.status_code == 200
    content = text(response)
    assert "Invoice missing" in content
    assert "Dark mode please" not in content


def test_category_page_with_an_unknown_tag_filter_is_404(client):
    category = CategoryFactory()

    assert client.get(category_url(category, tag="no-such-tag")).status_code == 404


@pytest.mark.parametrize("page", ["abc", "0", "-1", "3", "1.5", ""])
def test_category_page_with_a_page_that_does_not_exist_is_404(client, settings, page):
    settings.LIAISON_THREADS_PER_PAGE = 2
    category = CategoryFactory()
    for _ in range(3):
        ThreadFactory(category=category)

    assert client.get(category_url(category, page=page)).status_code == 404


def test_category_page_paginates_threads(client, settings):
    settings.LIAISON_THREADS_PER_PAGE = 2
    category = CategoryFactory()
    oldest = ThreadFactory(category=category, title="The oldest thread")
    ThreadFactory(category=category)
    ThreadFactory(category=category)

    content = text(client.get(category_url(category, page=2)))

    assert "The oldest thread" in content
    assert oldest.title not in text(client.get(category_url(category)))


def test_an_internal_category_is_404_for_a_member(client):
    signed_in(client)
    category = CategoryFactory(visibility=Visibility.INTERNAL)

    assert client.get(category_url(category)).status_code == 404


def test_a_members_category_is_404_for_a_visitor(client):
    category = CategoryFactory(visibility=Visibility.MEMBERS)

    assert client.get(category_url(category)).status_code == 404


def test_an_unknown_category_is_404(client):
    assert client.get(reverse("community:category_detail", args=["nope"])).status_code == 404


# tag page ---------------------------------------------------------------------------------


def tag_url(tag, **query) -> str:
    url = reverse("community:tag_detail", args=[tag.slug])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def tagged_threads_everywhere():
    tag = TagFactory(name="export")
    ThreadFactory(title="Public export question", tags=[tag])
    ThreadFactory(
        title="Members export question", tags=[tag], category__visibility=Visibility.MEMBERS
    )
    ThreadFactory(
        title="Internal export plan",
        tags=[tag],
        category__visibility=Visibility.INTERNAL,
        author=UserFactory(role=Role.MODERATOR),
    )
    ThreadFactory(title="Untagged thread")
    return tag


def test_tag_page_lists_only_a_visitors_visible_threads(client):
    tag = tagged_threads_everywhere()

    response = client.get(tag_url(tag))

    assert response.status_code == 200
    content = text(response)
    assert "Public export question" in content
    assert "Members export question" not in content
    assert "Internal export plan" not in content
    assert "Untagged thread" not in content


def test_tag_page_lists_members_threads_but_not_internal_ones_for_a_member(client):
    signed_in(client)
    tag = tagged_threads_everywhere()

    content = text(client.get(tag_url(tag)))

    assert "Members export question" in content
    assert "Internal export plan" not in content


def test_tag_page_lists_internal_threads_for_a_moderator(client):
    signed_in(client, role=Role.MODERATOR)
    tag = tagged_threads_everywhere()

    assert "Internal export plan" in text(client.get(tag_url(tag)))


def test_an_unknown_tag_is_404(client):
    assert client.get(reverse("community:tag_detail", args=["nope"])).status_code == 404


@pytest.mark.parametrize("page", ["abc", "2", "0"])
def test_tag_page_with_a_page_that_does_not_exist_is_404(client, page):
    tag = tagged_threads_everywhere()

    assert client.get(tag_url(tag, page=page)).status_code == 404


# start a thread ---------------------------------------------------------------------------


def new_thread_url(category) -> str:
    return reverse("community:start_thread", args=[category.slug])


def test_a_member_sees_the_new_thread_form(client):
    signed_in(client)
    category = CategoryFactory(is_qa=True)

    response = client.get(new_thread_url(category))

    assert response.status_code == 200
    assert "Ask a question" in text(response)


def test_a_member_starts_a_thread_and_lands_on_it(client):
    author = signed_in(client)
    category = CategoryFactory()

    response = client.post(
        new_thread_url(category),
        {"title": "Export to CSV?", "body": "How do I **export**?", "tags": "export, csv, Export"},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.url == thread.get_absolute_url()
    assert thread.author == author
    assert sorted(thread.tags.values_list("slug", flat=True)) == ["csv", "export"]
    page = client.get(response.url)
    assert "<strong>export</strong>" in text(page)


def test_a_visitor_is_sent_to_sign_in_before_starting_a_thread(client):
    category = CategoryFactory()

    response = client.get(new_thread_url(category))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert "next=" + new_thread_url(category) in response.url


def test_an_unverified_member_is_told_to_confirm_their_email_before_starting_a_thread(client):
    signed_in(client, verified=False)
    category = CategoryFactory()

    response = client.post(new_thread_url(category), {"title": "Hello there", "body": "Hi"})

    assert_refused(response, "Confirm your e-mail address before you post.")
    assert not Thread.objects.exists()


def test_starting_a_thread_in_an_internal_category_is_404_for_a_member(client):
    signed_in(client)
    category = CategoryFactory(visibility=Visibility.INTERNAL)

    assert client.get(new_thread_url(category)).status_code == 404
    assert client.post(new_thread_url(category), {"title": "Sneaky", "body": "x"}).status_code == (
        404
    )
    assert not Thread.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "Body"}, "Give the thread a title."),
        ({"title": "ab", "body": "Body"}, "Give the thread a title of at least 3 characters."),
        ({"title": "A fine title", "body": "   "}, "Write something first."),
        (
            {"title": "A fine title", "body": "Body", "tags": "a, b, c, d, e, f"},
            "Use at most 5 tags.",
        ),
    ],
)
def test_an_invalid_new_thread_shows_field_errors_and_keeps_the_input(client, data, message):
    signed_in(client)
    category = CategoryFactory()

    response = client.post(new_thread_url(category), data)

    assert response.status_code == 400
    content = text(response)
    assert "field-error" in content
    assert escape(message) in content
    for value in data.values():
        if value.strip():
            assert escape(value) in content
    assert not Thread.objects.exists()
    assert not Tag.objects.exists()


def test_a_new_thread_over_the_length_limit_is_refused(client, settings):
    settings.LIAISON_POST_MAX_LENGTH = 100
    signed_in(client)

    response = client.post(
        new_thread_url(CategoryFactory()), {"title": "Long one", "body": "z" * 101}
    )

    assert response.status_code == 400
    assert "at most 100 characters" in text(response)
    assert not Thread.objects.exists()


# thread page ------------------------------------------------------------------------------


def test_thread_page_shows_the_posts_rendered(client):
    thread = ThreadFactory(title="Rendering", body="Hello **world**")
    PostFactory(thread=thread, body="A `reply`")

    response = client.get(thread_url(thread))

    assert response.status_code == 200
    content = text(response)
    assert "<h1>Rendering</h1>" in content
    assert "Hello <strong>world</strong>" in content
    assert "A <code>reply</code>" in content
    assert 'id="post-2"' in content


def test_thread_page_shows_raw_html_from_a_post_as_text(client):
    thread = ThreadFactory(body="<script>alert('x')</script>")

    content = text(client.get(thread_url(thread)))

    assert "<script>alert(" not in content
    assert "&lt;script&gt;" in content


def test_thread_page_with_a_wrong_slug_redirects_permanently_to_the_canonical_url(client):
    thread = ThreadFactory(title="Right slug")

    response = client.get(
        reverse("community:thread_detail", args=["wrong-slug", thread.pk]) + "?page=1"
    )

    assert response.status_code == 301
    assert response.url == thread_url(thread) + "?page=1"


def test_an_unknown_thread_is_404(client):
    assert client.get(reverse("community:thread_detail", args=["x", 999])).status_code == 404


@pytest.mark.parametrize("page", ["abc", "0", "-2", "3", "1e3", ""])
def test_thread_page_with_a_page_that_does_not_exist_is_404(client, page):
    thread = ThreadFactory()
    for _ in range(POSTS_PER_PAGE):
        PostFactory(thread=thread)

    assert client.get(thread_url(thread, page=page)).status_code == 404


def test_thread_page_two_shows_the_posts_after_the_first_page(client):
    thread = ThreadFactory()
    for number in range(2, POSTS_PER_PAGE + 3):
        PostFactory(thread=thread, body=f"Reply body {number}")

    content = text(client.get(thread_url(thread, page=2)))

    assert 'id="post-21"' in content
    assert 'id="post-22"' in content
    assert 'id="post-20"' not in content


def test_a_thread_in_an_internal_category_is_404_for_a_member_and_a_visitor(client):
    thread = ThreadFactory(
        category__visibility=Visibility.INTERNAL, author=UserFactory(role=Role.ADMIN)
    )

    assert client.get(thread_url(thread)).status_code == 404
    signed_in(client)
    assert client.get(thread_url(thread)).status_code == 404


def test_a_thread_in_an_internal_category_is_shown_to_department_staff(client):
    signed_in(client, role=Role.DEPARTMENT_STAFF)
    thread = ThreadFactory(category__visibility=Visibility.INTERNAL, title="Roadmap notes")

    response = client.get(thread_url(thread))

    assert response.status_code == 200
    assert "Roadmap notes" in text(response)


def test_visiting_a_thread_marks_it_read_for_a_member(client):
    reader = signed_in(client)
    thread = ThreadFactory()
    PostFactory(thread=thread)

    client.get(thread_url(thread))

    assert ReadState.objects.get(user=reader, thread=thread).last_read_number == 2


def test_a_visitor_is_offered_to_sign_in_to_reply(client):
    content = text(client.get(thread_url(ThreadFactory())))

    assert "Sign in to reply." in content
    assert 'id="reply-form"' not in content


def test_an_unverified_member_is_told_to_confirm_their_email_to_reply(client):
    signed_in(client, verified=False)

    content = text(client.get(thread_url(ThreadFactory())))

    assert "Confirm your e-mail address before you post." in content
    assert 'id="reply-form"' not in content


def test_a_silenced_member_is_told_until_when_instead_of_a_reply_box(client):
    member = signed_in(client)
    User.objects.filter(pk=member.pk).update(silenced_until=timezone.now() + timedelta(days=1))

    content = text(client.get(thread_url(ThreadFactory())))

    assert "a moderator has silenced your account" in content
    assert 'id="reply-form"' not in content


def test_a_locked_thread_says_so_and_offers_no_reply_box(client):
    signed_in(client)

    content = text(client.get(thread_url(ThreadFactory(is_locked=True))))

    assert "This thread is locked. New replies are closed." in content
    assert 'id="reply-form"' not in content


def test_a_deleted_post_shows_a_placeholder_instead_of_its_text(client):
    thread = ThreadFactory()
    post = PostFactory(thread=thread, body="Regrettable words")
    Post.objects.filter(pk=post.pk).update(is_deleted=True)

    content = text(client.get(thread_url(thread)))

    assert "This post has been deleted." in content
    assert "Regrettable words" not in content
    assert 'id="post-2"' in content


def test_quoting_a_post_prefills_the_reply_box(client):
    signed_in(client)
    thread = ThreadFactory()
    quoted = PostFactory(thread=thread, body="Worth repeating")

    content = text(client.get(thread_url(thread, quote=quoted.pk)))

    prefill = escape(f"> @{quoted.author.username} [wrote]({permalink(quoted)}):")
    assert prefill in content
    assert escape("> Worth repeating") in content


def test_quoting_a_post_from_another_thread_prefills_nothing(client):
    signed_in(client)
    secret = first_post(
        ThreadFactory(
            category__visibility=Visibility.INTERNAL,
            author=UserFactory(role=Role.MODERATOR),
            body="Internal secret plans",
        )
    )

    response = client.get(thread_url(ThreadFactory(), quote=secret.pk))

    assert response.status_code == 200
    assert "Internal secret plans" not in text(response)


def test_quoting_a_deleted_post_prefills_nothing(client):
    signed_in(client)
    thread = ThreadFactory()
    post = PostFactory(thread=thread, body="Gone for good")
    Post.objects.filter(pk=post.pk).update(is_deleted=True)

    assert "Gone for good" not in text(client.get(thread_url(thread, quote=post.pk)))


@pytest.mark.parametrize("status", [PostStatus.PENDING, PostStatus.HIDDEN])
def test_quoting_a_post_the_viewer_may_not_read_prefills_nothing(client, status):
    signed_in(client)
    thread = ThreadFactory()
    post = PostFactory(thread=thread, body="Text under review")
    Post.objects.filter(pk=post.pk).update(status=status)

    response = client.get(thread_url(thread, quote=post.pk))

    assert response.status_code == 200
    assert "Text under review" not in text(response)


@pytest.mark.parametrize("quote", ["abc", "-1", "99999999999999999999", "%00"])
def test_quoting_garbage_prefills_nothing(client, quote):
    signed_in(client)
    thread = ThreadFactory()

    response = client.get(thread_url(thread, quote=quote))

    assert response.status_code == 200
    assert "[wrote]" not in text(response)


def test_quoting_a_superscript_digit_prefills_nothing():
    thread = ThreadFactory()
    browser = Client(raise_request_exception=False)
    browser.force_login(UserFactory())

    response = browser.get(thread_url(thread) + "?quote=%C2%B2")

    assert response.status_code == 200
    assert "[wrote]" not in text(response)


# permalinks -------------------------------------------------------------------------------


def test_a_permalink_redirects_to_the_page_of_the_post(client):
    thread = ThreadFactory()
    for _ in range(POSTS_PER_PAGE + 1):
        PostFactory(thread=thread)
    url = reverse("community:post_permalink", args=[thread.slug, thread.pk, POSTS_PER_PAGE + 2])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == thread_url(thread) + f"?page=2#post-{POSTS_PER_PAGE + 2}"


def test_a_permalink_to_the_first_post_opens_page_one(client):
    thread = ThreadFactory()

    response = client.get(reverse("community:post_permalink", args=[thread.slug, thread.pk, 1]))

    assert response.url == thread_url(thread) + "?page=1#post-1"


def test_a_permalink_to_a_post_number_that_does_not_exist_is_404(client):
    thread = ThreadFactory()

    response = client.get(reverse("community:post_permalink", args=[thread.slug, thread.pk, 2]))

    assert response.status_code == 404


def test_a_permalink_into_a_hidden_category_is_404(client):
    signed_in(client)
    thread = ThreadFactory(
        category__visibility=Visibility.INTERNAL, author=UserFactory(role=Role.ADMIN)
    )

    response = client.get(reverse("community:post_permalink", args=[thread.slug, thread.pk, 1]))

    assert response.status_code == 404


# reply ------------------------------------------------------------------------------------


def reply_url(thread) -> str:
    return reverse("community:reply", args=[thread.pk])


def test_a_member_replies_and_lands_on_the_new_post(client):
    author = signed_in(client)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "Count me **in**"})

    post = Post.objects.get(thread=thread, number=2)
    assert response.status_code == 302
    assert response.url == permalink(post)
    assert post.author == author
    final = client.get(response.url, follow=True)
    assert "Count me <strong>in</strong>" in text(final)


def test_a_reply_of_code_that_stalled_pygments_is_saved_as_plain_code(client, settings):
    # Issue 10: highlighting this with Pygments inside the request took over a minute.
    signed_in(client)
    thread = ThreadFactory()
    fence = "```csharp\n```"
    lines = (settings.LIAISON_POST_MAX_LENGTH - len(fence)) // 2
    body = fence.replace("\n", "\n" + "a\n" * lines)

    response = client.post(reply_url(thread), {"body": body})

    post = Post.objects.get(thread=thread, number=2)
    assert response.status_code == 302
    assert response.url == permalink(post)
    assert post.html.startswith('<pre><code class="language-csharp">a\na\n')


def test_an_htmx_reply_answers_the_new_post_alone(client):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "Quick one"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    content = text(response)
    assert 'id="post-2"' in content
    assert "Quick one" in content
    assert "<html" not in content


def test_the_reply_url_refuses_a_get(client):
    signed_in(client)

    assert client.get(reply_url(ThreadFactory())).status_code == 405


def test_a_visitor_is_sent_to_sign_in_before_replying(client):
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "Hi"})

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert thread.posts.count() == 1


def test_replying_to_a_locked_thread_is_refused(client):
    signed_in(client)
    thread = ThreadFactory(is_locked=True)

    response = client.post(reply_url(thread), {"body": "Let me in"})

    assert_refused(response, "This thread is locked.")
    assert thread.posts.count() == 1


def test_a_moderator_replies_to_a_locked_thread(client):
    signed_in(client, role=Role.MODERATOR)
    thread = ThreadFactory(is_locked=True)

    assert client.post(reply_url(thread), {"body": "Closing words"}).status_code == 302
    assert thread.posts.count() == 2


def test_an_unverified_member_is_told_to_confirm_their_email_before_replying(client):
    signed_in(client, verified=False)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "Hi"})

    assert_refused(response, "Confirm your e-mail address before you post.")
    assert thread.posts.count() == 1


def test_replying_in_an_internal_category_is_404_for_a_member(client):
    signed_in(client)
    thread = ThreadFactory(
        category__visibility=Visibility.INTERNAL, author=UserFactory(role=Role.ADMIN)
    )

    assert client.post(reply_url(thread), {"body": "Peek"}).status_code == 404
    assert thread.posts.count() == 1


def test_replying_to_an_unknown_thread_is_404(client):
    signed_in(client)

    assert client.post(reverse("community:reply", args=[999]), {"body": "Hi"}).status_code == 404


def test_an_empty_reply_shows_a_field_error(client):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": "   "})

    assert response.status_code == 400
    content = text(response)
    assert "field-error" in content
    assert "Write something first." in content
    assert thread.posts.count() == 1


def test_a_reply_over_the_length_limit_is_refused_and_the_text_kept(client, settings):
    settings.LIAISON_POST_MAX_LENGTH = 100
    signed_in(client)
    thread = ThreadFactory()
    body = "My long story " + "z" * 100

    response = client.post(reply_url(thread), {"body": body})

    assert response.status_code == 400
    content = text(response)
    assert "at most 100 characters" in content
    assert body in content
    assert thread.posts.count() == 1


def test_a_reply_over_the_forms_limit_is_refused(client, settings):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(
        reply_url(thread), {"body": "z" * (settings.LIAISON_POST_MAX_LENGTH + 1)}
    )

    assert response.status_code == 400
    assert thread.posts.count() == 1


def test_an_invalid_htmx_reply_shows_the_errors_in_the_form(client):
    signed_in(client)
    thread = ThreadFactory()

    response = client.post(reply_url(thread), {"body": ""}, headers={"HX-Request": "true"})

    assert response["HX-Retarget"] == "#reply-form"
    assert "Write something first." in text(response)
    assert thread.posts.count() == 1


# newer posts (htmx) -----------------------------------------------------------------------


def newer_url(thread, after) -> str:
    return reverse("community:newer_posts", args=[thread.pk]) + f"?after={after}"


def test_newer_posts_answers_the_posts_after_a_number(client):
    thread = ThreadFactory()
    PostFactory(thread=thread, body="Second post")
    PostFactory(thread=thread, body="Third post")

    response = client.get(newer_url(thread, 2), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "Third post" in text(response)
    assert "Second post" not in text(response)


def test_newer_posts_without_htmx_redirects_to_the_page(client):
    thread = ThreadFactory()

    response = client.get(newer_url(thread, 1))

    assert response.status_code == 302
    assert response.url == thread_url(thread) + "?page=1"


@pytest.mark.parametrize("after", ["abc", "-1", ""])
def test_newer_posts_after_garbage_is_404(client, after):
    response = client.get(newer_url(ThreadFactory(), after), headers={"HX-Request": "true"})

    assert response.status_code == 404


def test_newer_posts_in_a_hidden_category_is_404(client):
    thread = ThreadFactory(category__visibility=Visibility.MEMBERS)

    assert client.get(newer_url(thread, 0), headers={"HX-Request": "true"}).status_code == 404


# edit -------------------------------------------------------------------------------------


def edit_url(post) -> str:
    return reverse("community:edit_post", args=[post.pk])


def test_the_author_sees_the_edit_form_filled_with_the_post(client):
    thread = ThreadFactory()
    post = PostFactory(thread=thread, body="Typo teh")
    signed_in(client, post.author)

    response = client.get(edit_url(post))

    assert response.status_code == 200
    assert "Typo teh" in text(response)
    assert 'name="title"' not in text(response)


def test_the_author_edits_a_reply_and_lands_on_it(client):
    post = PostFactory(body="Typo teh")
    signed_in(client, post.author)

    response = client.post(edit_url(post), {"body": "Typo the"})

    assert response.status_code == 302
    assert response.url == permalink(post)
    post = reload(post)
    assert post.body == "Typo the"
    assert post.revision_count == 2


def test_the_author_renames_the_thread_by_editing_its_first_post(client):
    thread = ThreadFactory(title="Old title here", body="Body")
    signed_in(client, thread.author)
    post = first_post(thread)

    response = client.post(edit_url(post), {"title": "New title here", "body": "Body"})

    thread.refresh_from_db()
    assert response.status_code == 302
    assert thread.title == "New title here"
    assert client.get(response.url).url == thread_url(thread) + "?page=1#post-1"
    old = client.get(reverse("community:thread_detail", args=["old-title-here", thread.pk]))
    assert old.status_code == 301


def test_a_visitor_is_sent_to_sign_in_before_editing(client):
    post = PostFactory()

    response = client.get(edit_url(post))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_editing_someone_elses_post_is_refused(client):
    post = PostFactory(body="Not yours")
    signed_in(client)

    response = client.post(edit_url(post), {"body": "Mine now"})

    assert_refused(response, "You can only edit your own posts.")
    assert reload(post).body == "Not yours"


def test_editing_after_the_edit_window_is_refused(client, settings):
    post = PostFactory(body="Too late")
    window = timedelta(seconds=settings.LIAISON_POST_EDIT_WINDOW_SECONDS)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - window - timedelta(1))
    signed_in(client, post.author)

    response = client.post(edit_url(post), {"body": "Rewritten history"})

    assert_refused(response, "The time for editing this post has passed.")
    assert reload(post).body == "Too late"


def test_editing_a_post_in_a_hidden_category_is_404(client):
    admin = UserFactory(role=Role.ADMIN)
    post = first_post(ThreadFactory(category__visibility=Visibility.INTERNAL, author=admin))
    signed_in(client)

    assert client.get(edit_url(post)).status_code == 404


def test_editing_an_unknown_post_is_404(client):
    signed_in(client)

    assert client.get(reverse("community:edit_post", args=[999])).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Still fine", "body": ""}, "Write something first."),
        ({"title": "", "body": "Still here"}, "This field is required."),
        ({"title": "ab", "body": "Still here"}, "at least 3 characters"),
    ],
)
def test_an_invalid_edit_shows_field_errors_and_changes_nothing(client, data, message):
    thread = ThreadFactory(title="Original title", body="Original body")
    signed_in(client, thread.author)

    response = client.post(edit_url(first_post(thread)), data)

    assert response.status_code == 400
    assert "field-error" in text(response)
    assert message in text(response)
    thread.refresh_from_db()
    assert thread.title == "Original title"
    assert first_post(thread).body == "Original body"
    assert not PostRevision.objects.exists()


# history ----------------------------------------------------------------------------------


def history_url(post) -> str:
    return reverse("community:post_history", args=[post.pk])


def edited_post(*bodies):
    post = reload(PostFactory(body=bodies[0]))
    for body in bodies[1:]:
        services.edit_post(editor=post.author, post=reload(post), body=body)
    return reload(post)


def test_history_shows_every_revision_with_its_changes(client):
    post = edited_post("first line\nsecond line", "first line\nsecond line, better")

    response = client.get(history_url(post))

    assert response.status_code == 200
    content = text(response)
    assert "Original" in content
    assert "Revision 2" in content
    assert "<del>- second line</del>" in content
    assert "<ins>+ second line, better</ins>" in content


def test_history_of_an_unedited_post_says_so(client):
    post = PostFactory()

    assert "This post has not been edited." in text(client.get(history_url(post)))


def test_history_of_a_post_in_a_hidden_category_is_404(client):
    admin = UserFactory(role=Role.ADMIN)
    post = first_post(ThreadFactory(category__visibility=Visibility.INTERNAL, author=admin))

    assert client.get(history_url(post)).status_code == 404


def test_history_of_an_unknown_post_is_404(client):
    assert client.get(reverse("community:post_history", args=[999])).status_code == 404


def test_history_of_a_deleted_post_does_not_show_its_text(client):
    post = edited_post("My phone number is 555-0100", "My phone number is 555-0199")
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    signed_in(client)

    response = client.get(history_url(post))

    assert "555-01" not in text(response)


# delete -----------------------------------------------------------------------------------


def delete_url(post) -> str:
    return reverse("community:delete_post", args=[post.pk])


def test_the_author_deletes_a_post_and_a_placeholder_stays(client):
    thread = ThreadFactory()
    post = PostFactory(thread=thread, body="Oops wrong thread")
    signed_in(client, post.author)

    response = client.post(delete_url(post))

    assert response.status_code == 302
    assert response.url == permalink(post)
    content = text(client.get(response.url, follow=True))
    assert "This post has been deleted." in content
    assert "Oops wrong thread" not in content


def test_the_delete_url_refuses_a_get_and_deletes_nothing(client):
    post = PostFactory()
    signed_in(client, post.author)

    assert client.get(delete_url(post)).status_code == 405
    assert not reload(post).is_deleted


def test_a_visitor_is_sent_to_sign_in_before_deleting(client):
    post = PostFactory()

    response = client.post(delete_url(post))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert not reload(post).is_deleted


def test_deleting_someone_elses_post_is_refused(client):
    post = PostFactory()
    signed_in(client)

    assert_refused(client.post(delete_url(post)), "You can only delete your own posts.")
    assert not reload(post).is_deleted


def test_deleting_a_deleted_post_again_is_refused(client):
    post = PostFactory()
    signed_in(client, post.author)
    client.post(delete_url(post))

    assert_refused(client.post(delete_url(post)), "This post has already been deleted.")


def test_deleting_a_post_in_a_hidden_category_is_404(client):
    admin = UserFactory(role=Role.ADMIN)
    post = first_post(ThreadFactory(category__visibility=Visibility.INTERNAL, author=admin))
    signed_in(client)

    assert client.post(delete_url(post)).status_code == 404
    assert not reload(post).is_deleted


# react ------------------------------------------------------------------------------------


def react_url(post) -> str:
    return reverse("community:react", args=[post.pk])


def test_a_member_likes_a_post_and_sees_the_count(client):
    thread = ThreadFactory()
    post = first_post(thread)
    fan = signed_in(client)

    response = client.post(react_url(post), {"kind": "like"})

    assert response.status_code == 302
    assert response.url == permalink(post)
    assert Reaction.objects.filter(post=post, user=fan, kind="like").exists()
    content = text(client.get(thread_url(thread)))
    assert 'class="reaction reaction-given" aria-pressed="true" title="Like"' in content


def test_reacting_twice_takes_the_reaction_back(client):
    post = first_post(ThreadFactory())
    signed_in(client)

    client.post(react_url(post), {"kind": "thanks"})
    client.post(react_url(post), {"kind": "thanks"})

    assert not Reaction.objects.exists()


def test_an_htmx_reaction_answers_the_reactions_alone(client):
    post = first_post(ThreadFactory())
    signed_in(client)

    response = client.post(react_url(post), {"kind": "funny"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert f'id="reactions-{post.pk}"' in text(response)
    assert 'aria-pressed="true" title="Funny"' in text(response)


def test_reacting_to_ones_own_post_is_refused(client):
    post = first_post(ThreadFactory())
    signed_in(client, post.author)

    assert_refused(
        client.post(react_url(post), {"kind": "like"}), "You cannot react to your own post."
    )
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("kind", ["", "love", "LIKE"])
def test_an_unknown_reaction_is_a_bad_request(client, kind):
    post = first_post(ThreadFactory())
    signed_in(client)

    assert client.post(react_url(post), {"kind": kind}).status_code == 400
    assert not Reaction.objects.exists()


def test_a_visitor_is_sent_to_sign_in_before_reacting(client):
    post = first_post(ThreadFactory())

    response = client.post(react_url(post), {"kind": "like"})

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_reacting_in_a_hidden_category_is_404(client):
    admin = UserFactory(role=Role.ADMIN)
    post = first_post(ThreadFactory(category__visibility=Visibility.INTERNAL, author=admin))
    signed_in(client)

    assert client.post(react_url(post), {"kind": "like"}).status_code == 404


# accept an answer -------------------------------------------------------------------------


def accept_url(post) -> str:
    return reverse("community:accept_answer", args=[post.pk])


def test_the_asker_accepts_an_answer_and_the_thread_shows_it(client):
    thread = ThreadFactory(category__is_qa=True)
    answer = PostFactory(thread=thread, body="Use the export button")
    signed_in(client, thread.author)

    response = client.post(accept_url(answer))

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.accepted_answer_id == answer.pk
    content = text(client.get(thread_url(thread)))
    assert "Solved" in content
    assert "Accepted answer by" in content
    assert "Unaccept answer" in content


def test_the_asker_takes_the_acceptance_back(client):
    thread = ThreadFactory(category__is_qa=True)
    answer = PostFactory(thread=thread)
    signed_in(client, thread.author)
    client.post(accept_url(answer))

    client.post(accept_url(answer), {"undo": "1"})

    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_someone_else_cannot_accept_an_answer(client):
    thread = ThreadFactory(category__is_qa=True)
    answer = PostFactory(thread=thread)
    signed_in(client)

    response = client.post(accept_url(answer))

    assert_refused(response, "Only the person who asked or staff can accept an answer.")
    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_accepting_outside_q_and_a_is_refused(client):
    thread = ThreadFactory()
    answer = PostFactory(thread=thread)
    signed_in(client, thread.author)

    assert_refused(
        client.post(accept_url(answer)), "Only questions in Q&A categories have accepted answers."
    )


def test_accepting_the_question_itself_is_refused(client):
    thread = ThreadFactory(category__is_qa=True)
    signed_in(client, thread.author)

    assert_refused(
        client.post(accept_url(first_post(thread))), "The question itself cannot be its answer."
    )
    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_the_accept_url_refuses_a_get(client):
    thread = ThreadFactory(category__is_qa=True)
    answer = PostFactory(thread=thread)
    signed_in(client, thread.author)

    assert client.get(accept_url(answer)).status_code == 405


# follow and watch -------------------------------------------------------------------------


# profile ----------------------------------------------------------------------------------


def profile_url(member) -> str:
    return reverse("community:profile", args=[member.username])


def member_active_everywhere():
    member = UserFactory(role=Role.MODERATOR)
    ThreadFactory(author=member, title="Public thread by them")
    ThreadFactory(
        author=member, title="Internal thread by them", category__visibility=Visibility.INTERNAL
    )
    PostFactory(author=member, thread=ThreadFactory(title="Public host"))
    PostFactory(
        author=member,
        thread=ThreadFactory(
            title="Internal host",
            category__visibility=Visibility.INTERNAL,
            author=UserFactory(role=Role.ADMIN),
        ),
    )
    deleted = PostFactory(author=member, thread=ThreadFactory(title="Deleted reply host"))
    Post.objects.filter(pk=deleted.pk).update(is_deleted=True)
    return member


def test_profile_lists_threads_and_replies_but_not_from_hidden_categories(client):
    member = member_active_everywhere()
    signed_in(client)

    response = client.get(profile_url(member))

    assert response.status_code == 200
    content = text(response)
    assert "Public thread by them" in content
    assert "Public host #2" in content
    assert "Internal thread by them" not in content
    assert "Internal host" not in content
    assert "Deleted reply host" not in content


def test_profile_lists_internal_activity_to_staff(client):
    member = member_active_everywhere()
    signed_in(client, role=Role.DEPARTMENT_STAFF)

    content = text(client.get(profile_url(member)))

    assert "Internal thread by them" in content
    assert "Internal host #2" in content


def test_profile_cuts_a_reply_excerpt_of_one_long_word(client):
    """Cut by words only, a reply of one 5,000-letter word made a 195,129 px wide excerpt."""
    member = UserFactory()
    PostFactory(author=member, body="a" * 5_000)

    response = client.get(profile_url(member))

    (excerpt,) = re.findall(r'<p class="excerpt">([^<]*)</p>', response.text)
    assert excerpt == "a" * 239 + "…"


def test_profile_of_an_unknown_or_inactive_member_is_404(client):
    gone = UserFactory(is_active=False)

    assert client.get(reverse("community:profile", args=["nobody"])).status_code == 404
    assert client.get(profile_url(gone)).status_code == 404


def test_a_profile_name_with_a_nul_character_is_404():
    browser = Client(raise_request_exception=False)

    assert browser.get("/u/%00/").status_code == 404


# no 500s ----------------------------------------------------------------------------------


GARBAGE_QUERIES = [
    "",
    "?page=abc",
    "?page=99999999999999999999",
    "?quote=abc&after=%00&tag=%00&undo=1&value=%00&kind=%00&page=-1",
    "?quote=99999999999999999999&after=99999999999999999999&tag=x&tag=y",
]
GARBAGE_HTMX_QUERIES = ["", "?after=-5&quote=%00"]
GARBAGE_POSTS = [
    {},
    {"body": "\x00", "title": "t" * 500, "tags": "," * 300, "kind": "<script>", "value": "-1"},
    {"body": "x" * 40_000, "undo": "2", "value": "1", "kind": "like"},
]
ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def community_paths(values: dict[str, list], index: int) -> set[str]:
    """Every community URL, its parameters filled in with value ``index`` (or the last one)."""

    def fill(match) -> str:
        choices = values[match.group(1)]
        return str(choices[min(index, len(choices) - 1)])

    return {
        "/" + ROUTE_PARAMETER.sub(fill, str(pattern.pattern))
        for pattern in community_urls.urlpatterns
    }


@pytest.mark.parametrize("who", ["visitor", "moderator"])
def test_no_url_answers_500_to_garbage(who):
    author = UserFactory(username="garbage-author")
    thread = ThreadFactory(author=author, category__is_qa=True, tags=[TagFactory()])
    post = PostFactory(thread=thread)
    browser = Client(raise_request_exception=False)
    if who == "moderator":
        # A moderator passes every check, so garbage reaches the deepest code.
        browser.force_login(UserFactory(role=Role.MODERATOR))
    values = {
        "thread_slug": [thread.slug, "wrong", "%20"],
        "thread_id": [thread.pk, 0, 99999999999999999999],
        "number": [2, 0, 99999999999999999999],
        "post_id": [post.pk, 0, 99999999999999999999],
        "category_slug": [thread.category.slug, "no-such"],
        "tag_slug": [thread.tags.get().slug, "no-such"],
        "username": [author.username, "no.such-member", "x" * 300],
        "notification_id": [0, 99999999999999999999],
        "token": ["garbage", "a" * 500],
    }
    real_paths = community_paths(values, 0)
    wrong_paths = community_paths(values, 1) | community_paths(values, 2)
    assert len(real_paths) == len(community_urls.urlpatterns)

    failures = []
    for path in sorted(real_paths):
        for query in GARBAGE_QUERIES:
            if browser.get(path + query).status_code >= 500:
                failures.append(("GET", path + query))
        for query in GARBAGE_HTMX_QUERIES:
            if browser.get(path + query, headers={"HX-Request": "true"}).status_code >= 500:
                failures.append(("GET htmx", path + query))
        for data in GARBAGE_POSTS:
            if browser.post(path, data).status_code >= 500:
                failures.append(("POST", path, sorted(data)))
    for path in sorted(wrong_paths - real_paths):
        if browser.get(path).status_code >= 500:
            failures.append(("GET", path))
        if browser.get(path, headers={"HX-Request": "true"}).status_code >= 500:
            failures.append(("GET htmx", path))
        if browser.post(path, GARBAGE_POSTS[2]).status_code >= 500:
            failures.append(("POST", path))

    assert failures == []


# Review issue 10, defect 8: a form sent twice (a double click) stored two posts. Each
# blank reply and thread form carries a fresh token; the same token sent again leads
# to the first post.


def form_token(response, field_id: str) -> str:
    return re.search(rf'value="([^"]+)" id="{field_id}"', text(response)).group(1)


def test_a_reply_form_sent_twice_writes_one_post_and_leads_to_it(client):
    thread = ThreadFactory()
    signed_in(client)
    token = form_token(client.get(thread_url(thread)), "reply-idempotency-key")
    data = {"body": "Me too.", "idempotency_key": token}

    first = client.post(reverse("community:reply", args=[thread.pk]), data)
    second = client.post(reverse("community:reply", args=[thread.pk]), data)

    assert Post.objects.filter(thread=thread).count() == 2
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == f"/t/{thread.slug}/{thread.pk}/2/"


def test_each_blank_reply_form_carries_a_new_token(client):
    thread = ThreadFactory()
    signed_in(client)

    tokens = {
        form_token(client.get(thread_url(thread)), "reply-idempotency-key") for _n in range(2)
    }

    assert len(tokens) == 2


def test_a_new_thread_form_sent_twice_opens_one_thread_and_leads_to_it(client):
    category = CategoryFactory()
    member = signed_in(client)
    url = reverse("community:start_thread", args=[category.slug])
    token = form_token(client.get(url), "id_idempotency_key")
    data = {"title": "Only once", "body": "Hello.", "tags": "", "idempotency_key": token}

    first = client.post(url, data)
    second = client.post(url, data)

    thread = Thread.objects.get(author=member)
    assert second["Location"] == first["Location"] == thread.get_absolute_url()
