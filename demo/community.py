"""The demo community: Planwerk's customer forum, loaded by ``manage.py load_demo``.

Runs after ``demo.accounts`` and finds its people by username; creates the other
customers listed in ``community_content.PEOPLE``. The threads are hand-written
(``community_content.THREADS``); short filler replies from
``community_content.FILLERS`` bring the total to ``POST_COUNT``. Rows are
written with ``bulk_create`` and every counter the services keep is then
recounted from them by ``community.services.counters``, so a load takes
seconds. A seeded random generator
makes every load read the same, relative to the moment of loading.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

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
    Visibility,
)
from community.slugs import slug_for_title
from demo.community_content import CATEGORIES, FILLERS, INTERNAL_VOICES, PEOPLE, THREADS
from notifications.models import ThreadSubscription

POST_COUNT = 620
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


@dataclass
class PlannedPost:
    """A post before it is written: ``quote`` is (number of the quoted post, excerpt)."""

    author: str
    text: str
    created_at: datetime
    quote: tuple[int, str] | None = None
    is_filler: bool = False
    is_deleted: bool = False


@dataclass
class PlannedThread:
    """A thread before it is written, with its posts in order."""

    spec: dict
    category: dict
    posts: list[PlannedPost] = field(default_factory=list)
    accepted_number: int | None = None


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
    plans = _plan_threads(rng, now)
    reading = _plan_reading(rng, plans)
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


def _joined(username: str, now: datetime) -> datetime:
    return now - timedelta(days=PEOPLE[username]["joined"])


def _load_people(now: datetime) -> tuple[dict[str, User], int]:
    """Return everyone in PEOPLE by username, creating the customers demo.accounts lacks."""
    people = {user.username: user for user in User.objects.filter(username__in=PEOPLE)}
    created = 0
    for username, profile in PEOPLE.items():
        if username in people:
            # demo.accounts' people were created a moment ago; their posts are older.
            User.objects.filter(
                pk=people[username].pk, date_joined__gt=_joined(username, now)
            ).update(date_joined=_joined(username, now))
            continue
        if "name" not in profile:
            raise LookupError(f"Run demo.accounts first: there is no member {username!r}.")
        email = f"{username}@{CUSTOMER_EMAIL_DOMAIN}"
        user = User.objects.create_user(
            email=email,
            username=username,
            display_name=profile["name"],
            language=profile["language"],
            date_joined=_joined(username, now),
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        assign_role(member=user, role=Role.MEMBER)
        people[username] = user
        created += 1
    return people, created


def _category_spec(slug: str) -> dict:
    return next(spec for spec in CATEGORIES if spec["slug"] == slug)


def _handwritten(spec: dict) -> list[tuple[str, str, int | None, str | None]]:
    """The thread's hand-written posts as (author, text, quoted index, excerpt)."""
    posts = [(spec["author"], spec["body"], None, None)]
    for reply in spec["replies"]:
        author, text, *quote = reply
        posts.append((author, text, *(quote or (None, None))))
    return posts


def _filler_gaps(spec: dict) -> list[int]:
    """Return the hand-written posts after which filler replies may go."""
    count = 1 + len(spec["replies"])
    gaps = set(range(count))
    if spec.get("locked"):
        gaps.discard(count - 1)
    if "deleted" in spec:
        # A double post stays right after the post it repeats.
        gaps.discard(spec["deleted"] - 1)
    return sorted(gaps)


def _filler_counts(rng: random.Random) -> list[int]:
    """Spread the filler replies over the threads so that there are POST_COUNT posts."""
    handwritten = sum(1 + len(spec["replies"]) for spec in THREADS)
    fixed = sum(spec.get("fillers", 0) for spec in THREADS)
    remaining = POST_COUNT - handwritten - fixed
    weights = [
        0.0
        if "fillers" in spec or not _filler_gaps(spec)
        else _category_spec(spec["category"])["filler_weight"] * rng.uniform(0.6, 1.4)
        for spec in THREADS
    ]
    shares = [remaining * weight / sum(weights) for weight in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(THREADS)), key=lambda i: counts[i] - shares[i])
    for index in by_remainder[: remaining - sum(counts)]:
        counts[index] += 1
    return [spec.get("fillers", count) for spec, count in zip(THREADS, counts, strict=True)]


