"""The backoffice pages through the client: permissions, filters, queries, CSV, rules."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import TrustLevel
from accounts.roles import Role
from community.models import (
    Post,
    Thread,
    Visibility,
)
from moderation import services
from moderation.models import (
    Appeal,
    AuditEntry,
    AutomodRule,
    CannedReason,
    Flag,
    ModeratorNote,
    ReviewItem,
    Sanction,
    SanctionKind,
)
from tests.accounts.factories import UserFactory
from tests.community.conftest import (
    signed_in_client,
)
from tests.community.factories import (
    CategoryFactory,
    ThreadFactory,
    first_post,
)
from tests.moderation.conftest import messages_of
from tests.moderation.factories import (
    CategoryModeratorFactory,
    FlaggedItemFactory,
    FlaggerFactory,
)

pytestmark = pytest.mark.django_db

# Every role of the permission walk: the category moderator moderates the world's
# category, the other one another category.
VISITOR, MEMBER, CATEGORY, OTHER_CATEGORY, MODERATOR, MANAGER, STAFF, ADMIN = range(8)
ROLES = [VISITOR, MEMBER, CATEGORY, OTHER_CATEGORY, MODERATOR, MANAGER, STAFF, ADMIN]


def _item_in(category, **fields):
    """An open flagged-post item on a new thread's first post in ``category``."""
    post = first_post(ThreadFactory(category=category))
    return FlaggedItemFactory(post=post, category=category, **fields)


@pytest.fixture
def world():
    category, elsewhere = CategoryFactory(), CategoryFactory()
    item = _item_in(category)
    manager = UserFactory(role=Role.COMMUNITY_MANAGER)
    member = UserFactory(trust_level=TrustLevel.BASIC)
    sanction = services.sanction_member(
        actor=manager, member=member, kind=SanctionKind.WARNING, reason="Be kind."
    )
    entry = services.act_on_item(actor=manager, item=FlaggedItemFactory(), action="approve")
    rule = AutomodRule.objects.create(name="r", kind="words", pattern="x", action="flag")
    # What the POSTs of the walk act on, one object each, so that they do not meet.
    appellant = UserFactory()
    appealed = services.sanction_member(
        actor=manager, member=appellant, kind=SanctionKind.WARNING, reason="Tone."
    )
    services.appeal_sanction(member=appellant, sanction=appealed, text="I was quoting.")
    silenced = first_post(ThreadFactory(category=category)).author
    silence = services.sanction_member(
        actor=manager, member=silenced, kind=SanctionKind.SILENCE, reason="Cool off.", days=3
    )
    suspended = first_post(ThreadFactory(category=category)).author
    suspension = services.sanction_member(
        actor=manager, member=suspended, kind=SanctionKind.SUSPENSION, reason="Out.", days=3
    )
    hidden_item = _item_in(category)
    hide = services.act_on_item(actor=manager, item=hidden_item, action="hide", reason="Rude.")
    return {
        "item": item,
        "member": member,
        "sanction": sanction,
        "entry": entry,
        "rule": rule,
        "reason": CannedReason.objects.create(title="Old", text="Old text."),
        "bulk_item": _item_in(category),
        "action_item": _item_in(category),
        "claim_item": _item_in(category),
        "move_item": _item_in(category),
        "elsewhere": elsewhere,
        "appeal_item": ReviewItem.objects.get(appeal__sanction=appealed),
        "note_member": UserFactory(),
        "sanction_target": first_post(ThreadFactory(category=category)).author,
        "silence": silence,
        "suspension": suspension,
        "merge_item": _item_in(category),
        "merge_target": ThreadFactory(category=elsewhere),
        "hide": hide,
        # What the thread page's moderator tools act on, one thread or post each.
        "lock_thread": ThreadFactory(category=category),
        "pin_thread": ThreadFactory(category=category),
        "edit_post": first_post(ThreadFactory(category=category)),
        "delete_post": first_post(ThreadFactory(category=category)),
        "people": {
            VISITOR: None,
            MEMBER: member,
            CATEGORY: CategoryModeratorFactory(
                category=category, user=UserFactory(trust_level=TrustLevel.BASIC)
            ).user,
            OTHER_CATEGORY: CategoryModeratorFactory(
                user=UserFactory(trust_level=TrustLevel.BASIC)
            ).user,
            MODERATOR: UserFactory(role=Role.MODERATOR),
            MANAGER: manager,
            STAFF: UserFactory(role=Role.DEPARTMENT_STAFF, trust_level=TrustLevel.BASIC),
            ADMIN: UserFactory(role=Role.ADMIN),
        },
    }


