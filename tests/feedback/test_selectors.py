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


def suggest(viewer, text: str, **kwargs) -> list[str]:
    return [each.title for each in selectors.similar_insights(text=text, viewer=viewer, **kwargs)]


def capture(manager, category, title: str, body: str = "Nothing more to add here."):
    post = first_post(ThreadFactory(category=category, title=title, body=body))
    return services.capture_feedback(actor=manager, post=post, kind=kind())


def test_similar_insights_are_found_by_stems_in_english_and_german(manager, ideas):
    capture(manager, ideas, "Exporting invoices to DATEV")
    capture(manager, ideas, "Rechnungen nach DATEV exportieren", "Bitte für die Buchhaltung.")
    capture(manager, ideas, "Dark mode for the timeline")

    assert suggest(manager, "Invoice export") == ["Exporting invoices to DATEV"]
    assert suggest(manager, "Die Rechnung fehlt") == ["Rechnungen nach DATEV exportieren"]
    assert suggest(manager, "Darker modes please") == ["Dark mode for the timeline"]


def test_similar_insights_match_captured_posts_and_rank_more_shared_words_first(manager, ideas):
    capture(manager, ideas, "Timeline", "Milestones should show their dependencies.")
    capture(manager, ideas, "Gantt chart milestones", "The dependencies are missing too.")
    capture(manager, ideas, "Milestones in reports")

    found = suggest(manager, "Gantt milestones and their dependencies")

    assert found[0] == "Gantt chart milestones"
    assert set(found) == {"Gantt chart milestones", "Timeline", "Milestones in reports"}


def test_similar_insights_leave_out_closed_merged_excluded_and_unseen_ones(
    manager, member, ideas, internal
):
    closed = capture(manager, ideas, "Export to Excel, closed")
    services.answer_publicly(actor=manager, insight=closed, body="Done.", status="declined")
    merged = capture(manager, ideas, "Export to Excel, merged")
    target = capture(manager, ideas, "Export to Excel, open")
    services.merge_insights(actor=manager, source=merged, target=target)
    capture(manager, internal, "Export to Excel, internal")
    kept = capture(manager, ideas, "Export to Excel, kept")

    assert set(suggest(manager, "excel export")) == {
        "Export to Excel, open",
        "Export to Excel, internal",
        "Export to Excel, kept",
    }
    assert set(suggest(member, "excel export", exclude_id=kept.pk)) == {"Export to Excel, open"}


def test_capture_suggestions_look_for_the_threads_title_and_the_posts_words(manager, member, ideas):
    capture(manager, ideas, "Offline mode for the Android app")
    post = first_post(
        ThreadFactory(category=ideas, title="No signal on site", body="The android app fails.")
    )

    found = selectors.capture_suggestions(post=post, viewer=member)

    assert [each.title for each in found] == ["Offline mode for the Android app"]
