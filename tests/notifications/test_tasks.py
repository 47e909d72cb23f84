"""The tasks: e-mails sent once, and the outbox's jobs and e-mails that the sweep takes up."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from community import services as community
from community.models import ReactionKind
from moderation.services.notices import MODERATION_NOTICE
from notifications import services
from notifications.kinds import ForumKind
from notifications.models import (
    Channel,
    Notification,
    NotificationEvent,
    NotificationJob,
)
from notifications.tasks import send_notification_emails_task
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, ThreadFactory, first_post
from tests.notifications.factories import (
    follower_thread,
    kinds_of,
    notify,
)

pytestmark = pytest.mark.django_db

REPLY = ForumKind.REPLY
REACTION = ForumKind.REACTION
ACCEPTED = ForumKind.ACCEPTED_ANSWER


# Sending e-mails


def test_running_the_email_task_twice_sends_each_email_once(committed):
    thread = ThreadFactory()
    with committed():
        community.reply_to_thread(author=UserFactory(), thread=thread, body="Hello.")
    notification = Notification.objects.get(recipient=thread.author)
    assert len(mail.outbox) == 1

    assert send_notification_emails_task.delay([notification.pk]).get() == 0
    assert send_notification_emails_task.delay([notification.pk]).get() == 0

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_the_email_task_sends_a_pending_email_exactly_once():
    post = first_post(ThreadFactory())
    recipient = UserFactory()
    notification = notify(recipient, post, channel=Channel.EMAIL)

    first = send_notification_emails_task.delay([notification.pk]).get()
    second = send_notification_emails_task.delay([notification.pk]).get()

    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [[recipient.email]]


# The outbox: notification jobs and e-mails lost with the broker are sent by the sweep


def lose_the_jobs(django_capture_on_commit_callbacks):
    """Commit the block's writes but drop what it enqueued, as a broker that is down does."""
    return django_capture_on_commit_callbacks(execute=False)


def without_setup_jobs() -> None:
    """Forget the outbox rows the factories wrote: a test's setup never commits them."""
    NotificationJob.objects.all().delete()


def test_a_reply_whose_job_was_lost_reaches_its_five_followers_through_the_sweep(
    django_capture_on_commit_callbacks, committed
):
    # The production review found that a reply posted while the broker was down never
    # notified any of its five followers: the job was the only record of them.
    thread = follower_thread(5).thread
    without_setup_jobs()

    with lose_the_jobs(django_capture_on_commit_callbacks):
        reply = community.reply_to_thread(author=thread.author, thread=thread, body="News.")
    assert not Notification.objects.filter(post=reply).exists()
    [job] = NotificationJob.objects.all()
    assert (job.event, job.post) == (NotificationEvent.POST, reply)

    with committed():
        assert services.requeue_lost_notifications(older_than=timedelta(0)) == 1

    assert Notification.objects.filter(post=reply, kind=REPLY).count() == 5
    assert len(mail.outbox) == 5
    assert not NotificationJob.objects.exists()


def test_a_reaction_and_an_accepted_answer_whose_jobs_were_lost_are_notified_by_the_sweep(
    django_capture_on_commit_callbacks, committed
):
    thread = ThreadFactory(category=CategoryFactory(is_qa=True))
    answerer = UserFactory()
    with committed():
        answer = community.reply_to_thread(author=answerer, thread=thread, body="Do this.")
    without_setup_jobs()

    with lose_the_jobs(django_capture_on_commit_callbacks):
        community.toggle_reaction(user=UserFactory(), post=answer, kind=ReactionKind.LIKE)
        community.accept_answer(actor=thread.author, post=answer)
    assert sorted(NotificationJob.objects.values_list("event", flat=True)) == [
        NotificationEvent.ACCEPTED_ANSWER,
        NotificationEvent.REACTION,
    ]

    with committed():
        assert services.requeue_lost_notifications(older_than=timedelta(0)) == 2

    assert sorted(kinds_of(answerer)) == sorted([REACTION, ACCEPTED])
    assert not NotificationJob.objects.exists()


def test_a_notification_job_run_twice_notifies_once_even_after_the_first_was_read(committed):
    reply = follower_thread(3)
    with committed():
        job = services.schedule_notifications(event=NotificationEvent.POST, post=reply)
    Notification.objects.update(read_at=timezone.now())

    assert services.run_notification_job(job_id=job.pk) is False

    assert Notification.objects.filter(post=reply).count() == 3


def test_a_reaction_taken_back_before_its_job_ran_takes_the_job_with_it(
    django_capture_on_commit_callbacks,
):
    post = first_post(ThreadFactory())
    member = UserFactory()
    without_setup_jobs()
    with lose_the_jobs(django_capture_on_commit_callbacks):
        community.toggle_reaction(user=member, post=post, kind=ReactionKind.LIKE)
    assert NotificationJob.objects.exists()

    community.toggle_reaction(user=member, post=post, kind=ReactionKind.LIKE)

    assert not NotificationJob.objects.exists()


def test_the_sweep_leaves_a_fresh_job_to_its_own_and_restarts_the_clock_of_a_lost_one(
    django_capture_on_commit_callbacks, settings
):
    settings.LIAISON_LOST_JOB_SECONDS = 60
    post = first_post(ThreadFactory())
    with lose_the_jobs(django_capture_on_commit_callbacks):
        job = services.schedule_notifications(event=NotificationEvent.POST, post=post)

    assert services.requeue_lost_notifications() == 0
    NotificationJob.objects.filter(pk=job.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=61)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.requeue_lost_notifications() == 1
        assert services.requeue_lost_notifications() == 0
    assert len(callbacks) == 1


def test_an_email_whose_job_was_lost_is_sent_by_the_sweep_once_naming_its_notification(
    django_capture_on_commit_callbacks, committed
):
    member = UserFactory()
    with lose_the_jobs(django_capture_on_commit_callbacks):
        notification = services.notify_member(
            recipient=member,
            kind=MODERATION_NOTICE.value,
            message="A moderator hid your post.",
            url="/",
        )
    assert not mail.outbox

    with committed():
        assert services.requeue_lost_notifications(older_than=timedelta(0)) == 1
    with committed():
        assert services.requeue_lost_notifications(older_than=timedelta(0)) == 0

    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == f"<notification-{notification.pk}@liaison>"
    assert message.extra_headers["X-Liaison-Notification"] == str(notification.pk)


def test_the_sweep_leaves_old_emails_and_those_of_deactivated_members_to_the_app(
    django_capture_on_commit_callbacks,
):
    active, gone = UserFactory(), UserFactory()
    with lose_the_jobs(django_capture_on_commit_callbacks):
        for member in (active, gone):
            services.notify_member(
                recipient=member, kind=MODERATION_NOTICE.value, message="Hello.", url="/"
            )
    User.objects.filter(pk=gone.pk).update(is_active=False)
    Notification.objects.filter(recipient=active).update(
        created_at=timezone.now() - timedelta(days=2)
    )

    assert services.requeue_lost_notifications(older_than=timedelta(0)) == 0


def test_the_notification_sweep_runs_every_minute_and_as_a_worker_connects(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["requeue-lost-notifications"]
    assert entry["task"] == "notifications.tasks.requeue_lost_notifications_task"
    assert entry["schedule"].minute == set(range(60))
    assert entry["task"] in settings.LIAISON_SWEEPS_ON_CONNECT
