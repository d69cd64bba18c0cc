"""Free-text reference strings (the cited works in a reference list) parsed into records.

Reference strings (the ``References`` section of a PubMed page, the ``<Citation>``
elements of PubMed XML, the lists in articles) come in many publisher dialects::

    Al Khalili A., Dutz J.P. Title? Curr. Treat. Options Rheumatol. 2020;6:406–417. doi: ...
    Purcell S, Neale B, et al. Title. Am J Hum Genet. 2007;81:559–75.
    Battaglia, M., Stabilini, A. & Roncarolo, M.G. (2005) Title. Blood, 105, 4743-4748.
    Zheng R., Zhan J., Title. Part. Part. Syst. Charact. 30, 133–137 (2013).
    J Clin Microbiol. 2007 Oct;45(10):3323-34
    Author A. Title. In: Editor B., editors. Book. 9th ed. Publisher; City: 2019. pp. 346–362.

:func:`parse_reference` takes such a string apart in a fixed order: first the identifiers
and links (DOI, PMID, PMCID, URL, access date), then the author list at the start, then
the "source" at the end (the year/volume/issue/pages grammar), and what lies between is
split into title and container.  Nothing is invented: a part that cannot be recognised
stays absent, and the original string is always kept on ``Record.reference_text``.

The pubmed-text reader parses each reference of a page's ``References`` section with it.
The PubMed XML reader does not: it keeps each ``<Citation>`` string unparsed on
``reference_text``, with the identifiers of its ``ArticleIdList`` (parsing every citation
would take longer than the rest of the read); ``parse_reference(record.reference_text)``
parses one on request.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from jakcite.model import Collective, Container, Contributor, Identifiers, PartialDate, Person, Record, WorkType
from jakcite.util.dates import parse_date_text
from jakcite.util.pages import parse_pages

__all__ = ["parse_reference", "split_authors"]

# --------------------------------------------------------------------------- character classes

_UPPER = "".join(re.escape(c) for c in map(chr, range(0x41, 0x250)) if c.isupper())
_LOWER = "".join(re.escape(c) for c in map(chr, range(0x61, 0x250)) if c.islower())
_LETTER = r"[^\W\d_]"
_UP = f"[{_UPPER}]"
_WORD = rf"{_UP}(?=[^\s,;.]*[{_LOWER}])(?:{_LETTER}|['’])*(?:[-‐‑]{_LETTER}(?:{_LETTER}|['’])*)*"
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|dos|das|le|la|ten|ter|el|al|bin|ibn|zu|vander|vanden)"
_FAMILY = rf"(?:{_PARTICLE}\s+){{0,3}}{_WORD}(?:\s+{_WORD}){{0,2}}"
_INITIALS_BARE = rf"{_UP}(?:-?{_UP}){{0,3}}(?![^\W_])"
_INITIALS_DOTTED = rf"{_UP}[a-z]?\.(?:\s?-?\s?{_UP}[a-z]?\.){{0,3}}"
_SUFFIX = r"(?:\s*,?\s*(?P<suffix>Jr|Sr|II|III|IV|2nd|3rd)\b\.?)?"

_VANCOUVER_NAME = re.compile(rf"(?P<family>{_FAMILY})\s+(?P<initials>{_INITIALS_DOTTED}|{_INITIALS_BARE}){_SUFFIX}")
_INVERTED_NAME = re.compile(rf"(?P<family>{_FAMILY}),\s*(?P<initials>{_INITIALS_DOTTED}|{_INITIALS_BARE}){_SUFFIX}")
_GIVEN_FIRST_NAME = re.compile(rf"(?P<initials>{_INITIALS_DOTTED})\s*(?P<family>{_FAMILY}){_SUFFIX}")
_NAME_SEPARATOR = re.compile(r"\s*(?:,\s*(?:&|and)\s+|,\s*|;\s*|\s+&\s+|\s+and\s+)")
_ET_AL = re.compile(r"\s*,?\s*(?:et\.?\s*al\b\.?|and others\b\.?|\.\.\.|…)(?!\s*,?\s*&)")
_ELLIPSIS_SEPARATOR = re.compile(r"\s*,?\s*(?:…|\.\.\.)\s*,?\s*(?:&|and)?\s*")
_COLLECTIVE_WORDS = re.compile(
    r"\b(?:Team|Group|Collective|Consortium|Committee|Collaborat\w*|Investigators|Organi[sz]ation|Association|Society|"
    r"Council|Institute|Agency|Foundation|Network|Alliance|Federation|College|Board|Office|Department|Ministry|"
    r"Administration|Centers?|Centres?|Program+e?|Panel|Working|Authors|Union)\b"
)

# --------------------------------------------------------------------------- identifiers and links

_LINK_WORDS = re.compile(
    r"(?:\s+-\s+(?:DOI|PMC|PubMed|Free PMC article|Free article|Google Scholar|CrossRef|PMC free article))+\s*$",
    re.IGNORECASE,
)
_BRACKET_LINKS = re.compile(
    r"\[\s*(?:PubMed|CrossRef|Google Scholar|PMC free article|Ref list|DOI|Web of Science)\s*\]", re.I
)
_DOI = re.compile(
    r"(?:\[\s*)?(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*[:.]?\s*|\bDOI\s*:?\s*)?(?P<doi>10\.\d{4,9}/[^\s\]\"]+)(?:\s*\])?",
    re.IGNORECASE,
)
_PMID = re.compile(
    r"(?:\bPMID\s*:?\s*|\bPubMed\s+(?:PMID\s*:?\s*)?(?=\d)|(?:PubMed\s+)?https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/)"
    r"(?P<pmid>\d{1,9})/?",
    re.IGNORECASE,
)
_PMCID = re.compile(r"(?:\bPMCID\s*:?\s*)?\b(?P<pmcid>PMC\d{3,9})\b")
_URL = re.compile(r"(?P<url>(?:https?://|www\.)[^\s<>\"\]]+)", re.IGNORECASE)
_AVAILABLE = re.compile(r"\b(?:Available|Accessible)\s+(?:online\s*)?(?:from|at|on)?\s*:?\s*$", re.IGNORECASE)
_ACCESSED = re.compile(
    r"[\[(]*\s*(?:last\s+)?(?:accessed|cited|retrieved|viewed|date accessed|consulted)(?:\s+on)?\s*:?\s*"
    r"(?P<date>[^\[\]()]{4,40}?)\s*[\])]*(?=\s*(?:[.;,]|$|Available\b|https?:))",
    re.IGNORECASE,
)
_EPUB = re.compile(
    r"\s*\[?\s*Epub(?: ahead of print)?\.?(?:\s+(?:1[5-9]|20)\d{2}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?)?\s*\]?\.?", re.I
)
_INTERNET = re.compile(r"\s*\[Internet\]", re.IGNORECASE)

# --------------------------------------------------------------------------- the source grammar

_YEAR = r"(?P<year>(?:1[6-9]|20)\d{2})[a-z]?"
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Spring|Summer|Autumn|Fall|Winter)[a-z]*\.?"
_DATE = rf"{_YEAR}(?P<when>\s+{_MONTHS}(?:\s*[-/]\s*{_MONTHS})?(?:\s+\d{{1,2}}(?![\d:]))?)?"
_VOLUME = r"(?P<volume>\d+[A-Za-z]?(?:\s*[-–]\s*\d+)?)(?P<supplement>(?:\s+(?:Suppl|Pt|Spec No)\.?\s*[\dA-Z]*)*)"
_ISSUE = r"(?:\s*\(\s*(?P<issue>[^()]{1,24}?)\s*\))?"
_PAGE = r"[A-Za-z]{0,4}\.?\d+[A-Za-z]?\d*(?:\.e\d+)?"
_PAGES = rf"(?P<pages>{_PAGE}(?:\s*[-‐‑‒–—]+\s*{_PAGE})?)"
_END = r"\s*[.,;]?\s*$"

_SOURCE_PATTERNS = tuple(
    re.compile(p)
    for p in (
        # Vancouver/NLM: Journal. 2007 Oct;45(10):3323-34 / Journal 2016; 23: 1064–1070 / 2018;2018
        rf"[\s.,]+{_DATE}\s*[;:]\s*{_VOLUME}?{_ISSUE}(?:\s*:\s*(?:pp?\.\s*)?{_PAGES})?{_END}",
        # Journal 154: 1490–1496, 1996
        rf"[\s.,]+{_VOLUME}{_ISSUE}\s*:\s*{_PAGES}\s*,\s*{_DATE}{_END}",
        # Journal 30, 133–137 (2013) / Journal 30:133 (2013)
        rf"[\s.,]+{_VOLUME}{_ISSUE}\s*[,:]\s*(?:pp?\.\s*)?{_PAGES}\s*\(\s*{_DATE}\s*\){_END}",
        # Journal, 1992, 6(3), 832–839 / Journal 2019, 12, 345
        rf"[\s.,]+{_DATE}\s*,\s*{_VOLUME}{_ISSUE}\s*[,:]\s*(?:pp?\.\s*)?{_PAGES}{_END}",
        # Journal 2019, 12(3)
        rf"[\s.,]+{_DATE}\s*,\s*(?:vol\.\s*)?{_VOLUME}{_ISSUE}{_END}",
        # Journal 82:6810–6818 / Journal, 38(5), 1416–1424 / Journal 17, 313–325 (year given earlier)
        rf"[\s.,]+(?:vol\.\s*)?{_VOLUME}{_ISSUE}\s*[,:]\s*(?:pp?\.\s*)?{_PAGES}{_END}",
        # Journal 3 (2016)
        rf"[\s.,]+{_VOLUME}{_ISSUE}\s*\(\s*{_DATE}\s*\){_END}",
        # Journal 2020. 13(2) / Journal 13(2) / Journal 13 (year given earlier)
        rf"[\s.,]+{_VOLUME}{_ISSUE}{_END}",
        # Journal. 2019. / Journal (2019)
        rf"[\s.,]+\(?{_DATE}\)?{_END}",
    )
)
_PATTERN_NEEDS_YEAR = {5, 7}

_LEADING_YEARS = (
    re.compile(rf"^\s*[.,]?\s*\(\s*{_DATE}\s*\)\s*[.,:]?\s*"),
    re.compile(rf"^\s*[.,]?\s*{_DATE}\s*[.:]\s+"),
    re.compile(rf"^\s*,?\s*{_DATE}\s*,\s+"),  # "Scott, J. E., 1992, “Title,” Eye, 6(6), pp. 553–555."
)
_PUBLISHER_PLACE = re.compile(
    rf"(?P<first>[^.;:]{{2,80}})\s*[:;]\s*(?P<second>[^.;:]{{2,80}}?)\s*[;,:]\s*\(?{_DATE}\)?"
    rf"(?:\s*[.,;]\s*(?:pp?\.\s*)?(?P<pages>{_PAGE}(?:\s*[-–—]\s*{_PAGE})?)(?:\s*pp?\.)?)?{_END}"
)
_EDITION = re.compile(r"(?:^|\s)(?P<edition>\d+(?:st|nd|rd|th)|[A-Z][a-z]+)\s+(?:ed|edn|edition)\.?(?=\s|$)", re.I)
_CHAPTER_IN = re.compile(r"(?:^|[.,]\s*|\s)In:?\s+(?=\S)")
_EDITORS_END = re.compile(r"[,.]?\s*\(?(?:editors?|eds?\.?|Hrsg\.?)\)?[.,:]?\s+", re.I)
_JOURNAL_STOPWORDS = {
    "of",
    "and",
    "the",
    "in",
    "for",
    "&",
    "de",
    "der",
    "und",
    "fur",
    "für",
    "la",
    "et",
    "y",
    "on",
    "a",
}


@attrs.define
class _Parts:
    """What has been taken out of a reference string so far."""

    text: str
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    accessed: PartialDate | None = None
    web: bool = False
    has_authors: bool = False
    extra: list[tuple[str, str]] = attrs.Factory(list)


def parse_reference(text: str) -> Record:
    """Parse one free-text reference (Vancouver/NLM, author-year, chemistry style...) into a record.

    The record carries what could be recognised -- authors (``authors_truncated`` for
    "et al."), title, container, date, volume, issue, pages or article number, DOI,
    PMID, PMCID, URL, access date, editors, publisher -- and ``reference_text`` is the
    string exactly as given.  The type is ``chapter``, ``book`` or ``webpage`` when the
    string says so, else a journal article when it has a journal source, else ``other``.
    """
    original = text.strip()
    parts = _take_identifiers(_clean(original))
    core = parts.text
    authors, truncated, rest = split_authors(core)
    parts.has_authors = bool(authors) or truncated
    year_match = _leading_year(rest) if authors or truncated else None
    leading_date: PartialDate | None = None
    if year_match:
        leading_date = _date_from(year_match)
        rest = rest[year_match.end() :]
    fields = _parse_body(rest, leading_date, parts)
    record = Record(
        type=fields.pop("type"),
        authors=authors,
        authors_truncated=truncated,
        ids=Identifiers(doi=parts.doi, pmid=parts.pmid, pmcid=parts.pmcid),
        url=parts.url,
        accessed=parts.accessed,
        reference_text=original,
        extra=parts.extra,
    )
    return attrs.evolve(record, **fields)


def _leading_year(text: str) -> re.Match[str] | None:
    for pattern in _LEADING_YEARS:
        match = pattern.match(text)
        if match:
            return match
    return None


# --------------------------------------------------------------------------- cleaning and identifiers


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = " ".join(text.split())
    text = _LINK_WORDS.sub("", text)
    text = re.sub(r"(?<=[.?!])\s+[—–]\s+", " ", text)
    text = _BRACKET_LINKS.sub("", text)
    return text.strip()


def _cut(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()].rstrip()} {text[match.end() :].lstrip()}".strip()


def _take(parts: _Parts, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of ``pattern`` in what is left of the string, cut out of it."""
    match = pattern.search(parts.text)
    if match:
        parts.text = _cut(parts.text, match)
    return match


