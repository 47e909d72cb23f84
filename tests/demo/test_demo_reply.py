"""``manage.py demo_reply`` makes the demo's other member answer a newcomer."""

import pytest
from django.core.management import CommandError, call_command

from accounts.roles import Role
from community import services
from community.models import (
    Category,
    Post,
    Visibility,
)
from notifications.kinds import ForumKind
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    CategoryFactory,
    ThreadFactory,
)
from tests.conftest import held_thread

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


# Forum visibility review: demo_reply answered held and internal threads.
@pytest.mark.usefixtures("hold")
def test_demo_reply_answers_the_newest_thread_it_may_see_skipping_held_and_internal_ones(
    committed,
):
    public = Category.objects.create(name="Help", slug="help")
    internal = Category.objects.create(name="Staff", slug="staff", visibility=Visibility.INTERNAL)
    bernd = UserFactory(username="bernd")
    visible = ThreadFactory(category=public, author=UserFactory())
    held_thread(UserFactory(), public)
    ThreadFactory(category=internal, author=UserFactory(role=Role.MODERATOR))

    with committed():
        call_command("demo_reply")

    assert Post.objects.filter(author=bernd).get().thread_id == visible.pk


# Forum visibility review: with only a held thread, demo_reply answered it.
@pytest.mark.usefixtures("hold")
def test_demo_reply_says_so_when_only_a_held_thread_is_there():
    UserFactory(username="bernd")
    held_thread(UserFactory(), Category.objects.create(name="Help", slug="help"))

    with pytest.raises(CommandError, match="no published thread"):
        call_command("demo_reply")


# Forum visibility review: demo_reply answered a named thread it may not see.
def test_demo_reply_refuses_a_named_thread_it_may_not_see():
    UserFactory(username="bernd")
    thread = ThreadFactory(category=CategoryFactory(visibility=Visibility.INTERNAL))

    with pytest.raises(CommandError, match="cannot reply"):
        call_command("demo_reply", "--thread", str(thread.pk))
