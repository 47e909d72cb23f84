"""``manage.py load_demo``: load the demo community and print its logins."""

from django.core.management.base import BaseCommand

from demo import accounts, community, feedback, moderation

#: Each loader finds the rows of those before it: the forum needs the people,
#: the backoffice and the feedback demo need the forum's posts.
LOADERS = [accounts.load, community.load, moderation.load, feedback.load]


class Command(BaseCommand):
    help = "Load the demo community (idempotent) and print the demo logins for every role."

    def handle(self, *args, **options):
        for load in LOADERS:
            load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo logins (role, e-mail, password):"))
        for role, email, password in accounts.describe():
            self.stdout.write(f"  {role:<20} {email:<32} {password}")
