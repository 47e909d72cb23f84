"""CSV escaping: a cell that a spreadsheet would run as a formula starts with an apostrophe."""

import pytest

from web.csv import csv_safe

FORMULAS = ["=HYPERLINK(\"https://evil.test\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
            "\tTab", "\rReturn"]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("text", FORMULAS, ids=repr)
def test_csv_safe_puts_an_apostrophe_before_a_formula(text):
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["", "Plain words", "1-2", 42, None], ids=repr)
def test_csv_safe_leaves_other_values_alone(value):
    assert csv_safe(value) == value


@pytest.mark.parametrize("start", [*FORMULA_STARTS, "\0"], ids=repr)
def test_csv_safe_quotes_every_formula_start(start):
    assert csv_safe(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("text", ["", "Plain", "'=already quoted", "1-2"])
def test_csv_safe_leaves_other_text_alone(text):
    assert csv_safe(text) == text
