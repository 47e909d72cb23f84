"""community.views.search: the search page, the header's search box, similar threads."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community.models import Post, PostStatus, Thread, Visibility
from tests.accounts.factories import UserFactory
from tests.community.conftest import form_token, signed_in, text
from tests.community.factories import (
    CategoryFactory,
    PostFactory,
    TagFactory,
    ThreadFactory,
    first_post,
)
from tests.conftest import HOLD_MARK, held_thread

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("community:search")


def search(client, **params):
    """GET the search page with ``params`` as its query."""
    return client.get(SEARCH_URL, params)


def result_titles(response) -> list[str]:
    """The results' titles in order, their <mark>s taken out."""
    titles = re.findall(
        r'<h3 class="search-result-title"><a href="[^"]*">(.*?)</a></h3>', text(response)
    )
    return [re.sub(r"</?mark>", "", title) for title in titles]


def errors(response) -> str:
    """The text of the page's error summary."""
    found = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', text(response), re.S)
    return found.group(1) if found else ""


@pytest.fixture
def forum():
    """A public, a members' and an internal category, each with a thread about invoices."""
    public = CategoryFactory(name="Product help", slug="product-help", is_qa=True)
    members = CategoryFactory(name="Members lounge", slug="lounge", visibility=Visibility.MEMBERS)
    internal = CategoryFactory(name="Staff room", slug="staff-room", visibility=Visibility.INTERNAL)
    alice = UserFactory(username="alice", display_name="Alice Adler")
    return {
        "public": public,
        "members": members,
        "internal": internal,
        "alice": alice,
        "export": ThreadFactory(
            category=public,
            author=alice,
            title="Invoice export fails",
            body="The invoice export stops with a timeout after a minute.",
        ),
        "lounge": ThreadFactory(
            category=members, title="Invoice party", body="Members talk about invoices here."
        ),
        "secret": ThreadFactory(
            category=internal, title="Invoice pricing plans", body="Internal invoice numbers."
        ),
    }


# the page ---------------------------------------------------------------------------------


def test_a_search_lists_each_match_with_its_link_category_author_date_and_marked_passage(
    client, forum
):
    response = search(client, q="timeout")

    assert response.status_code == 200
    page = text(response)
    post = first_post(forum["export"])
    assert f'<a href="{post.get_absolute_url()}">Invoice export fails</a>' in page
    assert 'href="/c/product-help/">Product help</a>' in page
    assert "Alice Adler" in page
    assert f'<time datetime="{post.created_at.isoformat()}' in page
    assert "a <mark>timeout</mark> after" in page
    assert "1 result" in page


def test_the_title_marks_the_words_found_in_it(client, forum):
    page = text(search(client, q="export"))

    assert "Invoice <mark>export</mark> fails" in page


def test_a_title_shows_whole_with_the_words_found_in_it_marked(client, forum):
    """PostgreSQL's passages cut titles to the words around a hit: "Walrus old" showed
    as "Walrus", "The walrus said hello" as "walrus said hello"."""
    ThreadFactory(category=forum["public"], title="Walrus old", body="Tusks.")
    ThreadFactory(category=forum["public"], title="The walrus said hello", body="Tusks.")

    page = text(search(client, q="walrus", sort="newest"))

    assert ">The <mark>walrus</mark> said hello</a>" in page
    assert "><mark>Walrus</mark> old</a>" in page


def test_a_reply_found_links_to_itself_under_its_threads_title(client, forum):
    reply = PostFactory(thread=forum["export"], body="Raising the proxy timeout helped me.")

    response = search(client, q="proxy")

    assert result_titles(response) == ["Invoice export fails"]
    assert f'href="{reply.get_absolute_url()}"' in text(response)
    assert "reply #2" in text(response)


def test_a_passage_shows_the_posts_text_escaped_never_its_html(client, forum):
    ThreadFactory(
        category=forum["public"],
        title="Markup in posts",
        body="Type <script>alert(1)</script> and **bold** zebra words.",
    )

    page = text(search(client, q="zebra"))

    assert "<script>alert(1)</script>" not in page
    assert "<strong>" not in page.split('<ol class="search-results"')[1]
    assert "<mark>zebra</mark>" in page


