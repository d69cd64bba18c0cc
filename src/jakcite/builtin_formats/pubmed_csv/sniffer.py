"""Recognising PubMed's CSV save from its header line."""

from __future__ import annotations

import csv

from jakcite.builtin_formats.pubmed_csv.vocabulary import COLUMNS, header_delimiter

__all__ = ["sniff"]


def sniff(head: str) -> float:
    """Confidence that ``head`` is PubMed's CSV: its header names PubMed's columns."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].strip("\r")
    delimiter = header_delimiter(first)
    if delimiter is None:
        return 0.0
    try:
        header = [name.strip() for name in next(csv.reader([first], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return 0.0
    return 0.95 if sum(column in header for column in COLUMNS) >= 8 else 0.8
