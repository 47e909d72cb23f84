"""Every write the accounts app allows."""

import hashlib
import io
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.models import ACCESS_TOKEN_PREFIX, AccessToken, TokenScope, User
from accounts.permissions import check_can_edit_profile, check_can_revoke_access_token
from accounts.roles import Role

AVATAR_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
#: Widest and tallest avatar upload, in pixels. A few hundred bytes of PNG can
#: declare a picture of gigapixels; refuse it before decoding a single pixel.
AVATAR_MAX_SIDE_PIXELS = 4096


def reencode_avatar(upload: UploadedFile) -> ContentFile:
    """Return ``upload`` as a square PNG of ``LIAISON_AVATAR_SIZE_PIXELS`` pixels.

    Re-encoding drops anything but pixels (metadata, scripts hidden in the
    file); the EXIF orientation is applied first, so phone photos stand
    upright. Raises ``ValidationError`` (codes ``too_large``,
    ``too_many_pixels``, ``not_an_image``, ``unsupported_format``) when the
    upload is over ``LIAISON_AVATAR_MAX_BYTES`` bytes, is wider or taller than
    ``AVATAR_MAX_SIDE_PIXELS``, or is not a JPEG, PNG, GIF or WebP image.
    """
    if upload.size > settings.LIAISON_AVATAR_MAX_BYTES:
        raise ValidationError(
            _("The image is larger than %(limit)d KB.")
            % {"limit": settings.LIAISON_AVATAR_MAX_BYTES // 1024},
            code="too_large",
        )
    try:
        with Image.open(upload) as image:
            image_format = image.format
            if image_format not in AVATAR_FORMATS:
                raise ValidationError(
                    _("Upload a JPEG, PNG, GIF or WebP image."), code="unsupported_format"
                )
            # The header gives the size: check it before load() decodes the pixels.
            if max(image.size) > AVATAR_MAX_SIDE_PIXELS:
                raise ValidationError(
                    _("The image is wider or taller than %(side)d pixels.")
                    % {"side": AVATAR_MAX_SIDE_PIXELS},
                    code="too_many_pixels",
                )
            # A JPEG decodes at a fraction of its size when that still covers the avatar.
            size = settings.LIAISON_AVATAR_SIZE_PIXELS
            image.draft(None, (size, size))
            picture = ImageOps.exif_transpose(image).convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The file is not an image that can be read."), code="not_an_image"
        ) from error
    side = min(picture.size)
    left = (picture.width - side) // 2
    top = (picture.height - side) // 2
    picture = picture.crop((left, top, left + side, top + side))
    picture = picture.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.png")


@transaction.atomic
def update_profile(
    *,
    actor: User,
    member: User,
    display_name: str,
    bio: str,
    language: str,
    avatar: UploadedFile | None = None,
    remove_avatar: bool = False,
) -> User:
    """Change ``member``'s public profile and return the member.

    Raises ``PermissionDenied`` unless ``actor`` may edit the profile, and
    ``ValidationError`` (keyed by field) for a bad value or avatar.
    """
    check_can_edit_profile(actor, member)
    member.display_name = display_name.strip()
    member.bio = bio.strip()
    member.language = language
    if avatar is not None:
        try:
            picture = reencode_avatar(avatar)
        except ValidationError as error:
            raise ValidationError({"avatar": error.error_list}) from error
        if member.avatar:
            member.avatar.delete(save=False)
        member.avatar.save(picture.name, picture, save=False)
    elif remove_avatar and member.avatar:
        member.avatar.delete(save=False)
    # Only what the profile form changes: a handle chosen under older rules stays valid.
    member.full_clean(exclude=["password", "username", "email"])
    member.save(update_fields=["display_name", "bio", "language", "avatar"])
    return member


@transaction.atomic
def assign_role(*, member: User, role: Role) -> bool:
    """Put ``member`` into ``role``'s group; return whether that changed anything."""
    group = Group.objects.get(name=role)
    if member.groups.filter(pk=group.pk).exists():
        return False
    member.groups.add(group)
    member.__dict__.pop("role_names", None)
    return True


