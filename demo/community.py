"""The demo community: Planwerk's customer forum, loaded by ``manage.py load_demo``.

Runs after ``demo.accounts`` and finds its people by username; creates the other
customers listed in ``community_content.PEOPLE``. ``demo.community_plan`` lays
the threads out: hand-written ones (``community_content.THREADS``) and short
filler replies (``community_content.FILLERS``) up to ``POST_COUNT`` posts.
Rows are written here with ``bulk_create`` and every counter the services keep
is then recounted from them by ``community.services.counters``, so a load takes
seconds. A seeded random generator makes every load read the same, relative to
the moment of loading.
"""

import random
from collections import defaultdict
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role
from community import markdown, services
from community.models import (
    Category,
    MemberActivity,
    Mention,
    Post,
    Quote,
    Reaction,
    ReactionKind,
    ReadState,
    Tag,
    Thread,
)
from community.slugs import slug_for_title
from demo.community_content import CATEGORIES, PEOPLE
from demo.community_plan import PlannedPost, PlannedThread, joined, plan_reading, plan_threads
from notifications.models import ThreadSubscription

SEED = 4711
CUSTOMER_EMAIL_DOMAIN = "customer.demo.liaison.test"
#: Reaction kinds and their weights, for an accepted answer and for any other post.
ANSWER_REACTIONS = {ReactionKind.THANKS: 5, ReactionKind.LIKE: 4, ReactionKind.INSIGHTFUL: 1}
POST_REACTIONS = {
    ReactionKind.LIKE: 66,
    ReactionKind.INSIGHTFUL: 15,
    ReactionKind.THANKS: 14,
    ReactionKind.FUNNY: 5,
}


