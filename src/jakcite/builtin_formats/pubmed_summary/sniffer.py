"""Recognising PubMed's Summary (text) save from its first record."""

from __future__ import annotations

from jakcite.builtin_formats.pubmed_summary.vocabulary import NUMBERED_TITLE, PMID_LINE
from jakcite.util.citation_lines import parse_citation_line

__all__ = ["sniff"]


def sniff(head: str) -> float:
    """Confidence that ``head`` is a Summary (text) save.

    Its first block is ``1. Title.``, the author line, a citation line and a ``PMID:``
    line, with no blank line between; the Abstract (text) save's numbered line is the
    citation line itself, so it does not match.
    """
    block = _first_block(head)
    if len(block) < 3 or not NUMBERED_TITLE.match(block[0]) or not PMID_LINE.match(block[-1]):
        return 0.0
    if parse_citation_line(NUMBERED_TITLE.match(block[0]).group("title")) is not None:  # type: ignore[union-attr]
        return 0.0  # "1. Journal. 2019 ...": the Abstract (text) layout
    if any(parse_citation_line(line) is not None for line in block[1:-1]):
        return 0.95
    return 0.6  # a record whose citation is not in journal form (a book chapter)


def _first_block(head: str) -> list[str]:
    block: list[str] = []
    for raw in head.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if not line:
            if block:
                break
            continue
        block.append(line)
        if len(block) > 12:
            break
    return block
