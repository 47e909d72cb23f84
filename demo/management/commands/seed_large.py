"""``manage.py seed_large``: a large community written in bulk, for speed checks."""

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from community import markdown, services
from community.models import (
    Category,
    MemberActivity,
    Post,
    Reaction,
    ReactionKind,
    ReadState,
    Tag,
    Thread,
    Visibility,
)
from community.services import search_index
from community.slugs import slug_for_title
from notifications.models import ThreadSubscription

CATEGORY_SLUG = "load-test"
EMAIL_DOMAIN = "seed.liaison.test"
LOAD_PASSWORD = "liaison-load"  # noqa: S105 -- printed for load tests on purpose
#: Posts are spread over this many days before now.
WINDOW_DAYS = 90
#: Every this-many-th post of a thread gets a like from someone other than its author.
LIKE_EVERY = 10
SEED = 4711

#: A handful of bodies, rendered once and reused: rendering 200,000 posts
#: would take longer than writing them.
BODIES = [
    "Has anyone tried the new baseline view with a large plan? Ours has 1,800 tasks "
    "and the timeline feels slower since the update.",
    "Thanks, that worked for us too.",
    "You can filter the list view by **Variance > 0 days** and save it as a view:\n\n"
    "1. Open the list view.\n2. Add the filter.\n3. Save the view and share it.",
    "We sync with our ERP every night:\n\n```python\nchanged = [task for task in tasks "
    "if task.checksum != known.get(task.id)]\nclient.batch_update(changed)\n```\n\n"
    "That brought our sync from 14 minutes down to one.",
    "> Is there a way to lock finished weeks?\n\nYes, under *Admin → Time tracking → "
    "Lock periods*. You can also lock them automatically every Monday.",
    "+1, we'd use this every day.",
    "| Plan | Seats | Projects |\n|------|-------|----------|\n| Team | 10 | 20 |\n"
    "| Business | 50 | unlimited |",
    "Same here. It started after the last update, in Chrome and Firefox.",
]


