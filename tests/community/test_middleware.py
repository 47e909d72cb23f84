"""community.middleware: a member's visits."""

import pytest
from django.urls import reverse

from community.models import (
    MemberActivity,
)
from tests.community.conftest import (
    signed_in,
)

pytestmark = pytest.mark.django_db


def test_a_members_first_request_of_the_day_counts_one_visit(client):
    member = signed_in(client)

    client.get(reverse("community:index"))
    client.get(reverse("community:index"))

    assert MemberActivity.objects.get(user=member).days_visited == 1
