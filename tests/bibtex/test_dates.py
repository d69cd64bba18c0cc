"""Years and months as BibTeX users write them: sort hints, spans of years, a day in the month.

The inputs are written by hand; expected values are read off them.
"""

from __future__ import annotations

import pytest

import jakcite
from jakcite.model import PartialDate
from jakcite.util.dates import day_and_month, year_span

pytestmark = pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")


def _one(fields: str) -> jakcite.Record:
    records = jakcite.read(f"@book{{k, title = {{T}}, {fields}}}\n", "bibtex")
    assert records.diagnostics == [], records.diagnostics
    return records[0]


@pytest.mark.parametrize(
    ("year", "hint"),
    [
        (r"{{\noopsort{1973b}}1973}", "1973b"),
        (r'"{\noopsort{1973b}}1973"', "1973b"),
        (r"{\SortNoop{a}1973}", "a"),
        (r"{{\sortkey{1973-2}}1973}", "1973-2"),
    ],
)
def test_a_sort_hint_before_the_year_is_kept_apart(year: str, hint: str) -> None:
    record = _one(f"year = {year}")
    assert record.published == PartialDate(1973)
    assert record.extra_values("bibtex:sortyear") == [hint]
    assert record.extra_values("bibtex:year") == []


def test_a_year_still_unreadable_after_its_hint_is_kept_whole_with_a_warning() -> None:
    records = jakcite.read(r"@book{k, year = {{\noopsort{1973a}}{\switchargs{--90}{1968}}}}", "bibtex", strict=False)
    assert records[0].published is None
    assert records[0].extra_values("bibtex:sortyear") == []
    assert records[0].extra_values("bibtex:year") == ["1973a–901968"]
    assert len(records.diagnostics) == 1 and "not a number" in str(records.diagnostics[0])


@pytest.mark.parametrize("year", ["{1991--1992}", "{1991-1992}", '"1991 -- 1992"', "{1991/92}", "{1991--92}"])
def test_a_span_of_years_starts_in_the_first_and_ends_in_the_last(year: str) -> None:
    record = _one(f"year = {year}")
    assert record.published == PartialDate(1991, end=PartialDate(1992))
    assert record.extra == ()


def test_a_span_of_years_keeps_the_month_of_its_start() -> None:
    record = _one("year = {1991--1992}, month = jun")
    assert record.published == PartialDate(1991, 6, end=PartialDate(1992))


@pytest.mark.parametrize("month", ['"8~" # feb', "{8 February}", '"8." # feb', 'feb # "~8"', "{Feb. 8}", '"8~feb"'])
def test_a_day_written_in_the_month(month: str) -> None:
    record = _one(f"year = 1985, month = {month}")
    assert record.published == PartialDate(1985, 2, 8)
    assert record.extra == ()


def test_a_day_field_wins_over_another_day_in_the_month_which_is_kept() -> None:
    records = jakcite.read('@book{k, year = 1985, month = "8~" # feb, day = 9}', "bibtex", strict=False)
    assert records[0].published == PartialDate(1985, 2, 9)
    assert records[0].extra_values("bibtex:month") == ["8 February"]
    assert len(records.diagnostics) == 1


def test_year_span_and_day_and_month() -> None:
    assert year_span("1991") == (1991, None)
    assert year_span("1968--90") == (1968, 1990)
    assert year_span("1991\u20131992") == (1991, 1992)
    assert year_span("1991-1991") == (1991, None)
    assert year_span("1992-1991") is None and year_span("1991b") is None
    assert day_and_month("10\u00a0January") == (10, 1)
    assert day_and_month("Oct 3") == (3, 10)
    assert day_and_month("June-August") is None and day_and_month("8") is None
