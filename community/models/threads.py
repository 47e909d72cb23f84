"""Threads: conversations in a category."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.categories import Category, Tag

#: Posts shown on one page of a thread. Numbers are dense within a thread, so
#: page N holds the numbers (N-1)*POSTS_PER_PAGE+1 .. N*POSTS_PER_PAGE.
POSTS_PER_PAGE = 20


class Thread(models.Model):
    """A conversation: its first post is the question or topic, the rest are replies."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="threads"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="threads")
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last activity"), default=timezone.now)
    last_post_number = models.PositiveIntegerField(_("last post number"), default=0)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    accepted_answer = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_pending_approval = models.BooleanField(
        _("awaiting approval"),
        default=False,
        help_text=_("Its first post waits for a moderator; only its author and staff see it."),
    )
    has_official_answer = models.BooleanField(
        _("has an official answer"),
        default=False,
        help_text=_("Set by the feedback app when the company answers it publicly."),
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(
                F("category"),
                F("is_pinned").desc(),
                F("last_post_at").desc(),
                name="community_thread_category_list",
            ),
            models.Index(F("last_post_at").desc(), name="community_thread_latest"),
            models.Index(F("author"), F("created_at").desc(), name="community_thread_by_author"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "community:thread_detail", kwargs={"thread_slug": self.slug, "thread_id": self.pk}
        )

    @property
    def is_solved(self) -> bool:
        """Whether a reply has been accepted as the answer (Q&A categories)."""
        return self.accepted_answer_id is not None

    @property
    def page_count(self) -> int:
        """Number of pages the thread's posts fill."""
        return max(1, -(-self.last_post_number // POSTS_PER_PAGE))
