"""URL slugs of threads and tags, made from their titles and names."""

import hashlib
import unicodedata

from django.utils.text import slugify

from community.models import Tag


def slug_for_title(title: str) -> str:
    """Return the URL slug for a thread title (ASCII; "thread" when nothing is left)."""
    return slugify(title)[:200] or "thread"


def slug_for_tag(name: str) -> str:
    """Return the URL slug (ASCII, at most the column's length) for a tag called ``name``.

    "#" and "+" are spelled out, so that "C#" and "C++" stay apart ("c-sharp",
    "c-plus-plus"). A name with letters that have no ASCII form (日本語) gets a
    short digest of the name, so that it neither vanishes nor merges with
    another; a slug too long for the column is cut and gets a digest of the
    whole, so that two long names stay apart.
    """
    limit = Tag._meta.get_field("slug").max_length
    spelled = name.replace("#", " sharp ").replace("+", " plus ")
    slug = slugify(spelled)
    decomposed = unicodedata.normalize("NFKD", spelled)
    if any(char.isalnum() and not char.isascii() for char in decomposed):
        slug = f"{slug or 'tag'}-{_digest(name.casefold())}"
    if len(slug) > limit:
        slug = f"{slug[: limit - 9].rstrip('-')}-{_digest(slug)}"
    return slug


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]
