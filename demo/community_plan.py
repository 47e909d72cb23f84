"""The demo community's plan: who writes what and when, before anything is written.

``demo.community`` writes what is planned here. Every choice is drawn from the
random generator it passes in, in a fixed order, so that one seed plans the
same forum, relative to the moment of loading.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from community.models import Visibility
from demo.community_content import CATEGORIES, FILLERS, INTERNAL_VOICES, PEOPLE, THREADS

POST_COUNT = 620


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


def joined(username: str, now: datetime) -> datetime:
    """When ``username`` joined, as ``PEOPLE`` says: that many days before ``now``."""
    return now - timedelta(days=PEOPLE[username]["joined"])


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


def plan_threads(rng: random.Random, now: datetime) -> list[PlannedThread]:
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
            elif created_at < joined(author, now):
                created_at = joined(author, now) + timedelta(hours=rng.uniform(1, 30))
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
        if joined(name, now) <= created_at and name not in (addressee, plan.posts[-1].author)
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


def plan_reading(rng: random.Random, plans: list[PlannedThread]) -> dict[tuple[str, int], int]:
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
