"""``manage.py demo_reply``: a demo member answers the newest thread, so its author is notified."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from community import services
from community.models import Thread


class Command(BaseCommand):
    help = (
        "Let a demo member (bernd by default) reply to the newest thread someone else "
        "started, mentioning its author: the author gets a notification in the bell and, "
        "by their e-mail preference, an e-mail (printed on the console by make run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", default="bernd", help="who replies")
        parser.add_argument("--thread", type=int, help="the thread's id (default: the newest)")

    def handle(self, *args, username: str, thread: int | None, **options):
        replier = User.objects.filter(username=username).first()
        if replier is None:
            raise CommandError(f"There is no member called {username!r}; run load_demo first.")
        threads = Thread.objects.exclude(author=replier).filter(merged_into__isnull=True)
        target = (
            threads.filter(pk=thread).first()
            if thread is not None
            else threads.order_by("-created_at").first()
        )
        if target is None:
            raise CommandError("There is no thread to reply to.")
        post = services.reply_to_thread(
            author=replier,
            thread=target,
            body=f"Welcome @{target.author.username}! Thanks for sharing this, "
            "we will look into it together.",
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{replier.public_name} replied to “{target.title}” ({post.get_absolute_url()})."
            )
        )
