"""Reads of categories and tags: which a viewer sees."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from community.models import Category, Tag, Visibility
from community.permissions import check_can_see_category


def visible_categories(viewer) -> QuerySet[Category]:
    """Return the categories ``viewer`` may see, in their order."""
    categories = Category.objects.all()
    if not viewer.is_authenticated:
        return categories.filter(visibility=Visibility.PUBLIC)
    if viewer.has_perm("accounts.view_internal_categories"):
        return categories
    return categories.exclude(visibility=Visibility.INTERNAL)


def list_categories(*, viewer) -> QuerySet[Category]:
    """Return the visible categories with their latest thread and its last poster."""
    return visible_categories(viewer).select_related("last_thread", "last_thread__last_poster")


def get_category(*, category_slug: str, viewer) -> Category:
    """Return the category with ``category_slug``; ``Http404`` if missing or hidden."""
    category = get_object_or_404(Category, slug=category_slug)
    check_can_see_category(viewer, category)
    return category


def get_tag(*, tag_slug: str, viewer) -> Tag:
    """Return the tag with ``tag_slug``; ``Http404`` if none, or if no thread that
    ``viewer`` may see carries it (a tag of internal threads stays unknown)."""
    return get_object_or_404(_tags_seen_by(viewer), slug=tag_slug)


def _tags_seen_by(viewer) -> QuerySet[Tag]:
    """Tags carried by a thread that ``viewer`` may see."""
    return Tag.objects.filter(
        threads__category__in=visible_categories(viewer),
        threads__is_pending_approval=False,
    ).distinct()


def is_tag_public(*, tag: Tag) -> bool:
    """Return whether a visitor may see ``tag``: whether its feed exists."""
    return _tags_seen_by(AnonymousUser()).filter(pk=tag.pk).exists()