@dataclass
class SeedPlan:
    """Everything decided before writing: thread sizes, times and authors.

    ``authors[t][k]`` is the index (into the users) of the author of post
    ``k + 1`` in thread ``t``; thread 0 is the big thread.
    """

    starts: list[datetime]
    steps: list[timedelta]
    authors: list[list[int]]
    users: int

    def created_at(self, thread: int, number: int) -> datetime:
        """When post ``number`` of ``thread`` was written."""
        return self.starts[thread] + self.steps[thread] * (number - 1)

    def first_posts(self, thread: int) -> dict[int, int]:
        """Map each author in ``thread`` to the number of their first post there."""
        first: dict[int, int] = {}
        for number, author in enumerate(self.authors[thread], start=1):
            first.setdefault(author, number)
        return first

    def liker(self, thread: int, number: int) -> int | None:
        """The index of the member who likes post ``number`` of ``thread``, or ``None``."""
        if number % LIKE_EVERY or self.users < 2:
            return None
        author = self.authors[thread][number - 1]
        liker = (author + number // LIKE_EVERY) % self.users
        return (liker + 1) % self.users if liker == author else liker


class Command(BaseCommand):
    help = (
        "Write a large community in bulk for speed checks: --users members "
        f"(load<n>@{EMAIL_DOMAIN}, password {LOAD_PASSWORD}), a public category "
        f"'{CATEGORY_SLUG}' with --threads threads and --posts posts in all, one thread "
        f"holding --big-thread-posts of them, and a like on every {LIKE_EVERY}th post of "
        "each thread. Every counter is then recounted by the services' rules. Runs once per "
        "database: a second run refuses and changes nothing; seed a fresh database to "
        "start again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=200_000, help="Posts in all.")
        parser.add_argument("--threads", type=int, default=2_000, help="Threads in all.")
        parser.add_argument(
            "--big-thread-posts", type=int, default=20_000, help="Posts in the one big thread."
        )
        parser.add_argument("--users", type=int, default=500, help="Members who write them.")
        parser.add_argument(
            "--batch-size", type=int, default=2_000, help="Rows per INSERT statement."
        )

    def handle(self, *args, **options):
        posts, threads, big = options["posts"], options["threads"], options["big_thread_posts"]
        users, batch_size = options["users"], options["batch_size"]
        if min(posts, threads, big, users, batch_size) < 1:
            raise CommandError("Every number must be at least 1.")
        if posts < big + threads - 1:
            raise CommandError(
                f"{posts} posts cannot fill {threads} threads when one of them holds {big}."
            )
        if (
            Category.objects.filter(slug=CATEGORY_SLUG).exists()
            or User.objects.filter(email__iendswith=f"@{EMAIL_DOMAIN}").exists()
        ):
            raise CommandError(
                f"This database is seeded already (category '{CATEGORY_SLUG}' or "
                f"members @{EMAIL_DOMAIN} exist); nothing was changed. Seed a fresh "
                "database to run it again."
            )
        started = time.monotonic()
        big_thread, likes = seed(
            posts=posts, threads=threads, big_thread_posts=big, users=users, batch_size=batch_size
        )
        self.stdout.write(
            f"Seeded {users:,} members, {threads:,} threads, {posts:,} posts "
            f"({big:,} in the big thread) and {likes:,} likes "
            f"in {time.monotonic() - started:.1f} s."
        )
        self.stdout.write(f"Big thread: {big_thread.get_absolute_url()}")
        self.stdout.write(f"Sign in as load1@{EMAIL_DOMAIN} … with password {LOAD_PASSWORD}.")


@transaction.atomic
def seed(*, posts: int, threads: int, big_thread_posts: int, users: int, batch_size: int):
    """Write the load-test community; return (the big thread, the number of likes).

    The caller has checked that the numbers fit and that nothing is seeded yet.
    """
    now = timezone.now()
    rng = random.Random(SEED)  # noqa: S311 -- reproducible load data, not security
    plan = _plan(rng, now, posts=posts, threads=threads, big=big_thread_posts, users=users)
    visits = [rng.randint(1, WINDOW_DAYS) for _ in range(users)]
    members = _create_members(now, visits, batch_size)
    category = Category.objects.create(
        name="Load test",
        slug=CATEGORY_SLUG,
        description="Generated by manage.py seed_large for speed checks.",
        position=1000,
        visibility=Visibility.PUBLIC,
    )
    thread_rows = _create_threads(plan, category, members, big_thread_posts, batch_size)
    likes = _create_posts(plan, thread_rows, members, batch_size)
    services.recount_threads(Thread.objects.filter(category=category))
    services.recount_categories(Category.objects.filter(pk=category.pk))
    seeded = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    services.recount_members(seeded)
    for member in seeded.order_by("pk"):
        services.recompute_trust_level(member=member)
    seeded_posts = Post.objects.filter(thread__category=category)
    services.recount_posts(seeded_posts)
    search_index.index_posts(seeded_posts.order_by("pk").values_list("pk", flat=True))
    search_index.analyze()
    return Thread.objects.get(pk=thread_rows[0].pk), likes


def _plan(rng: random.Random, now: datetime, *, posts, threads, big, users) -> SeedPlan:
    """Split the posts over the threads and give every post a time and an author."""
    # Thread 0 is the big thread; the others share the rest, at least one post each.
    weights = [rng.random() for _ in range(threads - 1)]
    spare = posts - big - (threads - 1)
    sizes = [1 + int(spare * weight / (sum(weights) or 1)) for weight in weights]
    if sizes:
        sizes[0] += posts - big - sum(sizes)
    sizes.insert(0, big)
    window = timedelta(days=WINDOW_DAYS)
    starts, steps = [now - window], [(window - timedelta(minutes=1)) / big]
    for size in sizes[1:]:
        start = now - window * rng.uniform(0.01, 1)
        starts.append(start)
        steps.append((now - start) * rng.uniform(0.1, 0.9) / size)
    authors = [[rng.randrange(users) for _ in range(size)] for size in sizes]
    return SeedPlan(starts=starts, steps=steps, authors=authors, users=users)


def _create_members(now: datetime, visits: list[int], batch_size: int) -> list[User]:
    """Write verified members load1 … load<n>, each with the days visited in ``visits``.

    All of them sign in with the password LOAD_PASSWORD. Their counters are
    recounted once their posts are written.
    """
    # One hash for everyone: hashing 500 passwords would take longer than the rest.
    password = make_password(LOAD_PASSWORD)
    members = User.objects.bulk_create(
        (
            User(
                email=f"load{n}@{EMAIL_DOMAIN}",
                username=f"load{n}",
                display_name=f"Load Tester {n}",
                password=password,
                language="en",
                date_joined=now - timedelta(days=WINDOW_DAYS + 30),
            )
            for n in range(1, len(visits) + 1)
        ),
        batch_size=batch_size,
    )
    MemberActivity.objects.bulk_create(
        (
            MemberActivity(user=member, days_visited=days, last_visit_on=timezone.localdate())
            for member, days in zip(members, visits, strict=True)
        ),
        batch_size=batch_size,
    )
    EmailAddress.objects.bulk_create(
        (
            EmailAddress(user=member, email=member.email, verified=True, primary=True)
            for member in members
        ),
        batch_size=batch_size,
    )
    group = Group.objects.get(name=Role.MEMBER)
    User.groups.through.objects.bulk_create(
        (User.groups.through(user=member, group=group) for member in members),
        batch_size=batch_size,
    )
    return members


def _create_threads(
    plan: SeedPlan, category: Category, members: list[User], big: int, batch_size: int
) -> list[Thread]:
    """Write the threads, all tagged ``load-test``, without counters (recounted later).

    Whoever writes in a thread follows it and has read it to the end.
    """
    rows = []
    for index, authors in enumerate(plan.authors):
        title = f"Load test: the big thread ({big:,} posts)" if index == 0 else f"Load test {index}"
        rows.append(
            Thread(
                category=category,
                title=title,
                slug=slug_for_title(title),
                author=members[authors[0]],
                created_at=plan.created_at(index, 1),
            )
        )
    Thread.objects.bulk_create(rows, batch_size=batch_size)
    tag, _created = Tag.objects.get_or_create(slug=CATEGORY_SLUG, defaults={"name": "load-test"})
    Thread.tags.through.objects.bulk_create(
        (Thread.tags.through(thread=thread, tag=tag) for thread in rows), batch_size=batch_size
    )
    # Followers as the services make them: a reply to the big thread notifies
    # hundreds of them, as it would in real life.
    ThreadSubscription.objects.bulk_create(
        (
            ThreadSubscription(
                user=members[author], thread=thread, created_at=plan.created_at(index, number)
            )
            for index, thread in enumerate(rows)
            for author, number in plan.first_posts(index).items()
        ),
        batch_size=batch_size,
    )
    ReadState.objects.bulk_create(
        (
            ReadState(user=members[author], thread=thread, last_read_number=len(authors))
            for index, (thread, authors) in enumerate(zip(rows, plan.authors, strict=True))
            for author in plan.first_posts(index)
        ),
        batch_size=batch_size,
    )
    return rows


def _create_posts(
    plan: SeedPlan, threads: list[Thread], members: list[User], batch_size: int
) -> int:
    """Write every post and its like, batch by batch, so memory stays flat; return the likes."""
    html = [markdown.render(body).html for body in BODIES]
    posts: list[Post] = []
    likers: list[int | None] = []
    for index, (thread, authors) in enumerate(zip(threads, plan.authors, strict=True)):
        for number, author in enumerate(authors, start=1):
            variant = (index + number) % len(BODIES)
            posts.append(
                Post(
                    thread_id=thread.pk,
                    number=number,
                    author_id=members[author].pk,
                    body=BODIES[variant],
                    html=html[variant],
                    created_at=plan.created_at(index, number),
                )
            )
            likers.append(plan.liker(index, number))
            if len(posts) >= batch_size:
                _write_posts(posts, likers, members, batch_size)
                posts, likers = [], []
    _write_posts(posts, likers, members, batch_size)
    return sum(
        plan.liker(index, number) is not None
        for index, authors in enumerate(plan.authors)
        for number in range(1, len(authors) + 1)
    )


def _write_posts(
    posts: list[Post], likers: list[int | None], members: list[User], batch_size: int
) -> None:
    Post.objects.bulk_create(posts, batch_size=batch_size)
    Reaction.objects.bulk_create(
        (
            Reaction(
                post=post,
                user=members[liker],
                kind=ReactionKind.LIKE,
                created_at=post.created_at,
            )
            for post, liker in zip(posts, likers, strict=True)
            if liker is not None
        ),
        batch_size=batch_size,
    )
