"""The small shared parsers of jakcite.util: page ranges, dates (PubMed's year-first and day-first forms), names."""

from __future__ import annotations

import pytest

from jakcite.model import Pages, PartialDate, Season
from jakcite.util.dates import parse_date_text
from jakcite.util.names import parse_inverted_name, parse_medline_short_name
from jakcite.util.pages import parse_pages


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("3120-9", "3120", "3129"),
        ("113-25", "113", "125"),
        ("693-700", "693", "700"),
        ("e157-e161", "e157", "e161"),
        ("S1-4", "S1", "S4"),
        ("1199-201", "1199", "1201"),
        ("406–417", "406", "417"),
        ("12", "12", None),
    ],
)
def test_page_ranges_expand(text: str, first: str, last: str | None) -> None:
    pages = parse_pages(text)
    assert pages == Pages(first, last, text)


def test_no_pages() -> None:
    assert parse_pages("  ") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022 Oct 4", PartialDate(2022, 10, 4)),
        ("2019 Jul", PartialDate(2019, 7)),
        ("2000 Spring", PartialDate(2000, season=Season.SPRING)),
        ("2019", PartialDate(2019)),
        ("2019 Sep-Oct", PartialDate(2019, 9, end=PartialDate(2019, 10), literal="2019 Sep-Oct")),
        ("1998 Dec-1999 Jan", PartialDate(1998, 12, end=PartialDate(1999, 1), literal="1998 Dec-1999 Jan")),
        ("2019 Apr 25", PartialDate(2019, 4, 25)),
    ],
)
def test_pubmed_dates(text: str, expected: PartialDate) -> None:
    assert parse_date_text(text) == expected


def test_date_without_year_is_none() -> None:
    assert parse_date_text("Spring") is None


# Day-before-month dates (``1 September 2022``), as reference lists print access dates.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 September 2022", PartialDate(2022, 9, 1)),
        ("15 Jan 2020", PartialDate(2020, 1, 15)),
        # unchanged behaviour for PubMed's year-first forms
        ("2022 Oct 4", PartialDate(2022, 10, 4)),
        ("December 2022", PartialDate(2022, 12)),
        ("3 2019", PartialDate(2019)),
    ],
)
def test_day_first_dates(text: str, expected: PartialDate) -> None:
    assert parse_date_text(text) == expected


def test_medline_names() -> None:
    person = parse_medline_short_name("Novák A")
    assert (person.family, person.initials) == ("Novák", "A")
    person = parse_medline_short_name("van der Berg AB")
    assert (person.family, person.initials) == ("van der Berg", "AB")
    person = parse_inverted_name("Müller, Jörg")
    assert (person.family, person.given, person.initials) == ("Müller", "Jörg", "J")
