"""Factories and readers shared by the notifications tests: notifications, followers, what
a member was sent."""

from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from community import markdown
from community import services as community
from community.models import Post, Visibility
from notifications import services
from notifications.kinds import ForumKind
from notifications.models import Channel, Notification, ThreadSubscription
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, ThreadFactory


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def prefer(user, **channels: str) -> None:
    services.set_notification_preferences(user=user, channels=channels)


def channel_of(user, kind: str) -> str:
    return services.channels_for([user.pk], kind)[user.pk]


def make_post(thread, number: int, author) -> Post:
    """A post row for pages of notifications (no service: nothing is sent)."""
    return Post.objects.create(
        thread=thread, number=number, author=author, body=f"post {number}", html=""
    )


def notify(
    recipient, post, *, kind=ForumKind.REPLY, minutes_ago: int = 0, **fields
) -> Notification:
    when = timezone.now() - timedelta(minutes=minutes_ago)
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        actor=post.author,
        post=post,
        created_at=when,
        updated_at=when,
        **fields,
    )


def mails_to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


def html_alternative(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def quote_of(post) -> str:
    """The Markdown the Quote button puts in the reply box for ``post``."""
    return markdown.quote_source(
        username=post.author.username, permalink=post.get_absolute_url(), body=post.body
    )


def follower_thread(count: int):
    """A thread whose author replies to itself, followed by ``count`` other members."""
    thread = ThreadFactory()
    followers = User.objects.bulk_create(
        User(username=f"fan{count}x{n}", email=f"fan{count}x{n}@example.test") for n in range(count)
    )
    ThreadSubscription.objects.bulk_create(
        ThreadSubscription(user=user, thread=thread) for user in followers
    )
    reply = PostFactory(thread=thread, author=thread.author, body="News for everyone.")
    return reply


def notified_follower_of_moved_thread(committed, *, channel=Channel.IN_APP):
    """A member told of a reply in "Salary spreadsheet", a thread since moved into an
    internal category; return the member and the thread."""
    thread = ThreadFactory(title="Salary spreadsheet")
    follower = UserFactory()
    services.set_notification_preferences(user=follower, channels={ForumKind.REPLY: channel})
    services.follow_thread(user=follower, thread=thread)
    with committed():
        community.reply_to_thread(author=UserFactory(), thread=thread, body="See the numbers")
    assert Notification.objects.filter(recipient=follower).exists()
    internal = CategoryFactory(visibility=Visibility.INTERNAL)
    community.move_thread(actor=None, thread=thread, category=internal)
    return follower, thread
