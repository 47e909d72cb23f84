"""Matching automod rules against post text, with a time bound.

Regular expressions (and the word lists compiled into one) run on the
``regex`` package with a timeout (``LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS``):
a pattern that backtracks catastrophically on some post gives up instead of
blocking a web worker, and counts as no match. Patterns are compiled when a
rule is saved, so a broken one never reaches the forum; a pattern that would
exhaust the compiler (nested too deep, or counted repeats that multiply out to
millions of steps) is refused before it is compiled. Trying a rule on many
posts (``try_rule``) has a time budget of its own for all of them together.
"""

import functools
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import regex
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import RuleKind

logger = logging.getLogger(__name__)

#: The source that the automod rules name in their post check results' details.
AUTOMOD = "automod"
LINK_PATTERN = regex.compile(r"https?://[^\s)\]>\"']+", regex.IGNORECASE)
CENSOR_MARK = "■■■"
# ASCII only: str.isdigit() and \d accept digits such as "²" that int() refuses.
COUNT_PATTERN = regex.compile(r"[0-9]{1,4}")
RATE_PATTERN = regex.compile(r"([0-9]{1,5})/([0-9]{1,5})")
DOMAIN_PATTERN = regex.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?",
    regex.IGNORECASE,
)
#: A counted repeat, ``{3}``, ``{2,5}``, ``{,5}`` or ``{2,}``; longer numbers are no count.
COUNT_QUANTIFIER = regex.compile(r"\{([0-9]{0,10})(?:,([0-9]{0,10}))?\}")
#: The flags that open an inline flag group, up to its "-", ":" or ")".
INLINE_FLAGS = regex.compile(r"([a-zA-Z0-9]*)")
#: Deepest nesting of groups and sets in a regular expression. The compiler recurses
#: once per level: "(" * 500 + ")" * 500 raised RecursionError and answered 500.
MAX_PATTERN_NESTING = 20
#: Most steps a regular expression may hold once its counted repeats are written out.
#: The compiler writes them out: "(?:a{65535}){65535}" took gigabytes and never ended,
#: and "(?:(?:ab|cd){1000}){1000}" crashed the process; 10,000 compiles in about 2 MB.
MAX_PATTERN_STEPS = 10_000
MAX_LINK_COUNT = 1000
MAX_RATE_POSTS = 10_000
MAX_RATE_MINUTES = 10_080  # One week.
#: Wall-clock seconds that trying a rule may take over all the posts it tries.
PREVIEW_BUDGET_SECONDS = 2.0


@dataclass(frozen=True)
class Match:
    """Where a rule matched: the text it found (empty for counts and rates)."""

    text: str


@dataclass(frozen=True)
class Trial:
    """What trying a rule on posts found: ``(post, text)`` matches, among ``tried`` posts.

    ``is_stopped`` tells that the time budget ran out before every post was tried.
    """

    matches: list
    tried: int
    is_stopped: bool


def lines(pattern: str) -> list[str]:
    """Return the non-empty, stripped lines of ``pattern``."""
    return [line.strip() for line in pattern.splitlines() if line.strip()]


def find_links(body: str) -> list[str]:
    """Return the http(s) links in ``body``."""
    return LINK_PATTERN.findall(body)


def compile_pattern(kind: str, pattern: str):
    """Return the compiled regular expression of a words or regex rule.

    Raises ``ValidationError`` (code ``invalid_regex`` or ``empty``) for a
    pattern that does not compile or holds nothing.
    """
    if kind == RuleKind.WORDS:
        words = lines(pattern.replace(",", "\n"))
        if not words:
            raise ValidationError(_("List at least one word."), code="empty")
        source = r"\b(?:" + "|".join(regex.escape(word) for word in words) + r")\b"
    else:
        source = pattern.strip()
        if not source:
            raise ValidationError(_("Write a regular expression."), code="empty")
    if uses_verbose_mode(source):
        # Verbose mode ignores white space, so "a {100}" repeats "a": the measure below
        # would count the repeat on the space and understate the pattern.
        raise ValidationError(
            _("Verbose mode (?x) is not supported in rules: write the pattern without it."),
            code="verbose",
        )
    nesting, steps = measure_pattern(source)
    if nesting > MAX_PATTERN_NESTING:
        raise ValidationError(
            _("This regular expression nests more than %(max)d groups deep.")
            % {"max": MAX_PATTERN_NESTING},
            code="too_deep",
        )
    if steps > MAX_PATTERN_STEPS:
        raise ValidationError(
            _(
                "This regular expression is too large: its repeats add up to more than "
                "%(max)d characters. Use fewer or smaller counts."
            )
            % {"max": MAX_PATTERN_STEPS},
            code="too_large",
        )
    try:
        return regex.compile(source, regex.IGNORECASE | regex.VERSION1)
    except (regex.error, RecursionError, OverflowError, MemoryError) as error:
        raise ValidationError(
            _("This is not a valid regular expression: %(error)s") % {"error": error},
            code="invalid_regex",
        ) from error