def test_an_empty_search_shows_the_form_with_a_hint_and_no_error(client, forum):
    response = search(client)
    blank = search(client, q="   ")

    assert response.status_code == blank.status_code == 200
    assert "Type what you are looking for" in text(response)
    assert errors(response) == ""
    assert 'name="q"' in text(response)


def test_a_search_without_results_says_so(client, forum):
    response = search(client, q="xylophone")

    assert response.status_code == 200
    assert "0 results" in text(response)
    assert "Nothing matches “xylophone”." in text(response)


def test_a_search_for_common_words_only_says_why_it_finds_nothing(client, forum):
    ThreadFactory(
        category=forum["public"],
        title="Export und Import",
        body="Der Export und der Import der Daten funktionieren seit gestern nicht mehr richtig.",
    )

    common = search(client, q="und")
    rare = search(client, q="xylophone")

    assert "are not searched for" in text(common)
    assert "Try other or fewer words" not in text(common)
    assert "are not searched for" not in text(rare)


def test_results_come_a_page_at_a_time_with_links_that_keep_the_search(client, forum, settings):
    settings.LIAISON_SEARCH_RESULTS_PER_PAGE = 2
    for number in range(3):
        ThreadFactory(category=forum["public"], title=f"Walrus number {number}", body="Walrus.")

    first = search(client, q="walrus", sort="newest")
    second = search(client, q="walrus", sort="newest", page=2)

    assert "3 results" in text(first)
    assert result_titles(first) == ["Walrus number 2", "Walrus number 1"]
    assert 'href="?q=walrus&amp;sort=newest&amp;page=2"' in text(first)
    assert result_titles(second) == ["Walrus number 0"]
    assert search(client, q="walrus", page=3).status_code == 404


def test_a_thread_shows_once_with_its_best_post(client, forum):
    PostFactory(thread=forum["export"], body="Another invoice reply about the invoice.")

    response = search(client, q="invoice")

    assert result_titles(response) == ["Invoice export fails"]


# filters and sorts ------------------------------------------------------------------------


@pytest.fixture
def hits(forum):
    """Four threads about walruses: different categories, tags, authors, days and answers."""
    other = CategoryFactory(name="Ideas", slug="ideas")
    tag = TagFactory(name="billing", slug="billing")
    bob = UserFactory(username="bob")
    old = ThreadFactory(category=forum["public"], title="Walrus old", body="Walrus.", tags=[tag])
    sharp = TagFactory(name="C#", slug="c-sharp")
    solved = ThreadFactory(
        category=forum["public"], title="Walrus solved", body="Walrus.", tags=[sharp]
    )
    official = ThreadFactory(category=other, title="Walrus official", body="Walrus.", author=bob)
    liked = ThreadFactory(category=other, title="Walrus liked", body="Walrus.")
    Post.objects.filter(thread=old).update(
        created_at=timezone.make_aware(datetime.datetime(2024, 1, 10, 12))
    )
    answer = PostFactory(thread=solved, body="Feed it fish.")
    Thread.objects.filter(pk=solved.pk).update(accepted_answer=answer)
    Thread.objects.filter(pk=official.pk).update(has_official_answer=True)
    Post.objects.filter(thread=liked).update(reaction_count=7)
    return {"tag": tag, "bob": bob, "old": old, "solved": solved, "liked": liked}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "product-help"}, {"Walrus old", "Walrus solved"}),
        ({"category": "ideas"}, {"Walrus official", "Walrus liked"}),
        ({"tag": "billing"}, {"Walrus old"}),
        ({"tag": "#billing"}, {"Walrus old"}),
        ({"tag": "C#"}, {"Walrus solved"}),
        ({"author": "bob"}, {"Walrus official"}),
        ({"author": "@BOB"}, {"Walrus official"}),
        ({"before": "2024-01-10"}, {"Walrus old"}),
        ({"after": "2024-01-11"}, {"Walrus solved", "Walrus official", "Walrus liked"}),
        ({"after": "2024-01-10", "before": "2024-01-10"}, {"Walrus old"}),
        ({"status": "solved"}, {"Walrus solved"}),
        ({"status": "unsolved"}, {"Walrus old"}),
        ({"official": "on"}, {"Walrus official"}),
        ({"official": "0"}, None),
        ({"official": "off"}, None),
        ({"category": "", "tag": "", "author": "", "status": "", "sort": ""}, None),
    ],
)
def test_each_filter_narrows_the_results(client, hits, params, expected):
    response = search(client, q="walrus", **params)

    everything = {"Walrus old", "Walrus solved", "Walrus official", "Walrus liked"}
    assert response.status_code == 200
    assert set(result_titles(response)) == (expected or everything)


