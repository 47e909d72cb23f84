"""The backoffice pages through the client: permissions, filters, queries, CSV, rules."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from moderation import services
from moderation.models import AutomodRule, SanctionKind
from tests.accounts.factories import UserFactory
from tests.moderation.factories import CategoryModeratorFactory, FlaggedItemFactory

pytestmark = pytest.mark.django_db

VISITOR, MEMBER, OTHER_CATEGORY, MODERATOR, MANAGER, STAFF = range(6)


@pytest.fixture
def world():
    item = FlaggedItemFactory()
    manager = UserFactory(role=Role.COMMUNITY_MANAGER)
    member = UserFactory()
    sanction = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.WARNING, reason="Be kind."
    )
    entry = services.act_on_item(actor=manager, item=FlaggedItemFactory(), action="approve")
    rule = AutomodRule.objects.create(name="r", kind="words", pattern="x", action="flag")
    return {
        "item": item,
        "member": member,
        "sanction": sanction,
        "entry": entry,
        "rule": rule,
        "people": {
            VISITOR: None,
            MEMBER: member,
            OTHER_CATEGORY: CategoryModeratorFactory().user,
            MODERATOR: UserFactory(role=Role.MODERATOR),
            MANAGER: manager,
            STAFF: UserFactory(role=Role.DEPARTMENT_STAFF),
        },
    }


def _pages(world):
    item, member = world["item"], world["member"]
    # name, kwargs, expected status for (visitor, member, other category, moderator, manager, staff)
    return [
        ("queue", {}, (302, 403, 200, 200, 200, 403)),
        ("item_detail", {"item_id": item.pk}, (302, 404, 404, 200, 200, 404)),
        ("member_detail", {"username": member.username}, (302, 403, 403, 200, 200, 403)),
        ("flag_post", {"post_id": item.post_id}, (302, 200, 200, 200, 200, 200)),
        ("my_history", {}, (302, 200, 200, 200, 200, 200)),
        ("appeal", {"sanction_id": world["sanction"].pk}, (302, 200, 404, 404, 404, 404)),
        ("audit_log", {}, (302, 403, 403, 403, 200, 403)),
        ("audit_csv", {}, (302, 403, 403, 403, 200, 403)),
        ("rule_list", {}, (302, 403, 403, 403, 200, 403)),
        ("rule_create", {}, (302, 403, 403, 403, 200, 403)),
        ("rule_edit", {"rule_id": world["rule"].pk}, (302, 403, 403, 403, 200, 403)),
        ("canned_reasons", {}, (302, 403, 403, 403, 200, 403)),
        ("dashboard", {}, (302, 403, 403, 403, 200, 403)),
    ]


POST_ONLY = [
    ("bulk_action", lambda w: {}),
    ("item_action", lambda w: {"item_id": w["item"].pk}),
    ("claim_item", lambda w: {"item_id": w["item"].pk}),
    ("decide_appeal", lambda w: {"item_id": w["item"].pk}),
    ("add_note", lambda w: {"username": w["member"].username}),
    ("sanction_member", lambda w: {"username": w["member"].username}),
    ("revert_entry", lambda w: {"entry_id": w["entry"].pk}),
]


@pytest.mark.parametrize("who", [VISITOR, MEMBER, OTHER_CATEGORY, MODERATOR, MANAGER, STAFF])
def test_every_backoffice_page_answers_each_role_as_expected(client, world, who):
    person = world["people"][who]
    if person is not None:
        client.force_login(person)
    for name, kwargs, expected in _pages(world):
        response = client.get(reverse(f"moderation:{name}", kwargs=kwargs))
        assert response.status_code == expected[who], (name, who)
    for name, kwargs in POST_ONLY:
        response = client.get(reverse(f"moderation:{name}", kwargs=kwargs(world)))
        assert response.status_code in (302, 405), (name, who)
        if person is None:
            response = client.post(reverse(f"moderation:{name}", kwargs=kwargs(world)))
            assert response.status_code == 302


def test_the_queue_runs_as_many_queries_for_50_items_as_for_5(client):
    client.force_login(UserFactory(role=Role.MODERATOR))
    for _n in range(5):
        FlaggedItemFactory()
    client.get(reverse("moderation:queue"))  # Warm the caches a first request fills.
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("moderation:queue")).status_code == 200
    for _n in range(45):
        FlaggedItemFactory()
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("moderation:queue"))
    assert len(response.context["page"].object_list) == 25
    assert len(many) == len(few)


def test_the_queue_filters_by_kind_and_category(client):
    client.force_login(UserFactory(role=Role.MODERATOR))
    flagged = FlaggedItemFactory()
    held = FlaggedItemFactory(kind="held_post")
    response = client.get(reverse("moderation:queue"), {"kind": "held_post"})
    assert [item.pk for item in response.context["page"]] == [held.pk]
    response = client.get(reverse("moderation:queue"), {"category": flagged.category_id})
    assert [item.pk for item in response.context["page"]] == [flagged.pk]


def test_a_category_moderator_sees_only_their_categorys_items(client):
    mine = FlaggedItemFactory()
    FlaggedItemFactory()
    scoped = CategoryModeratorFactory(category=mine.category).user
    client.force_login(scoped)
    response = client.get(reverse("moderation:queue"))
    assert [item.pk for item in response.context["page"]] == [mine.pk]


def test_the_audit_log_exports_csv(client, world):
    client.force_login(world["people"][MANAGER])
    response = client.get(reverse("moderation:audit_csv"))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0].startswith("id,created_at,actor")
    assert "approve" in body and "warn" in body


def test_an_invalid_regex_is_refused_with_a_field_error(client):
    client.force_login(UserFactory(role=Role.COMMUNITY_MANAGER))
    data = {"name": "Bad", "kind": "regex", "pattern": "(unclosed", "action": "flag"}
    data["trust_level_below"] = 5
    response = client.post(reverse("moderation:rule_create"), data)
    assert response.status_code == 400
    assert "not a valid regular expression" in str(response.context["form"].errors["pattern"])
    assert not AutomodRule.objects.exists()


def test_a_rule_preview_lists_matching_posts_without_saving(client):
    item = FlaggedItemFactory()
    word = item.post.body.split()[0].strip(".,")
    client.force_login(UserFactory(role=Role.COMMUNITY_MANAGER))
    data = {"name": "W", "kind": "words", "pattern": word, "action": "flag", "preview": "1"}
    data["trust_level_below"] = 5
    response = client.post(reverse("moderation:rule_create"), data)
    assert response.context["preview"]["count"] >= 1
    assert not AutomodRule.objects.exists()


def test_a_member_flags_a_post_through_the_form(client):
    item = FlaggedItemFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("moderation:flag_post", args=[item.post_id]), {"reason": "spam", "note": ""}
    )
    assert response.status_code == 302


def test_a_member_appeals_from_the_history_page(client, world):
    client.force_login(world["member"])
    url = reverse("moderation:appeal", args=[world["sanction"].pk])
    assert client.post(url, {"text": ""}).status_code == 400
    assert client.post(url, {"text": "I was quoting."}).status_code == 302
    assert client.get(url).status_code == 403
