"""PubMed records as people copy and save them as text: three layouts, auto-detected.

1. ``page``: a copy of the PubMed article page (site banner, publication type, citation
   line, title, authors with affiliation numbers or the short ``First Author et al.
   Journal.`` line, ``Affiliations``, ``PMID: ... PMCID: ... DOI: ...``, then sections
   under their headings: ``Abstract``, ``Keywords:``, ``Conflict of interest statement``,
   ``References``, ``Publication types``, ``MeSH terms``, ``Substances``, ``Grants and
   funding``...).
2. ``abstract-view``: the abstract view as copied: title, citation line, abstract,
   keywords, publication types, MeSH terms and a trailing substance list without heading.
3. ``abstract-text``: PubMed's "Abstract (text)" save / efetch ``rettype=abstract``:
   numbered records, MEDLINE-form authors with ``(1)`` markers, ``Author information:``,
   upper-case abstract labels, ``DOI:``/``PMCID:``/``PMID:`` lines; wrapped at ~80 columns.

Sections are recognised by their headings and the citation line by its grammar, so any
section may be missing.  Page furniture (banner, ``Similar articles``, ``Cited by``,
``LinkOut``, figure captions) is not bibliographic data of the record and is skipped.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Contributor,
    Grant,
    Identifiers,
    Keyword,
    MeshHeading,
    MeshQualifier,
    Person,
    Record,
    RelatedWork,
    Substance,
    WorkType,
)
from jakcite.readers.reference_strings import parse_reference
from jakcite.registry import ReadContext
from jakcite.sources import Source
from jakcite.util.dates import parse_date_text
from jakcite.util.names import initials_of, parse_medline_short_name
from jakcite.util.pages import parse_pages

__all__ = [
    "CitationLine",
    "detect_layout",
    "looks_like_pubmed_text",
    "parse_citation_line",
    "read_pubmed_text",
    "split_records",
]

FORMAT = "pubmed-text"

# --------------------------------------------------------------------------- vocabulary

_BANNER = (
    "skip to main page content",
    "u.s. flag",
    "an official website of the united states government",
    "here's how you know",
    "here’s how you know",
    "dot gov",
    "the .gov means it’s official.",
    "the .gov means it's official.",
    "https",
    "the site is secure.",
    "access keys ncbi homepage mynbci homepage main content main navigation",
    "access keys ncbi homepage myncbi homepage main content main navigation",
    "log in",
    "show account info",
    "close",
    "account settings",
    "log out",
    "search: search",
    "advanced clipboard",
    "user guide",
    "save email",
    "send to",
    "display options",
    "display options format abstract pubmed pmid",
    "full text links",
    "cite",
    "add to collections",
    "add to my bibliography",
    "expand",
    "collapse",
    "item in clipboard",
    "free pmc article",
    "free article",
    "free full text",
    "pubmed disclaimer",
    "nih nlm logo",
    "account",
    "dashboard",
    "publications",
    "clipboard",
    "my bibliography",
    "collections",
    "citation manager",
    "create a new collection",
    "add to an existing collection",
    "name your collection:",
    "choose a collection:",
    "please try again",
    "add cancel",
    "permalink",
    "copy",
    "search",
    "search:",
    "show more",
    "show less",
    "load more",
    "no abstract available",
    "show details",
    "hide details",
)
_BANNER_PREFIXES = (
    "show all ",
    "see all ",
    "logged in as",
    "name must be less than",
    "unable to load your collection",
    "federal government websites often end in",
    "the https:// ensures that",
    "a lock (",
    "share sensitive information only on",
)
#: Section headings of the page and abstract views, lower-cased, mapped to a section name.
_HEADINGS = {
    "abstract": "abstract",
    "affiliations": "affiliations",
    "affiliation": "affiliation",
    "collaborators": "collaborators",
    "conflict of interest statement": "coi",
    "figures": "skip",
    "similar articles": "skip",
    "cited by": "skip",
    "references": "references",
    "publication types": "publication_types",
    "mesh terms": "mesh",
    "substances": "substances",
    "grants and funding": "grants",
    "linkout - more resources": "skip",
    "linkout": "skip",
    "ncbi literature resources": "skip",
    "follow ncbi": "skip",
    "connect with nlm": "skip",
    "supplementary concepts": "supplementary_concepts",
    "page navigation": "skip",
    "title & authors": "skip",
    "actions": "skip",
    "share": "skip",
    "related information": "skip",
    "full text sources": "skip",
    "other literature sources": "skip",
    "medical": "skip",
    "miscellaneous": "skip",
    "research materials": "skip",
    "supplementary info": "skip",
    "associated data": "associated_data",
    "comment in": "CommentIn",
    "comment on": "CommentOn",
    "erratum in": "ErratumIn",
    "erratum for": "ErratumFor",
    "update in": "UpdateIn",
    "update of": "UpdateOf",
    "retraction in": "RetractionIn",
    "retraction of": "RetractionOf",
    "republished in": "RepublishedIn",
    "republished from": "RepublishedFrom",
    "expression of concern in": "ExpressionOfConcernIn",
    "expression of concern for": "ExpressionOfConcernFor",
    "summary for patients in": "SummaryForPatientsIn",
    "reprint in": "ReprintIn",
    "reprint of": "ReprintOf",
}
_RELATIONS = {v for v in _HEADINGS.values() if v[0].isupper()}
_PUBLICATION_TYPES = {
    "review",
    "systematic review",
    "meta-analysis",
    "clinical trial",
    "randomized controlled trial",
    "case reports",
    "editorial",
    "letter",
    "comment",
    "comparative study",
    "observational study",
    "practice guideline",
    "guideline",
    "multicenter study",
    "clinical trial, phase i",
    "clinical trial, phase ii",
    "clinical trial, phase iii",
    "clinical trial, phase iv",
    "published erratum",
    "retracted publication",
    "retraction of publication",
    "news",
    "preprint",
    "historical article",
    "biography",
    "english abstract",
    "video-audio media",
    "consensus development conference",
}
_LANGUAGES = {
    "german": "ger",
    "french": "fre",
    "spanish": "spa",
    "italian": "ita",
    "chinese": "chi",
    "japanese": "jpn",
    "russian": "rus",
    "portuguese": "por",
    "polish": "pol",
    "dutch": "dut",
    "czech": "cze",
    "korean": "kor",
    "turkish": "tur",
    "hungarian": "hun",
    "danish": "dan",
    "swedish": "swe",
    "norwegian": "nor",
    "finnish": "fin",
    "hebrew": "heb",
    "greek, modern": "gre",
    "croatian": "hrv",
    "serbian": "srp",
    "romanian": "rum",
    "persian": "per",
    "arabic": "ara",
    "ukrainian": "ukr",
    "slovak": "slo",
    "lithuanian": "lit",
}

# --------------------------------------------------------------------------- the citation line

_DATE_TEXT = (
    r"(?:1[6-9]|20)\d{2}(?:\s+(?:[A-Z][a-z]{2,8}|\d{1,2})(?:\s*-\s*(?:(?:1[6-9]|20)\d{2}\s+)?[A-Z][a-z]{2,8})?"
    r"(?:\s+\d{1,2}(?:\s*-\s*\d{1,2})?)?)?"
)
_CITATION = re.compile(
    rf"^(?P<journal>[^\s.][^;]*?)?\s*\.\s+(?P<date>{_DATE_TEXT})"
    r"(?:\s*;\s*(?P<volume>[^(:;.]*?)\s*(?:\((?P<issue>[^)]*(?:\([^)]*\))?[^)]*)\))?)?"
    r"(?:\s*:\s*(?P<pages>[^\s]+?))?\s*\.(?=\s|$)(?P<rest>.*)$"
)
_DOI_IN_CITATION = re.compile(r"\bdoi:\s*(?P<doi>10\.\S+?)\.?(?=\s|$)", re.IGNORECASE)
_EPUB = re.compile(rf"\bEpub\s+(?P<date>{_DATE_TEXT})\.?", re.IGNORECASE)
_ECOLLECTION = re.compile(rf"\beCollection\s+(?P<date>{_DATE_TEXT})\.?", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:Online ahead of print|Epub ahead of print)\b", re.IGNORECASE)
_PRINT = re.compile(rf"\bPrint\s+(?P<date>{_DATE_TEXT})\.?")


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
    epub = _EPUB.search(rest)
    ecollection = _ECOLLECTION.search(rest)
    return CitationLine(
        journal=(match.group("journal") or "").strip() or None,
        date=match.group("date"),
        volume=(match.group("volume") or "").strip() or None,
        issue=(match.group("issue") or "").strip() or None,
        pages=(match.group("pages") or "").strip() or None,
        doi=doi.group("doi").rstrip(".") if doi else None,
        epub=epub.group("date") if epub else None,
        ecollection=ecollection.group("date") if ecollection else None,
        ahead_of_print=bool(_AHEAD.search(rest)),
    )


# --------------------------------------------------------------------------- layout detection

_NUMBERED_CITATION = re.compile(r"^(\d{1,6})\.\s+(\S.*)$")
_PMID_LINE = re.compile(r"^PMID:\s*(\d+)")
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
    """``"page"``, ``"abstract-text"``, ``"abstract-view"``, or None when it is not PubMed text."""
    lines = [_clean_line(line) for line in text.splitlines()]
    if any(line.startswith("PMID- ") or line.startswith("PMID-") for line in lines[:50]):
        return None  # MEDLINE/.nbib
    if sum(marker in text for marker in _PAGE_MARKERS) >= 1 and _has_citation_or_pmid(lines):
        return "page"
    for line in lines:
        if not line:
            continue
        numbered = _NUMBERED_CITATION.match(line)
        if numbered and parse_citation_line(" ".join([numbered.group(2), *_following(lines, line)])):
            return "abstract-text"
        break
    if any(re.match(r"^PMID:\s*\d+.*(?:Indexed for MEDLINE|PubMed - )", line) for line in lines) or (
        any(line.startswith("Author information:") for line in lines)
    ):
        return "abstract-text"
    if _has_citation_or_pmid(lines):
        return "abstract-view"
    return None


def _following(lines: list[str], line: str) -> list[str]:
    index = lines.index(line)
    out: list[str] = []
    for nxt in lines[index + 1 : index + 4]:
        if not nxt:
            break
        out.append(nxt)
    return out


def _has_citation_or_pmid(lines: list[str]) -> bool:
    return any(_PMID_LINE.match(line) or _is_citation_line(line) for line in lines[:400])


def _is_citation_line(line: str) -> bool:
    citation = parse_citation_line(line)
    return citation is not None and (
        citation.volume is not None or citation.pages is not None or citation.doi is not None
    )


def looks_like_pubmed_text(head: str) -> float:
    """Sniffer confidence: 0 for MEDLINE ``PMID- `` files and for text that is not PubMed's."""
    layout = detect_layout(head)
    if layout is None:
        return 0.0
    return 0.9 if layout in ("page", "abstract-text") else 0.6


