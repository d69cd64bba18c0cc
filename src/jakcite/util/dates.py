"""Dates as PubMed, journals and bibliographies write them: ``2019 Jul``, ``2019 Sep-Oct``,
``2000 Spring``, a year or a span of years (``1991--1992``), a day and a month (``8 February``)."""

from __future__ import annotations

import re

from jakcite.model import PartialDate, Season

__all__ = ["MONTHS", "day_and_month", "month_number", "parse_date_text", "year_span"]

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_SEASONS = {
    "spring": Season.SPRING,
    "summer": Season.SUMMER,
    "autumn": Season.AUTUMN,
    "fall": Season.AUTUMN,
    "winter": Season.WINTER,
}


def month_number(text: str | None) -> int | None:
    """``"Oct"``, ``"october"``, ``"10"`` -> 10; anything else -> None."""
    if not text:
        return None
    key = text.strip().strip(".").lower()
    if key.isdecimal():
        value = int(key)
        return value if 1 <= value <= 12 else None
    return MONTHS.get(key)


#: A year, or two joined by a hyphen, dashes or a slash (``1991--1992``, ``1991–92``, ``1991/92``).
_YEAR_SPAN = re.compile(r"\s*(-?\d{1,4})(?:\s*(?:-{1,3}|[\u2010-\u2015]|/)\s*(\d{1,4}))?\s*")
#: A day and a month word, in either order: ``8 Feb``, ``8. Februar``, ``February 8``.
_DAY_MONTH = re.compile(r"\s*(?:(\d{1,2})\.?\s*([^\W\d_]+)\.?|([^\W\d_]+)\.?\s*(\d{1,2})),?\s*")


def year_span(text: str) -> tuple[int, int | None] | None:
    """``1991`` -> (1991, None); ``1991--1992``, ``1991-92`` -> (1991, 1992); None for anything else.

    An end written with fewer digits takes the start's leading digits (``1968--90`` ends in
    1990); an end before the start is not a span (None).
    """
    match = _YEAR_SPAN.fullmatch(text.replace("\u00a0", " "))
    if match is None:
        return None
    start = int(match.group(1))
    if match.group(2) is None:
        return start, None
    digits = match.group(2)
    if len(digits) < len(match.group(1).lstrip("-")):
        digits = match.group(1)[: len(match.group(1)) - len(digits)] + digits
    end = int(digits)
    if end < start:
        return None
    return start, end if end != start else None


def day_and_month(text: str) -> tuple[int, int] | None:
    """``8 February``, ``8~feb``, ``Feb. 8`` -> (day 8, month 2); None for anything else."""
    match = _DAY_MONTH.fullmatch(text.replace("\u00a0", " ").replace("~", " "))
    if match is None:
        return None
    day, word = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    month = MONTHS.get(word.lower())
    return (int(day), month) if month is not None else None


_PART = r"(\d{4})?\s*([A-Za-z]+\.?|\d{1,2}(?=\s|$|-|/))?\s*(\d{1,2})?"


def _one(text: str) -> tuple[int | None, int | None, int | None, Season | None]:
    tokens = text.replace(",", " ").replace("/", " ").split()
    year = month = day = None
    season = None
    leading_day: int | None = None  # "1 September 2022": a day written before its month
    for tok in tokens:
        clean = tok.strip(".").lower()
        if clean.isdecimal() and len(clean) <= 2 and year is None and month is None and leading_day is None:
            if any(month_number(t.strip(".")) is not None and not t.strip(".").isdecimal() for t in tokens):
                leading_day = int(clean)
                continue
        if re.fullmatch(r"\d{4}", clean) and year is None:
            year = int(clean)
        elif clean in _SEASONS and month is None:
            season = _SEASONS[clean]
        elif month_number(clean) is not None and month is None and not clean.isdecimal():
            month = month_number(clean)
        elif clean.isdecimal() and len(clean) <= 2:
            if (
                month is None
                and year is not None
                and day is None
                and season is None
                and int(clean) <= 12
                and "-" not in text
            ):
                month = int(clean)
            elif day is None and month is not None:
                day = int(clean)
    if day is None and month is not None and leading_day is not None:
        day = leading_day
    return year, month, day, season


def parse_date_text(text: str | None) -> PartialDate | None:
    """Parse a free-text date PubMed-style; None when no year can be found.

    ``2022 Oct 4`` -> 2022-10-04; ``2019 Sep-Oct`` -> 2019-09 with ``end`` 2019-10 and the
    literal kept; ``1998 Dec-1999 Jan`` likewise across years; ``2000 Spring`` -> season.
    Invalid days (``Feb 30``) are dropped rather than invented.
    """
    if text is None:
        return None
    raw = " ".join(text.split())
    if not raw:
        return None
    halves = re.split(r"\s*[-\u2013]\s*", raw, maxsplit=1)
    y1, m1, d1, s1 = _one(halves[0])
    if y1 is None:
        return None
    end = None
    literal = None
    if len(halves) == 2 and halves[1]:
        y2, m2, d2, s2 = _one(halves[1])
        if y2 is None and m2 is None and s2 is None and d2 is None and halves[1].isdecimal():
            d2 = int(halves[1]) if d1 is not None else None
        end = _safe(y2 or y1, m2 if m2 is not None else (m1 if d2 is not None else None), d2, s2)
        literal = raw
    start = _safe(y1, m1, d1, s1)
    if start is None:
        return None
    if end is not None and end == start:
        end = None
    return PartialDate(start.year, start.month, start.day, start.season, end=end, literal=literal)


def _safe(year: int | None, month: int | None, day: int | None, season: Season | None) -> PartialDate | None:
    if year is None:
        return None
    try:
        return PartialDate(year, month, day, None if month else season)
    except ValueError:
        try:
            return PartialDate(year, month)
        except ValueError:
            return PartialDate(year)
