"""The demo community's content: who talks in it."""

from accounts.models import username_validator
from community import markdown
from demo.accounts import DEMO_PEOPLE
from demo.community_content import PEOPLE


def test_every_demo_username_stays_valid_and_can_be_mentioned():
    for username in [person[0] for person in DEMO_PEOPLE] + list(PEOPLE):
        username_validator(username)
        assert markdown.find_mention_candidates(f"Hi @{username}!") == {username.lower()}