# --------------------------------------------------------------------------- reading


def _clean_line(line: str) -> str:
    line = line.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ").replace("\ufeff", "")
    line = line.rstrip()
    return re.sub(r"^\s*[•·◦▪●‣∙-]\s+", "", line).strip() if re.match(r"^\s*[•·◦▪●‣∙]\s", line) else line.strip()


def read_pubmed_text(source: Source, context: ReadContext) -> Iterator[Record]:
    """Read every record of a PubMed text file (layout detected from the content)."""
    try:
        text = source.read_text()
    except (OSError, EOFError, zlib.error) as exc:  # a broken gzip stream, an unreadable file
        context.fail(f"cannot read: {exc}", line=1)
        return
    layout = detect_layout(text)
    if layout is None:
        context.fail(
            "not PubMed text: no PubMed citation line (`Journal. 2019 Jun;12(3):45-9.`), "
            "no `PMID: n` line and no PubMed page banner found"
            + ("; this looks like a MEDLINE file (give --from medline)" if re.search(r"^PMID- ", text, re.M) else ""),
            line=1,
        )
        return
    raw_lines = text.splitlines()
    for index, (line_no, lines) in enumerate(split_records(raw_lines, layout)):
        try:
            record, notes, missing = _build(lines, layout)
        except (ValueError, TypeError) as exc:
            context.fail(f"bad value in record: {exc}", line=line_no, record=index)
            continue
        if record is None:
            context.fail("no PubMed record here: found neither a title nor a citation line", line=line_no, record=index)
            continue
        for note in notes:
            context.warn(note, line=line_no, record=index)
        provenance = context.provenance(line=line_no, index=index, warnings=tuple(notes), missing=tuple(missing))
        yield attrs.evolve(record, provenance=provenance)


