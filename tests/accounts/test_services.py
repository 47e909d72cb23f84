"""Writes of the accounts app: the profile and its avatar (accounts.services)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.services import reencode_avatar, update_profile
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def upload(image: Image.Image, image_format: str = "PNG", **save_options) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save_options)
    return SimpleUploadedFile(f"avatar.{image_format.lower()}", buffer.getvalue())


# Forum review: a small PNG of many pixels was decoded into hundreds of megabytes.
def test_reencode_avatar_refuses_an_image_wider_than_4096_pixels_before_decoding_it():
    # A 1-bit PNG: a few kilobytes on disk, 67 MB once converted to RGBA.
    huge = upload(Image.new("1", (4097, 4097)))

    with pytest.raises(ValidationError) as refusal:
        reencode_avatar(huge)

    assert refusal.value.code == "too_many_pixels"
    assert refusal.value.messages == ["The image is wider or taller than 4096 pixels."]


# Forum review: an avatar of too many pixels was reported on no field.
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


# Forum review: a phone photo's avatar lay on its side.
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