def _pages(world):
    item, member = world["item"], world["member"]
    # name, kwargs, expected status for (visitor, member, category moderator, other
    # category's moderator, moderator, manager, department staff, admin)
    return [
        ("queue", {}, (302, 403, 200, 200, 200, 200, 403, 200)),
        ("item_detail", {"item_id": item.pk}, (302, 404, 200, 404, 200, 200, 404, 200)),
        ("member_detail", {"username": member.username}, (302, 403, 403, 403, 200, 200, 403, 200)),
        ("flag_post", {"post_id": item.post_id}, (302, 200, 200, 200, 200, 200, 200, 200)),
        ("my_history", {}, (302, 200, 200, 200, 200, 200, 200, 200)),
        ("appeal", {"sanction_id": world["sanction"].pk}, (302, 200, 404, 404, 404, 404, 404, 404)),
        ("audit_log", {}, (302, 403, 403, 403, 403, 200, 403, 200)),
        ("audit_csv", {}, (302, 403, 403, 403, 403, 200, 403, 200)),
        ("rule_list", {}, (302, 403, 403, 403, 403, 200, 403, 200)),
        ("rule_create", {}, (302, 403, 403, 403, 403, 200, 403, 200)),
        ("rule_edit", {"rule_id": world["rule"].pk}, (302, 403, 403, 403, 403, 200, 403, 200)),
        ("canned_reasons", {}, (302, 403, 403, 403, 403, 200, 403, 200)),
        (
            "canned_reason_edit",
            {"reason_id": world["reason"].pk},
            (302, 403, 403, 403, 403, 200, 403, 200),
        ),
        ("dashboard", {}, (302, 403, 403, 403, 403, 200, 403, 200)),
        (
            "edit_post",
            {"post_id": world["edit_post"].pk},
            (302, 403, 200, 403, 200, 200, 403, 200),
        ),
    ]


#: How a POST of the walk ends: sent to sign in, refused (403), not found (404),
#: done (its change made), or ignored (back to the queue, nothing changed: the
#: selection holds no item the person may act on).
LOGIN, DENIED, MISSING, DONE, IGNORED = "login", 403, 404, "done", "ignored"


