"""Corrections of citeproc-py defects, so that output matches citeproc-js."""

from __future__ import annotations

from typing import Any

from jakcite.csl.items import ENGLISH_QUOTES, QuoteMarks

OVERRIDES: dict[str, type] = {}


def quote_marks(root: Any) -> QuoteMarks:
    """The locale's open/close quotes and inner quotes."""
    marks = []
    for name in ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote"):
        term = root.get_single_term(name)
        marks.append(str(term) if term else "")
    if not all(marks):
        return ENGLISH_QUOTES
    return (marks[0], marks[1], marks[2], marks[3])


def prepare_disambiguation(root: Any, bib: Any) -> None:
    """Work out year suffixes and added names before rendering."""


def postprocess(text: str, root: Any) -> str:
    """Fix punctuation citeproc-py leaves behind."""
    return text
