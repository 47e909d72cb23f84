"""The demo community's content: the thread files' format and who talks in them."""

import pytest

from accounts.models import username_validator
from community import markdown
from demo.accounts import DEMO_PEOPLE
from demo.community_content import PEOPLE, THREADS, read_thread

THREAD = """\
+++
title = "Recurring tasks"
category = "questions"
author = "alice"
age = 12
tags = ["recurring"]
locked = true
+++

How do I skip weekends?

  Indented lines stay as written.

<!-- reply: sam, accepted -->

Use *Workdays only*.

<!-- reply: bernd, deleted, quoting reply 1: Use *Workdays only*, please -->

Thanks!
"""


def write(tmp_path, text: str):
    path = tmp_path / "01-thread.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_thread_file_gives_its_header_posts_answer_deletion_and_quote(tmp_path):
    spec = read_thread(write(tmp_path, THREAD))

    assert spec == {
        "title": "Recurring tasks",
        "category": "questions",
        "author": "alice",
        "age": 12,
        "tags": ["recurring"],
        "locked": True,
        "body": "How do I skip weekends?\n\n  Indented lines stay as written.",
        "replies": [
            ("sam", "Use *Workdays only*."),
            ("bernd", "Thanks!", 1, "Use *Workdays only*, please"),
        ],
        "accepted": 1,
        "deleted": 2,
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("+++\ntitle", "title"), "must open and close"),
        (("locked = true", "lockd = true"), "unknown keys lockd"),
        (('tags = ["recurring"]\n', ""), "lacks tags"),
        (("<!-- reply: sam, accepted -->", "<!-- reply: sam accepted -->"), "line 14: malformed"),
        (("quoting reply 1", "quoting reply 2"), "reply 2 comes later"),
        (("bernd, deleted", "bernd, accepted"), "a second accepted"),
        (("Use *Workdays only*.\n", ""), "post 1 has no text"),
    ],
)
def test_a_malformed_thread_file_is_refused_naming_the_file(tmp_path, change, message):
    path = write(tmp_path, THREAD.replace(*change, 1))

    with pytest.raises(ValueError, match=message) as refusal:
        read_thread(path)

    assert str(path) in str(refusal.value)


def test_every_thread_has_a_distinct_title():
    titles = [spec["title"] for spec in THREADS]

    assert len(titles) == len(set(titles)) == 66


def test_every_demo_username_stays_valid_and_can_be_mentioned():
    for username in [person[0] for person in DEMO_PEOPLE] + list(PEOPLE):
        username_validator(username)
        assert markdown.find_mention_candidates(f"Hi @{username}!") == {username.lower()}