def _posts(world):
    """name, URL kwargs, form data, whether its change was made (given the person), and the
    expected ending for each role, in the order of ``ROLES``."""
    _v, _m, _c, _o, _mod, _man, _s, _a = ROLES
    item = lambda key: ReviewItem.objects.get(pk=world[key].pk)  # noqa: E731
    return [
        (
            "bulk_action",
            {},
            {"action": "dismiss", "items": [world["bulk_item"].pk]},
            lambda person: item("bulk_item").is_resolved,
            (LOGIN, DENIED, DONE, IGNORED, DONE, DONE, DENIED, DONE),
        ),
        (
            "item_action",
            {"item_id": world["action_item"].pk},
            {"action": "approve"},
            lambda person: item("action_item").is_resolved,
            (LOGIN, MISSING, DONE, MISSING, DONE, DONE, MISSING, DONE),
        ),
        (
            # Into a category the category moderator does not moderate.
            "item_action",
            {"item_id": world["move_item"].pk},
            {"action": "move", "category": world["elsewhere"].pk},
            lambda person: item("move_item").post.thread.category_id == world["elsewhere"].pk,
            (LOGIN, MISSING, DENIED, MISSING, DONE, DONE, MISSING, DONE),
        ),
        (
            # Into a thread of a category the category moderator does not moderate.
            "item_action",
            {"item_id": world["merge_item"].pk},
            {"action": "merge", "target_thread_id": world["merge_target"].pk},
            lambda person: item("merge_item").post.thread_id == world["merge_target"].pk,
            (LOGIN, MISSING, DENIED, MISSING, DONE, DONE, MISSING, DONE),
        ),
        (
            "claim_item",
            {"item_id": world["claim_item"].pk},
            {},
            lambda person: item("claim_item").claimed_by_id == person.pk,
            (LOGIN, MISSING, DONE, MISSING, DONE, DONE, MISSING, DONE),
        ),
        (
            # The manager gave the sanction appealed: another moderator decides.
            "decide_appeal",
            {"item_id": world["appeal_item"].pk},
            {"outcome": "upheld", "reason": "It stands."},
            lambda person: Appeal.objects.filter(decided_by=person).exists(),
            (LOGIN, MISSING, MISSING, MISSING, DONE, DENIED, MISSING, DONE),
        ),
        (
            "add_note",
            {"username": world["note_member"].username},
            {"text": "Watch this one."},
            lambda person: ModeratorNote.objects.filter(author=person).exists(),
            (LOGIN, DENIED, DENIED, DENIED, DONE, DONE, DENIED, DONE),
        ),
        (
            "sanction_member",
            {"username": world["sanction_target"].username},
            {"kind": "warning", "reason": "Mind the tone."},
            lambda person: (
                Sanction.objects.filter(created_by=person)
                .exclude(pk__in=[world["sanction"].pk, world["silence"].pk])
                .exists()
            ),
            (LOGIN, DENIED, DONE, DENIED, DONE, DONE, DENIED, DONE),
        ),
        (
            # Suspensions are for holders of accounts.sanction_members only.
            "sanction_member",
            {"username": world["sanction_target"].username},
            {"kind": "suspension", "days": 3, "reason": "Time out."},
            lambda person: Sanction.objects.filter(created_by=person, kind="suspension").exists(),
            (LOGIN, DENIED, DENIED, DENIED, DENIED, DONE, DENIED, DONE),
        ),
        (
            "lift_sanction",
            {"sanction_id": world["silence"].pk},
            {"reason": "Served enough."},
            lambda person: Sanction.objects.get(pk=world["silence"].pk).revoked_at is not None,
            (LOGIN, DENIED, DENIED, DENIED, DONE, DONE, DENIED, DONE),
        ),
        (
            # Whoever may give a suspension may lift it: not a moderator.
            "lift_sanction",
            {"sanction_id": world["suspension"].pk},
            {"reason": "Served enough."},
            lambda person: Sanction.objects.get(pk=world["suspension"].pk).revoked_at is not None,
            (LOGIN, DENIED, DENIED, DENIED, DENIED, DONE, DENIED, DONE),
        ),
        (
            "revert_entry",
            {"entry_id": world["hide"].pk},
            {"reason": "It was fine."},
            lambda person: AuditEntry.objects.filter(actor=person, action="unhide").exists(),
            (LOGIN, DENIED, DENIED, DENIED, DENIED, DONE, DENIED, DONE),
        ),
        (
            "lock_thread",
            {"thread_id": world["lock_thread"].pk},
            {"value": "1"},
            lambda person: Thread.objects.get(pk=world["lock_thread"].pk).is_locked,
            (LOGIN, DENIED, DONE, DENIED, DONE, DONE, DENIED, DONE),
        ),
        (
            "pin_thread",
            {"thread_id": world["pin_thread"].pk},
            {"value": "1"},
            lambda person: Thread.objects.get(pk=world["pin_thread"].pk).is_pinned,
            (LOGIN, DENIED, DONE, DENIED, DONE, DONE, DENIED, DONE),
        ),
        (
            "edit_post",
            {"post_id": world["edit_post"].pk},
            {"title": "Walked title", "body": "Walked body"},
            lambda person: Post.objects.get(pk=world["edit_post"].pk).body == "Walked body",
            (LOGIN, DENIED, DONE, DENIED, DONE, DONE, DENIED, DONE),
        ),
        (
            "delete_post",
            {"post_id": world["delete_post"].pk},
            {},
            lambda person: Post.objects.get(pk=world["delete_post"].pk).is_deleted,
            (LOGIN, DENIED, DONE, DENIED, DONE, DONE, DENIED, DONE),
        ),
        (
            "flag_post",
            {"post_id": world["item"].post_id},
            {"reason": "spam", "note": ""},
            lambda person: Flag.objects.filter(flagger=person).exists(),
            (LOGIN, DONE, DONE, DONE, DONE, DONE, DONE, DONE),
        ),
        (
            "appeal",
            {"sanction_id": world["sanction"].pk},
            {"text": "I was quoting."},
            lambda person: Appeal.objects.filter(sanction=world["sanction"]).exists(),
            (LOGIN, DONE, MISSING, MISSING, MISSING, MISSING, MISSING, MISSING),
        ),
        (
            "rule_create",
            {},
            {
                "name": "Walked",
                "kind": "words",
                "pattern": "zzz",
                "action": "flag",
                "trust_level_below": 5,
            },
            lambda person: AutomodRule.objects.filter(name="Walked").exists(),
            (LOGIN, DENIED, DENIED, DENIED, DENIED, DONE, DENIED, DONE),
        ),
        (
            "rule_edit",
            {"rule_id": world["rule"].pk},
            {"name": "r", "kind": "words", "pattern": "walked", "action": "flag"}
            | {"trust_level_below": 5},
            lambda person: AutomodRule.objects.get(pk=world["rule"].pk).pattern == "walked",
            (LOGIN, DENIED, DENIED, DENIED, DENIED, DONE, DENIED, DONE),
        ),
        (
            "canned_reasons",
            {},
            {"title": "Walked", "text": "Be nice.", "position": 1},
            lambda person: CannedReason.objects.filter(title="Walked").exists(),
            (LOGIN, DENIED, DENIED, DENIED, DENIED, DONE, DENIED, DONE),
        ),
        (
            "canned_reason_edit",
            {"reason_id": world["reason"].pk},
            {"title": "Old", "text": "New text.", "position": 1},
            lambda person: CannedReason.objects.get(pk=world["reason"].pk).text == "New text.",
            (LOGIN, DENIED, DENIED, DENIED, DENIED, DONE, DENIED, DONE),
        ),
    ]


