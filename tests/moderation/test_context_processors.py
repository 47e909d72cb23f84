"""The header's Backoffice link (moderation/context_processors.py)."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.moderation.factories import CategoryModeratorFactory

pytestmark = pytest.mark.django_db


# Backoffice review: category moderators had no Backoffice link in the header.
def test_the_header_links_the_backoffice_for_a_category_moderator(client):
    client.force_login(CategoryModeratorFactory().user)

    html = client.get(reverse("community:index")).content.decode()

    assert f'href="{reverse("moderation:queue")}"' in html


def test_the_header_does_not_link_the_backoffice_for_a_member(client):
    client.force_login(UserFactory())

    html = client.get(reverse("community:index")).content.decode()

    assert f'href="{reverse("moderation:queue")}"' not in html
