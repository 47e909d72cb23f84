"""What the demo community says, read once from the files under ``demo/content/``.

``demo/content/README.md`` describes the files. This module turns them into
the shapes that ``demo.community`` plans with:

- ``PEOPLE``: username → profile (``joined``, ``visits``, ``reads``, ``likes``;
  for customers also ``name``, ``language``, ``speaks`` and ``context``), in
  the order of ``people.toml``;
- ``INTERNAL_VOICES``: the usernames who see the internal category and write
  its filler replies;
- ``CATEGORIES``: one dict per category, in order;
- ``FILLERS``: pool → ``{"early": [...], "details": [...], "late": [...]}``;
- ``THREADS``: one dict per thread file, in the order of the file names: the
  header's keys, ``body``, ``replies`` as ``(author, body)`` or ``(author,
  body, quoted, excerpt)`` where ``quoted`` counts the hand-written posts from
  0 (the opening post), and ``accepted`` and ``deleted`` as such counts.

A malformed file raises ``ValueError`` naming the file (and the line).
"""

import re
import tomllib
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"

#: The keys a thread's header must have, and those it may have.
REQUIRED_KEYS = frozenset({"title", "category", "author", "age", "tags"})
OPTIONAL_KEYS = frozenset({"pinned", "locked", "span", "fillers", "filler_pool"})

HEADER_FENCE = "+++"
REPLY_MARKER = re.compile(
    r"<!-- reply: (?P<author>[\w.-]+)(?P<flags>(?:, (?:accepted|deleted))*)"
    r"(?:, quoting (?:reply (?P<reply>[1-9]\d*)|(?P<opening>the opening post)): "
    r"(?P<excerpt>.+?))? -->"
)


def read_toml(path: Path) -> dict:
    """Return the TOML document in ``path``; raise ``ValueError`` naming the file."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from error


def read_thread(path: Path) -> dict:
    """Return the thread written in ``path`` as a dict (see the module's docstring).

    Raises ``ValueError`` naming the file, and the line where it helps, for a
    missing or unknown header key, a malformed reply marker, an empty post, a
    quote of a post not yet written, or a second accepted answer.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[0] != HEADER_FENCE or HEADER_FENCE not in lines[1:]:
        raise ValueError(f"{path}: the header must open and close with a {HEADER_FENCE} line.")
    end = lines.index(HEADER_FENCE, 1)
    try:
        spec = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: the header is not valid TOML: {error}") from error
    if missing := REQUIRED_KEYS - spec.keys():
        raise ValueError(f"{path}: the header lacks {', '.join(sorted(missing))}.")
    if unknown := spec.keys() - REQUIRED_KEYS - OPTIONAL_KEYS:
        raise ValueError(f"{path}: the header has unknown keys {', '.join(sorted(unknown))}.")
    posts: list[list[str]] = [[]]
    replies: list[tuple] = []
    for number, line in enumerate(lines[end + 1 :], start=end + 2):
        if not line.startswith("<!-- reply:"):
            posts[-1].append(line)
            continue
        match = REPLY_MARKER.fullmatch(line)
        if match is None:
            raise ValueError(f"{path}, line {number}: malformed reply marker {line!r}.")
        index = len(posts)
        for flag in match["flags"].split(", ")[1:]:
            if flag in spec:
                raise ValueError(f"{path}, line {number}: a second {flag} reply.")
            spec[flag] = index
        quote = ()
        if match["excerpt"]:
            quoted = 0 if match["opening"] else int(match["reply"])
            if quoted >= index:
                raise ValueError(f"{path}, line {number}: reply {quoted} comes later.")
            quote = (quoted, match["excerpt"])
        replies.append((match["author"], *quote))
        posts.append([])
    texts = ["\n".join(post).strip("\n") for post in posts]
    if not all(texts):
        raise ValueError(f"{path}: post {texts.index('')} has no text.")
    spec["body"] = texts[0]
    spec["replies"] = [
        (author, text, *quote) for (author, *quote), text in zip(replies, texts[1:], strict=True)
    ]
    return spec


def read_threads(directory: Path) -> list[dict]:
    """Return the threads of every ``*.md`` file in ``directory``, in file-name order."""
    return [read_thread(path) for path in sorted(directory.glob("*.md"))]


def _check_references(threads: list[dict], people: dict, categories: list, fillers: dict):
    """Raise ``ValueError`` for a name of a person, category or pool that does not exist."""
    for category in categories:
        if category["fillers"] not in fillers:
            raise ValueError(f"{category['slug']!r}: unknown filler pool {category['fillers']!r}.")
    slugs = {category["slug"] for category in categories}
    for spec in threads:
        authors = {spec["author"], *(reply[0] for reply in spec["replies"])}
        if unknown := authors - people.keys():
            raise ValueError(f"{spec['title']!r}: unknown people {', '.join(sorted(unknown))}.")
        if spec["category"] not in slugs:
            raise ValueError(f"{spec['title']!r}: unknown category {spec['category']!r}.")
        if "filler_pool" in spec and spec["filler_pool"] not in fillers:
            raise ValueError(f"{spec['title']!r}: unknown filler pool {spec['filler_pool']!r}.")


_people = read_toml(CONTENT_DIR / "people.toml")
PEOPLE: dict[str, dict] = _people["people"]
INTERNAL_VOICES: tuple[str, ...] = tuple(_people["internal_voices"])
CATEGORIES: list[dict] = read_toml(CONTENT_DIR / "categories.toml")["categories"]
FILLERS: dict[str, dict[str, list[str]]] = read_toml(CONTENT_DIR / "fillers.toml")
THREADS: list[dict] = read_threads(CONTENT_DIR / "threads")
_check_references(THREADS, PEOPLE, CATEGORIES, FILLERS)