POST_ONLY = {
    "bulk_action",
    "item_action",
    "claim_item",
    "decide_appeal",
    "add_note",
    "sanction_member",
    "lift_sanction",
    "revert_entry",
    "lock_thread",
    "pin_thread",
    "delete_post",
}


@pytest.mark.parametrize("who", ROLES)
def test_every_backoffice_page_answers_each_role_as_expected(client, world, who):
    person = world["people"][who]
    if person is not None:
        client.force_login(person)
    for name, kwargs, expected in _pages(world):
        response = client.get(reverse(f"moderation:{name}", kwargs=kwargs))
        assert response.status_code == expected[who], (name, who)
    for name, kwargs, _data, _done, _expected in _posts(world):
        if name in POST_ONLY:
            response = client.get(reverse(f"moderation:{name}", kwargs=kwargs))
            assert response.status_code in (302, 405), (name, who)


@pytest.mark.parametrize("who", ROLES)
def test_every_backoffice_action_takes_a_post_from_each_role_as_its_permissions_say(
    client, world, who
):
    """Each role POSTs every backoffice change with valid data: what the permissions allow
    is done, anything else is refused and changes nothing."""
    person = world["people"][who]
    if person is not None:
        client.force_login(person)
    for name, kwargs, data, is_done, expected in _posts(world):
        url = reverse(f"moderation:{name}", kwargs=kwargs)
        response = client.post(url, data)
        outcome = expected[who]
        if outcome == LOGIN:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("account_login")), name
            continue
        if outcome == DONE:
            assert response.status_code == 302, (name, who, response.status_code)
            assert is_done(person), (name, who)
            continue
        if outcome == IGNORED:
            assert response["Location"] == reverse("moderation:queue"), (name, who)
        else:
            assert response.status_code == outcome, (name, who, response.status_code)
        assert not is_done(person), (name, who)


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


def _item_about(body: str, **fields):
    """An open flagged-post item on a new thread whose first post says ``body``."""
    thread = ThreadFactory(body=body, **fields)
    return FlaggedItemFactory(post=first_post(thread), category=thread.category)


def test_the_queue_searches_its_items_posts_with_its_filters(client):
    client.force_login(UserFactory(role=Role.MODERATOR))
    watches = _item_about("Links to counterfeit watches, cheap.")
    ReviewItem.objects.filter(pk=_item_about("More counterfeit watches.").pk).update(
        kind="held_post"
    )
    _item_about("Die Rechnungen kommen jeden Monat doppelt an.")

    response = client.get(reverse("moderation:queue"), {"q": "watch", "kind": "flagged_post"})

    assert response.status_code == 200
    assert [item.pk for item in response.context["page"]] == [watches.pk]
    assert 'name="q" value="watch"' in response.content.decode()


def test_a_category_moderator_searches_only_their_categorys_items(client):
    mine = _item_about("Counterfeit watches for sale.")
    _item_about("Counterfeit watches for sale.")
    client.force_login(CategoryModeratorFactory(category=mine.category).user)

    response = client.get(reverse("moderation:queue"), {"q": "counterfeit"})

    assert [item.pk for item in response.context["page"]] == [mine.pk]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-only -exclusions", "Type at least one word to search for."),
        ("x" * 201, "Search for at most 200 characters."),
    ],
)
def test_a_queue_search_that_cannot_be_searched_says_why(client, text, message):
    client.force_login(UserFactory(role=Role.MODERATOR))
    _item_about("Counterfeit watches for sale.")

    response = client.get(reverse("moderation:queue"), {"q": text})

    assert response.status_code == 400
    assert list(response.context["page"]) == []
    assert message in response.content.decode()


