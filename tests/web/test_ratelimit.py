"""Rate limits on any page: counted per client address or per member, GET requests too."""

import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from web import ratelimit


def request_from(address: str, *, user=None, **headers):
    request = RequestFactory().get("/search/", REMOTE_ADDR=address, **headers)
    request.user = user or AnonymousUser()
    return request


def consume(request, rate: str = "3/m/ip", action: str = "search") -> bool:
    return ratelimit.consume(request, action=action, rate=rate)


def test_get_requests_count_until_the_rate_is_used_up():
    assert [consume(request_from("203.0.113.5")) for _n in range(4)] == [True] * 3 + [False]


def test_each_address_and_each_action_has_its_own_count():
    for _n in range(3):
        consume(request_from("203.0.113.5"))

    assert not consume(request_from("203.0.113.5"))
    assert consume(request_from("198.51.100.7"))
    assert consume(request_from("203.0.113.5"), action="other")


def test_an_ipv6_network_counts_as_one_client():
    """A client holds a /64 and could pick a new address for every request."""
    for number in range(3):
        consume(request_from(f"2001:db8::{number + 1}"))

    assert not consume(request_from("2001:db8::ff"))
    assert consume(request_from("2001:db8:0:1::1"))


def test_behind_a_trusted_proxy_the_address_the_proxy_saw_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _n in range(3):
        consume(request_from("10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9"))

    assert not consume(request_from("10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9"))
    assert consume(request_from("10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"))


@pytest.mark.django_db
def test_a_rate_per_user_counts_each_member_apart():
    from tests.accounts.factories import UserFactory

    alice, bob = UserFactory(), UserFactory()
    for _n in range(3):
        consume(request_from("203.0.113.5", user=alice), rate="3/m/user")

    assert not consume(request_from("203.0.113.5", user=alice), rate="3/m/user")
    assert consume(request_from("203.0.113.5", user=bob), rate="3/m/user")


def test_requests_count_again_once_the_period_has_passed(monkeypatch):
    consume(request_from("203.0.113.5"), rate="1/m/ip")
    assert not consume(request_from("203.0.113.5"), rate="1/m/ip")

    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)

    assert consume(request_from("203.0.113.5"), rate="1/m/ip")
