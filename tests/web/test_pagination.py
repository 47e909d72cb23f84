"""Pagination: ``?page=`` names a page; anything else is an unknown address."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from web.pagination import paginate

ITEMS = list(range(1, 8))


def page_of(query: str):
    return paginate(RequestFactory().get("/" + query), ITEMS, 3)


def test_paginate_without_a_page_gives_the_first():
    page = page_of("")

    assert list(page) == [1, 2, 3]
    assert page.paginator.num_pages == 3


def test_paginate_gives_the_page_named_and_the_last_one_short():
    assert list(page_of("?page=2")) == [4, 5, 6]
    assert list(page_of("?page=3")) == [7]


@pytest.mark.parametrize("page", ["0", "-1", "4", "abc", "1.5", "99999999999999999999"])
def test_paginate_answers_not_found_for_a_page_that_does_not_exist(page):
    with pytest.raises(Http404):
        page_of(f"?page={page}")


def test_paginate_gives_an_empty_list_one_empty_page():
    page = paginate(RequestFactory().get("/"), [], 3)

    assert list(page) == []
    assert page.number == 1
