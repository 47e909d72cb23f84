"""community.views.threads: the index, category, tag and thread pages and starting a thread."""

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
from community.models import (
    POSTS_PER_PAGE,
    Post,
    PostStatus,
    ReadState,
    Tag,
    Thread,
    Visibility,
)
from tests.accounts.factories import UserFactory
from tests.community.conftest import (
    LOGIN_URL,
    assert_refused,
    form_token,
    permalink,
    signed_in,
    signed_in_client,
    text,
    thread_url,
)
from tests.community.factories import (
    CategoryFactory,
    PostFactory,
    TagFactory,
    ThreadFactory,
    first_post,
    reload,
)
from tests.conftest import HOLD_MARK

pytestmark = pytest.mark.django_db


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


# Review issue 10, defect 8: a form sent twice stored two posts; each blank form gets a token.
def test_each_blank_reply_form_carries_a_new_token(client):
    thread = ThreadFactory()
    signed_in(client)

    tokens = {
        form_token(client.get(thread_url(thread)), "reply-idempotency-key") for _n in range(2)
    }

    assert len(tokens) == 2


# Review issue 10, defect 8: a thread sent twice opened two; its token now leads to the first.
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


# Forum visibility review: a held last post counted as unread for members who cannot see it.
@pytest.mark.usefixtures("hold")
def test_a_held_last_post_does_not_count_as_unread_for_others():
    thread = ThreadFactory()
    reader = UserFactory()
    client = signed_in_client(reader)
    client.get(thread.get_absolute_url())
    held = services.reply_to_thread(author=UserFactory(), thread=thread, body=f"Hi {HOLD_MARK}")

    page = client.get(thread.category.get_absolute_url()).content.decode()
    assert "unread" not in page.split('class="thread-list"')[1]

    services.approve_post(actor=None, post=reload(held))
    page = client.get(thread.category.get_absolute_url()).content.decode()
    assert "1 unread" in page


# Forum visibility review: moderators, who see held posts, count them as unread.
@pytest.mark.usefixtures("hold")
def test_a_held_post_counts_as_unread_for_moderators_who_see_it():
    thread = ThreadFactory()
    moderator = UserFactory(role=Role.MODERATOR)
    client = signed_in_client(moderator)
    client.get(thread.get_absolute_url())
    services.reply_to_thread(author=UserFactory(), thread=thread, body=f"Hi {HOLD_MARK}")

    assert "1 unread" in client.get(thread.category.get_absolute_url()).content.decode()


# Forum visibility review: the "edited" link led everyone to a moderator's edit history.
def test_the_edited_link_shows_only_to_those_who_may_read_the_history():
    thread = ThreadFactory()
    post = first_post(thread)
    services.edit_post(
        editor=UserFactory(role=Role.MODERATOR), post=post, body="Redacted", reason="Privacy"
    )
    history = reverse("community:post_history", args=[post.pk])

    visitor_page = Client().get(thread.get_absolute_url()).content.decode()
    author_page = signed_in_client(thread.author).get(thread.get_absolute_url()).content.decode()

    assert history not in visitor_page
    assert ">edited<" in visitor_page
    assert history in author_page
    assert Client().get(history).status_code == 404


# Forum visibility review: an author's own edit keeps its history open to everyone.
def test_the_edited_link_of_an_authors_own_edit_shows_to_everyone():
    thread = ThreadFactory()
    services.edit_post(editor=thread.author, post=first_post(thread), body="Better words")

    page = Client().get(thread.get_absolute_url()).content.decode()

    assert reverse("community:post_history", args=[first_post(thread).pk]) in page