def _take_identifiers(text: str) -> _Parts:
    parts = _Parts(text)
    if match := _take(parts, _DOI):
        parts.doi = _trim_doi(match.group("doi"))
    if match := _take(parts, _PMID):
        parts.pmid = str(int(match.group("pmid")))
    if match := _take(parts, _PMCID):
        parts.pmcid = match.group("pmcid")
    if match := _take(parts, _ACCESSED):
        parts.accessed = parse_date_text(match.group("date"))
        parts.web = True
    match = _URL.search(parts.text)
    if match:
        parts.url = match.group("url").rstrip(".,;)")
        before = parts.text[: match.start()]
        available = _AVAILABLE.search(before)
        if available:
            parts.web = True
            before = before[: available.start()]
        parts.text = f"{before.rstrip()} {parts.text[match.end() :].lstrip()}".strip()
    dangling = _AVAILABLE.search(parts.text)
    if dangling:
        parts.text = parts.text[: dangling.start()].rstrip()
    if _INTERNET.search(parts.text):
        parts.web = True
        parts.text = _INTERNET.sub("", parts.text)
    parts.text = _EPUB.sub("", parts.text) if re.search(r"Epub", parts.text, re.I) else parts.text
    parts.text = _tidy(parts.text)
    return parts


def _trim_doi(doi: str) -> str:
    """A DOI without the punctuation and unmatched closing brackets that follow it in prose.

    Never empty: the ``10.NNNN/`` prefix the pattern requires is not trimmed.
    """
    doi = doi.rstrip(".,;:")
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1].rstrip(".,;:")
    while doi.endswith("]") and doi.count("]") > doi.count("["):
        doi = doi[:-1]
    while doi.endswith(">") and doi.count(">") > doi.count("<"):
        doi = doi[:-1]
    return doi


