"""community.slugs: tags' slugs, for every script and for C# and C++."""

import pytest
from django.test import Client

from community import services
from community.models import (
    Tag,
    Thread,
)
from tests.accounts.factories import UserFactory
from tests.community.factories import (
    CategoryFactory,
)

pytestmark = pytest.mark.django_db


def start_tagged(tags: list[str]) -> Thread:
    return services.start_thread(
        author=UserFactory(), category=CategoryFactory(), title="Tagged", body="Body", tags=tags
    )


# Forum visibility review: a tag whose slug expanded past the column broke the thread.
def test_a_tag_whose_slug_expands_past_the_column_is_cut_and_kept_apart():
    long_name = "㎒" * 40
    other = "㎒" * 39 + "x"

    thread = start_tagged([long_name, other])

    tags = list(thread.tags.order_by("name"))
    assert len(tags) == 2
    assert all(len(tag.slug) <= Tag._meta.get_field("slug").max_length for tag in tags)
    assert tags[0].slug != tags[1].slug
    assert Client().get(tags[0].get_absolute_url()).status_code == 200


# Forum visibility review: a non-Latin tag had an empty slug and no page.
def test_a_non_latin_tag_gets_a_slug_and_a_page():
    thread = start_tagged(["日本語", "中文"])

    tags = list(thread.tags.all())
    assert {tag.name for tag in tags} == {"日本語", "中文"}
    assert len({tag.slug for tag in tags}) == 2
    page = Client().get(Tag.objects.get(name="日本語").get_absolute_url())
    assert page.status_code == 200
    assert "Tagged" in page.content.decode()


# Forum visibility review: C#, C++ and C shared one slug.
def test_c_sharp_and_c_plus_plus_are_distinct_tags():
    thread = start_tagged(["C#", "C++", "C"])

    assert sorted(thread.tags.values_list("slug", flat=True)) == ["c", "c-plus-plus", "c-sharp"]


# Forum visibility review: the same non-Latin name made a second tag.
def test_the_same_tag_name_finds_the_tag_it_made():
    first = start_tagged(["日本語", "C#"])
    second = start_tagged(["日本語", "C#"])

    assert list(first.tags.order_by("pk")) == list(second.tags.order_by("pk"))
    assert Tag.objects.count() == 2


# Forum visibility review: a tag made before the slug rules changed was no longer found.
def test_a_tag_made_before_the_slug_rules_changed_is_found_by_its_name():
    old = Tag.objects.create(name="C#", slug="c")

    thread = start_tagged(["C#"])

    assert list(thread.tags.all()) == [old]


# Forum visibility review: a mixed name took the slug of its Latin part.
def test_a_mixed_name_stays_apart_from_its_latin_part():
    thread = start_tagged(["Python 日本", "Python"])

    assert thread.tags.count() == 2
    assert Tag.objects.get(name="Python").slug == "python"
