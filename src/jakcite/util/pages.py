"""Page ranges as biomedical journals print them."""

from __future__ import annotations

import re

from jakcite.model import Pages

__all__ = ["expand_page_range", "parse_pages"]

_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_RANGE_DASH = re.compile(r"\s*[-\u2010-\u2015]+\s*")
_RANGE_RE = re.compile(r"^\s*([A-Za-z]*)(\d+)([A-Za-z]*)\s*[-\u2010-\u2015]+\s*([A-Za-z]*)(\d+)([A-Za-z]*)\s*$")


def expand_page_range(first: str, last: str) -> str:
    """Expand an abbreviated last page: ``("3120", "9")`` -> ``"3129"``, ``("113", "25")`` -> ``"125"``.

    Only digits are expanded, and only when the last page is shorter than the first.
    """
    if first.isdecimal() and last.isdecimal() and len(last) < len(first):
        candidate = first[: len(first) - len(last)] + last
        if int(candidate) >= int(first):
            return candidate
    return last


def parse_pages(text: str | None) -> Pages | None:
    """Parse ``"113-25"``, ``"e157-e161"``, ``"S1-4"``, ``"693-700"`` or ``"12"`` into :class:`Pages`.

    Abbreviated ranges are expanded (``113-25`` -> 113 to 125) and the printed form kept.
    A list of ranges (``"1-5, 9"``) keeps its first range as first/last.
    """
    if text is None or not text.strip():
        return None
    printed = text.strip()
    head = _LIST_SEPARATOR.split(printed)[0]
    match = _RANGE_RE.match(head)
    if match:
        p1, n1, s1, p2, n2, s2 = match.groups()
        last_digits = expand_page_range(n1, n2)
        first = f"{p1}{n1}{s1}"
        last = f"{p2 or p1}{last_digits}{s2}"
        return Pages(first=first, last=last, printed=printed)
    parts = _RANGE_DASH.split(head, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return Pages(first=parts[0], last=parts[1], printed=printed)
    return Pages(first=head.strip("-"), last=None, printed=printed)
