"""The backoffice's demo: canned reasons, watched words, flags, a held post, a sanction
with an appeal and their audit entries. Loaded by ``manage.py load_demo``; idempotent.
"""

from django.db import transaction

from accounts.models import User
from community import services as community_services
from community.models import Category, Post, PostStatus, Thread
from moderation import services
from moderation.models import (
    AutomodRule,
    CannedReason,
    Flag,
    ReviewKind,
    RuleAction,
    RuleKind,
    Sanction,
    SanctionKind,
)
from moderation.services.flags import open_item

CANNED_REASONS = [
    ("Off topic", "This post does not belong in this thread. Please start a new one."),
    ("Be kind", "Please stay friendly: criticise ideas, not people."),
    ("Spam", "Advertising and repeated links are not allowed here."),
]
RULES = [
    ("Watched words: gambling", RuleKind.WORDS, "casino\nbetting\njackpot", RuleAction.HOLD),
    ("Watched words: mild swearing", RuleKind.WORDS, "damn\ncrap", RuleAction.CENSOR),
]


@transaction.atomic
def load(stdout=None) -> dict:
    """Load the backoffice demo once; return what it made."""
    for position, (title, text) in enumerate(CANNED_REASONS):
        CannedReason.objects.get_or_create(
            title=title, defaults={"text": text, "position": position}
        )
    carla = User.objects.filter(username="carla").first()
    for name, kind, pattern, action in RULES:
        AutomodRule.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "pattern": pattern, "action": action, "created_by": carla},
        )
    moritz = User.objects.filter(username="moritz").first()
    members = list(
        User.objects.filter(is_superuser=False, groups__name="member")
        .exclude(username__in=["carla", "moritz", "admin", "sam"])
        .order_by("pk")[:6]
    )
    posts = list(
        Post.objects.filter(is_deleted=False, number__gt=1)
        .select_related("thread__category", "author")
        .order_by("pk")[:3]
    )
    if len(members) < 3 or len(posts) < 3 or carla is None or moritz is None:
        return {}
    for post, reason in zip(posts[:2], ["off_topic", "inappropriate"], strict=True):
        for flagger in [m for m in members if m.pk != post.author_id][:2]:
            if not Flag.objects.filter(post=post, flagger=flagger).exists():
                services.flag_post(flagger=flagger, post=post, reason=reason)
    held = posts[2]
    if held.status == PostStatus.PUBLISHED and not held.review_items.exists():
        Post.objects.filter(pk=held.pk).update(status=PostStatus.PENDING)
        # A held post was never counted: approving it from the queue counts it.
        community_services.recount_threads(Thread.objects.filter(pk=held.thread_id))
        community_services.recount_categories(Category.objects.filter(pk=held.thread.category_id))
        community_services.recount_members(User.objects.filter(pk=held.author_id))
        open_item(post=held, kind=ReviewKind.HELD_POST)
    member = members[-1]
    if not Sanction.objects.filter(member=member).exists():
        sanction = services.sanction_member(
            actor=carla,
            member=member,
            kind=SanctionKind.WARNING,
            reason="Please stay friendly: criticise ideas, not people.",
        )
        services.appeal_sanction(
            member=member, sanction=sanction, text="I was quoting someone else, not insulting."
        )
    if stdout is not None:
        stdout.write("Backoffice: flags, a held post, a warning with an appeal.")
    return {"flagged_posts": posts[:2], "held_post": held}