def split_records(lines: list[str], layout: str) -> Iterator[tuple[int, list[str]]]:
    """Cut a file into records: ``(first line number, cleaned lines)`` per record."""
    cleaned = [_clean_line(line) for line in lines]
    starts = _record_starts(cleaned, layout)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(cleaned)
        chunk = cleaned[start:end]
        if any(chunk):
            first = next(j for j, line in enumerate(chunk) if line)
            yield start + first + 1, chunk[first:]


def _record_starts(lines: list[str], layout: str) -> list[int]:
    if layout == "abstract-text":
        starts: list[int] = []
        expected = 1
        for i, line in enumerate(lines):
            numbered = _NUMBERED_CITATION.match(line)
            if numbered and int(numbered.group(1)) == expected and (i == 0 or not lines[i - 1]):
                starts.append(i)
                expected += 1
        return starts or [0]
    if layout == "page":
        starts = [i for i, line in enumerate(lines) if line.lower() == "skip to main page content"]
        if not starts or any(lines[: starts[0]]):
            starts = [0, *starts]
        return starts
    return _abstract_view_starts(lines)


def _abstract_view_starts(lines: list[str]) -> list[int]:
    """A record of the abstract view starts at its title: the text block before a citation line."""
    starts = [0]
    seen_body = False
    for i, line in enumerate(lines):
        if not _is_citation_line(line):
            if line and i > starts[-1] + 2:
                seen_body = True
            continue
        title_start = i - 1
        while title_start >= 0 and not lines[title_start]:
            title_start -= 1
        while title_start > 0 and lines[title_start - 1]:
            title_start -= 1
        if seen_body and title_start > starts[-1]:
            starts.append(title_start)
        seen_body = False
    return starts


# --------------------------------------------------------------------------- building a record


@attrs.define
class _Draft:
    """Fields collected for one record before the model object is built."""

    title: str | None = None
    translated: bool = False
    citation: CitationLine | None = None
    journal_short: str | None = None
    authors: list[Contributor] = attrs.Factory(list)
    author_affiliation_keys: list[list[str]] = attrs.Factory(list)
    truncated: bool = False
    investigators: list[Contributor] = attrs.Factory(list)
    affiliations: dict[str, str] = attrs.Factory(dict)
    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    abstract: list[AbstractSection] = attrs.Factory(list)
    copyright: str | None = None
    keywords: list[Keyword] = attrs.Factory(list)
    publication_types: list[str] = attrs.Factory(list)
    mesh: list[MeshHeading] = attrs.Factory(list)
    substances: list[Substance] = attrs.Factory(list)
    grants: list[Grant] = attrs.Factory(list)
    related: list[RelatedWork] = attrs.Factory(list)
    references: list[Record] = attrs.Factory(list)
    conflict: list[str] = attrs.Factory(list)
    languages: list[str] = attrs.Factory(list)
    extra: list[tuple[str, str]] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)


def _build(lines: list[str], layout: str) -> tuple[Record | None, list[str], list[str]]:
    draft = _Draft()
    if layout == "abstract-text":
        _read_abstract_text(lines, draft)
    else:
        _read_web(lines, draft, layout)
    if draft.title is None and draft.citation is None and draft.pmid is None:
        return None, [], []
    return _finish(draft)


