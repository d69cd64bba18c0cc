"""Cutting a text into citation strings: one a line, or one a paragraph when they wrap."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from jakcite.builtin_formats.citation_strings.vocabulary import AUTHOR_START, IDENTIFIER, NUMBERING, YEAR

__all__ = ["Entry", "looks_like_reference", "split_entries"]


@attrs.frozen
class Entry:
    """One citation string and the line it starts on."""

    line: int
    text: str


def split_entries(lines: Iterable[str]) -> Iterator[Entry]:
    """One entry a line; a line continues the previous one when that one stops mid-sentence
    (a reference wrapped over lines) or it starts in lower case; a blank line always ends one."""
    current: list[str] = []
    start = 0
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.replace("\ufeff", "").split())
        if not line:
            if current:
                yield Entry(start, " ".join(current))
            current = []
            continue
        if current and (_continues(current[-1], line)):
            current.append(line)
            continue
        if current:
            yield Entry(start, " ".join(current))
        current, start = [line], number
    if current:
        yield Entry(start, " ".join(current))


def _continues(previous: str, line: str) -> bool:
    """``line`` goes on from ``previous``: a wrap mid-sentence, or a lower-case / numeric start."""
    if NUMBERING.match(line):
        return False
    ends = previous.endswith((".", "?", "!", ")", "]")) or bool(re.search(r"(?:\d|10\.\d{4,9}/\S+)$", previous))
    return not ends or line[:1].islower() or bool(re.match(r"\d{1,4}[;:(,]", line))


def looks_like_reference(text: str) -> bool:
    """A year and an author list at the start, or a year and an identifier (PMID, DOI)."""
    body = NUMBERING.sub("", text)
    if not YEAR.search(body) or len(body) < 25:
        return False
    return bool(AUTHOR_START.match(body) or IDENTIFIER.search(body))