def test_a_refused_filter_value_is_repeated_short_and_without_control_characters(client, forum):
    response = search(client, q="walrus", category="x\x07y" + "z" * 500)

    assert response.status_code == 400
    assert "There is no category “xyzzz" in errors(response)
    assert "\x07" not in errors(response)
    assert "z" * 100 not in errors(response)


def test_dates_are_read_as_year_month_day_only(client, forum):
    response = search(client, q="walrus", after="10/01/2026")

    assert response.status_code == 400
    assert "Enter a valid date." in text(response)


def test_a_filter_set_shows_the_filters_open(client, hits):
    assert '<details class="search-filters" open>' in text(
        search(client, q="walrus", tag="billing")
    )
    assert '<details class="search-filters">' in text(search(client, q="walrus"))


def test_sorting_by_newest_and_by_reactions(client, hits):
    newest = result_titles(search(client, q="walrus", sort="newest"))
    reactions = result_titles(search(client, q="walrus", sort="reactions"))

    assert newest[-1] == "Walrus old"
    assert reactions[0] == "Walrus liked"


def test_searching_in_a_thread_finds_its_posts_and_offers_every_thread(client, forum):
    PostFactory(thread=forum["export"], body="Invoice reply one.")
    PostFactory(thread=forum["export"], body="Invoice reply two.")
    thread_id = forum["export"].pk

    response = search(client, q="invoice", thread=thread_id)

    assert len(result_titles(response)) == 3
    assert "Searching in the thread “Invoice export fails”." in text(response)
    assert 'href="/search/?q=invoice">Search every thread instead</a>' in text(response)
    assert f'<input type="hidden" name="thread" value="{thread_id}"' in text(response)


def test_the_thread_page_offers_a_search_in_the_thread(client, forum):
    page = text(client.get(forum["export"].get_absolute_url()))

    form = re.search(r'<form class="thread-search" role="search".*?</form>', page, re.S).group(0)
    assert 'action="/search/"' in form
    assert f'name="thread" value="{forum["export"].pk}"' in form
    assert '<label for="thread-search-q"' in form


# refused filters and input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "params", "message"),
    [
        ("visitor", {"category": "no-such"}, "There is no category “no-such” to search in."),
        ("visitor", {"category": "lounge"}, "There is no category “lounge” to search in."),
        ("member", {"category": "staff-room"}, "There is no category “staff-room” to search in."),
        ("member", {"tag": "no-such"}, "There is no tag “no-such” to search in."),
        ("member", {"tag": "internal-only"}, "There is no tag “internal-only” to search in."),
        ("visitor", {"tag": "members-only"}, "There is no tag “members-only” to search in."),
        ("member", {"author": "nobody"}, "There is no member “nobody”."),
        ("member", {"author": "x" * 300}, "There is no member “" + "x" * 59 + "…”."),
        ("member", {"thread": "999999"}, "There is no thread numbered 999999 to search in."),
        ("member", {"thread": "SECRET"}, "There is no thread numbered SECRET to search in."),
        ("visitor", {"thread": "LOUNGE"}, "There is no thread numbered LOUNGE to search in."),
        ("member", {"thread": "9" * 30}, "There is no thread numbered " + "9" * 30),
        ("member", {"sort": "random"}, "Select a valid choice."),
        ("member", {"status": "maybe"}, "Select a valid choice."),
        ("member", {"after": "yesterday"}, "Enter a valid date."),
        ("member", {"after": "99999-01-01"}, "Enter a valid date."),
        ("member", {"after": "2024-02-01", "before": "2024-01-01"}, "Choose a day on or after"),
    ],
)
def test_a_filter_that_is_unknown_or_hidden_answers_400_with_the_same_message(
    client, forum, who, params, message
):
    """A hidden category, tag or thread is refused in the words of a missing one."""
    TagFactory(slug="internal-only").threads.add(forum["secret"])
    TagFactory(slug="members-only").threads.add(forum["lounge"])
    if who == "member":
        signed_in(client)
    params = {
        name: {"SECRET": str(forum["secret"].pk), "LOUNGE": str(forum["lounge"].pk)}.get(
            value, value
        )
        for name, value in params.items()
    }
    message = message.replace("SECRET", params.get("thread", "")).replace(
        "LOUNGE", params.get("thread", "")
    )

    response = search(client, q="invoice", **params)

    assert response.status_code == 400
    assert message in errors(response)
    assert result_titles(response) == []


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("invoice " * 125, 400, "Search for at most 200 characters."),
        ("-", 400, "Type at least one word to search for."),
        ("OR OR -invoice", 400, "Type at least one word to search for."),
        ('""', 400, "Type at least one word to search for."),
        ("a\x00b", 400, "Null characters are not allowed."),
        (" ".join(f"w{n}" for n in range(13)), 400, "Search for at most 12 words and phrases."),
        ('"invoice export', 200, ""),
        ("invoice)(*:^~'", 200, ""),
    ],
)
def test_bad_query_input_is_said_plainly_never_a_server_error(
    client, forum, query, status, message
):
    browser = Client(raise_request_exception=False)

    response = search(browser, q=query)

    assert response.status_code == status
    assert message in errors(response)
    if status == 200:
        assert result_titles(response) == ["Invoice export fails"]


