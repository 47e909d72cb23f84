"""Fixtures and helpers of the feedback tests: people in every role, a welcoming category,
an insight routed to a department."""

from html.parser import HTMLParser

import pytest

from accounts.models import TrustLevel
from accounts.roles import Role
from community.models import Visibility
from feedback import services
from feedback.models import InsightPost
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.feedback.factories import DepartmentFactory, InsightFactory, kind, staff_of


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
def similar_insight(ideas):
    """An insight like ``post``, gathered from another thread in Ideas: the capture page
    suggests it."""
    similar = InsightFactory(title="Export to Excel please")
    InsightPost.objects.create(
        insight=similar,
        post=first_post(ThreadFactory(category=ideas, title="Excel export")),
        added_by=similar.created_by,
    )
    return similar


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Return a context manager that runs what was enqueued on commit when it exits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def insight(manager, department, post):
    """The member's post, captured by the manager and routed to the department."""
    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.route_insight_manually(actor=manager, insight=insight, department=department)
    insight.refresh_from_db()
    return insight


class Page(HTMLParser):
    """Collect the accessible names of the buttons and whether a form sits inside a <p>."""

    def __init__(self, html: str):
        super().__init__()
        self.buttons: list[str] = []
        self.has_form_in_paragraph = False
        self._open_paragraphs = 0
        self._button: list[str] | None = None
        self._is_labelled = False
        self._hidden_depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "p":
            self._open_paragraphs += 1
        elif tag == "form" and self._open_paragraphs:
            self.has_form_in_paragraph = True
        elif tag == "button":
            self._is_labelled = "aria-label" in attributes
            self._button = [attributes["aria-label"]] if self._is_labelled else []
        elif self._button is not None and (
            self._hidden_depth or attributes.get("aria-hidden") == "true"
        ):
            self._hidden_depth += 1

    def handle_endtag(self, tag):
        if tag == "p":
            self._open_paragraphs = max(0, self._open_paragraphs - 1)
        elif tag == "button" and self._button is not None:
            self.buttons.append(" ".join("".join(self._button).split()))
            self._button = None
        elif self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if self._button is not None and not self._is_labelled and not self._hidden_depth:
            self._button.append(data)
