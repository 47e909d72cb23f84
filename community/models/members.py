"""What the forum keeps per member: how far they read, and their activity."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models.threads import Thread


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