def _finish(draft: _Draft) -> tuple[Record, list[str], list[str]]:
    fields: dict[str, Any] = {}
    citation = draft.citation
    journal = (citation.journal if citation else None) or draft.journal_short
    if journal:
        fields["container"] = Container(iso_abbreviation=journal)
    if citation is not None:
        fields.update(_citation_fields(citation, draft))
    authors = _link_affiliations(draft)
    ids = _identifiers(draft, citation)
    missing: list[str] = []
    notes = list(draft.notes)
    if not authors:
        missing.append("authors")
        notes.append("no author line found: the record has no authors")
    if draft.title is None:
        missing.append("title")
        notes.append("no title found")
    if journal is None:
        missing.append("container")
        notes.append("no journal name found (the copied citation line lacks it)")
    abstract = Abstract(tuple(draft.abstract), copyright=draft.copyright) if draft.abstract else None
    record = Record(
        title=draft.title,
        title_translated=draft.translated,
        authors=authors,
        authors_truncated=draft.truncated,
        investigators=draft.investigators,
        ids=ids,
        abstract=abstract,
        keywords=draft.keywords,
        mesh=draft.mesh,
        substances=draft.substances,
        grants=draft.grants,
        publication_types=_dedupe(draft.publication_types),
        languages=draft.languages,
        related=draft.related,
        conflict_of_interest=" ".join(draft.conflict) or None,
        references=draft.references,
        extra=draft.extra,
        **fields,
    )
    return record, notes, missing


def _identifiers(draft: _Draft, citation: CitationLine | None) -> Identifiers:
    """The record's ids; a malformed one is kept in ``extra`` with a warning instead of failing the record."""
    values = {"pmid": draft.pmid, "pmcid": draft.pmcid, "doi": draft.doi or (citation.doi if citation else None)}
    good: dict[str, str] = {}
    for kind, value in values.items():
        if value is None:
            continue
        try:
            Identifiers(**{kind: value})
        except ValueError as exc:
            draft.extra.append((f"pubmed-text:{kind}", value))
            draft.notes.append(f"malformed {kind.upper()} kept as extra data: {exc}")
            continue
        good[kind] = value
    return Identifiers(**good)


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _citation_fields(citation: CitationLine, draft: _Draft) -> dict[str, Any]:
    fields: dict[str, Any] = {"published": parse_date_text(citation.date), "volume": citation.volume}
    fields["issue"] = citation.issue
    if citation.epub:
        fields["epublished"] = parse_date_text(citation.epub)
    if citation.ecollection:
        draft.extra.append(("pubmed-text:eCollection", citation.ecollection))
    if citation.ahead_of_print:
        fields["publication_status"] = "aheadofprint"
    if citation.pages:
        if _is_article_number(citation.pages, citation.doi or draft.doi):
            fields["article_number"] = citation.pages
        else:
            fields["pages"] = parse_pages(citation.pages)
    return fields


def _is_article_number(pages: str, doi: str | None) -> bool:
    """``e000512``, ``11788`` (no range, a letter prefix or five digits and more) are article numbers."""
    if re.search(r"\d\s*-\s*\w", pages):
        return False
    if re.fullmatch(r"[eE]\d+", pages) or (doi is not None and pages.lower() in doi.lower() and len(pages) > 3):
        return True
    return bool(re.fullmatch(r"\d{5,}|[A-Za-z]+\d{4,}\w*", pages))


def _link_affiliations(draft: _Draft) -> list[Contributor]:
    if not draft.affiliations:
        return draft.authors
    linked: list[Contributor] = []
    single = list(draft.affiliations.values()) if list(draft.affiliations) == [""] else None
    for i, author in enumerate(draft.authors):
        keys = draft.author_affiliation_keys[i] if i < len(draft.author_affiliation_keys) else []
        texts = single or [draft.affiliations[k] for k in keys if k in draft.affiliations]
        if texts and isinstance(author, Person):
            author = attrs.evolve(author, affiliations=tuple(texts))
        elif texts and isinstance(author, Collective):
            author = attrs.evolve(author, affiliations=tuple(texts))
        linked.append(author)
    return linked


# --------------------------------------------------------------------------- page and abstract view


def _heading(line: str) -> str | None:
    key = line.strip().rstrip(":").lower()
    return _HEADINGS.get(key)


def _is_banner(line: str) -> bool:
    low = line.lower()
    return low in _BANNER or low.startswith(_BANNER_PREFIXES)


def _read_web(lines: list[str], draft: _Draft, layout: str) -> None:
    sections: list[tuple[str, list[str]]] = [("top", [])]
    anchored = False  # headings before the citation line are page navigation ("Page navigation", "Display options")
    for line in lines:
        if _is_banner(line):
            continue
        anchored = anchored or _is_anchor(line)
        name = _heading(line)
        if name is not None:
            if anchored:
                sections.append((name, []))
            continue
        current, body = sections[-1]
        if current == "affiliations" and line and not _AFFILIATION_LINE.match(line):
            sections[0][1].append(line)  # the page repeats title and author line after a collapsed list
            continue
        if current == "affiliation" and line and body:
            sections[0][1].append(line)
            continue
        body.append(line)
    for name, body in sections:
        _read_section(name, body, draft, layout)


def _is_anchor(line: str) -> bool:
    """The record proper has begun: its citation line or its ``PMID:`` line."""
    if _PMID_LINE.match(line):
        return True
    citation = parse_citation_line(line) if re.search(r"\d{4}", line) else None
    return citation is not None and bool(citation.volume or citation.pages or citation.doi or line.startswith("."))


_AFFILIATION_LINE = re.compile(r"^\(?\d{1,3}\)?\s+\S")


