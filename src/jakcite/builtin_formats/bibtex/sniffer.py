"""Recognising a .bib file (BibTeX or BibLaTeX) from its first characters."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_ENTRY_RE = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]", re.MULTILINE)
#: Entry types (and BibTeX's other blocks) common enough to make a file almost certainly .bib.
_KNOWN = frozenset(
    {"article", "book", "inproceedings", "incollection", "misc", "string", "comment", "preamble", "online"}
)


def sniff(head: str) -> float:
    """Confidence that ``head`` is a .bib file: ``@type{`` blocks at line starts."""
    types = {t.lower() for t in _ENTRY_RE.findall(head)}
    if not types:
        return 0.0
    return 0.9 if types & _KNOWN else 0.6
