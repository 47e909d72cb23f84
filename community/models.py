"""The forum's data: categories, tags, threads, posts and what members do with them.

Counters on categories and threads are kept by the services in
``community.services`` so that list pages read them without aggregating.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Posts shown on one page of a thread. Numbers are dense within a thread, so
#: page N holds the numbers (N-1)*POSTS_PER_PAGE+1 .. N*POSTS_PER_PAGE.
POSTS_PER_PAGE = 20


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


class ReadState(models.Model):
    """How far a member has read a thread: the highest post number seen."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_states"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="community_read_state_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to {self.last_read_number}"


class MemberActivity(models.Model):
    """The activity that Discourse's trust levels are computed from, one row per member."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity"
    )
    days_visited = models.PositiveIntegerField(default=0)
    last_visit_on = models.DateField(null=True, blank=True)
    posts_read = models.PositiveIntegerField(default=0)
    threads_entered = models.PositiveIntegerField(default=0)
    threads_created = models.PositiveIntegerField(default=0)
    replies_created = models.PositiveIntegerField(default=0)
    likes_given = models.PositiveIntegerField(default=0)
    likes_received = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("member activity")
        verbose_name_plural = _("member activity")

    def __str__(self) -> str:
        return f"activity of {self.user_id}"