def _read_section(name: str, body: list[str], draft: _Draft, layout: str) -> None:
    if name == "top":
        _read_top(body, draft, layout)
    elif name == "abstract":
        _read_abstract_body(body, draft)
    elif name in ("affiliations", "affiliation"):
        _read_affiliations(body, draft)
    elif name == "collaborators":
        _read_collaborators(body, draft)
    elif name == "coi":
        draft.conflict.extend(line for line in body if line)
    elif name == "references":
        _read_references(body, draft)
    elif name == "publication_types":
        draft.publication_types.extend(line for line in body if line)
    elif name == "mesh":
        _read_mesh(body, draft)
    elif name == "substances":
        draft.substances.extend(Substance(line) for line in body if line)
    elif name == "grants":
        draft.grants.extend(_parse_grant(line) for line in body if line)
    elif name in _RELATIONS:
        _read_related(name, body, draft)
    elif name in ("supplementary_concepts", "associated_data"):
        key = "pubmed-text:" + name.replace("_", "-").replace("concepts", "concept")
        draft.extra.extend((key, line) for line in body if line)


def _read_top(body: list[str], draft: _Draft, layout: str) -> None:
    """Publication type, journal, citation line, doi, title (maybe twice), author line, ids.

    What no rule recognises is the title, the abstract or page furniture: on the page the
    title follows the citation line (lines before it are buttons and links); in the abstract
    view it comes first.  After the title, such lines are abstract paragraphs.
    """
    leftovers: list[tuple[bool, str]] = []  # (after the citation line?, text)
    pending_journal: str | None = None
    journal_lines = _journal_line_indexes(body)
    for index, line in enumerate(body):
        if not line:
            continue
        if index in journal_lines:
            pending_journal = line.rstrip(".")
            continue
        if _read_top_line(line, draft, pending_journal):
            if draft.citation is not None:
                pending_journal = None
            continue
        leftovers.append((draft.citation is not None, line))
    if draft.citation is None and pending_journal:
        draft.journal_short = pending_journal
    _read_leftovers(leftovers, draft, layout)


def _read_top_line(line: str, draft: _Draft, pending_journal: str | None) -> bool:
    """Recognise one line of the page head; False when no rule knows it."""
    if _read_id_line(line, draft):
        return True
    permalink = re.match(r"^https?://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/?$", line)
    if permalink:
        draft.pmid = draft.pmid or permalink.group(1)
        return True
    citation = parse_citation_line(line) if draft.citation is None and re.search(r"\d{4}", line) else None
    if citation is not None and (citation.volume or citation.pages or citation.doi or line.startswith(".")):
        if citation.journal is None and pending_journal:
            citation = attrs.evolve(citation, journal=pending_journal)
        draft.citation = citation
        return True
    if re.match(r"^doi:\s*10\.", line, re.IGNORECASE):
        draft.doi = draft.doi or line.split(":", 1)[1].strip().rstrip(".")
        return True
    if _read_epub_line(line, draft):
        return True
    if line.lower() in _PUBLICATION_TYPES:
        draft.publication_types.append(line)
        return True
    language = re.match(r"^\[Article in ([^\]]+)\]\.?$", line)
    if language:
        _add_languages(language.group(1), draft)
        return True
    if draft.citation is None and draft.title is None:
        return False
    return _read_short_author_line(line, draft) or _read_full_author_line(line, draft)


def _read_leftovers(leftovers: list[tuple[bool, str]], draft: _Draft, layout: str) -> None:
    after = [text for is_after, text in leftovers if is_after]
    before = [text for is_after, text in leftovers if not is_after]
    if layout == "page":
        candidates = after or before[-1:]
        rest = after[1:] if after else []
    else:
        candidates = before or after
        rest = (before[1:] + after) if before else after[1:]
    if not candidates:
        return
    _set_title(candidates[0], draft)
    for line in rest:
        if draft.title is not None and _same_title(line, draft.title):
            continue
        if _read_short_author_line(line, draft) or _read_full_author_line(line, draft):
            continue
        if not _read_keywords(line, draft):
            _add_abstract_paragraph(line, draft)


def _journal_line_indexes(body: list[str]) -> set[int]:
    """Lines holding only the journal, right before a citation line that lacks it (``. 2021 Mar;8(1):e1.``)."""
    found: set[int] = set()
    previous: int | None = None
    for index, line in enumerate(body):
        if not line:
            continue
        if line.startswith(".") and previous is not None and parse_citation_line(line) is not None:
            candidate = body[previous]
            if _looks_like_journal(candidate) and candidate.lower() not in _PUBLICATION_TYPES:
                found.add(previous)
        previous = index
    return found


def _looks_like_journal(line: str) -> bool:
    words = [w.strip("()[]") for w in line.rstrip(".").split()]
    return 0 < len(words) <= 8 and all(
        w and (w[0].isupper() or w.lower() in {"of", "and", "the", "&", "in"}) for w in words
    )


def _set_title(line: str, draft: _Draft) -> None:
    title = line.strip()
    if title.startswith("[") and title.rstrip(".").endswith("]"):
        draft.translated = True
        title = title.rstrip(".")[1:-1].strip()
        if line.rstrip().endswith("]."):
            title += "."
    draft.title = title


def _same_title(line: str, title: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"[\W_]+", " ", text).strip().lower()

    return norm(line) == norm(title)