@transaction.atomic
def load(stdout=None) -> dict[str, Category]:
    """Load the demo community unless its first category exists; return the categories by slug.

    Writes a one-line summary to ``stdout`` when given. Raises ``LookupError``
    when ``demo.accounts`` has not created its people yet.
    """
    slugs = [spec["slug"] for spec in CATEGORIES]
    if Category.objects.filter(slug=slugs[0]).exists():
        _say(stdout, "Demo community already loaded; nothing changed.")
        return Category.objects.in_bulk(slugs, field_name="slug")
    now = timezone.now()
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo content, not security
    people, created = _load_people(now)
    plans = plan_threads(rng, now)
    reading = plan_reading(rng, plans)
    categories = _create_categories()
    threads = _create_threads(plans, categories, people)
    posts = _create_posts(plans, threads, people)
    reactions = _create_reactions(rng, plans, posts, reading, people, now)
    ReadState.objects.bulk_create(
        ReadState(user=people[username], thread=threads[index], last_read_number=number)
        for (username, index), number in reading.items()
    )
    # Writing in a thread follows it, as reply_to_thread does, from one's first post there.
    ThreadSubscription.objects.bulk_create(
        ThreadSubscription(user=people[author], thread=thread, created_at=created_at)
        for plan, thread in zip(plans, threads, strict=True)
        for author, created_at in {
            post.author: post.created_at for post in reversed(plan.posts)
        }.items()
    )
    services.recount_threads(Thread.objects.filter(category__slug__in=slugs))
    services.recount_categories(Category.objects.filter(slug__in=slugs))
    services.recount_members(User.objects.filter(pk__in=[user.pk for user in people.values()]))
    _record_visits(plans, reactions, people, now)
    for member in people.values():
        services.recompute_trust_level(member=member)
    _say(
        stdout,
        f"Demo community: {len(categories)} categories, {len(threads)} threads, "
        f"{sum(len(plan.posts) for plan in plans)} posts, {len(reactions)} reactions, "
        f"{created} customers added.",
    )
    return Category.objects.in_bulk(slugs, field_name="slug")


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _load_people(now: datetime) -> tuple[dict[str, User], int]:
    """Return everyone in PEOPLE by username, creating the customers demo.accounts lacks."""
    people = {user.username: user for user in User.objects.filter(username__in=PEOPLE)}
    created = 0
    for username, profile in PEOPLE.items():
        if username in people:
            # demo.accounts' people were created a moment ago; their posts are older.
            User.objects.filter(
                pk=people[username].pk, date_joined__gt=joined(username, now)
            ).update(date_joined=joined(username, now))
            continue
        if "name" not in profile:
            raise LookupError(f"Run demo.accounts first: there is no member {username!r}.")
        email = f"{username}@{CUSTOMER_EMAIL_DOMAIN}"
        user = User.objects.create_user(
            email=email,
            username=username,
            display_name=profile["name"],
            language=profile["language"],
            date_joined=joined(username, now),
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        assign_role(member=user, role=Role.MEMBER)
        people[username] = user
        created += 1
    return people, created


def _create_categories() -> dict[str, Category]:
    """Write the categories, without counters: they are recounted once everything is written."""
    categories = {}
    for position, spec in enumerate(CATEGORIES, start=1):
        categories[spec["slug"]] = Category(
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            position=position * 10,
            visibility=spec["visibility"],
            is_qa=spec.get("is_qa", False),
            is_feedback_welcome=spec.get("is_feedback_welcome", False),
        )
    Category.objects.bulk_create(categories.values())
    return categories


def _create_threads(
    plans: list[PlannedThread], categories: dict[str, Category], people: dict[str, User]
) -> list[Thread]:
    """Write the threads and their tags, without counters (recounted once the posts are in)."""
    threads = [
        Thread(
            category=categories[plan.spec["category"]],
            title=plan.spec["title"],
            slug=slug_for_title(plan.spec["title"]),
            author=people[plan.spec["author"]],
            is_pinned=plan.spec.get("pinned", False),
            is_locked=plan.spec.get("locked", False),
            created_at=plan.posts[0].created_at,
        )
        for plan in plans
    ]
    Thread.objects.bulk_create(threads)
    names = {name for plan in plans for name in plan.spec["tags"]}
    tags = Tag.objects.in_bulk([slugify(name) for name in names], field_name="slug")
    missing = [
        Tag(name=name, slug=slugify(name)) for name in sorted(names) if slugify(name) not in tags
    ]
    tags.update((tag.slug, tag) for tag in Tag.objects.bulk_create(missing))
    Thread.tags.through.objects.bulk_create(
        Thread.tags.through(thread=thread, tag=tags[slugify(name)])
        for plan, thread in zip(plans, threads, strict=True)
        for name in plan.spec["tags"]
    )
    return threads


def _create_posts(
    plans: list[PlannedThread], threads: list[Thread], people: dict[str, User]
) -> list[list[Post]]:
    """Render and write every post, its mentions and quotes, and the accepted answers."""
    members = {username.lower(): username for username in people}
    per_thread, rendered_posts = [[] for _ in threads], []
    for plan, thread, posts in zip(plans, threads, per_thread, strict=True):
        for number, planned in enumerate(plan.posts, start=1):
            body = planned.text
            if planned.quote is not None:
                quoted_number, excerpt = planned.quote
                permalink = reverse(
                    "community:post_permalink",
                    kwargs={
                        "thread_slug": thread.slug,
                        "thread_id": thread.pk,
                        "number": quoted_number,
                    },
                )
                author = plan.posts[quoted_number - 1].author
                body = (
                    markdown.quote_source(username=author, permalink=permalink, body=excerpt) + body
                )
            rendered = markdown.render(body, members=members)
            rendered_posts.append(rendered)
            deleted_at = planned.created_at + timedelta(minutes=4) if planned.is_deleted else None
            posts.append(
                Post(
                    thread=thread,
                    number=number,
                    author=people[planned.author],
                    body=body,
                    html=rendered.html,
                    created_at=planned.created_at,
                    is_deleted=planned.is_deleted,
                    deleted_at=deleted_at,
                    deleted_by=people[planned.author] if planned.is_deleted else None,
                )
            )
    posts = [post for thread_posts in per_thread for post in thread_posts]
    Post.objects.bulk_create(posts)
    by_number = {(post.thread.pk, post.number): post for post in posts}
    Mention.objects.bulk_create(
        Mention(post=post, user=people[username])
        for post, rendered in zip(posts, rendered_posts, strict=True)
        for username in sorted(rendered.mentioned_usernames)
    )
    Quote.objects.bulk_create(
        Quote(post=post, quoted_post=by_number[pair])
        for post, rendered in zip(posts, rendered_posts, strict=True)
        for pair in rendered.quoted_permalinks
    )
    for plan, thread in zip(plans, threads, strict=True):
        if plan.accepted_number is not None:
            thread.accepted_answer = by_number[thread.pk, plan.accepted_number]
    Thread.objects.bulk_update([t for t in threads if t.accepted_answer], ["accepted_answer"])
    return per_thread


def _reaction_weight(plan: PlannedThread, post: PlannedPost, number: int) -> float:
    """How much more (or less) than usual people react to this post."""
    if number == plan.accepted_number:
        return 1.6
    if number == 1:
        # An idea's opening post collects the votes.
        return 1.4 if plan.category.get("is_feedback_welcome") else 0.7
    return 0.12 if post.is_filler else 0.5


def _create_reactions(
    rng: random.Random,
    plans: list[PlannedThread],
    posts: list[list[Post]],
    reading: dict[tuple[str, int], int],
    people: dict[str, User],
    now: datetime,
) -> list[Reaction]:
    """Write reactions from people who read that far, never to their own or deleted posts."""
    readers = defaultdict(list)
    for (username, index), number in reading.items():
        readers[index].append((username, number))
    reactions = []
    for index, plan in enumerate(plans):
        for planned, post in zip(plan.posts, posts[index], strict=True):
            if planned.is_deleted:
                continue
            kinds = ANSWER_REACTIONS if post.number == plan.accepted_number else POST_REACTIONS
            chance = _reaction_weight(plan, planned, post.number)
            for username, last_read in readers[index]:
                if last_read < post.number or username == planned.author:
                    continue
                if rng.random() >= PEOPLE[username]["likes"] * chance:
                    continue
                given = rng.choices(list(kinds), list(kinds.values()), k=rng.choice([1] * 12 + [2]))
                earliest = max(planned.created_at, joined(username, now))
                for kind in dict.fromkeys(given):
                    at = min(earliest + timedelta(minutes=rng.uniform(3, 2000)), now)
                    reactions.append(
                        Reaction(post=post, user=people[username], kind=kind, created_at=at)
                    )
    Reaction.objects.bulk_create(reactions)
    return reactions


def _record_visits(
    plans: list[PlannedThread],
    reactions: list[Reaction],
    people: dict[str, User],
    now: datetime,
) -> None:
    """Add each person's days visited (from ``PEOPLE``, no more than since they joined) to
    their activity, and make their last visit the day they last wrote or reacted.

    Visits leave no rows to count them from, as ``record_visit`` keeps them.
    """
    seen = defaultdict(list)  # when each person was active
    for plan in plans:
        for post in plan.posts:
            seen[post.author].append(post.created_at)
    for reaction in reactions:
        seen[reaction.user.username].append(reaction.created_at)
    for username, user in people.items():
        days = min(PEOPLE[username]["visits"], (now - joined(username, now)).days + 1)
        MemberActivity.objects.filter(user=user).update(
            days_visited=F("days_visited") + days,
            last_visit_on=timezone.localdate(max(seen[username], default=now)),
        )