def _plan_threads(rng: random.Random, now: datetime) -> list[PlannedThread]:
    return [
        _plan_thread(rng, now, spec, fillers)
        for spec, fillers in zip(THREADS, _filler_counts(rng), strict=True)
    ]


def _voices(category: dict) -> list[str]:
    """Who writes the filler replies in ``category``."""
    if category["fillers_by"] == "team":
        return list(INTERNAL_VOICES)
    return [
        name
        for name, profile in PEOPLE.items()
        if category["fillers_by"] in profile.get("speaks", ())
    ]


def _excerpt(text: str) -> str:
    """The first sentence of ``text``'s first paragraph, for a quote."""
    sentence = text.split("\n\n")[0].replace("\n", " ").split(". ")[0].rstrip(".:")
    return sentence if len(sentence) <= 160 else sentence[:157].rsplit(" ", 1)[0] + " …"


def _sequence(rng: random.Random, spec: dict, fillers: int) -> list[tuple[int | None, bool]]:
    """Interleave fillers with the hand-written posts.

    Returns (index of the hand-written post, or ``None`` for a filler; whether
    the filler comes after the answer or the last word, so thanks rather than asks).
    """
    count = 1 + len(spec["replies"])
    resolution = spec.get("accepted", count - 1)
    gaps = [rng.choice(_filler_gaps(spec)) for _ in range(fillers)]
    sequence = []
    for index in range(count):
        sequence.append((index, False))
        is_late = index > 0 and index >= resolution
        sequence.extend((None, is_late) for _ in range(gaps.count(index)))
    return sequence


def _times(rng: random.Random, now: datetime, spec: dict, count: int) -> list[datetime]:
    """Return ``count`` ascending times from the thread's start, replies early rather than late."""
    day = timezone.localdate(now) - timedelta(days=spec["age"])
    start = timezone.make_aware(datetime.combine(day, time(rng.randint(7, 18), rng.randint(0, 59))))
    span = spec.get("span") or min(spec["age"] - 0.2, rng.uniform(0.5, 2.0) + 0.3 * count)
    offsets = sorted(span * rng.random() ** 1.7 for _ in range(count - 1))
    return [start, *(start + timedelta(days=offset) for offset in offsets)]


def _answer_index(spec: dict) -> int:
    """Return the index of the hand-written post that late fillers thank.

    That is the accepted answer, else the team's last word, else the last
    reply by someone other than the thread's author.
    """
    if "accepted" in spec:
        return spec["accepted"]
    authors = [spec["author"]] + [reply[0] for reply in spec["replies"]]
    team = [i for i, author in enumerate(authors) if i and author in INTERNAL_VOICES]
    others = [i for i, author in enumerate(authors) if author != spec["author"]]
    return (team or others or [0])[-1]


def _plan_thread(rng: random.Random, now: datetime, spec: dict, fillers: int) -> PlannedThread:
    """Lay out one thread: hand-written posts, fillers between them, authors and times."""
    plan = PlannedThread(spec=spec, category=_category_spec(spec["category"]))
    handwritten = _handwritten(spec)
    sequence = _sequence(rng, spec, fillers)
    times = _times(rng, now, spec, len(sequence))
    numbers = {}  # hand-written index → post number
    # Filler texts and authors already in the thread (a hand-written author does
    # not also chime in), and "quoted" once a filler has quoted the answer.
    used = {author for author, *_rest in handwritten}
    for position, (index, is_late) in enumerate(sequence):
        previous = plan.posts[-1] if plan.posts else None
        created_at = times[position]
        if previous is not None:
            created_at = max(created_at, previous.created_at + timedelta(minutes=2))
        night_hour = timezone.localtime(created_at).hour
        if night_hour < 7:
            # People post in their working day: hours 0-6 become 7-19, in order.
            created_at += timedelta(hours=7 + night_hour)
        if index is None:
            answer = _answer_index(spec)
            post = _plan_filler(
                rng, now, plan, created_at, is_late, handwritten[answer], numbers.get(answer), used
            )
        else:
            author, text, quoted, excerpt = handwritten[index]
            is_deleted = index == spec.get("deleted")
            if is_deleted:
                created_at = previous.created_at + timedelta(seconds=rng.randint(40, 150))
            elif created_at < _joined(author, now):
                created_at = _joined(author, now) + timedelta(hours=rng.uniform(1, 30))
            quote = (numbers[quoted], excerpt) if quoted is not None else None
            post = PlannedPost(author, text, created_at, quote, is_deleted=is_deleted)
            numbers[index] = position + 1
        # Never in the future, and still after the post before it.
        latest = now - timedelta(minutes=len(sequence) - position)
        if post.created_at > latest and previous is not None:
            post.created_at = max(latest, previous.created_at + timedelta(seconds=1))
        plan.posts.append(post)
    if "accepted" in spec:
        plan.accepted_number = numbers[spec["accepted"]]
    return plan