def _read_epub_line(line: str, draft: _Draft) -> bool:
    if not re.match(r"^(?:Epub|eCollection|Online ahead of print|Print)\b", line, re.IGNORECASE):
        return False
    if draft.citation is not None:
        epub = _EPUB.search(line)
        ecollection = _ECOLLECTION.search(line)
        draft.citation = attrs.evolve(
            draft.citation,
            epub=draft.citation.epub or (epub.group("date") if epub else None),
            ecollection=draft.citation.ecollection or (ecollection.group("date") if ecollection else None),
            ahead_of_print=draft.citation.ahead_of_print or bool(_AHEAD.search(line)),
        )
    return True


_ID_PART = re.compile(r"\b(PMID|PMCID|DOI|Bookshelf ID):\s*(\S+)", re.IGNORECASE)


def _read_id_line(line: str, draft: _Draft) -> bool:
    """``PMID: 36233086 PMCID: PMC9570383 DOI: 10.3390/ijms231911788`` (any of them, any order)."""
    if not re.match(r"^(?:PMID|PMCID|DOI|Bookshelf ID):\s*\S", line, re.IGNORECASE):
        return False
    for kind, value in _ID_PART.findall(line):
        kind = kind.upper()
        value = value.rstrip(".,;")
        if kind == "PMID" and value.isdigit():
            draft.pmid = value
        elif kind == "PMCID":
            draft.pmcid = value
        elif kind == "DOI":
            draft.doi = value
        else:
            draft.extra.append((f"pubmed-text:{kind}", value))
    if re.search(r"\[Indexed for MEDLINE\]", line, re.IGNORECASE):
        draft.extra.append(("pubmed-text:status", "Indexed for MEDLINE"))
    elif re.search(r"\[PubMed[^\]]*\]", line):
        draft.extra.append(("pubmed-text:status", re.search(r"\[(PubMed[^\]]*)\]", line).group(1)))  # type: ignore[union-attr]
    return True


_SHORT_AUTHORS = re.compile(
    r"^(?P<first>[^.,;]{2,80}?)\s+et al\.\s*(?P<journal>[^.]*(?:\.[^.\s][^.]*)*?)?\s*\.?\s*(?P<year>\d{4})?\s*\.?\s*\.?$"
)


def _read_short_author_line(line: str, draft: _Draft) -> bool:
    """``Patricia Richter et al. Int J Mol Sci. .`` (first author, journal, maybe the year)."""
    match = _SHORT_AUTHORS.match(line)
    if not match:
        return False
    if not draft.authors:
        draft.authors.append(_full_name(match.group("first")))
        draft.author_affiliation_keys.append([])
        draft.truncated = True
    journal = (match.group("journal") or "").strip(" .")
    if journal:
        draft.journal_short = journal
    return True


_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "dos",
    "das",
    "le",
    "la",
    "ten",
    "ter",
}
_FULL_AUTHOR_ITEM = re.compile(r"^(?P<name>[^\d;,()]+?)(?P<keys>(?:\s+\d{1,3})*)\s*(?P<star>[*#†‡])?\s*$")


def _read_full_author_line(line: str, draft: _Draft) -> bool:
    """``Anna Novák 1 2, Jörg Müller 2; LUPUS-JAK Investigators`` (numbers are affiliation keys)."""
    if draft.authors or (line.endswith((".", "?", "!")) and not re.search(r"\d\s*$", line.rstrip("."))):
        return False
    persons_part, _, groups_part = line.partition(";")
    items = [item.strip() for item in re.split(r"\s*,\s*", persons_part) if item.strip()]
    parsed: list[tuple[str, list[str]]] = []
    has_keys = False
    for item in items:
        match = _FULL_AUTHOR_ITEM.match(item)
        if not match or not _is_full_name(match.group("name")):
            return False
        keys = match.group("keys").split()
        has_keys = has_keys or bool(keys)
        parsed.append((match.group("name"), keys))
    if not parsed or (len(parsed) < 2 and not has_keys and not groups_part):
        return False
    for name, keys in parsed:
        draft.authors.append(_full_name(name))
        draft.author_affiliation_keys.append(keys)
    for group in (g.strip() for g in groups_part.split(";")):
        match = _FULL_AUTHOR_ITEM.match(group)
        if group and match:
            draft.authors.append(Collective(match.group("name").strip()))
            draft.author_affiliation_keys.append(match.group("keys").split())
    return True


def _is_full_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 6:
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES or w[0] in "'’" for w in words)


def _full_name(text: str) -> Person:
    """``Anna Maria Novák`` -> given ``Anna Maria``, family ``Novák``; particles go with the family."""
    words = text.split()
    suffix = None
    if len(words) > 2 and words[-1].rstrip(".") in {"Jr", "Sr", "II", "III", "IV"}:
        suffix = words.pop()
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in _PARTICLES:
        family_start -= 1
    given = " ".join(words[:family_start]) or None
    family = " ".join(words[family_start:])
    return Person(family=family, given=given, initials=initials_of(given) if given else None, suffix=suffix)


def _read_affiliations(body: list[str], draft: _Draft) -> None:
    for line in body:
        if not line:
            continue
        match = re.match(r"^\(?(\d{1,3})\)?\s*(\S.*)$", line)
        if match:
            draft.affiliations[match.group(1)] = match.group(2).strip()
        elif draft.affiliations:
            last = list(draft.affiliations)[-1]
            draft.affiliations[last] += " " + line
        else:
            draft.affiliations[""] = line


