"""``manage.py load_demo``: every loader in order, the logins, a rerun, the search index."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from accounts.models import User
from community.models import Post
from community.search.query import parse
from community.selectors.search import search_posts

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_prints_a_login_for_every_role(capsys):
    call_command("load_demo")
    first = User.objects.count()
    call_command("load_demo")

    out = capsys.readouterr().out
    assert User.objects.count() == first
    for role in ("Admin", "Community manager", "Moderator", "Department staff", "Member"):
        assert role in out


def test_load_demo_indexes_its_posts_for_search_in_their_language(demo):
    visitor = AnonymousUser()

    results = search_posts(viewer=visitor, query=parse("Feiertag Bundesland"))

    assert not Post.objects.filter(search_document__isnull=True).exists()
    assert [post.thread.title for post in results] == [
        "Feiertage nach Bundesland in der Auslastung"
    ]
    assert results[0].language == "de"
