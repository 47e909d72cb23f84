"""``manage.py demo_reply``: a demo member answers the newest thread, so its author is notified."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from accounts.models import User
from community import selectors, services


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
        # Only published, open threads the replier can see: a held or internal one
        # would refuse the reply.
        threads = (
            selectors.list_threads(viewer=replier)
            .exclude(author=replier)
            .filter(is_pending_approval=False, is_locked=False)
        )
        if thread is not None:
            target = threads.filter(pk=thread).first()
            if target is None:
                raise CommandError(
                    f"{replier.username} cannot reply to thread {thread}: it does not exist, "
                    "awaits approval, is locked, is theirs or is out of their sight."
                )
        else:
            target = threads.order_by("-created_at", "-pk").first()
            if target is None:
                raise CommandError(
                    f"There is no published thread by someone else that {replier.username} "
                    "can reply to. Start one (and approve it at /backoffice/ if it is held), "
                    "then run demo_reply again."
                )
        try:
            post = services.reply_to_thread(
                author=replier,
                thread=target,
                body=f"Welcome @{target.author.username}! Thanks for sharing this, "
                "we will look into it together.",
            )
        except (PermissionDenied, Http404, ValidationError) as refusal:
            reason = "; ".join(getattr(refusal, "messages", None) or [str(refusal)])
            raise CommandError(
                f"{replier.username} cannot reply to “{target.title}”: {reason or 'refused'}"
            ) from refusal
        self.stdout.write(
            self.style.SUCCESS(
                f"{replier.public_name} replied to “{target.title}” ({post.get_absolute_url()})."
            )
        )