def _read_collaborators(body: list[str], draft: _Draft) -> None:
    for line in body:
        if not line:
            continue
        _, _, names = line.rpartition(":") if ":" in line else ("", "", line)
        for name in re.split(r"\s*[,;]\s*", names):
            name = re.sub(r"(?:\s+\d{1,3})+$", "", name.strip().rstrip("."))
            if not name:
                continue
            if re.fullmatch(r"(?:[^\W\d_][\w'’\-]*\s+)+[A-Z]{1,4}", name):
                draft.investigators.append(parse_medline_short_name(name))
            elif _is_full_name(name):
                draft.investigators.append(_full_name(name))
            else:
                draft.investigators.append(Collective(name))


# --------------------------------------------------------------------------- abstract


_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z'’/&,\- ]{1,60}?):\s+")
_INLINE_LABEL = re.compile(r"(?<=[.!?])\s+(?P<label>[A-Z][a-z]+(?:[ -](?:[a-z]+|of|and)){0,3}|[A-Z][A-Z/& ]{2,40}):\s+")


def _read_abstract_body(body: list[str], draft: _Draft) -> None:
    paragraphs = _paragraphs(body)
    for paragraph in paragraphs:
        if not _read_keywords(paragraph, draft):
            _add_abstract_paragraph(paragraph, draft)


def _add_abstract_paragraph(paragraph: str, draft: _Draft) -> None:
    if re.match(r"^(?:Copyright\b|©|\(c\)\s|Published by\b)", paragraph, re.IGNORECASE):
        draft.copyright = paragraph
    else:
        draft.abstract.extend(split_abstract(paragraph))


def _paragraphs(body: Iterable[str], *, join_wrapped: bool = False) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if join_wrapped:
            current.append(line)
        else:
            paragraphs.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def split_abstract(text: str) -> list[AbstractSection]:
    """``Introduction: ... Area covered: ...`` -> labelled sections; unlabelled text stays whole.

    Only a paragraph that starts with a label is split, and only at a label that follows
    the end of a sentence, so ordinary colons stay in the text.
    """
    first = _LABEL.match(text)
    if not first or len(first.group("label").split()) > 6:
        return [AbstractSection(text)]
    sections: list[AbstractSection] = []
    label, pos = first.group("label"), first.end()
    for match in _INLINE_LABEL.finditer(text, pos):
        sections.append(AbstractSection(text[pos : match.start()], label=label))
        label, pos = match.group("label").strip(), match.end()
    sections.append(AbstractSection(text[pos:], label=label))
    return sections


def _read_keywords(paragraph: str, draft: _Draft) -> bool:
    match = re.match(r"^Keywords?:\s*(.*)$", paragraph, re.IGNORECASE)
    if not match:
        return False
    terms = match.group(1).strip().rstrip(".")
    draft.keywords.extend(Keyword(term) for term in re.split(r"\s*;\s*", terms) if term.strip())
    return True


# --------------------------------------------------------------------------- lists


def _read_mesh(body: list[str], draft: _Draft) -> None:
    """``Descriptor / qualifier*`` lines; a second list after a blank line is the substances."""
    by_descriptor: dict[str, MeshHeading] = {}
    order: list[str] = []
    seen_blank_after_items = False
    for line in body:
        if not line:
            seen_blank_after_items = bool(order)
            continue
        if seen_blank_after_items:
            draft.substances.append(Substance(line))
            continue
        descriptor, *qualifiers = [part.strip() for part in line.split(" / ")]
        major = descriptor.endswith("*")
        descriptor = descriptor.rstrip("*").strip()
        heading = by_descriptor.get(descriptor) or MeshHeading(descriptor)
        heading = attrs.evolve(
            heading,
            major=heading.major or major,
            qualifiers=heading.qualifiers
            + tuple(MeshQualifier(q.rstrip("*").strip(), major=q.endswith("*")) for q in qualifiers),
        )
        if descriptor not in by_descriptor:
            order.append(descriptor)
        by_descriptor[descriptor] = heading
    draft.mesh.extend(by_descriptor[d] for d in order)


def _parse_grant(line: str) -> Grant:
    """``R01 AR012345/AR/NIAMS NIH HHS/United States`` (the MEDLINE ``GR`` form, as the page shows it)."""
    parts = [p.strip() for p in line.split("/")]
    if len(parts) >= 4:
        return Grant(id="/".join(parts[:-3]), acronym=parts[-3], agency=parts[-2], country=parts[-1])
    if len(parts) == 3:
        return Grant(id=parts[0], agency=parts[1], country=parts[2])
    return Grant(id=line) if re.search(r"\d", line) else Grant(agency=line)


_REFERENCE_START = re.compile(r"^(?:\[?(\d{1,4})[.)\]]\s+)(\S.*)$")


def _read_references(body: list[str], draft: _Draft) -> None:
    items: list[str] = []
    for line in body:
        if not line:
            continue
        match = _REFERENCE_START.match(line)
        if match:
            items.append(match.group(2))
        elif items:
            items[-1] += " " + line
        else:
            items.append(line)
    for item in items:
        try:
            draft.references.append(parse_reference(item))
        except (ValueError, TypeError) as exc:  # never drop a cited work: keep its text
            draft.references.append(Record(type=WorkType.OTHER, reference_text=item))
            draft.notes.append(f"reference not parsed, kept as text: {exc}")


def _read_related(relation: str, body: list[str], draft: _Draft) -> None:
    """One item per line in the text layout; on the page an item runs over lines up to its ``PMID:``."""
    if not any(re.search(r"\bPMID:\s*\d+", line) for line in body):
        for line in body:
            if line:
                _add_related(relation, line, draft)
        return
    pending: list[str] = []
    for line in body:
        if not line:
            continue
        pending.append(line)
        if re.search(r"\bPMID:\s*\d+", line):
            _add_related(relation, " ".join(pending), draft)
            pending = []
    if pending:
        _add_related(relation, " ".join(pending), draft)


