"""Recognising pasted citation strings: most lines (or paragraphs) read as references."""

from __future__ import annotations

import re

from jakcite.builtin_formats.citation_strings.entries import looks_like_reference, split_entries

__all__ = ["sniff"]

#: Openings of the structured formats (markup, JSON, BibTeX, RIS and MEDLINE tags, CSV headers).
_OTHER_FORMAT = re.compile(r"^\s*(?:[<{\[@%]|[A-Z][A-Z0-9]{1,3}\s{0,3}- |PMID,)")
#: Web of Science's tagged lines (``FN ``, ``PT J``, ``AU Smith, J``): records, not strings.
_WOS_TAG = re.compile(r"^[A-Z][A-Z0-9] \S", re.M)
#: A ``PMID: n`` line of its own: PubMed's Summary and Abstract saves and pages, not a pasted string.
_PMID_LINE = re.compile(r"^PMID:\s*\d+", re.M)


def sniff(head: str) -> float:
    """Confidence that ``head`` is citation strings: at least two thirds of its entries read
    as references.  Low on purpose: any format with its own landmarks wins."""
    text = head.lstrip("\ufeff")
    if _OTHER_FORMAT.match(text) or _PMID_LINE.search(text) or len(_WOS_TAG.findall(text[:4000])) >= 5:
        return 0.0
    lines = text.splitlines()
    if len(head) >= 65536 and len(lines) > 1:
        lines = lines[:-1]  # cut short
    entries = list(split_entries(lines))[:200]
    if not entries:
        return 0.0
    references = sum(1 for entry in entries if looks_like_reference(entry.text))
    return 0.5 if references * 3 >= len(entries) * 2 else 0.0
