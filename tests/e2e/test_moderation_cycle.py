"""The moderation cycle in a browser: spam is flagged, hidden, deleted, its author suspended."""

import re

import pytest
from django.core import mail

from accounts.models import TrustLevel
from accounts.roles import Role
from community import services
from community.models import Category
from moderation.models import AuditAction, AuditEntry, CannedReason
from tests.accounts.factories import PASSWORD, UserFactory
from tests.moderation.factories import FlaggerFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    return page


def test_spam_is_flagged_hidden_deleted_and_its_author_suspended_with_a_canned_reason(
    browser, live_server, screenshot
):
    category = Category.objects.create(name="General", slug="general")
    starter = UserFactory(trust_level=TrustLevel.MEMBER)
    thread = services.start_thread(
        author=starter, category=category, title="Best practices", body="Share yours!"
    )
    spammer = UserFactory(email="spammer@example.test", username="spammer")
    spam = services.reply_to_thread(
        author=spammer, thread=thread, body="Cheap watches at http://spam.example.test"
    )
    # Flagging takes trust level 1, and a flag counts in full once the account is a day old.
    flaggers = [FlaggerFactory() for _ in range(3)]
    manager = UserFactory(email="carla@example.test", role=Role.COMMUNITY_MANAGER)
    CannedReason.objects.create(
        title="Advertising", text="Advertising is not allowed here.", position=1
    )

    for number, flagger in enumerate(flaggers, start=1):
        page = sign_in(browser, live_server, flagger.email)
        page.goto(spam.get_absolute_url())
        page.locator(f"#post-{spam.number}").get_by_role("link", name="Flag").click()
        page.get_by_label("Spam").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Flag").click()
        screenshot(page, f"flagged-{number}")
        page.context.close()

    visitor = browser.new_page(base_url=live_server.url)
    visitor.goto(spam.get_absolute_url())
    assert visitor.locator(f"#post-{spam.number}").get_by_text("hidden").count()
    assert not visitor.get_by_text("Cheap watches").count()
    screenshot(visitor, "hidden-for-visitors")
    visitor.close()

    page = sign_in(browser, live_server, manager.email)
    page.goto("/backoffice/")
    screenshot(page, "queue")
    page.get_by_role("link", name=re.compile("Flagged post")).first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Claim").click()
    assert page.get_by_text("Release my claim").count()
    page.select_option("select[name=action]", "delete")
    page.select_option("#item-canned", label="Advertising")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    screenshot(page, "deleted")
    page.goto(f"/backoffice/members/{spammer.username}/")
    page.select_option("#sanction-kind", "suspension")
    page.fill("#sanction-days", "7")
    page.select_option("#sanction-canned", label="Advertising")
    with page.expect_navigation():
        page.get_by_role("button", name="Sanction and tell the member").click()
    screenshot(page, "suspended")

    page.goto("/backoffice/audit/")
    assert page.get_by_text("Deleted a post").count()
    assert page.get_by_text("Suspended a member").count()
    screenshot(page, "audit-log")
    page.goto("/backoffice/dashboard/")
    screenshot(page, "dashboard")
    page.context.close()

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {AuditAction.FLAG_HIDE, AuditAction.DELETE, AuditAction.SUSPEND} <= actions
    told = [m for m in mail.outbox if m.to == ["spammer@example.test"]]
    assert any("Advertising is not allowed here." in m.body for m in told)

    refused = browser.new_page(base_url=live_server.url)
    refused.goto("/accounts/login/")
    refused.fill("input[name=login]", "spammer@example.test")
    refused.fill("input[name=password]", PASSWORD)
    with refused.expect_navigation():
        refused.press("input[name=password]", "Enter")
    assert refused.get_by_text("suspended until").count()
    screenshot(refused, "author-cannot-sign-in")
    refused.close()