def _tidy(text: str) -> str:
    text = re.sub(r"\s*\.\s*(?:\.\s*)+", ". ", text)
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    return text.strip().rstrip(",;:").strip()


# --------------------------------------------------------------------------- authors


def split_authors(text: str) -> tuple[tuple[Contributor, ...], bool, str]:
    """Take the author list off the start of a reference: ``(authors, et_al, rest)``.

    Tries the name forms references use (``Family AB``, ``Family A.B.``, ``Family, A.``,
    ``A. B. Family``) and keeps the one that reads the longest well-terminated list; a
    leading group name (``R Core Team.``) becomes a :class:`~jakcite.model.Collective`.
    """
    best: tuple[list[Contributor], bool, int] = ([], False, 0)
    for pattern in (_INVERTED_NAME, _VANCOUVER_NAME, _GIVEN_FIRST_NAME):
        names, truncated, end = _scan_names(text, pattern)
        if names and end > best[2]:
            best = (names, truncated, end)
    names, truncated, end = best
    if not names:
        collective = _leading_collective(text)
        if collective is not None:
            name, end = collective
            return (Collective(name),), False, text[end:].lstrip(" .,;:")
        return (), False, text
    return tuple(names), truncated, text[end:].lstrip(" .,;:")


def _scan_names(text: str, pattern: re.Pattern[str]) -> tuple[list[Contributor], bool, int]:
    names: list[Contributor] = []
    pos = 0
    truncated = False
    while True:
        match = pattern.match(text, pos)
        if not match or not _is_family(match.group("family")):
            break
        names.append(_person(match))
        pos = match.end()
        et_al = _ET_AL.match(text, pos)
        if et_al:
            truncated = True
            pos = et_al.end()
            group = re.match(r"\s*;\s*([^.;]{3,80}?)\s*\.(?=\s|$)", text[pos:])
            if group and _COLLECTIVE_WORDS.search(group.group(1)):  # "et al; ADVOCATE Study Group."
                names.append(Collective(group.group(1)))
                pos += group.end()
            break
        separator = _ELLIPSIS_SEPARATOR.match(text, pos)
        if separator and separator.group(0).strip(" ,&and"):
            truncated = True  # "Simpson T,… & Matthews LT": names left out in the middle
        else:
            separator = _NAME_SEPARATOR.match(text, pos)
        if separator is None:
            break
        after = separator.end()
        collective = _collective_in_list(text, after)
        if collective is not None:
            names.append(Collective(collective[0]))
            pos = collective[1]
            break
        following = _next_name(text, after, pattern)
        if following is None:
            break
        pattern = following
        pos = after
    if not names:
        return [], False, 0
    if not _well_terminated(text, pos, pattern is _VANCOUVER_NAME and not truncated):
        return [], False, 0
    return names, truncated, pos


