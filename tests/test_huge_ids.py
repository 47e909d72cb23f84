"""A number too large for a database id, sent where an id is expected, never answers 500.

SQLite refuses integers past 2**63 - 1 with an ``OverflowError``; a form field
that names rows by id must turn such a value into a field error first.
"""

import pytest
from django.urls import reverse

from accounts.models import TrustLevel
from accounts.roles import Role
from feedback import services as feedback_services
from feedback.models import Department, Insight, RoutingRule
from moderation.models import AuditEntry, AutomodRule, ReviewItem, Sanction
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, TagFactory, ThreadFactory, first_post
from tests.feedback.factories import DepartmentFactory, kind, staff_of
from tests.moderation.factories import FlaggedItemFactory

pytestmark = pytest.mark.django_db

#: Past SQLite's integer range, its very first value, and the same below zero.
HUGE_VALUES = ["99999999999999999999999", str(2**63), "-99999999999999999999999"]


@pytest.fixture
def world():
    """A manager, a member's post in a category welcoming feedback, a routed insight, an item."""
    manager = UserFactory(role=Role.COMMUNITY_MANAGER, trust_level=TrustLevel.LEADER)
    department = DepartmentFactory(name="Product", slug="product")
    staff_of(department)
    ideas = CategoryFactory(name="Ideas", slug="ideas", is_feedback_welcome=True)
    member = UserFactory(trust_level=TrustLevel.MEMBER)
    post = first_post(ThreadFactory(category=ideas, author=member, title="Export to Excel"))
    other = first_post(ThreadFactory(category=ideas, author=member, title="Dark mode"))
    insight = feedback_services.capture_feedback(actor=manager, post=other, kind=kind())
    feedback_services.route_insight_manually(actor=manager, insight=insight, department=department)
    return {
        "manager": manager,
        "member": member,
        "department": department,
        "ideas": ideas,
        "tag": TagFactory(name="export"),
        "post": post,
        "insight": insight,
        "item": FlaggedItemFactory(),
    }


def _department_form(w, field, value):
    data = {"name": "Ops", "slug": "ops", "contact_email": "ops@company.test"}
    return data | {"service_level_hours": 24, field: value}


def _routing_rule_form(w, field, value):
    data = {"name": "Everything", "department": w["department"].pk, "is_active": "on"}
    return data | {field: value}


def _capture_form(w, field, value):
    return {"kind": kind().pk, "title": "Export", "tags": [w["tag"].pk]} | {field: value}


def _automod_rule_form(w, field, value):
    data = {"name": "Casino", "kind": "words", "pattern": "casino", "action": "flag"}
    return data | {"trust_level_below": 5, "is_active": "on", field: value}


def _item_action_form(w, field, value):
    return {"action": "move", "category": w["ideas"].pk, "reason": "Off topic."} | {field: value}


#: (URL name, its arguments, the form data, what must not exist afterwards)
FORMS = {
    "department": (
        "feedback:department_create",
        lambda w: [],
        _department_form,
        lambda w: Department.objects.filter(slug="ops").exists(),
    ),
    "routing rule": (
        "feedback:rule_create",
        lambda w: [],
        _routing_rule_form,
        lambda w: RoutingRule.objects.exists(),
    ),
    "capture": (
        "feedback:capture",
        lambda w: [w["post"].pk],
        _capture_form,
        lambda w: Insight.objects.filter(insight_posts__post=w["post"]).exists(),
    ),
    "automod rule": (
        "moderation:rule_create",
        lambda w: [],
        _automod_rule_form,
        lambda w: AutomodRule.objects.exists(),
    ),
    "item action": (
        "moderation:item_action",
        lambda w: [w["item"].pk],
        _item_action_form,
        lambda w: AuditEntry.objects.filter(review_item=w["item"]).exists(),
    ),
}

#: (form, field, whether the field takes several values)
FORM_FIELDS = [
    ("department", "staff_members", True),
    ("routing rule", "kinds", True),
    ("routing rule", "tags", True),
    ("routing rule", "categories", True),
    ("routing rule", "department", False),
    ("capture", "tags", True),
    ("capture", "kind", False),
    ("capture", "attach_to", False),
    ("automod rule", "categories", True),
    ("item action", "category", False),
    ("item action", "canned_reason", False),
]