def set_preferred_language(*, member: User, language: str) -> bool:
    """Store ``language`` (a code in ``settings.LANGUAGES``) as ``member``'s preference.

    Returns whether it changed; an unknown code changes nothing.
    """
    if language not in dict(settings.LANGUAGES) or member.language == language:
        return False
    member.language = language
    member.save(update_fields=["language"])
    return True


@transaction.atomic
def restrict_member(
    *,
    member: User,
    silenced_until=None,
    suspended_until=None,
    banned: bool | None = None,
    replace: tuple[str, ...] = (),
) -> User:
    """Store the restrictions on ``member`` that a moderator decided; return the member.

    ``silenced_until``/``suspended_until`` are aware datetimes, or ``None`` to
    leave them as they are. A restriction only grows: an end later than the
    given one stays, so that a shorter sanction never cuts a longer one short.
    ``replace`` names the fields (``"silenced_until"``, ``"suspended_until"``)
    to store exactly as given, ``None`` lifting them: moderation recomputes an
    end from the sanctions left when it lifts one. ``banned`` True bans (an
    existing ban keeps its date), False lifts a ban. The decision and its
    audit entry belong to the caller (moderation); this stores it.
    """
    # Lock the row so that two sanctions given at once both see the other's end.
    current = User.objects.select_for_update().get(pk=member.pk)
    values = {}
    for field, end in (("silenced_until", silenced_until), ("suspended_until", suspended_until)):
        if field in replace:
            values[field] = end
        elif end is not None:
            values[field] = max(end, getattr(current, field) or end)
    if banned is not None:
        values["banned_at"] = (current.banned_at or timezone.now()) if banned else None
    for field, value in values.items():
        setattr(member, field, value)
    if values:
        member.save(update_fields=list(values))
    return member


@transaction.atomic
def lift_restrictions(*, member: User) -> bool:
    """Lift silence, suspension and ban from ``member``; return whether any was set."""
    changed = (
        User.objects.filter(pk=member.pk)
        .exclude(silenced_until=None, suspended_until=None, banned_at=None)
        .update(silenced_until=None, suspended_until=None, banned_at=None)
    )
    member.silenced_until = member.suspended_until = member.banned_at = None
    return bool(changed)


def hash_token_secret(secret: str) -> str:
    """Return the SHA-256 (hex) of an access token's secret, as stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_access_token(
    *, member: User, name: str, scopes: list[str], expires_in_days: int | None
) -> tuple[AccessToken, str]:
    """Create an access token for ``member``; return it and its secret, shown only once.

    ``scopes`` holds ``TokenScope`` values; ``expires_in_days`` ``None`` never
    expires. Raises ``ValidationError`` (code ``no_scope``) without a scope
    and for a blank or overlong name.
    """
    if not scopes:
        raise ValidationError(_("Choose at least one scope."), code="no_scope")
    secret = ACCESS_TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = AccessToken(
        user=member,
        name=name.strip(),
        can_read=TokenScope.READ in scopes,
        can_write=TokenScope.WRITE in scopes,
        secret_hash=hash_token_secret(secret),
        created_at=now,
        expires_at=None if expires_in_days is None else now + timedelta(days=expires_in_days),
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def revoke_access_token(*, actor: User, token: AccessToken) -> bool:
    """Revoke ``token`` for good; return whether it was still in force.

    Raises ``Http404`` unless ``token`` is ``actor``'s own.
    """
    check_can_revoke_access_token(actor, token)
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return True


def use_access_token(*, secret: str) -> AccessToken | None:
    """Return the usable access token whose secret is ``secret`` (with its member), noting
    when it was last used; ``None`` for an unknown, revoked or expired one, or a member who
    may no longer sign in.

    ``last_used_at`` is written at most once a minute per token, so that a busy
    script does not write a row on every request.
    """
    if not secret.startswith(ACCESS_TOKEN_PREFIX):
        return None
    token = (
        AccessToken.objects.select_related("user")
        .filter(secret_hash=hash_token_secret(secret))
        .first()
    )
    if token is None or not token.is_usable:
        return None
    if not token.user.is_active or token.user.is_suspended:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
