"""Fixtures of the feedback tests: people in every role, a welcoming category."""

import pytest

from accounts.models import TrustLevel
from accounts.roles import Role
from community.models import Visibility
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.feedback.factories import DepartmentFactory, staff_of


@pytest.fixture
def manager():
    return UserFactory(role=Role.COMMUNITY_MANAGER, trust_level=TrustLevel.LEADER)


@pytest.fixture
def moderator():
    return UserFactory(role=Role.MODERATOR, trust_level=TrustLevel.REGULAR)


@pytest.fixture
def member():
    return UserFactory(trust_level=TrustLevel.MEMBER, language="de")


@pytest.fixture
def department():
    return DepartmentFactory(name="Product", slug="product")


@pytest.fixture
def other_department():
    return DepartmentFactory(name="Sales", slug="sales")


@pytest.fixture
def staff(department):
    return staff_of(department)


@pytest.fixture
def other_staff(other_department):
    return staff_of(other_department)


@pytest.fixture
def ideas():
    return CategoryFactory(name="Ideas", slug="ideas", is_feedback_welcome=True)


@pytest.fixture
def internal():
    return CategoryFactory(name="Staff room", slug="staff-room", visibility=Visibility.INTERNAL)


@pytest.fixture
def post(ideas, member):
    """The member's first post in the Ideas category."""
    return first_post(ThreadFactory(category=ideas, author=member, title="Export to Excel"))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Return a context manager that runs what was enqueued on commit when it exits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