@pytest.mark.parametrize("value", HUGE_VALUES)
@pytest.mark.parametrize(("form", "field", "is_multiple"), FORM_FIELDS)
def test_a_form_answers_a_huge_id_with_a_field_error(
    client, world, form, field, is_multiple, value
):
    """The form comes back with an error on the field, and nothing is stored."""
    url_name, url_args, form_data, was_stored = FORMS[form]
    client.force_login(world["manager"])

    response = client.post(
        reverse(url_name, args=url_args(world)),
        form_data(world, field, [value] if is_multiple else value),
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not was_stored(world)


@pytest.mark.parametrize("value", HUGE_VALUES)
def test_a_form_lists_a_huge_id_next_to_a_valid_one_as_an_error(client, world, value):
    """One huge value among valid ones still fails the field."""
    client.force_login(world["manager"])

    response = client.post(
        reverse("feedback:rule_create"),
        _routing_rule_form(world, "tags", [world["tag"].pk, value]),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["tags"] == [f"“{value}” is not a valid value."]
    assert not RoutingRule.objects.exists()


@pytest.mark.parametrize("value", HUGE_VALUES)
@pytest.mark.parametrize(
    ("url_name", "field"),
    [("feedback:route", "department"), ("feedback:assign", "assignee")],
)
def test_an_insight_action_refuses_a_huge_id(client, world, url_name, field, value):
    """The insight keeps its department and assignee."""
    insight = world["insight"]
    client.force_login(world["manager"])

    response = client.post(reverse(url_name, args=[insight.pk]), {field: value})

    assert response.status_code == 302
    insight.refresh_from_db()
    assert (insight.department, insight.assignee) == (world["department"], None)


@pytest.mark.parametrize("value", HUGE_VALUES)
def test_merging_into_a_huge_feedback_number_is_refused(client, world, value):
    """The insight stays unmerged."""
    insight = world["insight"]
    client.force_login(world["manager"])

    response = client.post(reverse("feedback:merge", args=[insight.pk]), {"target": value})

    assert response.status_code == 302
    insight.refresh_from_db()
    assert insight.merged_into is None


@pytest.mark.parametrize("value", HUGE_VALUES)
def test_merging_an_item_into_a_huge_thread_number_is_refused(client, world, value):
    """A number is a fine thread number for the form; no thread has it, so nothing happens."""
    item = world["item"]
    client.force_login(world["manager"])

    response = client.post(
        reverse("moderation:item_action", args=[item.pk]),
        {"action": "merge", "target_thread_id": value, "reason": "Duplicate."},
    )

    assert response.status_code in {302, 400}
    assert not AuditEntry.objects.filter(review_item=item).exists()


@pytest.mark.parametrize("value", HUGE_VALUES)
def test_a_sanction_with_a_huge_canned_reason_is_refused(client, world, value):
    """The sanction form comes back with the error and the member is not sanctioned."""
    client.force_login(world["manager"])

    response = client.post(
        reverse("moderation:sanction_member", args=[world["member"].username]),
        {"kind": "warning", "canned_reason": value, "post_id": value},
    )

    assert response.status_code == 400
    assert response.context["sanction_form"].errors["canned_reason"]
    assert not Sanction.objects.exists()


#: (URL name, the query parameters that name rows by id, number or page)
LISTS = [
    ("feedback:inbox", ["kind", "tag", "department", "min_supporters", "page", "sort"]),
    ("feedback:inbox_export", ["kind", "tag", "department", "min_supporters"]),
    ("feedback:reports", ["department", "weeks"]),
    ("moderation:queue", ["category", "claimed_by", "min_score", "age", "page"]),
    ("moderation:audit_log", ["action", "actor", "member", "page"]),
]


@pytest.mark.parametrize("value", HUGE_VALUES)
@pytest.mark.parametrize(
    ("url_name", "parameter"),
    [(url_name, parameter) for url_name, parameters in LISTS for parameter in parameters],
)
def test_a_list_answers_a_huge_filter_value_without_failing(
    client, world, url_name, parameter, value
):
    """The list shows, reports the bad filter (400) or a page past the last one (404)."""
    client.force_login(world["manager"])

    response = client.get(reverse(url_name), {parameter: value})

    assert response.status_code in {200, 400, 404}


@pytest.mark.parametrize("value", HUGE_VALUES)
def test_a_category_answers_a_huge_tag_or_page_with_not_found(client, world, value):
    """A tag (named by its slug) or a page the category does not have is a 404."""
    url = world["ideas"].get_absolute_url()

    assert client.get(url, {"tag": value}).status_code == 404
    assert client.get(url, {"page": value}).status_code == 404


@pytest.mark.parametrize("value", HUGE_VALUES[:2])
def test_bulk_action_ignores_a_huge_item_id(client, world, value):
    """No item is touched; the queue says to select items."""
    item = world["item"]
    client.force_login(world["manager"])

    response = client.post(
        reverse("moderation:bulk_action"), {"action": "approve", "items": [value, item.pk]}
    )

    assert response.status_code == 302
    assert ReviewItem.objects.get(pk=item.pk).resolved_at is None
