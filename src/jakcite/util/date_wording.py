"""Dates in words as PubMed prints them: ``2019 Sep 4``, ``2000 Spring``."""

from __future__ import annotations

from jakcite.model import PartialDate, Season

__all__ = ["MONTH_ABBREVIATIONS", "date_words", "season_name"]

#: The three-letter English month names, January first.
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def season_name(season: Season) -> str:
    """``Spring``, ``Summer``, ``Autumn``, ``Winter``."""
    return season.value.capitalize()


def date_words(date: PartialDate) -> str:
    """``2019 Sep 4``, ``2019 Sep``, ``2000 Spring`` or ``2019``: year, month and day (or
    season) of a date, without its range end or literal."""
    text = f"{date.year:04d}"
    if date.month is not None:
        text += f" {MONTH_ABBREVIATIONS[date.month - 1]}"
        if date.day is not None:
            text += f" {date.day}"
    elif date.season is not None:
        text += f" {season_name(date.season)}"
    return text
