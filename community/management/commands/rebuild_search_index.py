"""``manage.py rebuild_search_index``: rewrite every search document, in bulk."""

import time

from django.core.management.base import BaseCommand

from community import hooks
from community.services import search_index


class Command(BaseCommand):
    help = (
        "Rewrite the search documents of every post (PostgreSQL's vectors or SQLite's "
        "FTS5 table), detecting each post's language again, then those other apps "
        "register (insights, audit entries). Safe to run at any time."
    )

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done:,} of {total:,} posts")

        total = search_index.rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {total:,} posts for search in {time.monotonic() - started:.1f} s."
            )
        )
        for documents in hooks.search_documents:
            started = time.monotonic()
            total = documents.rebuild()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Indexed {total:,} {documents.name} for search "
                    f"in {time.monotonic() - started:.1f} s."
                )
            )
