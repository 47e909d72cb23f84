"""Reads of the feedback app."""

import pytest
from django.http import Http404

from feedback import selectors, services
from tests.community.factories import ThreadFactory, first_post
from tests.feedback.factories import kind

pytestmark = pytest.mark.django_db


def test_support_for_a_merged_insight_counts_for_its_target(manager, post, ideas):
    from tests.community.factories import ThreadFactory, first_post

    source = services.capture_feedback(actor=manager, post=post, kind=kind())
    other = first_post(ThreadFactory(category=ideas, title="Excel export, please"))
    target = services.capture_feedback(actor=manager, post=other, kind=kind())
    services.merge_insights(actor=manager, source=source, target=target)

    assert selectors.get_insight_to_support(insight_id=source.pk) == target
    assert selectors.get_insight_to_support(insight_id=target.pk) == target


def test_support_for_an_unknown_insight_is_404():
    with pytest.raises(Http404):
        selectors.get_insight_to_support(insight_id=987654)


def test_the_members_behind_an_insight_are_its_authors_and_supporters(manager, member, post):
    insight = services.capture_feedback(actor=manager, post=post, kind=kind())
    services.support_insight(actor=manager, insight=insight)

    assert selectors.list_supporter_ids(insight=insight) == {member.pk, manager.pk}


# Feedback review: similarity suggestions matched on English and German filler words.
def test_suggestions_ignore_words_that_say_nothing_about_the_topic(manager, ideas):
    from feedback import selectors

    for title in ("Export to DATEV fails", "The dark mode is too dark", "Dependencies in Gantt"):
        services.capture_feedback(
            actor=manager, post=first_post(ThreadFactory(category=ideas, title=title)), kind=kind()
        )

    found = selectors.similar_insights(
        text="The Gantt milestones are off by one day, and the chart is slow", viewer=manager
    )
    nothing = selectors.similar_insights(text="the and with this that is", viewer=manager)

    assert [each.title for each in found] == ["Dependencies in Gantt"]
    assert nothing == []
