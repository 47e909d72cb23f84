"""Every backoffice URL, fed garbage ids, query strings and form data, never answers 500."""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from accounts.roles import Role
from moderation import urls
from tests.accounts.factories import UserFactory
from tests.moderation.factories import FlaggedItemFactory

pytestmark = pytest.mark.django_db

GARBAGE_IDS = [0, 999999999]
GARBAGE_STRINGS = ["nobody", "<script>", "%00", "..", "é²"]
GARBAGE_QUERIES = [
    {"page": "abc"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "999999999999999999999999"},
    {"min_score": "1e400"},
    {"min_score": "nan"},
    {"min_score": "-inf"},
    {"age": "zzz"},
    {"age": "99999999999999999999"},
    {"sort": "evil"},
    {"sort": "-score,evil"},
    {"kind": "nope"},
    {"status": "\x00"},
    {"status": "%00"},
    {"category": "abc"},
    {"category": "999999999"},
    {"claimed_by": "-1"},
    {"reason": "nope"},
    {"q": "<script>alert(1)</script>"},
    {"q": "\x00"},
    {"since": "2024-13-45"},
    {"since": "99999-01-01"},
    {"action": "nope"},
    {"actor": "\x00"},
    {"member": "<script>"},
    {"release": "1"},
]
GARBAGE_FORMS = [
    {},
    {
        "action": "evil",
        "items": ["abc", "-1", "999999999", "1e400"],
        "reason": "\x00",
        "canned_reason": "abc",
        "category": "999999999",
        "target_thread_id": "1e400",
        "body": "<script>",
        "kind": "nope",
        "days": "-5",
        "post_id": "abc",
        "next": "https://evil.example/",
        "outcome": "nope",
        "text": "\x00",
        "release": "1",
    },
    {
        "action": "move",
        "category": "abc",
        "target_thread_id": "0",
        "items": "0",
        "kind": "suspension",
        "days": "99999999999999999999",
        "post_id": "999999999999999999999999",
        "reason": "x" * 5000,
        "next": "//evil.example",
        "outcome": "upheld",
        "name": "x",
        "pattern": "²/5",
        "trust_level_below": "abc",
        "position": "1e400",
        "preview": "1",
    },
    {"action": "merge", "target_thread_id": "999999999", "reason": "Dup.", "kind": "warning"},
    {"action": "edit", "body": "", "reason": "r", "post_id": "-1", "days": "1e400"},
]


def _kwarg_values(pattern: URLPattern) -> list[dict]:
    converters = pattern.pattern.converters
    if not converters:
        return [{}]
    values = []
    for name, converter in converters.items():
        garbage = GARBAGE_IDS if converter.regex == "[0-9]+" else GARBAGE_STRINGS
        values.append([(name, value) for value in garbage])
    # One garbage value per parameter: the backoffice's URLs hold at most one.
    return [dict([pair]) for options in values for pair in options]


def _urls() -> list[str]:
    found = []
    for pattern in urls.urlpatterns:
        for kwargs in _kwarg_values(pattern):
            found.append(reverse(f"moderation:{pattern.name}", kwargs=kwargs))
    return found


@pytest.fixture
def manager_client():
    FlaggedItemFactory()
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role=Role.COMMUNITY_MANAGER))
    return client


def test_every_backoffice_url_is_swept():
    names = {pattern.name for pattern in urls.urlpatterns}
    swept = set()
    for url in _urls():
        swept.add(url)
    assert len(swept) >= len(names)


def test_no_backoffice_url_answers_500_to_garbage_queries(manager_client):
    failures = []
    for url in _urls():
        for query in [{}, *GARBAGE_QUERIES]:
            response = manager_client.get(url, query)
            if response.status_code >= 500:
                failures.append(("GET", url, query, response.status_code))
    assert failures == []


def test_no_backoffice_url_answers_500_to_garbage_forms(manager_client):
    failures = []
    for url in _urls():
        for data in GARBAGE_FORMS:
            response = manager_client.post(url, data)
            if response.status_code >= 500:
                failures.append(("POST", url, data, response.status_code))
    assert failures == []


def test_garbage_against_real_ids_answers_no_500(manager_client):
    """Real items, members and entries with garbage forms: the form paths, not the 404s."""
    from moderation import services
    from moderation.models import AuditEntry, AutomodRule, CannedReason, SanctionKind

    item = FlaggedItemFactory()
    member = UserFactory()
    manager = UserFactory(role=Role.COMMUNITY_MANAGER)
    sanction = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.WARNING, reason="r"
    )
    services.act_on_item(actor=manager, item=FlaggedItemFactory(), action="hide", reason="r")
    entry = AuditEntry.objects.filter(action="hide").first()
    rule = AutomodRule.objects.create(name="r", kind="words", pattern="x", action="flag")
    reason = CannedReason.objects.create(title="t", text="t")
    real = [
        reverse("moderation:item_detail", args=[item.pk]),
        reverse("moderation:item_action", args=[item.pk]),
        reverse("moderation:claim_item", args=[item.pk]),
        reverse("moderation:decide_appeal", args=[item.pk]),
        reverse("moderation:member_detail", args=[member.username]),
        reverse("moderation:add_note", args=[member.username]),
        reverse("moderation:sanction_member", args=[member.username]),
        reverse("moderation:revert_entry", args=[entry.pk]),
        reverse("moderation:rule_edit", args=[rule.pk]),
        reverse("moderation:canned_reason_edit", args=[reason.pk]),
        reverse("moderation:appeal", args=[sanction.pk]),
        services.appeal_link(sanction=sanction),
    ]
    failures = []
    for url in real:
        for query in GARBAGE_QUERIES:
            response = manager_client.get(url, query)
            if response.status_code >= 500:
                failures.append(("GET", url, query, response.status_code))
        for data in GARBAGE_FORMS:
            response = manager_client.post(url, data)
            if response.status_code >= 500:
                failures.append(("POST", url, data, response.status_code))
    assert failures == []