def _add_related(relation: str, text: str, draft: _Draft) -> None:
    pmid = re.search(r"\bPMID:\s*(\d+)", text)
    citation = re.sub(r"\s*\bPMID:\s*\d+.*$", "", text).strip() or text
    draft.related.append(RelatedWork(relation, citation=citation, pmid=pmid.group(1) if pmid else None))


def _add_languages(text: str, draft: _Draft) -> None:
    for name in re.split(r"\s*(?:,\s*|\band\b)\s*", text):
        name = name.strip().rstrip(".")
        if not name:
            continue
        code = _LANGUAGES.get(name.lower())
        if code:
            draft.languages.append(code)
        else:
            draft.extra.append(("pubmed-text:language", name))


# --------------------------------------------------------------------------- abstract (text) layout


_MARKED_AUTHOR = re.compile(r"^(?P<name>.+?)(?P<marks>(?:\(\d{1,3}\))*)$")


def _read_abstract_text(lines: list[str], draft: _Draft) -> None:
    blocks = _blocks(lines)
    if not blocks:
        return
    header = blocks.pop(0)
    numbered = _NUMBERED_CITATION.match(header[0])
    citation_text = " ".join([numbered.group(2) if numbered else header[0], *header[1:]])
    draft.citation = parse_citation_line(citation_text)
    if draft.citation is None:
        draft.notes.append(f"citation line not understood: {citation_text[:80]}")
    state = "title"
    for block in blocks:
        joined = " ".join(block)
        if _read_abstract_text_block(block, joined, draft, state):
            state = "body" if state == "title" and draft.title is not None else state
            continue
        if state == "title":
            _set_title(joined, draft)
            state = "authors"
        elif state == "authors" and _read_medline_authors(joined, draft):
            state = "body"
        else:
            state = "body"
            if not _read_keywords(joined, draft):
                _add_abstract_paragraph(joined, draft)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _read_abstract_text_block(block: list[str], joined: str, draft: _Draft, state: str) -> bool:
    """Blocks recognised by their first words, wherever they stand."""
    first = block[0]
    language = re.match(r"^\[Article in ([^\]]+)\]\.?$", joined)
    if language:
        _add_languages(language.group(1), draft)
        return True
    if first.startswith("Author information:"):
        _read_author_information(block, draft)
        return True
    if first.startswith("Collaborators:"):
        _read_collaborators([joined], draft)
        return True
    if re.match(r"^Conflict of interest statement:", first, re.IGNORECASE):
        draft.conflict.append(joined.split(":", 1)[1].strip())
        return True
    heading = _heading(first)
    if heading is not None and heading in _RELATIONS:
        _read_related(heading, block[1:], draft)
        return True
    if all(re.match(r"^(?:PMID|PMCID|DOI|Bookshelf ID):", line, re.IGNORECASE) for line in block):
        for line in block:
            _read_id_line(line, draft)
        return True
    if state != "title" and re.match(r"^Keywords?:", first, re.IGNORECASE):
        return _read_keywords(joined, draft)
    return False


def _read_medline_authors(text: str, draft: _Draft) -> bool:
    """``Novák A(1)(2), Müller J(2); LUPUS-JAK Investigators.`` -> authors with affiliation keys."""
    body = text.strip().rstrip(".")
    persons_part, _, groups_part = body.partition(";")
    people: list[tuple[Person, list[str]]] = []
    for item in (i.strip() for i in persons_part.split(",")):
        match = _MARKED_AUTHOR.match(item)
        if not match or not re.fullmatch(
            r"(?:[^\W\d_][\w'’\-]*\s+)+[A-Z]{1,4}(?:\s+(?:Jr|Sr|II|III|IV|2nd|3rd))?", match.group("name")
        ):
            if not people and not groups_part and _is_group_only(body):
                draft.authors.append(Collective(body))
                draft.author_affiliation_keys.append([])
                return True
            return False
        people.append((parse_medline_short_name(match.group("name")), re.findall(r"\d+", match.group("marks"))))
    for person, keys in people:
        draft.authors.append(person)
        draft.author_affiliation_keys.append(keys)
    for group in (g.strip() for g in groups_part.split(";")):
        if group:
            match = _MARKED_AUTHOR.match(group)
            draft.authors.append(Collective(match.group("name") if match else group))
            draft.author_affiliation_keys.append(re.findall(r"\d+", match.group("marks")) if match else [])
    return True


def _is_group_only(text: str) -> bool:
    return len(text.split()) <= 15 and bool(
        re.search(
            r"\b(?:Group|Consortium|Committee|Investigators|Collaborat\w*|Society|Association|Team|Network)\b", text
        )
    )


def _read_author_information(block: list[str], draft: _Draft) -> None:
    lines = [block[0].split(":", 1)[1].strip(), *block[1:]]
    for line in lines:
        if not line:
            continue
        match = re.match(r"^\((\d{1,3})\)\s*(.*)$", line)
        if match:
            draft.affiliations[match.group(1)] = match.group(2).strip()
        elif draft.affiliations:
            last = list(draft.affiliations)[-1]
            draft.affiliations[last] = f"{draft.affiliations[last]} {line}".strip()
        else:
            draft.affiliations[""] = line