def test_nul_bytes_in_any_parameter_answer_400(client, forum):
    browser = Client(raise_request_exception=False)
    params = dict.fromkeys(
        ["category", "tag", "author", "after", "before", "status", "thread", "sort"], "a\x00b"
    )

    response = search(browser, q="invoice", **params)

    assert response.status_code == 400


# who sees what ----------------------------------------------------------------------------


def test_a_visitor_finds_only_public_threads(client, forum):
    assert result_titles(search(client, q="invoice")) == ["Invoice export fails"]


def test_a_member_finds_members_threads_but_never_internal_ones(client, forum):
    signed_in(client)

    assert set(result_titles(search(client, q="invoice"))) == {
        "Invoice export fails",
        "Invoice party",
    }


def test_staff_find_internal_threads(client, forum):
    signed_in(client, role=Role.MODERATOR)

    assert "Invoice pricing plans" in result_titles(search(client, q="invoice"))


def test_held_hidden_and_deleted_posts_and_held_threads_never_show(client, forum, hold):
    author = signed_in(client)
    held_thread(author, forum["public"], title="Narwhal held thread")
    held_reply = PostFactory(thread=forum["export"], author=author, body=f"Narwhal {HOLD_MARK}")
    hidden = PostFactory(thread=forum["export"], body="Narwhal hidden")
    deleted = PostFactory(thread=forum["export"], body="Narwhal deleted")
    Post.objects.filter(pk=hidden.pk).update(status=PostStatus.HIDDEN)
    Post.objects.filter(pk=deleted.pk).update(is_deleted=True)
    assert held_reply.status == PostStatus.PENDING

    response = search(client, q="narwhal")

    assert response.status_code == 200
    assert "0 results" in text(response)


# visitors' rate limit ---------------------------------------------------------------------


def test_a_visitor_gets_429_after_15_searches_a_minute(forum):
    visitor = Client(REMOTE_ADDR="203.0.113.5")
    neighbour = Client(REMOTE_ADDR="198.51.100.7")

    statuses = [search(visitor, q="invoice", page=1).status_code for _n in range(15)]
    refused = search(visitor, q="invoice")

    assert statuses == [200] * 15
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Too many searches" in text(refused)
    assert search(neighbour, q="invoice").status_code == 200


def test_the_visitors_limit_comes_from_the_settings_and_spares_the_form_and_members(
    client, forum, settings
):
    settings.LIAISON_SEARCH_ANONYMOUS_PER_MINUTE = 2
    visitor = Client(REMOTE_ADDR="203.0.113.5")
    member = Client(REMOTE_ADDR="203.0.113.5")
    signed_in(member)

    assert [search(visitor).status_code for _n in range(5)] == [200] * 5
    assert [search(visitor, q="-").status_code for _n in range(5)] == [400] * 5
    assert [search(visitor, q="invoice").status_code for _n in range(3)] == [200, 200, 429]
    assert [search(member, q="invoice").status_code for _n in range(5)] == [200] * 5