def _next_name(text: str, pos: int, pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern the next name matches: the list's own, or (after ``Gu, Z.``) ``D. Nicolae``."""
    candidates = (pattern, _GIVEN_FIRST_NAME, _VANCOUVER_NAME) if pattern is _INVERTED_NAME else (pattern,)
    for candidate in candidates:
        match = candidate.match(text, pos)
        if match and _is_family(match.group("family")):
            return candidate
    return None


def _is_family(family: str) -> bool:
    words = family.split()
    return not (len(words) > 1 and all(len(w) <= 2 for w in words)) and family.lower() not in {"in", "the", "and"}


def _well_terminated(text: str, pos: int, bare_ok: bool) -> bool:
    """A name list ends with '.', ',', ':', a year in brackets, or the end of the string."""
    rest = text[pos:]
    if not rest.strip() or re.match(r"\s*(?:[.,:;]|\(\s*(?:1[6-9]|20)\d{2})", rest):
        return True
    if text[pos - 1 : pos] == ".":
        return True
    return bare_ok and bool(re.match(rf"\s+{_UP}", rest))


def _person(match: re.Match[str]) -> Person:
    family = match.group("family").strip()
    initials = re.sub(r"[\s.]", "", match.group("initials") or "")
    suffix = match.group("suffix")
    return Person(family=family, initials=initials or None, suffix=suffix)


def _collective_in_list(text: str, pos: int) -> tuple[str, int] | None:
    match = re.match(r"([^.,;()]{3,120}?)\.(?=\s|$)", text[pos:])
    if match and _COLLECTIVE_WORDS.search(match.group(1)):
        return match.group(1).strip(), pos + match.end()
    return None


def _leading_collective(text: str) -> tuple[str, int] | None:
    match = re.match(r"([^.;()]{3,150}?)(?:\.|;|\s\(\s*(?=(?:1[6-9]|20)\d{2}))(?=\s|$)", text)
    if match and _COLLECTIVE_WORDS.search(match.group(1)) and len(match.group(1).split()) <= 12:
        return match.group(1).strip(), match.end() - (1 if match.group(0).endswith("(") else 0)
    return None


# --------------------------------------------------------------------------- body: title, container, source


def _parse_body(rest: str, leading_date: PartialDate | None, parts: _Parts) -> dict[str, Any]:
    chapter = _split_chapter(rest)
    if chapter is not None:
        return _chapter_fields(chapter[0], chapter[1], leading_date)
    source = _match_source(rest, leading_date is not None)
    if source is not None:
        match, index = source
        before = rest[: match.start() + (1 if rest[match.start()] == "." else 0)].strip()
        fields = _source_fields(match, leading_date)
        title, container = _split_title_container(before, need_title=bool(parts.has_authors))
        fields.update(type=WorkType.JOURNAL_ARTICLE, title=title, container=_container(container))
        if index == len(_SOURCE_PATTERNS) - 1:  # only a year: a book or report unless a journal is obvious
            book = _book_fields(rest, leading_date)
            if book is not None:
                return book
            if parts.web:
                fields.update(type=WorkType.WEBPAGE, title=before or None, container=None)
            elif container is None:
                fields.update(type=WorkType.OTHER)
        return fields
    book = _book_fields(rest, leading_date)
    if book is not None:
        return book
    return _fallback_fields(rest, leading_date, parts)


def _match_source(text: str, have_year: bool) -> tuple[re.Match[str], int] | None:
    for index, pattern in enumerate(_SOURCE_PATTERNS):
        if index in _PATTERN_NEEDS_YEAR and not have_year:
            continue
        match = pattern.search(text)
        if match and match.start() > 0:
            return match, index
    return None


def _date_from(match: re.Match[str]) -> PartialDate:
    year = int(match.group("year"))
    when = match.group("when") if "when" in match.re.groupindex else None
    if when:
        parsed = parse_date_text(f"{year} {when.strip()}")
        if parsed is not None:
            return parsed
    return PartialDate(year)


def _source_fields(match: re.Match[str], leading_date: PartialDate | None) -> dict[str, Any]:
    groups = match.groupdict()
    fields: dict[str, Any] = {}
    fields["published"] = _date_from(match) if groups.get("year") else leading_date
    if groups.get("volume"):
        fields["volume"] = groups["volume"].strip()
    issue = " ".join(p.strip() for p in (groups.get("supplement"), groups.get("issue")) if p and p.strip())
    if issue:
        fields["issue"] = issue
    if groups.get("pages"):
        fields.update(_pages_fields(groups["pages"]))
    return fields


def _pages_fields(text: str) -> dict[str, Any]:
    printed = re.sub(r"\s*[-‐‑‒–—]+\s*", "-", text.strip())
    if "-" not in printed and (re.fullmatch(r"[eE]\d+|[A-Za-z]+\d{3,}\w*", printed) or len(printed) >= 5):
        return {"article_number": printed}
    return {"pages": parse_pages(printed)}


def _split_title_container(text: str, *, need_title: bool = False) -> tuple[str | None, str | None]:
    """Split ``Title. Journal Abbrev.`` at the sentence boundary that starts the journal."""
    text = text.strip().rstrip(",;:")
    if not text:
        return None, None
    quoted = _QUOTED_TITLE.match(text)
    if quoted:  # “Title,” Journal  /  ‘Title’, Journal
        return _strip_title(quoted.group("title")), _container_text(quoted.group("container"))
    pieces = _sentences(text)
    if len(pieces) == 1:
        comma = _split_on_last_comma(text)
        if comma is not None:
            return comma
        return None, text.rstrip(".").strip() or None
    start = len(pieces) - 1
    while start > 0 and _journal_like(pieces[start - 1], final=False):
        start -= 1
    if start == 0 and need_title and not _abbreviation(pieces[0]):
        start = 1  # "GenBank. Nucleic Acids Research": a one-word title, not "Can. J. Microbiol"
    if start == 0:
        return None, _container_text(" ".join(pieces))
    title = " ".join(pieces[:start]).strip()
    container = " ".join(pieces[start:])
    stray = re.search(r"\)\s+([A-Z][a-z]{0,5}\.)$", title)
    if stray and re.search(r"\w\.\s+\S", container):  # "(ROSE) Ann. Rheum. Dis.": no full stop after the title
        title, container = title[: stray.start() + 1], f"{stray.group(1)} {container}"
    return _strip_title(title), _container_text(container)


_QUOTED_TITLE = re.compile(r"^\s*[“\"‘']\s*(?P<title>.+?)[,.]?\s*[”\"’']\s*[,.]?\s+(?P<container>[^“”\"‘’]+)$")


def _container_text(text: str) -> str | None:
    """A journal name; its final full stop is kept only in dotted abbreviations (``Int. J. Mol. Sci.``)."""
    text = text.strip()
    if text.endswith(".") and not re.search(r"\w\.\s+\S", text):
        text = text[:-1].strip()
    return text or None


def _split_on_last_comma(text: str) -> tuple[str | None, str | None] | None:
    """``Title, Journal`` (chemistry style with no full stop after the title)."""
    head, sep, tail = text.rpartition(", ")
    if sep and len(head.split()) >= 4 and _journal_like(tail, final=True) and len(tail.split()) <= 6:
        return _strip_title(head), tail.rstrip(".").strip()
    return None


def _sentences(text: str) -> list[str]:
    return [p for p in re.split(r"(?<=[.?!])\s+(?=[^\s])", text) if p]


def _abbreviation(piece: str) -> bool:
    """``Can.``, ``J.``, ``Proc.``: one short capitalised word with a full stop."""
    return bool(re.fullmatch(r"[A-Z][a-z]{0,4}\.", piece))


def _journal_like(piece: str, *, final: bool) -> bool:
    if piece.endswith(("?", "!")):
        return False
    words = piece.rstrip(".").split()
    if not words or len(words) > (8 if final else 3):
        return False
    for word in words:
        bare = word.strip("()[],:")
        if not bare or bare.lower() in _JOURNAL_STOPWORDS:
            continue
        if not (bare[0].isupper() or bare[0].isdigit()):
            return False
    return True


def _strip_title(title: str | None) -> str | None:
    if not title:
        return None
    title = title.strip()
    if title.endswith(".") and not re.search(r"\b[A-Z]\.$|\bet al\.$|\bsp\.$|\bspp\.$", title):
        title = title[:-1]
    title = title.strip()
    for opening, closing in (("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("«", "»")):
        if title.startswith(opening) and title.rstrip(".,").endswith(closing) and len(title) > 2:
            title = title.rstrip(".,")[1:-1].strip().rstrip(",").strip()
    return title or None


def _container(title: str | None) -> Container | None:
    title = title.strip(" ,;:—–-") if title else None
    return Container(title=title) if title else None


# --------------------------------------------------------------------------- books, chapters, web pages


def _split_chapter(text: str) -> tuple[str, str] | None:
    for match in _CHAPTER_IN.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        if match.start() == 0 or not before.strip():
            continue
        if _EDITORS_END.search(after) or _PUBLISHER_PLACE.search(after):
            return before.strip(" .,"), after.strip()
    return None


def _chapter_fields(title_part: str, book_part: str, leading_date: PartialDate | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": WorkType.CHAPTER, "title": _strip_title(title_part)}
    editors_end = _EDITORS_END.search(book_part)
    if editors_end and editors_end.start() < 400:
        editors, _, _ = split_authors(book_part[: editors_end.start()].strip(" ,") + ".")
        fields["editors"] = editors
        book_part = book_part[editors_end.end() :]
    book = _book_fields(book_part, leading_date, chapter=True)
    if book is not None:
        fields.update(book)
        fields["type"] = WorkType.CHAPTER
    else:
        fields["container"] = _container(book_part.strip(" .")) if book_part.strip(" .") else None
        fields["published"] = leading_date
    return fields


def _book_fields(text: str, leading_date: PartialDate | None, *, chapter: bool = False) -> dict[str, Any] | None:
    """``Title. 2nd ed. City: Publisher; 2019. pp. 3-9`` (or ``Publisher; City: 2019``)."""
    match = _PUBLISHER_PLACE.search(text)
    if match is None:
        return None
    head = text[: match.start()].strip()
    fields: dict[str, Any] = {"type": WorkType.BOOK, "published": _date_from(match)}
    first, second = match.group("first").strip(" ,"), match.group("second").strip(" ,")
    if ";" in text[match.start() : match.end()].split(":")[0]:  # "Publisher; City: 2019" (PMC style)
        fields.update(publisher=first, publisher_place=second)
    else:  # "City: Publisher; 2019" (NLM style)
        fields.update(publisher_place=first, publisher=second)
    if match.group("pages"):
        fields.update(_pages_fields(match.group("pages")))
    edition = _EDITION.search(head)
    if edition:
        fields["edition"] = edition.group("edition")
        head = (head[: edition.start()] + head[edition.end() :]).strip()
    head = head.strip(" .,")
    if chapter:
        fields["container"] = _container(head or None)
    else:
        fields["title"] = _strip_title(head)
    return fields


def _fallback_fields(text: str, leading_date: PartialDate | None, parts: _Parts) -> dict[str, Any]:
    year = re.search(r"\b(?:1[6-9]|20)\d{2}\b", text) if leading_date is None else None
    date = leading_date or (PartialDate(int(year.group(0))) if year else None)
    work_type = WorkType.WEBPAGE if parts.web else WorkType.OTHER
    pieces = _sentences(text.strip())
    title = _strip_title(pieces[0]) if pieces else None
    fields: dict[str, Any] = {"type": work_type, "title": title, "published": date}
    if len(pieces) > 1:
        remainder = " ".join(pieces[1:]).strip(" .")
        if work_type is WorkType.WEBPAGE or (leading_date and _journal_like(remainder, final=True)):
            fields["container"] = _container(remainder)
            if work_type is WorkType.OTHER:
                fields["type"] = WorkType.JOURNAL_ARTICLE
        else:
            parts.extra.append(("reference:unparsed", remainder))
    return fields
