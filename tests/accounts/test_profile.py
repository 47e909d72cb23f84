"""The public profile page and its edit form."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def image_upload(name="me.jpg", image_format="JPEG", size=(400, 300)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def profile_data(**extra):
    return {"display_name": "Alice A.", "bio": "Runs the night shift.", "language": "de", **extra}


def test_profile_shows_name_member_since_and_post_count(client):
    member = UserFactory(username="alice", display_name="Alice Anders")

    response = client.get(reverse("community:profile", kwargs={"username": "alice"}))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Alice Anders" in content
    assert "Member since" in content
    assert "Posts" in content
    assert member.date_joined.strftime("%Y") in content


def test_unknown_profile_is_404(client):
    response = client.get(reverse("community:profile", kwargs={"username": "nobody"}))

    assert response.status_code == 404


def test_profile_edit_requires_sign_in(client):
    response = client.get(reverse("accounts:edit_profile"))

    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_member_edits_profile_and_avatar_is_reencoded_as_a_square_png(client):
    member = UserFactory()
    client.force_login(member)

    response = client.post(reverse("accounts:edit_profile"), profile_data(avatar=image_upload()))

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Alice A."
    assert member.bio == "Runs the night shift."
    assert member.language == "de"
    with Image.open(member.avatar.path) as stored:
        assert stored.format == "PNG"
        assert stored.size == (256, 256)


def test_a_file_that_is_not_an_image_is_refused_with_a_field_error(client):
    member = UserFactory(display_name="Before")
    client.force_login(member)
    fake = SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png")

    response = client.post(reverse("accounts:edit_profile"), profile_data(avatar=fake))

    assert response.status_code == 400
    assert "avatar" in response.context["form"].errors
    member.refresh_from_db()
    assert member.display_name == "Before"
    assert not member.avatar


def test_an_oversized_avatar_is_refused_with_a_field_error(client, settings):
    settings.LIAISON_AVATAR_MAX_BYTES = 100
    member = UserFactory()
    client.force_login(member)

    response = client.post(reverse("accounts:edit_profile"), profile_data(avatar=image_upload()))

    assert response.status_code == 400
    assert "larger than" in str(response.context["form"].errors["avatar"])


def test_an_image_in_an_unsupported_format_is_refused(client):
    member = UserFactory()
    client.force_login(member)
    upload = image_upload(name="me.bmp", image_format="BMP")

    response = client.post(reverse("accounts:edit_profile"), profile_data(avatar=upload))

    assert response.status_code == 400
    assert "avatar" in response.context["form"].errors


def test_an_overlong_display_name_is_refused_with_a_field_error(client):
    member = UserFactory()
    client.force_login(member)

    response = client.post(reverse("accounts:edit_profile"), profile_data(display_name="x" * 61))

    assert response.status_code == 400
    assert "display_name" in response.context["form"].errors


def test_an_unknown_language_is_refused_with_a_field_error(client):
    member = UserFactory()
    client.force_login(member)

    response = client.post(reverse("accounts:edit_profile"), profile_data(language="xx"))

    assert response.status_code == 400
    assert "language" in response.context["form"].errors


def test_only_the_owner_sees_the_edit_link(client):
    owner = UserFactory(username="owner")
    url = reverse("community:profile", kwargs={"username": "owner"})
    edit = "Edit profile"

    assert edit not in client.get(url).content.decode()
    client.force_login(UserFactory())
    assert edit not in client.get(url).content.decode()
    client.force_login(owner)
    assert edit in client.get(url).content.decode()


def test_a_member_whose_handle_predates_the_username_rules_still_edits_their_profile(client):
    from accounts.models import User

    member = UserFactory()
    User.objects.filter(pk=member.pk).update(username="old.style-")
    member.refresh_from_db()
    client.force_login(member)

    response = client.post(reverse("accounts:edit_profile"), profile_data())

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.username, member.display_name) == ("old.style-", "Alice A.")