def test_a_visitor_behind_the_proxy_is_counted_by_the_address_it_saw(forum, settings):
    settings.LIAISON_SEARCH_ANONYMOUS_PER_MINUTE = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    first = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    second = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert search(first, q="invoice").status_code == 200
    assert search(first, q="invoice").status_code == 429
    assert search(second, q="invoice").status_code == 200


# a fixed number of queries ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_results_page_runs_as_many_queries_for_30_hits_as_for_3(client, forum, who):
    if who == "member":
        signed_in(client)
        client.get(reverse("community:index"))
    tag = TagFactory(slug="billing")
    params = {"q": "okapi", "category": "product-help", "tag": "billing", "author": "alice"}

    def count() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as context:
            response = search(client, **params)
        assert response.status_code == 200
        return len(context), [query["sql"] for query in context]

    for number in range(3):
        ThreadFactory(
            category=forum["public"],
            author=forum["alice"],
            title=f"Okapi {number}",
            body="Okapi.",
            tags=[tag],
        )
    small, small_sql = count()
    assert len(result_titles(search(client, **params))) == 3
    for number in range(3, 30):
        thread = ThreadFactory(
            category=forum["public"],
            author=forum["alice"],
            title=f"Okapi {number}",
            body="Okapi.",
            tags=[tag],
        )
        PostFactory(thread=thread, author=UserFactory(), body="Okapi reply.")
    large, large_sql = count()

    assert small == large, "\n".join(["3 hits:", *small_sql, "", "30 hits:", *large_sql])


# the header's search box ------------------------------------------------------------------


def header_search(page: str) -> str:
    found = re.search(r'<header class="site-header".*?</header>', page, re.S).group(0)
    return re.search(r'<form class="site-search" role="search".*?</form>', found, re.S).group(0)


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_every_page_carries_the_search_landmark_in_its_header(client, forum, who):
    if who == "member":
        signed_in(client)
    pages = [
        "/",
        forum["public"].get_absolute_url(),
        forum["export"].get_absolute_url(),
        forum["alice"].get_absolute_url(),
        SEARCH_URL,
        reverse("account_login") if who == "visitor" else reverse("accounts:edit_profile"),
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        form = header_search(text(response))
        assert 'method="get" action="/search/"' in form
        assert '<label for="site-search-q" class="visually-hidden">Search the forum</label>' in form
        assert '<input type="search" id="site-search-q" name="q"' in form


def test_the_header_box_leads_to_the_results(client, forum):
    response = client.get("/?" + "unused=1")
    action = re.search(r'action="([^"]+)"', header_search(text(response))).group(1)

    assert result_titles(client.get(action, {"q": "timeout"})) == ["Invoice export fails"]


# in German --------------------------------------------------------------------------------


def test_the_search_page_speaks_german(client, forum):
    Post.objects.filter(thread=forum["export"]).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 12))
    )

    found = client.get(SEARCH_URL, {"q": "timeout"}, HTTP_ACCEPT_LANGUAGE="de")
    empty = client.get(SEARCH_URL, HTTP_ACCEPT_LANGUAGE="de")
    refused = client.get(SEARCH_URL, {"q": "-", "tag": "nix"}, HTTP_ACCEPT_LANGUAGE="de")

    assert found["Content-Language"] == "de"
    assert "1 Ergebnis" in text(found)
    assert "5. März 2026" in text(found)
    assert "Forum durchsuchen" in text(found)
    assert "Filter" in text(found)
    assert "Gib ein, wonach du suchst" in text(empty)
    assert refused.status_code == 400
    assert "Gib mindestens ein Wort ein, nach dem gesucht werden soll." in errors(refused)
    assert "Es gibt kein Schlagwort „nix“, in dem gesucht werden kann." in errors(refused)


# similar threads --------------------------------------------------------------------------


def similar_url(category, title: str) -> str:
    return (
        reverse("community:similar_threads", args=[category.slug])
        + "?"
        + urlencode({"title": title})
    )


HTMX = {"HX-Request": "true"}


def test_typing_a_title_lists_similar_threads_for_htmx(client, forum):
    signed_in(client)

    response = client.get(similar_url(forum["public"], "invoice expo"), headers=HTMX)

    assert response.status_code == 200
    page = text(response)
    assert "Similar threads" in page
    assert f'href="{forum["export"].get_absolute_url()}"' in page
    assert "Invoice party" in page
    assert "Invoice pricing plans" not in page
    assert 'id="id_similar_seen" hx-swap-oob="true"' in page


