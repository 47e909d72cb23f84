"""Posts and what members do with them: revisions, reactions, mentions, quotes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models.threads import POSTS_PER_PAGE, Thread


class PostStatus(models.TextChoices):
    """Whether a post shows: published, waiting for a moderator's approval, or hidden."""

    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Awaiting approval")
    HIDDEN = "hidden", _("Hidden pending review")


class Post(models.Model):
    """One message in a thread, numbered from 1; the first post opens the thread.

    ``body`` is the author's Markdown, ``html`` its sanitised rendering, made
    once on save by ``community.markdown.render``.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts"
    )
    body = models.TextField(_("body"))
    html = models.TextField(_("rendered body"), editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    revision_count = models.PositiveIntegerField(_("revisions"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    hidden_reason = models.CharField(_("why hidden"), max_length=300, blank=True)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: ISO 639-1 code of the language the post is written in, detected from its
    #: text with its author's language as fallback ('' when unknown); chooses the
    #: stemmer search uses (community.search).
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    #: Reactions of every kind, kept by community.services.reactions for search's
    #: "most reactions" order and its lift.
    reaction_count = models.PositiveIntegerField(_("reactions"), default=0)
    #: The random token of the form that wrote the post (empty for posts written
    #: otherwise): a second submit of that form finds this post instead of writing another.
    idempotency_key = models.CharField(
        _("form token"), max_length=64, blank=True, default="", editable=False
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "number"], name="community_post_number_unique"
            ),
            models.UniqueConstraint(
                fields=["author", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="community_post_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="community_post_number_positive"
            ),
        ]
        indexes = [
            models.Index(F("author"), F("created_at").desc(), name="community_post_by_author"),
            models.Index(F("created_at").desc(), name="community_post_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "community:post_permalink",
            kwargs={
                "thread_slug": self.thread.slug,
                "thread_id": self.thread_id,
                "number": self.number,
            },
        )

    @property
    def is_published(self) -> bool:
        """Whether everyone who can see the thread sees this post."""
        return self.status == PostStatus.PUBLISHED

    @property
    def is_first(self) -> bool:
        """Whether this post opens its thread."""
        return self.number == 1

    @property
    def page(self) -> int:
        """The page of the thread that shows this post."""
        return (self.number - 1) // POSTS_PER_PAGE + 1


class PostRevision(models.Model):
    """A post's body before an edit; revision 1 is the original."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    body = models.TextField(_("body"))
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason for the edit"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="community_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.post} r{self.number}"


class ReactionKind(models.TextChoices):
    """The reactions a member can give a post."""

    LIKE = "like", _("Like")
    THANKS = "thanks", _("Thanks")
    INSIGHTFUL = "insightful", _("Insightful")
    FUNNY = "funny", _("Funny")


REACTION_EMOJI = {
    ReactionKind.LIKE: "👍",
    ReactionKind.THANKS: "🙏",
    ReactionKind.INSIGHTFUL: "💡",
    ReactionKind.FUNNY: "😄",
}


class Reaction(models.Model):
    """One member's reaction of one kind to one post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReactionKind.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user", "kind"], name="community_reaction_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post}"


class Mention(models.Model):
    """An @mention of a member in a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentions"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="community_mention_unique"),
        ]

    def __str__(self) -> str:
        return f"@{self.user_id} in {self.post_id}"


class Quote(models.Model):
    """A post quoting another post (the quote links back to it)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="quotes")
    quoted_post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="quoted_by")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "quoted_post"], name="community_quote_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.post_id} quotes {self.quoted_post_id}"
