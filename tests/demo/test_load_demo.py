"""``manage.py load_demo``: every loader in order, the logins, a rerun."""

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_prints_a_login_for_every_role(capsys):
    call_command("load_demo")
    first = User.objects.count()
    call_command("load_demo")

    out = capsys.readouterr().out
    assert User.objects.count() == first
    for role in ("Admin", "Community manager", "Moderator", "Department staff", "Member"):
        assert role in out
