"""Reads of the accounts app."""

import pytest

from accounts.selectors import find_active_usernames
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_active_usernames_are_found_in_any_case_under_their_lower_case():
    UserFactory(username="Alice.B")
    UserFactory(username="gone", is_active=False)

    found = find_active_usernames(candidates={"alice.b", "GONE", "nobody"})

    assert found == {"alice.b": "Alice.B"}


def test_a_dot_in_a_candidate_matches_only_a_dot():
    UserFactory(username="alicexb")

    assert find_active_usernames(candidates={"alice.b"}) == {}


def test_no_candidates_cost_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert find_active_usernames(candidates=set()) == {}
