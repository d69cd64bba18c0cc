"""Lists that bibliographies write in one field: keywords, ISBNs and ISSNs."""

from __future__ import annotations

import re

__all__ = ["split_keywords", "split_standard_numbers"]

_KEYWORD_SEPARATOR = re.compile(r"[,;]")
_SEPARATOR = re.compile(r"[,;\s]+")
_LABEL = re.compile(r"^(?:ISBN|ISSN|E?ISSN)[-:]*(?:1[03])?:?$", re.IGNORECASE)


def split_standard_numbers(text: str) -> list[str]:
    """The numbers in ``text``, separated by commas, semicolons or spaces.

    Labels such as ``ISBN`` or ``ISSN:`` printed before a number are not numbers and are
    left out: ``"ISBN 978-3-86680-192-9"`` gives ``["978-3-86680-192-9"]``.
    """
    return [token for token in _SEPARATOR.split(text) if token and not _LABEL.match(token)]


def split_keywords(value: str) -> list[str]:
    """Keywords separated by commas or semicolons, stripped, empty ones left out."""
    return [k.strip() for k in _KEYWORD_SEPARATOR.split(value) if k.strip()]
