"""Reviewed defects: avatars, htmx errors, newer posts, focus, dates,
languages, links in e-mails and usernames."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import trans_real
from PIL import Image

from accounts.forms import SignupForm
from accounts.models import User, username_validator
from accounts.services import reencode_avatar, update_profile
from community import markdown, services
from community.models import Thread
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory, ThreadFactory, first_post

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def signed_in(user, **client_options) -> Client:
    client = Client(**client_options)
    client.force_login(user)
    return client


def post_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<article class="post[^"]*" id="post-(\d+)"', html)]


def thread_with_posts(count: int) -> Thread:
    thread = ThreadFactory()
    for _number in range(2, count + 1):
        PostFactory(thread=thread)
    thread.refresh_from_db()
    return thread


def upload(image: Image.Image, image_format: str = "PNG", **save_options) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save_options)
    return SimpleUploadedFile(f"avatar.{image_format.lower()}", buffer.getvalue())


# 1. Avatars


def test_reencode_avatar_refuses_an_image_wider_than_4096_pixels_before_decoding_it():
    # A 1-bit PNG: a few kilobytes on disk, 67 MB once converted to RGBA.
    huge = upload(Image.new("1", (4097, 4097)))

    with pytest.raises(ValidationError) as refusal:
        reencode_avatar(huge)

    assert refusal.value.code == "too_many_pixels"
    assert refusal.value.messages == ["The image is wider or taller than 4096 pixels."]


def test_update_profile_reports_an_avatar_with_too_many_pixels_on_the_avatar_field():
    member = UserFactory()

    with pytest.raises(ValidationError) as refusal:
        update_profile(
            actor=member,
            member=member,
            display_name="",
            bio="",
            language="",
            avatar=upload(Image.new("1", (8000, 10))),
        )

    assert [error.code for error in refusal.value.error_dict["avatar"]] == ["too_many_pixels"]


def test_reencode_avatar_applies_the_exif_orientation_of_a_phone_photo():
    # Stored on its side: red on the left, blue on the right. EXIF orientation 6
    # says "rotate 90° clockwise to view", which puts red on top and blue below.
    photo = Image.new("RGB", (600, 300), (0, 0, 255))
    photo.paste((255, 0, 0), (0, 0, 300, 300))
    exif = Image.Exif()
    exif[0x0112] = 6

    avatar = Image.open(reencode_avatar(upload(photo, "JPEG", exif=exif)))

    top_red, _g, top_blue, _a = avatar.getpixel((128, 10))
    bottom_red, _g, bottom_blue, _a = avatar.getpixel((10, 245))
    assert top_red > 200 and top_blue < 60
    assert bottom_blue > 200 and bottom_red < 60


# 2. htmx errors


def test_every_page_has_a_live_region_for_htmx_errors_with_a_translated_fallback():
    response = signed_in(UserFactory()).get("/")

    region = re.search(r'<div id="htmx-status" role="alert"[^>]*>', response.text).group(0)
    assert 'data-error-message="Something went wrong. Reload the page and try again."' in region
    assert 'data-close-label="Close"' in region
    assert '<script src="/static/js/htmx-errors.js" defer></script>' in response.text


# 3. Newer posts


def newer_posts_link(html: str) -> str:
    return re.search(r'<div id="newer-posts"[^>]*>\s*(.*?)</div>', html, re.S).group(0)


def test_an_htmx_reply_moves_load_newer_posts_past_the_reply():
    thread = thread_with_posts(3)

    response = signed_in(UserFactory()).post(
        f"/t/{thread.pk}/reply/", {"body": "Me too.", "after": "3"}, **HTMX
    )

    assert post_numbers(response.text) == [4]
    link = newer_posts_link(response.text)
    assert 'hx-swap-oob="true"' in link
    assert f'hx-get="/t/{thread.pk}/posts/?after=4"' in link
    assert re.search(r'<input type="hidden" name="after" value="4" id="reply-after"', response.text)
    assert Client().get(f"/t/{thread.pk}/posts/?after=4", **HTMX).text.count("<article") == 0


def test_an_htmx_reply_also_brings_the_posts_written_since_the_page_loaded():
    thread = thread_with_posts(3)
    PostFactory(thread=thread, body="Written while you typed.")

    response = signed_in(UserFactory()).post(
        f"/t/{thread.pk}/reply/", {"body": "Me too.", "after": "3"}, **HTMX
    )

    assert post_numbers(response.text) == [4, 5]
    assert "Written while you typed." in response.text
    assert f'hx-get="/t/{thread.pk}/posts/?after=5"' in newer_posts_link(response.text)


def test_an_htmx_reply_after_over_a_page_of_new_posts_goes_to_the_reply():
    thread = thread_with_posts(25)

    response = signed_in(UserFactory()).post(
        f"/t/{thread.pk}/reply/", {"body": "Me too.", "after": "1"}, **HTMX
    )

    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/t/{thread.slug}/{thread.pk}/26/"


def test_the_reply_form_says_which_post_the_page_shows_last():
    thread = thread_with_posts(3)

    page = signed_in(UserFactory()).get(thread.get_absolute_url())

    form = page.text[page.text.index('id="reply-form"') :]
    assert re.search(r'<input type="hidden" name="after" value="3" id="reply-after">', form)


def test_load_newer_posts_appends_the_posts_inside_the_posts_list():
    thread = thread_with_posts(5)

    response = signed_in(UserFactory()).get(f"/t/{thread.pk}/posts/?after=3", **HTMX)

    assert response["HX-Retarget"] == "#posts"
    assert response["HX-Reswap"] == "beforeend"
    assert post_numbers(response.text) == [4, 5]
    link = newer_posts_link(response.text)
    assert 'hx-swap-oob="true"' in link
    assert 'hx-target="#posts" hx-swap="beforeend"' in link
    assert re.search(r'name="after" value="5" id="reply-after" hx-swap-oob="true"', response.text)


def test_load_newer_posts_without_javascript_never_leads_to_a_missing_page():
    thread = thread_with_posts(3)
    response = signed_in(UserFactory()).get(f"/t/{thread.pk}/posts/?after=3", **HTMX)
    href = re.search(r'<a id="newer-posts-link"[^>]* href="([^"]+)"', response.text).group(1)

    page = Client().get(href.replace("&amp;", "&"), follow=True)

    assert page.status_code == 200
    assert post_numbers(page.text) == [1, 2, 3]


# 4. Keyboard focus after swaps


def test_a_reaction_button_keeps_its_id_across_the_swap_so_it_keeps_the_focus():
    post = first_post(ThreadFactory())
    client = signed_in(UserFactory())
    page = client.get(post.thread.get_absolute_url())

    response = client.post(f"/p/{post.pk}/react/", {"kind": "like"}, **HTMX)

    button_id = f'id="react-{post.pk}-like"'
    assert button_id in page.text
    assert button_id in response.text


def test_an_invalid_htmx_reply_puts_the_focus_on_the_reply_field():
    thread = ThreadFactory()

    response = signed_in(UserFactory()).post(f"/t/{thread.pk}/reply/", {"body": " "}, **HTMX)

    assert re.search(r'<textarea name="body"[^>]* autofocus', response.text)


# 5. Dates


def test_lists_show_a_recent_time_relatively_and_an_older_one_as_a_german_date():
    recent = ThreadFactory(title="Recent question")
    older = ThreadFactory(title="Older question", category=recent.category)
    eight_days_ago = timezone.now() - timedelta(days=8)
    Thread.objects.filter(pk=older.pk).update(last_post_at=eight_days_ago)
    Thread.objects.filter(pk=recent.pk).update(last_post_at=timezone.now() - timedelta(hours=3))

    page = Client().get(recent.category.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")

    with translation.override("de"):
        date = formats.date_format(timezone.localtime(eight_days_ago), "DATE_FORMAT")
    assert re.search(rf'<time datetime="[^"]+">{re.escape(date)}</time>', page.text)
    assert "vor 3 Stunden" in page.text
    assert "Woche" not in page.text


# 6. Languages


def test_signing_up_through_the_german_interface_records_german_as_the_language():
    Client().post(
        reverse("account_signup"),
        {
            "email": "neu@example.test",
            "username": "neuling",
            "password1": "a sturdy passphrase 42",
            "password2": "a sturdy passphrase 42",
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert User.objects.get(email="neu@example.test").language == "de"


@pytest.fixture
def german_wrote(monkeypatch):
    """Give the German catalogue a translation of quote_source's "wrote" for the test."""
    # The loaded catalogue is a TranslationCatalog: its first dict takes precedence.
    catalog = trans_real.translation("de")._catalog._catalogs[0]
    key = "@username wrote: (introduces a quoted post)\x04wrote"
    monkeypatch.setitem(catalog, key, "schrieb")


