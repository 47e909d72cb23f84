"""Input shapes of the forum (community/forms.py)."""

import pytest
from django import forms

from community.forms import SearchQueryField
from community.search.query import MAX_LENGTH, Query


class SearchForm(forms.Form):
    q = SearchQueryField()


def test_a_search_box_cleans_to_a_query():
    form = SearchForm({"q": '  "dark mode" -beta '})

    assert form.is_valid()
    query = form.cleaned_data["q"]
    assert isinstance(query, Query)
    assert query.groups[0][0].words == ("dark", "mode")
    assert query.excluded[0].words == ("beta",)


@pytest.mark.parametrize("text", ["", "   "])
def test_a_blank_search_box_is_no_query(text):
    form = SearchForm({"q": text})

    assert form.is_valid()
    assert form.cleaned_data["q"] is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * (MAX_LENGTH + 1), f"Search for at most {MAX_LENGTH} characters."),
        ("-only -exclusions", "Type at least one word to search for."),
        (" ".join(f"w{n}" for n in range(13)), "Search for at most 12 words and phrases."),
    ],
)
def test_what_cannot_be_searched_is_the_fields_error(text, message):
    form = SearchForm({"q": text})

    assert not form.is_valid()
    assert form.errors["q"] == [message]