def test_a_title_like_no_thread_answers_an_empty_list(client, forum):
    signed_in(client)

    response = client.get(similar_url(forum["public"], "xylophone"), headers=HTMX)

    assert response.status_code == 200
    assert text(response).strip() == ""


def test_similar_threads_are_for_members_who_may_start_a_thread(client, forum):
    visitor = client.get(similar_url(forum["public"], "invoice"), headers=HTMX)
    signed_in(client)
    hidden = client.get(similar_url(forum["internal"], "invoice"), headers=HTMX)
    unknown = client.get(similar_url(CategoryFactory.build(slug="no-such"), "x"), headers=HTMX)

    assert visitor.status_code == 403
    assert visitor.content.decode() == "Sign in to take part."
    assert hidden.status_code == unknown.status_code == 404


def test_similar_threads_without_htmx_go_to_the_form(client, forum):
    signed_in(client)

    response = client.get(similar_url(forum["public"], "invoice"))

    assert response.status_code == 302
    assert response.url == reverse("community:start_thread", args=["product-help"])


def test_a_member_looking_up_similar_threads_too_often_is_told_to_wait(client, forum, settings):
    settings.LIAISON_SIMILAR_THREADS_PER_MINUTE = 2
    signed_in(client)

    statuses = [
        client.get(similar_url(forum["public"], "invoice"), headers=HTMX).status_code
        for _n in range(3)
    ]

    assert statuses == [200, 200, 429]
    refused = client.get(similar_url(forum["public"], "invoice"), headers=HTMX)
    assert (
        refused.content.decode() == "You are looking up similar threads too often. Wait a minute."
    )


def test_the_new_thread_form_asks_for_similar_threads_while_the_title_is_typed(client, forum):
    signed_in(client)

    page = text(client.get(reverse("community:start_thread", args=["product-help"])))

    title = re.search(r'<input type="text" name="title"[^>]*>', page).group(0)
    assert 'hx-get="/c/product-help/new/similar/"' in title
    assert 'hx-trigger="input changed delay:500ms"' in title
    assert 'hx-target="#similar-threads"' in title
    assert '<div id="similar-threads" aria-live="polite">' in page


def test_a_new_thread_like_others_sent_without_js_shows_them_once_then_posts(client, forum):
    author = signed_in(client)
    url = reverse("community:start_thread", args=["product-help"])
    token = form_token(client.get(url), "id_idempotency_key")
    data = {"title": "Invoice export broken", "body": "It breaks.", "idempotency_key": token}

    asked = client.post(url, data)

    assert asked.status_code == 200
    assert not Thread.objects.filter(author=author).exists()
    page = text(asked)
    assert "Similar threads" in page
    assert f'href="{forum["export"].get_absolute_url()}"' in page
    assert "Post anyway" in page
    assert '<input type="hidden" name="similar_seen" value="1"' in page
    assert 'value="Invoice export broken"' in page

    assert form_token(asked, "id_idempotency_key") == token
    posted = client.post(url, {**data, "similar_seen": "1"})

    thread = Thread.objects.get(author=author)
    assert posted.status_code == 302
    assert posted.url == thread.get_absolute_url()


def test_a_new_thread_like_none_is_posted_at_once(client, forum):
    author = signed_in(client)

    response = client.post(
        reverse("community:start_thread", args=["product-help"]),
        {"title": "Xylophone tuning", "body": "How?", "tags": ""},
    )

    assert response.status_code == 302
    assert Thread.objects.filter(author=author, title="Xylophone tuning").exists()


def test_a_new_thread_like_others_the_member_saw_while_typing_is_posted_at_once(client, forum):
    author = signed_in(client)

    response = client.post(
        reverse("community:start_thread", args=["product-help"]),
        {"title": "Invoice export broken", "body": "It breaks.", "similar_seen": "True"},
    )

    assert response.status_code == 302
    assert Thread.objects.filter(author=author).count() == 1


def test_similar_threads_leave_out_what_the_member_may_not_see(client, forum):
    signed_in(client)

    response = client.post(
        reverse("community:start_thread", args=["product-help"]),
        {"title": "Invoice pricing", "body": "How much?"},
    )

    assert "Invoice pricing plans" not in text(response)
