"""Signed appeal links: suspended and banned members appeal without signing in."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community.models import Visibility
from moderation import services
from moderation.models import Appeal, ReviewItem, ReviewKind, Sanction, SanctionKind
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspension():
    member = UserFactory()
    post = first_post(ThreadFactory(author=member))
    return services.sanction_member(
        actor=UserFactory(role=Role.COMMUNITY_MANAGER),
        member=member,
        kind=SanctionKind.SUSPENSION,
        reason="Repeated insults.",
        days=7,
        post=post,
    )


@pytest.mark.parametrize("kind", [SanctionKind.SUSPENSION, SanctionKind.BAN])
def test_a_suspension_or_ban_notice_links_to_the_signed_appeal_page(kind):
    member = UserFactory()
    sanction = services.sanction_member(
        actor=UserFactory(role=Role.COMMUNITY_MANAGER),
        member=member,
        kind=kind,
        reason="Spam.",
        days=3,
    )
    notice = Notification.objects.get(recipient=member)
    # The token carries its signing time, so compare what it names rather than its text.
    assert notice.url.startswith("/backoffice/appeal/")
    assert services.read_appeal_token(token=notice.url.split("/")[-2]) == sanction
    assert "without signing in" in notice.message


def test_a_warning_notice_still_links_to_the_history():
    member = UserFactory()
    services.sanction_member(
        actor=UserFactory(role=Role.COMMUNITY_MANAGER),
        member=member,
        kind=SanctionKind.WARNING,
        reason="Be kind.",
    )
    assert Notification.objects.get(recipient=member).url == reverse("moderation:my_history")


def test_a_suspended_member_appeals_through_the_link_without_a_session(client, suspension):
    url = services.appeal_link(sanction=suspension)
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Repeated insults." in content
    assert suspension.post.thread.title in content
    assert response.context["can_appeal"]
    assert client.post(url, {"text": ""}).status_code == 400
    assert client.post(url, {"text": "I was provoked."}).status_code == 302
    appeal = Appeal.objects.get(sanction=suspension)
    assert appeal.text == "I was provoked."
    assert ReviewItem.objects.filter(kind=ReviewKind.APPEAL, appeal=appeal).exists()


def test_the_appeal_link_is_in_the_e_mail(client, django_capture_on_commit_callbacks, mailoutbox):
    member = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.sanction_member(
            actor=UserFactory(role=Role.COMMUNITY_MANAGER),
            member=member,
            kind=SanctionKind.BAN,
            reason="Spam.",
        )
    bodies = [message.body for message in mailoutbox if member.email in message.to]
    assert any("/backoffice/appeal/" in body for body in bodies)


def test_a_second_appeal_through_the_link_is_refused(client, suspension):
    url = services.appeal_link(sanction=suspension)
    assert client.post(url, {"text": "First."}).status_code == 302
    assert client.post(url, {"text": "Second."}).status_code == 403
    assert Appeal.objects.get(sanction=suspension).text == "First."
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["can_appeal"]


#: Tokens that name no appealable sanction, each made when its test runs: a signed
#: token carries its signing time, so one made at collection would give the test an id
#: that differs from one collection to the next (and between pytest-xdist's workers).
FORGED_TOKENS = {
    "not-a-token": lambda: "forged",
    "bad-signature": lambda: "eyJzIjoxfQ:1tZ:forged",
    "another-salt": lambda: signing.dumps({"s": 1, "m": 1}, salt="liaison.community.unsubscribe"),
    "not-a-dict": lambda: signing.dumps([1, 2], salt="liaison.moderation.appeal"),
    "no-such-sanction": lambda: signing.dumps(
        {"s": 999999999, "m": 1}, salt="liaison.moderation.appeal"
    ),
}


@pytest.mark.parametrize("make_token", FORGED_TOKENS.values(), ids=FORGED_TOKENS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_appeal_link_answers_400(client, make_token, method):
    url = reverse("moderation:appeal_by_link", kwargs={"token": make_token()})
    response = getattr(client, method)(url, {"text": "Let me in."} if method == "post" else {})
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert not Appeal.objects.exists()


def test_a_token_naming_another_members_sanction_answers_400(client, suspension):
    token = signing.dumps(
        {"s": suspension.pk, "m": suspension.member_id + 1}, salt="liaison.moderation.appeal"
    )
    response = client.get(reverse("moderation:appeal_by_link", kwargs={"token": token}))
    assert response.status_code == 400


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_appeal_link_answers_400(client, settings, suspension, method):
    url = services.appeal_link(sanction=suspension)
    settings.LIAISON_APPEAL_LINK_MAX_AGE_SECONDS = -1
    response = getattr(client, method)(url, {"text": "Late."} if method == "post" else {})
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Appeal.objects.exists()


# Backoffice review: the appeal page showed an internal post the sanction named.
def test_the_appeal_link_never_shows_a_post_the_member_cannot_see(client, manager, member):
    staff_room = CategoryFactory(visibility=Visibility.INTERNAL)
    internal = first_post(
        ThreadFactory(category=staff_room, title="Secret plans", body="Internal only text")
    )
    # A sanction from before the check, naming a post that is not the member's.
    sanction = Sanction.objects.create(
        member=member,
        kind=SanctionKind.SUSPENSION,
        reason="Out.",
        post=internal,
        ends_at=timezone.now() + timedelta(days=3),
        created_by=manager,
    )

    response = client.get(services.appeal_link(sanction=sanction))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Secret plans" not in content and "Internal only text" not in content
