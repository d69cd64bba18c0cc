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
    """The entries of each blank-line separated block (see :func:`_block_entries`)."""
    block: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.replace("\ufeff", "").split())
        if line:
            block.append((number, line))
            continue
        yield from _block_entries(block)
        block = []
    yield from _block_entries(block)


def _block_entries(block: list[tuple[int, str]]) -> Iterator[Entry]:
    """A numbered list starts an entry at each number; lines that each read as a reference are
    one a line; a paragraph that reads as one reference (and no more than one of its lines
    does) is one; otherwise a line continues the previous one when that stops mid-sentence."""
    if not block:
        return
    numbered = [NUMBERING.match(text) is not None for _, text in block]
    if any(numbered):
        starts = [i for i, is_numbered in enumerate(numbered) if is_numbered or i == 0]
    elif all(looks_like_reference(text) for _, text in block):
        starts = list(range(len(block)))
    elif sum(looks_like_reference(text) for _, text in block) <= 1 and looks_like_reference(
        " ".join(text for _, text in block)
    ):
        starts = [0]
    else:
        starts = [0] + [i for i in range(1, len(block)) if not _continues(block[i - 1][1], block[i][1])]
    for at, start in enumerate(starts):
        end = starts[at + 1] if at + 1 < len(starts) else len(block)
        yield Entry(block[start][0], " ".join(text for _, text in block[start:end]))


def _continues(previous: str, line: str) -> bool:
    """``line`` goes on from ``previous``: a wrap mid-sentence, or the year and volume of a
    citation wrapped after the journal (``2018;391(10120):500-9.``)."""
    if NUMBERING.match(line):
        return False
    ends = previous.endswith((".", "?", "!", ")", "]")) or bool(re.search(r"(?:\d|10\.\d{4,9}/\S+)$", previous))
    return not ends or bool(re.match(r"\d{1,4}[;:(,]", line))


def looks_like_reference(text: str) -> bool:
    """A year and an author list at the start, or a year and an identifier (PMID, DOI)."""
    body = NUMBERING.sub("", text)
    if not YEAR.search(body) or len(body) < 25:
        return False
    return bool(AUTHOR_START.match(body) or IDENTIFIER.search(body) or _SOURCE.search(body))


#: ``. 2019;393(10170)``, ``. 2019 Jul;15(7)``: a journal citation's date and volume.
_SOURCE = re.compile(r"\.\s(?:1[6-9]|20)\d{2}(?:\s[A-Z][a-z]{2}(?:\s\d{1,2})?)?;\s?\S")
