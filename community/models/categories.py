"""Categories, their moderators, and tags."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a category and everything in it."""

    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    INTERNAL = "internal", _("Internal (staff only)")


class Category(models.Model):
    """A place for threads on one subject, with its own visibility."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_qa = models.BooleanField(
        _("Q&A mode"), default=False, help_text=_("Threads are questions with one accepted answer.")
    )
    is_feedback_welcome = models.BooleanField(
        _("feedback welcome"),
        default=False,
        help_text=_("Members may mark their own posts here as feedback."),
    )
    thread_count = models.PositiveIntegerField(_("threads"), default=0)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    last_post_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_thread = models.ForeignKey(
        "Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]
        indexes = [models.Index(fields=["position", "name"], name="community_category_order")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:category_detail", kwargs={"category_slug": self.slug})


class CategoryModerator(models.Model):
    """A member who moderates one category (and only it), besides the forum's staff."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderated_categories"
    )
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="moderators")

    class Meta:
        verbose_name = _("category moderator")
        verbose_name_plural = _("category moderators")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category"], name="community_category_moderator_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} moderates {self.category_id}"


class Tag(models.Model):
    """A label that groups threads across categories."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:tag_detail", kwargs={"tag_slug": self.slug})
