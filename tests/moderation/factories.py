"""factory_boy factories for the backoffice."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import TrustLevel
from accounts.roles import Role
from community.models import CategoryModerator, MemberActivity
from community.services.trust import REQUIREMENTS
from moderation.models import (
    AutomodRule,
    CannedReason,
    ReviewItem,
    ReviewKind,
    RuleAction,
    RuleKind,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post


class FlaggerFactory(UserFactory):
    """A member whose flags count in full: trust level 1 (basic), joined two days ago.

    New members (trust level 0) cannot flag, and flags of accounts younger than a
    day weigh half (``LIAISON_YOUNG_FLAGGER_HOURS``, ``LIAISON_YOUNG_FLAGGER_WEIGHT``).
    """

    trust_level = TrustLevel.BASIC
    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))

    @factory.post_generation
    def activity(self, create, extracted, **kwargs):
        """Record the activity that earns the trust level, so that the recomputation on
        the member's first request of the day (community.middleware) keeps it."""
        if not create:
            return
        counts: dict[str, int] = {}
        for level, thresholds in REQUIREMENTS:
            if level <= self.trust_level:
                for name, minimum in thresholds.items():
                    counts[name] = max(counts.get(name, 0), minimum)
        MemberActivity.objects.update_or_create(user=self, defaults=counts)


class CategoryModeratorFactory(factory.django.DjangoModelFactory):
    """A member who moderates one category."""

    class Meta:
        model = CategoryModerator

    user = factory.SubFactory(UserFactory)
    category = factory.SubFactory(CategoryFactory)


class CannedReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CannedReason

    title = factory.Sequence(lambda n: f"Reason {n}")
    text = "Please keep to the community guidelines."


class AutomodRuleFactory(factory.django.DjangoModelFactory):
    """A watched-words rule that flags."""

    class Meta:
        model = AutomodRule

    name = factory.Sequence(lambda n: f"Rule {n}")
    kind = RuleKind.WORDS
    pattern = "casino"
    action = RuleAction.FLAG
    created_by = factory.SubFactory(UserFactory, role=Role.COMMUNITY_MANAGER)


class FlaggedItemFactory(factory.django.DjangoModelFactory):
    """An open flagged-post item on the first post of a new thread."""

    class Meta:
        model = ReviewItem

    kind = ReviewKind.FLAGGED_POST
    post = factory.LazyFunction(lambda: first_post(ThreadFactory()))
    category = factory.LazyAttribute(lambda item: item.post.thread.category)
    score = 1.0
