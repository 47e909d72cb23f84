"""``manage.py demo_reply`` makes the demo's other member answer a newcomer."""

import pytest
from django.core.management import CommandError, call_command

from community import services
from community.models import Category
from notifications.kinds import ForumKind
from notifications.models import Notification
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_reply_answers_the_newest_thread_and_notifies_its_author(
    django_capture_on_commit_callbacks,
):
    category = Category.objects.create(name="Help", slug="help")
    UserFactory(username="bernd")
    newcomer = UserFactory(username="nora")
    thread = services.start_thread(
        author=newcomer, category=category, title="Hello there", body="I am new here."
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_reply")

    assert thread.posts.count() == 2
    notification = Notification.objects.get(recipient=newcomer)
    assert notification.kind == ForumKind.MENTION


def test_demo_reply_without_the_demo_says_what_to_do():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("demo_reply")
