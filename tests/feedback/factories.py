"""factory_boy factories and small helpers for the feedback tests."""

import factory

from accounts.models import TrustLevel
from accounts.roles import Role
from feedback.models import Department, DepartmentMembership, FeedbackKind, Insight
from feedback.services.search_index import index_insights
from tests.accounts.factories import UserFactory


class DepartmentFactory(factory.django.DjangoModelFactory):
    """A department with an e-mail address and no webhook."""

    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Department {n}")
    slug = factory.Sequence(lambda n: f"department-{n}")
    contact_email = factory.Sequence(lambda n: f"department{n}@company.test")


def staff_of(department: Department, **kwargs):
    """Return a new department staff member working for ``department``."""
    user = UserFactory(role=Role.DEPARTMENT_STAFF, trust_level=TrustLevel.MEMBER, **kwargs)
    DepartmentMembership.objects.create(department=department, user=user)
    return user


def kind(slug: str = "idea") -> FeedbackKind:
    """Return a seeded feedback kind."""
    return FeedbackKind.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]


class InsightFactory(factory.django.DjangoModelFactory):
    """An insight, not yet routed, without posts, with its search document (as
    ``feedback.services.capture_feedback`` writes it)."""

    class Meta:
        model = Insight

    title = factory.Sequence(lambda n: f"Feedback {n}")
    kind = factory.LazyFunction(kind)
    created_by = factory.SubFactory(UserFactory, role=Role.COMMUNITY_MANAGER)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        insight = super()._create(model_class, *args, **kwargs)
        index_insights([insight.pk])
        return insight
