"""``manage.py load_demo``: load the demo community and print its logins."""

from django.core.management.base import BaseCommand

from community import services
from community.models import Post
from community.services import search_index
from demo import accounts, community, feedback, moderation

#: Each loader finds the rows of those before it: the forum needs the people,
#: the backoffice and the feedback demo need the forum's posts.
LOADERS = [accounts.load, community.load, moderation.load, feedback.load]


class Command(BaseCommand):
    help = "Load the demo community (idempotent) and print the demo logins for every role."

    def handle(self, *args, **options):
        for load in LOADERS:
            load(stdout=self.stdout)
        # The loaders write posts and reactions in bulk: count and index what they wrote.
        services.recount_posts(Post.objects.filter(reaction_count=0, reactions__isnull=False))
        indexed = search_index.index_missing()
        if indexed:
            self.stdout.write(f"Indexed {indexed:,} posts for search.")
        self.stdout.write(self.style.SUCCESS("Demo logins (role, e-mail, password):"))
        for role, email, password in accounts.describe():
            self.stdout.write(f"  {role:<20} {email:<32} {password}")
