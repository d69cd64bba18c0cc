"""Day-before-month dates (``1 September 2022``), as reference lists print access dates."""

from __future__ import annotations

import pytest

from jakcite.model import PartialDate
from jakcite.util.dates import parse_date_text


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
