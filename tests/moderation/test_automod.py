"""Strict automod patterns: bad ones are refused on save and never break posting."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from community import services as community
from community.models import Post
from moderation import automod
from moderation.models import AutomodRule, RuleKind
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory
from tests.moderation.factories import AutomodRuleFactory


@pytest.mark.parametrize("pattern", ["²/5", "5/²", "0/5", "5/0", "-1/5", "10001/5", "5/10081"])
def test_a_bad_rate_pattern_is_refused(pattern):
    with pytest.raises(ValidationError) as error:
        automod.validate_pattern(RuleKind.POST_RATE, pattern)
    assert error.value.code == "invalid"


@pytest.mark.parametrize("pattern", ["5/10", " 10000/10080 ", "1/1"])
def test_a_sane_rate_pattern_is_accepted(pattern):
    automod.validate_pattern(RuleKind.POST_RATE, pattern)


@pytest.mark.parametrize("pattern", ["²", "٣", "-1", "1001", "1.5", "x", "99999"])
def test_a_bad_link_count_is_refused(pattern):
    with pytest.raises(ValidationError) as error:
        automod.validate_pattern(RuleKind.LINK_COUNT, pattern)
    assert error.value.code == "invalid"


@pytest.mark.parametrize("pattern", ["0", " 3 ", "1000"])
def test_a_link_count_from_0_to_1000_is_accepted(pattern):
    automod.validate_pattern(RuleKind.LINK_COUNT, pattern)


@pytest.mark.parametrize(
    "pattern", ["localhost", "not a domain", "exa_mple.com", "http://spam.test", "spam..test"]
)
def test_a_link_domain_that_is_not_a_domain_is_refused(pattern):
    with pytest.raises(ValidationError) as error:
        automod.validate_pattern(RuleKind.LINK_DOMAIN, pattern)
    assert error.value.code == "invalid_domain"


def test_link_domains_one_a_line_are_accepted():
    automod.validate_pattern(RuleKind.LINK_DOMAIN, "spam.test\n.Casino-Online.example\n")


def _rule_data(kind, pattern, **extra):
    return {
        "name": "R",
        "kind": kind,
        "pattern": pattern,
        "action": "flag",
        "trust_level_below": 5,
        **extra,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "pattern"),
    [("post_rate", "²/5"), ("link_count", "²"), ("link_domain", "not a domain")],
)
@pytest.mark.parametrize("preview", [False, True])
def test_the_rule_form_refuses_a_bad_pattern_with_a_field_error(client, kind, pattern, preview):
    client.force_login(UserFactory(role=Role.COMMUNITY_MANAGER))
    data = _rule_data(kind, pattern, **({"preview": "1"} if preview else {}))
    response = client.post(reverse("moderation:rule_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["pattern"]
    assert not AutomodRule.objects.exists()


@pytest.mark.django_db
def test_save_rule_refuses_a_bad_pattern_keyed_by_pattern():
    from moderation import services

    rule = AutomodRule(name="R", kind=RuleKind.LINK_COUNT, pattern="²", action="flag")
    with pytest.raises(ValidationError) as error:
        services.save_rule(actor=UserFactory(role=Role.COMMUNITY_MANAGER), rule=rule, categories=[])
    assert "pattern" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        (RuleKind.LINK_COUNT, "²"),
        (RuleKind.POST_RATE, "²/5"),
        (RuleKind.LINK_DOMAIN, "not a domain"),
        (RuleKind.REGEX, "(unclosed"),
        (RuleKind.WORDS, ","),
    ],
)
def test_a_stored_bad_pattern_matches_nothing_and_posting_still_works(kind, pattern):
    AutomodRuleFactory(kind=kind, pattern=pattern, action="block")
    post = community.reply_to_thread(
        author=UserFactory(), thread=ThreadFactory(), body="See https://a.test and https://b.test"
    )
    assert Post.objects.filter(pk=post.pk).exists()


def test_a_link_urlsplit_refuses_does_not_break_a_domain_rule():
    rule = AutomodRule(kind=RuleKind.LINK_DOMAIN, pattern="spam.test")
    assert automod.match_text(rule, "look http://[oops and https://www.spam.test/x").text == (
        "https://www.spam.test/x"
    )
