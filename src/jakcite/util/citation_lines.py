"""The PubMed citation line: ``J Immunol. 2019 Jun 1;202(11):3120-9. doi: ... Epub 2019 Apr 22.``

PubMed prints it on copied pages, in its Abstract and Summary text saves, in the CSV
save's ``Citation`` column and inside the NLM strings of its Cite button, so the grammar
lives here, below the formats that read those.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from jakcite.model import Container, PartialDate
from jakcite.util.dates import parse_date_text
from jakcite.util.pages import parse_pages

__all__ = [
    "CitationLine",
    "citation_date",
    "citation_record_fields",
    "is_article_number",
    "is_citation_line",
    "journal_citation_fields",
    "parse_citation_line",
]

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


def citation_record_fields(
    citation: CitationLine, doi: str | None, *, extra_prefix: str
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The record fields a citation line gives, and its extra data (an ``eCollection`` date).

    ``doi`` is the record's DOI when the source gives it elsewhere (an article number is
    told from pages by it); extra keys are ``extra_prefix:eCollection``.
    """
    fields: dict[str, Any] = {"published": citation_date(citation.date), "volume": citation.volume}
    fields["issue"] = citation.issue
    extra: list[tuple[str, str]] = []
    if citation.epub:
        fields["epublished"] = parse_date_text(citation.epub)
    if citation.ecollection:
        extra.append((f"{extra_prefix}:eCollection", citation.ecollection))
    if citation.ahead_of_print:
        fields["publication_status"] = "aheadofprint"
    if citation.pages:
        if is_article_number(citation.pages, citation.doi or doi):
            fields["article_number"] = citation.pages
        else:
            fields["pages"] = parse_pages(citation.pages)
    return fields, extra


def citation_date(text: str) -> PartialDate | None:
    """``2019 Sep/Oct`` is a range like ``2019 Sep-Oct``; the printed form stays the literal."""
    if "/" not in text:
        return parse_date_text(text)
    parsed = parse_date_text(text.replace("/", "-"))
    return attrs.evolve(parsed, literal=text) if parsed is not None else None


def is_article_number(pages: str, doi: str | None) -> bool:
    """``e000512``, ``11788`` (no range, a letter prefix or five digits and more) are article numbers,
    and so is a publisher item identifier (``S1569-9048(12)00312-6``, ahead of print)."""
    if re.fullmatch(r"S?\d{4}-\d{3}[\dX]\(\d{2}\)\d{5}-[\dX]", pages):
        return True
    if re.search(r"\d\s*-\s*\w", pages):
        return False
    if re.fullmatch(r"[eE]\d+", pages) or (doi is not None and pages.lower() in doi.lower() and len(pages) > 3):
        return True
    return bool(re.fullmatch(r"\d{5,}|[A-Za-z]+\d{4,}\w*", pages))


def journal_citation_fields(
    citation: CitationLine, doi: str | None, *, extra_prefix: str
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """:func:`citation_record_fields` with the journal as the container.

    PubMed names the journal only by its abbreviation: it is both the title the source
    gives (writers need one) and the ISO abbreviation.
    """
    fields, extra = citation_record_fields(citation, doi, extra_prefix=extra_prefix)
    if citation.journal:
        journal = citation.journal.strip().rstrip(".").strip()
        fields["container"] = Container(title=journal, iso_abbreviation=journal)
    return fields, extra