@functools.lru_cache(maxsize=256)
def measure_pattern(source: str) -> tuple[int, int]:
    """Return how deep ``source`` nests groups and sets, and its length with counted
    repeats written out (``(ab){3}`` is 6).

    A cautious reading rather than a parser: every character counts as one
    step, alternatives add up instead of taking the longest, and a count
    ``{m,n}`` multiplies by its larger number. It may overstate a pattern,
    never understate it, and it runs before the compiler, so it must not
    recurse: a stack of open groups keeps, for each, its steps so far and the
    steps of its last item (which a count multiplies).
    """
    groups = [[0, 0]]
    deepest = 0
    position = 0
    while position < len(source):
        char = source[position]
        steps = 1
        if char == "\\":
            position += 2
        elif char == "[":
            position, set_nesting = _skip_set(source, position)
            deepest = max(deepest, len(groups) - 1 + set_nesting)
        elif char == "(":
            groups.append([0, 0])
            deepest = max(deepest, len(groups) - 1)
            position += 1
            continue
        elif char == ")" and len(groups) > 1:
            steps = max(groups.pop()[0], 1)
            position += 1
        elif count := COUNT_QUANTIFIER.match(source, position):
            times = max((int(number) for number in count.groups() if number), default=1)
            group = groups[-1]
            group[0] += group[1] * (times - 1)
            group[1] *= times
            position = count.end()
            continue
        else:
            position += 1
        groups[-1][0] += steps
        groups[-1][1] = steps
    return deepest, sum(group[0] for group in groups)


def uses_verbose_mode(source: str) -> bool:
    """Return whether ``source`` turns on verbose mode with an inline flag: ``(?x)``,
    ``(?ix)``, ``(?x:...)``; escapes and sets are skipped, so ``\\(?x`` is no flag."""
    position = 0
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 2
        elif char == "[":
            position, _nesting = _skip_set(source, position)
        elif source.startswith("(?", position):
            flags = INLINE_FLAGS.match(source, position + 2)
            if flags and "x" in flags.group(1).lower():
                return True
            position += 2
        else:
            position += 1
    return False


def _skip_set(source: str, start: int) -> tuple[int, int]:
    """Return the position after the set that opens at ``start`` and how deep it nests.

    Sets nest in the VERSION1 syntax the rules compile with (``[[a-z]--[aeiou]]``);
    a "]" right after the opening "[" or "[^" is a member, not the end.
    """
    position, nesting, deepest = start, 0, 0
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            nesting += 1
            deepest = max(deepest, nesting)
            position += 1
            if source.startswith("^", position):
                position += 1
            if source.startswith("]", position):
                position += 1
            continue
        position += 1
        if char == "]":
            nesting -= 1
            if nesting == 0:
                break
    return position, deepest


def validate_pattern(kind: str, pattern: str) -> None:
    """Raise ``ValidationError`` unless ``pattern`` suits a rule of ``kind``."""
    if kind in {RuleKind.WORDS, RuleKind.REGEX}:
        compile_pattern(kind, pattern)
    elif kind == RuleKind.LINK_DOMAIN:
        parse_domains(pattern)
    elif kind == RuleKind.LINK_COUNT:
        parse_link_count(pattern)
    elif kind == RuleKind.POST_RATE:
        parse_rate(pattern)


def parse_domains(pattern: str) -> list[str]:
    """Return the lower-cased domains of a domain pattern, one a line; ``ValidationError``
    for an empty list or a line that is not a domain name such as ``example.com``."""
    domains = [domain.lower().lstrip(".") for domain in lines(pattern)]
    if not domains:
        raise ValidationError(_("List at least one domain."), code="empty")
    for domain in domains:
        if len(domain) > 253 or not DOMAIN_PATTERN.fullmatch(domain):
            raise ValidationError(
                _('"%(domain)s" is not a domain name such as example.com.')
                % {"domain": domain[:100]},
                code="invalid_domain",
            )
    return domains


def parse_link_count(pattern: str) -> int:
    """Return the number of links a count pattern allows; ``ValidationError`` otherwise."""
    source = pattern.strip()
    if not COUNT_PATTERN.fullmatch(source) or int(source) > MAX_LINK_COUNT:
        raise ValidationError(
            _("Write the number of links allowed, from 0 to %(max)d.") % {"max": MAX_LINK_COUNT},
            code="invalid",
        )
    return int(source)