def _plan_filler(
    rng: random.Random,
    now: datetime,
    plan: PlannedThread,
    created_at: datetime,
    is_late: bool,
    answer: tuple,
    answer_number: int | None,
    used: set[str],
) -> PlannedPost:
    """Write one filler reply: a vote or "me too" early on, thanks for the answer late."""
    op = plan.spec["author"]
    # A late filler thanks whoever answered; an early one talks to the post above.
    addressee = answer[0] if is_late else plan.posts[-1].author
    voices = [
        name
        for name in _voices(plan.category)
        if _joined(name, now) <= created_at and name not in (addressee, plan.posts[-1].author)
    ]
    candidates = [name for name in voices if name != op and name not in used] or voices
    author = rng.choices(candidates, [PEOPLE[name]["visits"] for name in candidates])[0]
    used.add(author)
    pool = FILLERS[plan.spec.get("filler_pool", plan.category["fillers"])]
    templates = pool["late" if is_late else "early"]
    # Once every text has been used in a long thread, one may come again.
    text = (_pick(rng, templates, used) or rng.choice(templates)).format(op=op, prev=addressee)
    quote = None
    detail = _pick(rng, pool["details"], used) if not is_late and rng.random() < 0.45 else None
    if detail == "{context}":
        detail = PEOPLE[author].get("context", {}).get(plan.category["fillers_by"])
    if detail:
        text = f"{text} {detail}" if text[-1] in ".!?" else f"{text}. {detail}"
    elif is_late and "@" not in text and "quoted" not in used and rng.random() < 0.35:
        used.add("quoted")
        quote = (answer_number, _excerpt(answer[1]))
    return PlannedPost(author, text, created_at, quote, is_filler=True)


def _pick(rng: random.Random, options: list[str], used: set[str]) -> str | None:
    """Pick an option not in ``used`` and add it there; ``None`` when all are used."""
    fresh = [option for option in options if option not in used]
    if not fresh:
        return None
    choice = rng.choice(fresh)
    used.add(choice)
    return choice


def _may_see(username: str, category: dict) -> bool:
    return category["visibility"] != Visibility.INTERNAL or username in INTERNAL_VOICES


def _plan_reading(rng: random.Random, plans: list[PlannedThread]) -> dict[tuple[str, int], int]:
    """Return how far each person read each thread: (username, thread index) → post number."""
    reading = {}
    for index, plan in enumerate(plans):
        last = len(plan.posts)
        for username, profile in PEOPLE.items():
            if not _may_see(username, plan.category):
                continue
            written = [n for n, post in enumerate(plan.posts, 1) if post.author == username]
            if written:
                reading[username, index] = (
                    last if rng.random() < 0.85 else rng.randint(written[-1], last)
                )
            elif rng.random() < profile["reads"]:
                reading[username, index] = last if rng.random() < 0.7 else rng.randint(1, last)
    return reading


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
                earliest = max(planned.created_at, _joined(username, now))
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
        days = min(PEOPLE[username]["visits"], (now - _joined(username, now)).days + 1)
        MemberActivity.objects.filter(user=user).update(
            days_visited=F("days_visited") + days,
            last_visit_on=timezone.localdate(max(seen[username], default=now)),
        )
