"""Which of the three layouts a text is in, and where its records begin."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from jakcite.builtin_formats.pubmed_text.vocabulary import RELATIONS, heading_of
from jakcite.util.citation_lines import is_citation_line, parse_citation_line

NUMBERED_CITATION = re.compile(r"^(\d{1,6})\.\s+(\S.*)$")


PMID_LINE = re.compile(r"^PMID:\s*(\d+)")


_PAGE_MARKERS = (
    "Skip to main page content",
    "An official website of the United States government",
    "PubMed Disclaimer",
    "Similar articles",
    "Cited by",
    "LinkOut - more resources",
    "Full text links",
)


def detect_layout(text: str) -> str | None:
    """``"page"``, ``"abstract-text"``, ``"abstract-view"``, or None when it is not PubMed text.

    Only a page's landmarks count: the site banner and furniture, an "Abstract (text)"
    record opening on its numbered citation line, ``Author information:`` or ``[Indexed for
    MEDLINE]``, the headings of a page's sections, or a citation line standing alone between
    blank lines under a title.  PubMed's other exports carry citation lines and ``PMID:``
    too (the Summary text's ``1. Title.`` / authors / citation / ``PMID:`` blocks, CSV rows,
    the Cite button's strings) and are not copied pages.
    """
    if _is_other_format(text):
        return None
    lines = [_clean_line(line) for line in text.splitlines()]
    if sum(marker in text for marker in _PAGE_MARKERS) >= 1 and _has_citation_or_pmid(lines):
        return "page"
    for index, line in enumerate(lines[:200]):
        if heading_of(line) is not None:
            break  # numbered lines under "References" are cited works, not records
        if (index == 0 or not lines[index - 1]) and _opens_abstract_text_record(lines, index):
            return "abstract-text"
    if any(re.match(r"^PMID:\s*\d+.*(?:Indexed for MEDLINE|PubMed - )", line) for line in lines) or (
        any(line.startswith("Author information:") for line in lines)
    ):
        return "abstract-text"
    if _has_page_headings(lines) and _has_citation_or_pmid(lines):
        return "abstract-view"
    if any(_standalone_citation(lines, i) for i in range(min(len(lines), 400))):
        return "abstract-view"
    return None


def _opens_abstract_text_record(lines: list[str], index: int) -> bool:
    """``12. Journal. 2019 Jun;...`` (possibly wrapped): the citation line starts on the numbered line."""
    numbered = NUMBERED_CITATION.match(lines[index])
    if numbered is None or not _NUMBERED_RECORD.match(lines[index]):
        return False
    citation = parse_citation_line(" ".join([numbered.group(2), *_block_after(lines, index)]))
    return citation is not None and citation.journal is not None and _journal_like(citation.journal)


#: Headings only a PubMed page or abstract view prints (not ``Abstract``: any text may have one).
_PAGE_HEADINGS = ("publication types", "mesh terms", "substances", "grants and funding", "affiliations")


def _has_page_headings(lines: list[str]) -> bool:
    return any(line.lower().rstrip(":") in _PAGE_HEADINGS for line in lines[:2000])


def _standalone_citation(lines: list[str], index: int) -> bool:
    """The abstract view's citation line: alone between blank lines, a journal name first, a title block above."""
    line = lines[index]
    if not line or index < 2 or lines[index - 1] or (index + 1 < len(lines) and lines[index + 1]):
        return False
    if not lines[index - 2] or not is_citation_line(line):
        return False
    citation = parse_citation_line(line)
    return citation is not None and (citation.journal is None or _journal_like(citation.journal))


def _journal_like(name: str) -> bool:
    """A journal's name or abbreviation, not an author list or a CSV row run into the date."""
    if re.search(r"[,;\"?!]", name) or len(name.split()) > 10:
        return False
    return not re.match(r"\S+\s+[A-Z]{1,3}\.\s", name)  # "Tanaka Y. Title. Journal": an author first


_TAGGED_LINE = re.compile(r"^(?:PMID- |[A-Z][A-Z0-9]{1,3}\s{0,3}- )", re.M)


def _is_other_format(text: str) -> bool:
    """Markup (XML, JSON, BibTeX) or tagged lines (MEDLINE ``PMID- ``, RIS ``TY  - ``) are not PubMed text."""
    start = text.lstrip("\ufeff \t\r\n")
    if start[:1] in ("<", "{", "@", "%") or re.match(r"\[\s*[\[{\"\]]", start):  # "[Translated title]." is ours
        return True
    return len(_TAGGED_LINE.findall(text[:20000])) >= 3 or bool(re.search(r"^PMID- ", text[:20000], re.M))


def _block_after(lines: list[str], index: int) -> list[str]:
    """Up to three non-blank lines after ``index`` (a citation line wrapped at 80 columns)."""
    out: list[str] = []
    for nxt in lines[index + 1 : index + 4]:
        if not nxt:
            break
        out.append(nxt)
    return out


def _has_citation_or_pmid(lines: list[str]) -> bool:
    return any(PMID_LINE.match(line) or is_citation_line(line) for line in lines[:400])


def _clean_line(line: str) -> str:
    line = line.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ").replace("\ufeff", "")
    line = line.rstrip()
    return re.sub(r"^\s*[•·◦▪●‣∙-]\s+", "", line).strip() if re.match(r"^\s*[•·◦▪●‣∙]\s", line) else line.strip()


@attrs.frozen
class RawRecord:
    """The cleaned lines of one record, where it starts, and whether it came before the first record mark."""

    line: int
    lines: list[str]
    leading: bool = False


def split_records(lines: Iterable[str], layout: str) -> Iterator[RawRecord]:
    """Cut a file into records as its lines stream by.

    ``abstract-text`` records start at their sequential number (``1. ``, ``2. ``...) after a
    blank line, ``page`` records at the site banner; the ``abstract-view`` layout needs to
    look ahead (a record starts at the title above its citation line), so it is buffered.
    """
    if layout == "abstract-view":
        yield from _split_buffered([_clean_line(line) for line in lines])
        return
    chunk: list[str] = []
    chunk_start = 1
    last = 0
    previous = ""
    leading = True
    for number, raw in enumerate(lines, start=1):
        line = _clean_line(raw)
        mark = _record_mark(line, previous, layout, last)
        if mark is not None:
            if any(chunk):
                yield _raw(chunk_start, chunk, leading)
            chunk, chunk_start, leading, last = [], number, False, mark
        chunk.append(line)
        previous = line
    if any(chunk):
        yield _raw(chunk_start, chunk, leading and last > 0)


_NUMBERED_RECORD = re.compile(r"^(\d{1,6})\.\s+\S.*?\.\s+(?:1[6-9]|20)\d{2}\b")


def _record_mark(line: str, previous: str, layout: str, last: int) -> int | None:
    """The record number a line starts (the banner counts as the next number), else None.

    A numbered record starts after a blank line with a number above the last one (or 1,
    where a second saved file was appended) and a citation (``12. Journal. 2019 ...``), so
    numbers inside an abstract start nothing.
    """
    if layout == "page":
        return last + 1 if line.lower() == "skip to main page content" else None
    numbered = _NUMBERED_RECORD.match(line)
    if numbered is None or previous:
        return None
    number = int(numbered.group(1))
    return number if number > last or number == 1 else None  # "1." again: a second saved file appended


def _raw(start: int, chunk: list[str], leading: bool) -> RawRecord:
    first = next(i for i, line in enumerate(chunk) if line)
    return RawRecord(start + first, chunk[first:], leading)


def _split_buffered(cleaned: list[str]) -> Iterator[RawRecord]:
    starts = _abstract_view_starts(cleaned)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(cleaned)
        chunk = cleaned[start:end]
        if any(chunk):
            yield _raw(start + 1, chunk, False)


def _abstract_view_starts(lines: list[str]) -> list[int]:
    """A record of the abstract view starts at its title: the text block before a citation line.

    Citation lines listed under ``Comment in``, ``References`` and the like belong to the
    record they are in and start nothing.
    """
    starts = [0]
    seen_body = False
    section = "top"
    for i, line in enumerate(lines):
        heading = heading_of(line) if line else None
        if heading is not None:
            section = heading
            continue
        if not is_citation_line(line):
            if line and i > starts[-1] + 2:
                seen_body = True
            continue
        title_start = i - 1
        while title_start >= 0 and not lines[title_start]:
            title_start -= 1
        while title_start > 0 and lines[title_start - 1]:
            title_start -= 1
        if section in _LISTING_SECTIONS and not _standalone_title(lines, title_start, i):
            seen_body = True
            continue
        if seen_body and title_start > starts[-1]:
            starts.append(title_start)
            section = "top"
        seen_body = False
    return starts


def _standalone_title(lines: list[str], title_start: int, citation: int) -> bool:
    """``Title`` / blank / citation line: a new record, not an item of a list of cited works."""
    if title_start < 0 or lines[citation - 1] or heading_of(lines[title_start]) is not None:
        return False
    return not re.match(r"^\[?\d{1,4}[.)\]]\s", lines[title_start])


#: Sections whose lines cite other works.
_LISTING_SECTIONS = {*RELATIONS, "references", "skip"}