def parse_rate(pattern: str) -> tuple[int, int]:
    """Return (posts, minutes) of a rate pattern "posts/minutes"; ``ValidationError`` otherwise."""
    found = RATE_PATTERN.fullmatch(pattern.strip())
    posts, minutes = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
    if not (0 < posts <= MAX_RATE_POSTS and 0 < minutes <= MAX_RATE_MINUTES):
        raise ValidationError(
            _(
                'Write the rate as "posts/minutes", for example 5/10, with at most %(posts)d '
                "posts and %(minutes)d minutes."
            )
            % {"posts": MAX_RATE_POSTS, "minutes": MAX_RATE_MINUTES},
            code="invalid",
        )
    return posts, minutes


def _search(compiled, body: str, timeout: float | None = None):
    if timeout is None:
        timeout = settings.LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS
    try:
        return compiled.search(body, timeout=timeout)
    except TimeoutError:
        logger.warning("Automod pattern %r timed out; treated as no match.", compiled.pattern)
        return None


def match_text(rule, body: str, *, timeout: float | None = None) -> Match | None:
    """Return where ``rule`` matches ``body`` (a text rule; rate rules never match here).

    ``timeout`` bounds a regular expression's search, by default
    ``LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS``. A stored pattern that no longer
    validates (saved before the rules were strict) counts as no match, so that
    it never breaks posting.
    """
    try:
        return _match_text(rule, body, timeout)
    except ValidationError:
        logger.warning(
            "Automod rule %r has an invalid pattern; treated as no match.",
            getattr(rule, "pk", None),
        )
        return None


def _hostname(link: str) -> str:
    """Return the lower-cased host of ``link``; empty for one urlsplit refuses ("http://[x")."""
    try:
        return (urlsplit(link).hostname or "").lower()
    except ValueError:
        return ""


def _match_text(rule, body: str, timeout: float | None) -> Match | None:
    if rule.kind in {RuleKind.WORDS, RuleKind.REGEX}:
        found = _search(compile_pattern(rule.kind, rule.pattern), body, timeout)
        return Match(found.group(0)[:200]) if found else None
    if rule.kind == RuleKind.LINK_DOMAIN:
        domains = parse_domains(rule.pattern)
        for link in find_links(body):
            host = _hostname(link)
            if any(host == domain or host.endswith("." + domain) for domain in domains):
                return Match(link[:200])
        return None
    if rule.kind == RuleKind.LINK_COUNT:
        return Match("") if len(find_links(body)) > parse_link_count(rule.pattern) else None
    return None


def try_rule(rule, posts, *, budget_seconds: float | None = None) -> Trial:
    """Match text ``rule`` against each of ``posts`` until ``budget_seconds`` have passed
    (by default ``PREVIEW_BUDGET_SECONDS``).

    Each post still has its own time limit, cut to what is left of the budget,
    so that a slow pattern stops the trial instead of taking the per-post limit
    times every post. A post whose search the deadline cut short is not counted.
    """
    if budget_seconds is None:
        budget_seconds = PREVIEW_BUDGET_SECONDS
    per_post = settings.LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS
    deadline = time.monotonic() + budget_seconds
    matches = []
    tried = 0
    for post in posts:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return Trial(matches=matches, tried=tried, is_stopped=True)
        found = match_text(rule, post.body, timeout=min(per_post, remaining))
        if time.monotonic() >= deadline:
            return Trial(matches=matches, tried=tried, is_stopped=True)
        tried += 1
        if found is not None:
            matches.append((post, found.text))
    return Trial(matches=matches, tried=tried, is_stopped=False)


def match_rate(rule, author) -> Match | None:
    """Return a match when ``author`` has written more posts than ``rule``'s rate allows.

    A stored pattern that is not a valid rate counts as no match.
    """
    from community.models import Post

    try:
        posts, minutes = parse_rate(rule.pattern)
    except ValidationError:
        logger.warning(
            "Automod rule %r has an invalid rate; treated as no match.", getattr(rule, "pk", None)
        )
        return None
    since = timezone.now() - timedelta(minutes=minutes)
    recent = Post.objects.filter(author=author, created_at__gte=since).count()
    return Match("") if recent >= posts else None


def censor(rule, body: str) -> str:
    """Return ``body`` with every match of a words or regex ``rule`` replaced by a mark."""
    if rule.kind not in {RuleKind.WORDS, RuleKind.REGEX}:
        return body
    try:
        compiled = compile_pattern(rule.kind, rule.pattern)
    except ValidationError:
        return body
    try:
        return compiled.sub(
            CENSOR_MARK, body, timeout=settings.LIAISON_AUTOMOD_REGEX_TIMEOUT_SECONDS
        )
    except TimeoutError:
        logger.warning("Automod pattern %r timed out while censoring.", compiled.pattern)
        return body