def test_quote_source_introduces_the_quote_in_the_quoting_members_language(german_wrote):
    with translation.override("de"):
        source = markdown.quote_source(username="alice", permalink="/t/x/1/2/", body="Hallo")

    assert source.startswith("> @alice [schrieb](/t/x/1/2/):\n")


# 7. Links in e-mails


def test_a_notification_emails_html_links_to_the_site_with_absolute_urls(
    settings, django_capture_on_commit_callbacks
):
    settings.LIAISON_BASE_URL = "https://community.example.test"
    alice = UserFactory(username="alice")
    thread = ThreadFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.reply_to_thread(
            author=UserFactory(), thread=thread, body="Ask @alice, or see [the guide](/c/help/)."
        )

    [message] = [message for message in mail.outbox if alice.email in message.to]
    [(html, _mimetype)] = message.alternatives
    assert 'href="https://community.example.test/u/alice/"' in html
    assert 'href="https://community.example.test/c/help/"' in html
    assert not re.search(r'(href|src)="/', html)


# 8. Usernames


@pytest.mark.parametrize("username", ["bob.", "bob-", ".bob", "-bob", "b"])
def test_a_username_must_start_and_end_with_a_letter_digit_or_underscore(username):
    with pytest.raises(ValidationError):
        username_validator(username)


@pytest.mark.parametrize("username", ["bo", "a.b", "a-b", "_x_", "x" * 30])
def test_usernames_with_dots_or_dashes_inside_stay_valid(username):
    username_validator(username)


def test_signup_refuses_a_username_ending_in_a_dot():
    Client().post(
        reverse("account_signup"),
        {
            "email": "dot@example.test",
            "username": "dotty.",
            "password1": "a sturdy passphrase 42",
            "password2": "a sturdy passphrase 42",
        },
    )

    assert not User.objects.filter(email="dot@example.test").exists()


def test_the_signup_username_field_asks_for_at_least_two_characters():
    from allauth.account.forms import SignupForm as AllauthSignupForm

    page = Client().get(reverse("account_signup"))

    assert issubclass(AllauthSignupForm, SignupForm)
    assert re.search(r'<input type="text" name="username"[^>]* minlength="2"', page.text)
    assert not AllauthSignupForm(data={"username": "a"}).is_valid()