def test_a_queue_search_runs_as_many_queries_for_30_matches_as_for_3(client):
    client.force_login(UserFactory(role=Role.MODERATOR))
    for _n in range(3):
        _item_about("Counterfeit watches for sale.")
    search = {"q": "watches"}
    client.get(reverse("moderation:queue"), search)  # Warm the caches a first request fills.
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("moderation:queue"), search).status_code == 200
    for _n in range(27):
        _item_about("Counterfeit watches for sale.")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("moderation:queue"), search)
    assert len(response.context["page"].object_list) == 25
    assert len(many) == len(few)


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
    client.force_login(FlaggerFactory())
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


# Backoffice review: the queue's category filter offered every category, internal ones too.
def test_the_category_filter_offers_a_category_moderator_only_their_categories(client):
    mine = CategoryFactory(name="Mine")
    CategoryFactory(name="Staff room", visibility=Visibility.INTERNAL)
    other = CategoryFactory(name="Elsewhere")
    client.force_login(CategoryModeratorFactory(category=mine).user)

    response = client.get(reverse("moderation:queue"))

    assert list(response.context["filter"].form.fields["category"].queryset) == [mine]
    assert "Staff room" not in response.content.decode()
    refused = client.get(reverse("moderation:queue"), {"category": other.pk})
    assert refused.status_code == 400


# Backoffice review: an invalid filter was dropped silently and everything listed.
def test_an_invalid_queue_filter_answers_400_with_its_error_and_no_items(client, moderator):
    FlaggedItemFactory()
    client.force_login(moderator)

    response = client.get(reverse("moderation:queue"), {"min_score": "1e308"})

    assert response.status_code == 400
    assert list(response.context["page"]) == []
    assert "Ensure this value is less than or equal to" in response.content.decode()


# Backoffice review: the Age sort's labels said the opposite of what it did.
def test_the_age_sort_lists_the_youngest_first_and_descending_the_oldest(client, moderator):
    old = FlaggedItemFactory(created_at=timezone.now() - timedelta(days=3))
    young = FlaggedItemFactory()
    client.force_login(moderator)

    ascending = client.get(reverse("moderation:queue"), {"sort": "age"})
    descending = client.get(reverse("moderation:queue"), {"sort": "-age"})

    assert [item.pk for item in ascending.context["page"]] == [young.pk, old.pk]
    assert [item.pk for item in descending.context["page"]] == [old.pk, young.pk]
    choices = dict(ascending.context["filter"].form.fields["sort"].choices)
    assert (str(choices["age"]), str(choices["-age"])) == ("Age", "Age (descending)")


# Backoffice review: the sort labels stayed English in German.
def test_the_sort_labels_follow_the_viewers_language(client):
    client.force_login(UserFactory(role=Role.MODERATOR, language="de"))

    html = client.get(reverse("moderation:queue")).content.decode()

    assert "Alter (absteigend)" in html
    assert "Punktzahl (absteigend)" in html
    assert "(descending)" not in html


# Backoffice review: the queue showed statuses by their untranslated values.
def test_the_queue_shows_an_items_status_by_its_translated_label(client):
    FlaggedItemFactory()
    client.force_login(UserFactory(role=Role.MODERATOR, language="de"))

    html = client.get(reverse("moderation:queue")).content.decode()

    assert "<td>Offen" in html
    assert "<td>open" not in html


# Backoffice review: a bulk action's message had no singular.
def test_a_bulk_action_on_one_item_says_item_in_the_singular(client, moderator):
    item = FlaggedItemFactory()
    client.force_login(moderator)

    response = client.post(
        reverse("moderation:bulk_action"), {"action": "approve", "items": [item.pk]}
    )

    assert "1 item done." in messages_of(response)


# Backoffice review: automatic reasons are translated; a moderator's own stays as written.
def test_a_moderators_own_reason_is_shown_as_written(client, moderator, member):
    services.sanction_member(
        actor=moderator, member=member, kind=SanctionKind.WARNING, reason="Harassment"
    )
    client.force_login(member)

    content = client.get(reverse("moderation:my_history"), HTTP_ACCEPT_LANGUAGE="de").content

    assert b"Harassment" in content


# Forum visibility review: the flag page of a reply in a held thread showed the thread's title.
def test_the_flag_page_of_a_reply_in_a_held_thread_is_404(reply_in_held_thread):
    url = reverse("moderation:flag_post", args=[reply_in_held_thread.pk])

    response = signed_in_client(UserFactory()).get(url)

    assert response.status_code == 404
    assert "Secret launch plans" not in response.content.decode()
