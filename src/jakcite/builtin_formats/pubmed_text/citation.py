"""The PubMed citation line: ``J Immunol. 2019 Jun 1;202(11):3120-9. doi: ... Epub 2019 Apr 22.``"""

from __future__ import annotations

import re

import attrs

_DATE_TEXT = (
    r"(?:1[6-9]|20)\d{2}(?:\s+(?:[A-Z][a-z]{2,8}|\d{1,2})(?:\s*[-/]\s*(?:(?:1[6-9]|20)\d{2}\s+)?[A-Z][a-z]{2,8})?"
    r"(?:\s+\d{1,2}(?:\s*-\s*\d{1,2})?)?)?"
)


_CITATION = re.compile(
    rf"^(?P<journal>[^\s.][^;]*?)?\s*\.\s+(?P<date>{_DATE_TEXT})"
    r"(?:\s*;\s*(?P<volume>[^(:;.]*?)\s*(?:\((?P<issue>[^)]*(?:\([^)]*\))?[^)]*)\))?)?"
    r"(?:\s*:\s*(?P<pages>[^\s;]+?(?:;\s*(?:author reply|discussion|quiz|reply|author reply)\s+[^\s;]+?)*))?"
    r"\s*\.(?=\s|$)(?P<rest>.*)$"
)


_DOI_IN_CITATION = re.compile(r"\bdoi:\s*(?P<doi>10\.\S+?)\.?(?=\s|$)", re.IGNORECASE)


EPUB = re.compile(rf"\bEpub\s+(?P<date>{_DATE_TEXT})\.?", re.IGNORECASE)


ECOLLECTION = re.compile(rf"\beCollection\s+(?P<date>{_DATE_TEXT})\.?", re.IGNORECASE)


AHEAD = re.compile(r"\b(?:Online ahead of print|Epub ahead of print)\b", re.IGNORECASE)


@attrs.frozen
class CitationLine:
    """The parts of a PubMed citation line (``J Immunol. 2019 Jun 1;202(11):3120-9. doi: ...``)."""

    journal: str | None
    date: str
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    epub: str | None = None
    ecollection: str | None = None
    ahead_of_print: bool = False


def parse_citation_line(text: str) -> CitationLine | None:
    """Parse a citation line (journal may be missing, ``. 2022 Oct 4;23(19):11788.``); None if it is not one."""
    line = " ".join(text.split())
    if line.startswith("."):
        line = " " + line
    match = _CITATION.match(line)
    if not match:
        return None
    rest = match.group("rest")
    doi = _DOI_IN_CITATION.search(rest)
    epub = EPUB.search(rest)
    ecollection = ECOLLECTION.search(rest)
    return CitationLine(
        journal=(match.group("journal") or "").strip() or None,
        date=match.group("date"),
        volume=(match.group("volume") or "").strip() or None,
        issue=(match.group("issue") or "").strip() or None,
        pages=(match.group("pages") or "").strip() or None,
        doi=doi.group("doi").rstrip(".") if doi else None,
        epub=epub.group("date") if epub else None,
        ecollection=ecollection.group("date") if ecollection else None,
        ahead_of_print=bool(AHEAD.search(rest)),
    )


def is_citation_line(line: str) -> bool:
    """True for a citation line with a volume, pages or DOI (a bare year is not enough)."""
    citation = parse_citation_line(line)
    return citation is not None and (
        citation.volume is not None or citation.pages is not None or citation.doi is not None
    )
