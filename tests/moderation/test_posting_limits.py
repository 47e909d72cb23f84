"""The new-member sandbox and the posting limits, as members meet them when posting."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import TrustLevel
from accounts.roles import Role
from community import services as community
from community.models import Post, PostStatus
from moderation.models import ReviewItem, ReviewKind
from tests.accounts.factories import UserFactory
from tests.community.factories import ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sandbox(settings):
    settings.LIAISON_SANDBOX_ENABLED = True
    settings.LIAISON_HOLD_FIRST_POSTS = 0


def test_a_new_member_waits_30_seconds_between_posts_and_is_told_how_long(sandbox):
    thread = ThreadFactory()
    member = UserFactory()
    community.reply_to_thread(author=member, thread=thread, body="First words.")
    with pytest.raises(ValidationError) as error:
        community.reply_to_thread(author=member, thread=thread, body="Second words.")
    message = error.value.message_dict["body"][0]
    assert "30 seconds" in message
    assert "You can post again in" in message


def test_a_new_member_cannot_post_more_than_two_links(sandbox):
    body = "See https://a.test https://b.test https://c.test"
    with pytest.raises(ValidationError, match="at most 2 links"):
        community.reply_to_thread(author=UserFactory(), thread=ThreadFactory(), body=body)


def test_a_new_member_cannot_mention_more_than_two_people(sandbox):
    with pytest.raises(ValidationError, match="mention at most 2"):
        community.reply_to_thread(
            author=UserFactory(), thread=ThreadFactory(), body="@ann @bob @cid hello"
        )


def test_a_new_member_opens_at_most_three_threads_on_the_first_day(sandbox, settings):
    settings.LIAISON_SANDBOX_POST_INTERVAL_SECONDS = 0
    member = UserFactory()
    thread = ThreadFactory(author=member)
    for _n in range(2):
        ThreadFactory(author=member, category=thread.category)
    with pytest.raises(ValidationError, match="3 threads on their first day"):
        community.start_thread(
            author=member, category=thread.category, title="Fourth thread", body="More."
        )


def test_a_member_past_the_first_day_is_not_limited_to_three_threads(sandbox, settings):
    settings.LIAISON_SANDBOX_POST_INTERVAL_SECONDS = 0
    member = UserFactory(date_joined=timezone.now() - timedelta(days=2))
    thread = ThreadFactory(author=member)
    for _n in range(3):
        ThreadFactory(author=member, category=thread.category)
    community.start_thread(author=member, category=thread.category, title="Fine", body="Ok.")


def test_the_same_text_twice_within_five_minutes_is_refused(sandbox, settings):
    settings.LIAISON_SANDBOX_POST_INTERVAL_SECONDS = 0
    member, thread = UserFactory(), ThreadFactory()
    community.reply_to_thread(author=member, thread=thread, body="Same text.")
    with pytest.raises(ValidationError, match="same text"):
        community.reply_to_thread(author=member, thread=thread, body="Same text.")


def test_the_first_posts_of_a_new_member_wait_for_approval(settings):
    settings.LIAISON_SANDBOX_ENABLED = True
    settings.LIAISON_HOLD_FIRST_POSTS = 2
    post = community.reply_to_thread(author=UserFactory(), thread=ThreadFactory(), body="Hi!")
    assert post.status == PostStatus.PENDING
    assert ReviewItem.objects.filter(post=post, kind=ReviewKind.HELD_POST).exists()


def test_a_category_may_hold_no_first_posts(settings):
    settings.LIAISON_SANDBOX_ENABLED = True
    thread = ThreadFactory()
    settings.LIAISON_HOLD_FIRST_POSTS_BY_CATEGORY = {thread.category.slug: 0}
    post = community.reply_to_thread(author=UserFactory(), thread=thread, body="Hi!")
    assert post.status == PostStatus.PUBLISHED


def test_links_and_mentions_in_code_do_not_count_against_a_new_member(sandbox):
    body = (
        "My test class: `@Override`, `@Test`, `@Before` and `@After`.\n\n"
        "```\nhttps://a.test https://b.test https://c.test\n```\n"
    )

    post = community.reply_to_thread(author=UserFactory(), thread=ThreadFactory(), body=body)

    assert post.pk


def test_a_markdown_link_counts_as_a_link(sandbox):
    body = "[one](https://a.test) [two](https://b.test) [three](https://c.test)"
    with pytest.raises(ValidationError, match="at most 2 links"):
        community.reply_to_thread(author=UserFactory(), thread=ThreadFactory(), body=body)


# Review issue 10, defect 8: members past trust level 0 posted without any interval,
# posted one text ten times at once, and mentioned 25 members in one post; new
# members embedded any number of images.


@pytest.fixture
def post_limits(settings):
    settings.LIAISON_POST_LIMITS_ENABLED = True


def test_a_member_waits_5_seconds_between_posts_and_is_told_how_long(post_limits):
    member, thread = UserFactory(trust_level=TrustLevel.BASIC), ThreadFactory()
    community.reply_to_thread(author=member, thread=thread, body="First words.")

    with pytest.raises(ValidationError) as error:
        community.reply_to_thread(author=member, thread=thread, body="Second words.")

    message = error.value.message_dict["body"][0]
    assert message.startswith("Please wait 5 seconds between posts. You can post again in")
    assert Post.objects.filter(author=member).count() == 1


def test_a_member_posts_again_once_the_5_seconds_are_over(post_limits):
    member, thread = UserFactory(trust_level=TrustLevel.BASIC), ThreadFactory()
    first = community.reply_to_thread(author=member, thread=thread, body="First words.")
    Post.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(seconds=6))

    community.reply_to_thread(author=member, thread=thread, body="Second words.")

    assert Post.objects.filter(author=member).count() == 2


def test_a_member_cannot_post_the_same_text_twice_within_five_minutes(post_limits, settings):
    settings.LIAISON_POST_INTERVAL_SECONDS = 0
    member, thread = UserFactory(trust_level=TrustLevel.REGULAR), ThreadFactory()
    community.reply_to_thread(author=member, thread=thread, body="Same text.")

    with pytest.raises(ValidationError, match="same text"):
        community.reply_to_thread(author=member, thread=ThreadFactory(), body="Same text.")

    assert Post.objects.filter(author=member).count() == 1


def test_a_post_may_mention_ten_people_but_not_eleven(post_limits, settings):
    settings.LIAISON_POST_INTERVAL_SECONDS = 0
    member, thread = UserFactory(trust_level=TrustLevel.LEADER), ThreadFactory()
    names = [f"@person{n}" for n in range(11)]
    community.reply_to_thread(author=member, thread=thread, body=" ".join(names[:10]))

    with pytest.raises(ValidationError) as error:
        community.reply_to_thread(author=member, thread=thread, body=" ".join(names))

    assert error.value.message_dict["body"] == [
        "A post can mention at most 10 people; this one mentions 11. Remove some and post again."
    ]


def test_staff_are_exempt_from_the_interval_and_the_mentions_limit(post_limits):
    moderator, thread = UserFactory(role=Role.MODERATOR), ThreadFactory()
    names = " ".join(f"@person{n}" for n in range(11))
    for number in range(2):
        community.reply_to_thread(author=moderator, thread=thread, body=f"{names} {number}")

    assert Post.objects.filter(author=moderator).count() == 2


def test_staff_cannot_post_the_same_text_twice_within_five_minutes(post_limits):
    # Review of issue 10: Back and resubmit wrote a manager's reply twice, since the
    # no-store page comes back with a new form token while the browser keeps the text.
    manager, thread = UserFactory(role=Role.COMMUNITY_MANAGER), ThreadFactory()
    community.reply_to_thread(author=manager, thread=thread, body="Thanks, we are on it.")

    with pytest.raises(ValidationError, match="same text"):
        community.reply_to_thread(author=manager, thread=thread, body="Thanks, we are on it.")

    assert Post.objects.filter(author=manager).count() == 1


def test_a_new_member_meets_the_sandbox_interval_before_the_members_one(post_limits, sandbox):
    member, thread = UserFactory(), ThreadFactory()
    community.reply_to_thread(author=member, thread=thread, body="First words.")

    with pytest.raises(ValidationError, match="New members wait 30 seconds"):
        community.reply_to_thread(author=member, thread=thread, body="Second words.")


def test_a_new_member_embeds_at_most_one_image(sandbox):
    member, thread = UserFactory(), ThreadFactory()
    two = "![one](https://a.test/1.png) ![two](https://a.test/2.png)"

    with pytest.raises(ValidationError) as error:
        community.reply_to_thread(author=member, thread=thread, body=two)
    community.reply_to_thread(author=member, thread=thread, body="![one](https://a.test/1.png)")

    assert error.value.message_dict["body"] == [
        "New members can show at most 1 image in a post; this one has 2. "
        "Remove some and post again."
    ]


def test_an_image_in_a_code_sample_is_not_embedded(sandbox):
    body = "```\n![one](https://a.test/1.png) ![two](https://a.test/2.png)\n```"

    post = community.reply_to_thread(author=UserFactory(), thread=ThreadFactory(), body=body)

    assert post.pk
