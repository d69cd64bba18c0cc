"""Recognise MEDLINE (``.nbib``) text from its first lines."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{1,3}) {0,3}- ?", re.MULTILINE)
_PMID_LINE = re.compile(r"^PMID- ?\d", re.MULTILINE)
#: Tags of MEDLINE that RIS does not have in the same form.
_MEDLINE_ONLY = {"PMID", "FAU", "TI", "DP", "JT", "TA", "MH", "PT", "AB", "LA", "PST", "SO", "STAT", "OWN"}


def sniff(head: str) -> float:
    """Confidence that ``head`` is MEDLINE: ``PMID-`` lines, or several MEDLINE tags and no RIS ``TY``."""
    text = head.lstrip("\ufeff")
    tags = [m.group(1) for m in _TAG_LINE.finditer(text)]
    if not tags or "TY" in tags or "ER" in tags:
        return 0.0
    if _PMID_LINE.search(text):
        return 0.95
    known = sum(1 for t in tags if t in _MEDLINE_ONLY)
    return 0.6 if known >= 3 else 0.0
