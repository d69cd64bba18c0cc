"""BibTeX and BibLaTeX files to records, through bibtexparser v2.

:func:`~jakcite.builtin_formats.bibtex.blocks.scan_blocks` cuts the file into blocks by
BibTeX's own rules (with their lines); bibtexparser's splitter reads each block alone, its
head rewritten to one bibtexparser reads (``@ MaNuAl (`` -> ``@entry(``, the type kept from
the scan), and a block it cannot read is read by BibTeX's rules
(:func:`~jakcite.builtin_formats.bibtex.blocks.read_entry_body`).  Our
:class:`ResolveMacrosMiddleware` (a bibtexparser library middleware) then evaluates every
field value the way BibTeX does: ``@string`` macros, ``#`` concatenation, the predefined
month macros, braces and quotes.  Entries inherit from ``crossref`` and ``xdata`` parents.
Values are decoded from LaTeX to Unicode rich text (:mod:`jakcite.builtin_formats.bibtex.latex_decode`).

A block neither can read is a :class:`~jakcite.ParseError` naming its line (in
lenient mode a skipped-record diagnostic).  A field with no model slot goes to
``Record.extra`` as ``("bibtex:<field>", value)`` (its LaTeX as in the file, macros resolved); a value the model refuses (a malformed
DOI) goes there too, with a warning, so nothing is dropped silently.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import attrs
from bibtexparser.library import Library
from bibtexparser.middlewares.middleware import LibraryMiddleware
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
    Preamble,
    String,
)
from bibtexparser.splitter import Splitter

from jakcite.builtin_formats.bibtex import blocks
from jakcite.builtin_formats.bibtex.latex_decode import latex_to_plain, latex_to_rich
from jakcite.builtin_formats.bibtex.vocabulary import (
    ARTICLE_SUBTYPES,
    BIBLATEX_SEASONS,
    ENTRY_TYPE_WORK,
    MODEL_FIELDS,
    MONTH_MACROS,
    SEASON_WORDS,
    SORT_PREFIX,
    VERBATIM_FIELDS,
    canonical_entry_type,
)
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Contributor,
    Identifiers,
    Keyword,
    Pages,
    PartialDate,
    Person,
    Record,
    RichText,
    WorkType,
    normalize_doi,
    normalize_pmcid,
    normalize_pmid,
)
from jakcite.registry import ReadContext
from jakcite.sources import Source
from jakcite.util.dates import day_and_month, month_number, year_span
from jakcite.util.field_lists import split_keywords, split_standard_numbers
from jakcite.util.languages import iso_code, split_languages
from jakcite.util.names import initials_of
from jakcite.util.pages import parse_pages
from jakcite.util.work_types import ARTICLE_LIKE

__all__ = [
    "ResolveMacrosMiddleware",
    "parse_biblatex_date",
    "parse_name",
    "parse_names",
    "read",
    "simple_inverted_name",
]

# bibtexparser logs every block it cannot parse; we report those as diagnostics instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

#: The model's normalisers of the identifiers read here (they raise ValueError for a bad value).
_NORMALIZE = {"pmid": normalize_pmid, "pmcid": normalize_pmcid, "doi": normalize_doi}
#: ``type`` values the writer puts in for entry types that need one.
_DEFAULT_TYPE_VALUES = frozenset({"techreport", "phdthesis"})
#: Fields a crossref child never inherits (biblatex's rules).
_NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
        "key",
    }
)


#: What writers escaping verbatim fields as text write (``a\\_b``, ``\\textasciitilde{}``), by character.
_VERBATIM_ESCAPES = re.compile(
    r"\\([_%&#$])|\{\\([_%&#$])\}|\\text(asciitilde|asciicircum|backslash|braceleft|braceright|less|greater|bar)(?:\{\}|\b)"
)
_ESCAPED_SYMBOLS = {
    "asciitilde": "~",
    "asciicircum": "^",
    "backslash": "\\",
    "braceleft": "{",
    "braceright": "}",
    "less": "<",
    "greater": ">",
    "bar": "|",
}


def unescape_verbatim(value: str) -> str:
    """A verbatim field's value with the LaTeX escapes of older writers undone.

    Biber and url.sty take ``url``, ``doi``, ``eprint``... as they are, so ``a\\_b`` in a file
    written by a writer that escaped them means ``a_b``: no URL or DOI holds a backslash
    before these characters.  Whitespace runs become one space.
    """
    if "\\" in value:
        value = _VERBATIM_ESCAPES.sub(_unescaped, value)
    return " ".join(value.split())


def _unescaped(match: re.Match[str]) -> str:
    if match.group(3):
        return _ESCAPED_SYMBOLS[match.group(3)]
    return match.group(1) or match.group(2)


# --------------------------------------------------------------------------- macros


def _split_concatenation(value: str) -> list[str]:
    """``foo # " and " # {Bar}`` -> ``['foo', '" and "', '{Bar}']`` (``#`` outside braces/quotes)."""
    if "#" not in value:
        return [value.strip()]
    parts: list[str] = []
    depth = 0
    in_quotes = False
    start = 0
    for index, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            in_quotes = not in_quotes
        elif char == "#" and depth == 0 and not in_quotes:
            parts.append(value[start:index].strip())
            start = index + 1
    parts.append(value[start:].strip())
    return parts


def _evaluate(value: str, macros: dict[str, str], unknown: list[str]) -> str:
    """The value of a BibTeX expression: braced/quoted literals, numbers, macros, ``#``."""
    out: list[str] = []
    for part in _split_concatenation(value.strip()):
        if len(part) >= 2 and ((part[0] == "{" and part[-1] == "}") or (part[0] == '"' and part[-1] == '"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in macros:
            out.append(macros[part.lower()])
        elif part:
            unknown.append(part)
            out.append(part)
    return "".join(out)


class ResolveMacrosMiddleware(LibraryMiddleware):
    """Evaluate field values as BibTeX does: ``@string`` macros, ``#``, month macros, delimiters.

    Values end up without their outer braces or quotes.  Undefined macros are kept as
    their name and listed in the entry's parser metadata under ``undefined_macros``.
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    @classmethod
    def metadata_key(cls) -> str:
        """Key of this middleware's notes in block metadata."""
        return "jakcite_resolve_macros"

    def transform(self, library: Library) -> Library:
        """Resolve strings in file order, then every entry's fields."""
        macros: dict[str, str] = dict(MONTH_MACROS)
        for string in library.strings:
            unknown: list[str] = []
            macros[string.key.lower()] = _evaluate(string.value, macros, unknown)
        for block in library.blocks:
            entry = _block_entry(block)
            if entry is None:
                continue
            unknown = []
            for field in entry.fields:
                if isinstance(field.value, str):
                    field.value = _evaluate(field.value, macros, unknown)
            entry.parser_metadata["undefined_macros"] = unknown
        return library


# --------------------------------------------------------------------------- values


def parse_names(value: str) -> tuple[list[Contributor], bool]:
    """BibTeX names (``and``-separated) to people and groups; True when ``and others`` ended it."""
    people: list[Contributor] = []
    truncated = False
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw:
            continue
        if raw.lower() == "others":
            truncated = True
            continue
        person = parse_name(raw)
        if person is not None:
            people.append(person)
    return people, truncated


def _is_fully_braced(text: str) -> bool:
    if not (text.startswith("{") and text.endswith("}")) or text.startswith("{\\"):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += char == "{"
        depth -= char == "}"
        if depth == 0 and index < len(text) - 1:
            return False
    return True


def _top_level_commas(text: str) -> int:
    depth = commas = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        commas += char == "," and depth == 0
    return commas


def _is_von_last(raw: str, first: list[str], von: list[str]) -> bool:
    return _top_level_commas(raw) == 0 and len(first) == 1 and not von and first[0][:1].islower()


#: What makes a name need bibtexparser's parser: braces, escapes, ties, white space but spaces.
_NAME_SPECIALS = re.compile(r"[{}\\~]|[^\S ]")


def simple_inverted_name(raw: str) -> tuple[str, str] | None:
    """``Family, Given Names`` as (family, given words joined by one space); None for any other name.

    Such a name (one comma, one family word, some given words, nothing BibTeX treats
    specially) is what jakcite and most exporters write; bibtexparser's parser gives
    exactly these parts for it (a test checks this on the corpus), and the name no longer
    needs the parser.
    """
    if raw.count(",") != 1 or _NAME_SPECIALS.search(raw):
        return None
    family, _, given = raw.partition(",")
    family = family.strip(" ")
    words = given.split(" ")
    if not family or " " in family or not any(words):
        return None
    return family, " ".join(word for word in words if word)


def parse_name(raw: str) -> Contributor | None:
    """One BibTeX name (``von Last, Jr, First`` or ``First von Last``); a fully braced name is a group."""
    if _is_fully_braced(raw):
        name = latex_to_plain(raw)
        return Collective(name) if name else None
    simple = simple_inverted_name(raw)
    if simple is not None:
        family, given, particle, suffix = latex_to_plain(simple[0]), latex_to_plain(simple[1]) or None, None, None
    else:
        parts = parse_single_name_into_parts(raw, strict=False)
        family = latex_to_plain(" ".join(parts.last))
        given = latex_to_plain(" ".join(parts.first)) or None
        particle = latex_to_plain(" ".join(parts.von)) or None
        suffix = latex_to_plain(" ".join(parts.jr)) or None
        if _is_von_last(raw, parts.first, parts.von):
            # BibTeX reads ``van Gogh`` as von + Last; bibtexparser takes two words as First Last.
            given, particle = None, latex_to_plain(parts.first[0])
    if not family:
        if not given:
            return None
        family, given = given, None
    return Person(
        family=family, given=given, initials=initials_of(given) if given else None, suffix=suffix, particle=particle
    )


_DATE_PART = re.compile(r"^(?P<year>-?\d{1,4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:T[\d:]+Z?)?[?~%]?$")


def _parse_date_part(text: str) -> PartialDate | None:
    match = _DATE_PART.match(text.strip())
    if not match:
        return None
    year = int(match.group("year"))
    month = int(match.group("month")) if match.group("month") else None
    day = int(match.group("day")) if match.group("day") else None
    if month is not None and month in BIBLATEX_SEASONS:
        return PartialDate(year, season=BIBLATEX_SEASONS[month])
    return PartialDate(year, month, day)


def parse_biblatex_date(text: str) -> PartialDate | None:
    """``2022-10-04``, ``2019-09/2019-10``, ``2000-21`` (spring), ``1999/`` -> PartialDate; None if not a date.

    An open end (``1999/``) keeps only the start.
    """
    text = text.strip()
    if "/" in text:
        first, _, second = text.partition("/")
        start = _parse_date_part(first) if first.strip() not in ("", "..") else None
        end = _parse_date_part(second) if second.strip() not in ("", "..") else None
        if start is None:
            return None
        if second.strip() not in ("", "..") and end is None:
            return None
        return attrs.evolve(start, end=end) if end is not None and end != start else start
    return _parse_date_part(text)


# --------------------------------------------------------------------------- records


class _EntryReader:
    """Turns one resolved entry's fields into a record, collecting warnings."""

    def __init__(self, entry: Entry, fields: dict[str, str], context: ReadContext, index: int) -> None:
        self.entry = entry
        self.fields = fields
        self.context = context
        self.index = index
        self.line = (entry.start_line or 0) + 1
        self.warnings: list[str] = []
        self.extra: list[tuple[str, str]] = []

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self.context.warn(f"{self.entry.key}: {message}", line=self.line, record=self.index)

    def keep(self, name: str, value: str) -> None:
        """A value with no model slot: kept in ``extra`` as the file has it (macros resolved)."""
        self.extra.append((f"bibtex:{name}", " ".join(value.split())))

    def plain(self, name: str) -> str | None:
        if name in VERBATIM_FIELDS:
            return self.verbatim(name)
        value = self.fields.get(name)
        return latex_to_plain(value) or None if value is not None else None

    def verbatim(self, name: str) -> str | None:
        """A field Biber reads verbatim (url, doi, eprint...): as written, older escapes undone."""
        value = self.fields.get(name)
        return unescape_verbatim(value) or None if value is not None else None

    def work_type(self) -> WorkType:
        entry_type = canonical_entry_type(self.entry.entry_type)
        work = ENTRY_TYPE_WORK.get(entry_type)
        if work is None:
            self.keep("entrytype", entry_type)
            work = WorkType.OTHER
        subtype = self.plain("entrysubtype")
        if subtype:
            if work is WorkType.JOURNAL_ARTICLE and subtype.lower() in ARTICLE_SUBTYPES:
                return ARTICLE_SUBTYPES[subtype.lower()]
            try:
                return WorkType(subtype.lower())
            except ValueError:
                self.keep("entrysubtype", subtype)
        return work

    def names(self, name: str) -> tuple[list[Contributor], bool]:
        value = self.fields.get(name)
        if not value:
            return [], False
        try:
            return parse_names(value)
        except (ValueError, TypeError) as exc:
            self.warn(f"cannot split the names in {name} ({exc}); kept as text")
            self.keep(name, value)
            return [], False

    def date(self) -> PartialDate | None:
        date_text = self.plain("date")
        if date_text:
            try:
                parsed = parse_biblatex_date(date_text)
            except ValueError:
                parsed = None
            if parsed is not None:
                return parsed
            self.warn(f"date {date_text!r} is not an ISO 8601 date; kept in extra")
            self.keep("date", date_text)
        hint, year_text = self._year_and_sort_hint()
        if not year_text or year_text.lower().replace(" ", "") in ("n.d.", "nd", "nodate", "s.d.", "o.j."):
            return None
        span = year_span(year_text)
        if span is None:
            written = self.plain("year")
            self.warn(f"year {written!r} is not a number; kept in extra")
            self.keep("year", written or "")
            return None
        if hint is not None:
            self.keep("sortyear", hint)
        start, end = span
        date = self._year_month_day(start)
        return attrs.evolve(date, end=PartialDate(end)) if end is not None else date

    def _year_and_sort_hint(self) -> tuple[str | None, str | None]:
        """(sort hint, year as text): ``{\\noopsort{1973b}}1973`` -> ``("1973b", "1973")``."""
        raw = self.fields.get("year")
        if raw is None:
            return None, None
        prefix = SORT_PREFIX.match(raw)
        if prefix is None:
            return None, latex_to_plain(raw) or None
        hint = prefix.group("hint") if prefix.group("hint") is not None else prefix.group("bare_hint")
        return hint, latex_to_plain(raw[prefix.end() :]) or None

    def _month_and_day(self, month_text: str) -> tuple[int | None, str | None]:
        """The month, and the day (the ``day`` field, else one written in the month: ``"8~" # feb``)."""
        month = month_number(month_text)
        day_text = self.plain("day")
        written = day_and_month(month_text) if month is None else None
        if written is not None:
            month = written[1]
            if day_text and day_text.strip() != str(written[0]):
                self.warn(f"month {month_text!r} names another day than day {day_text!r}; kept in extra")
                self.keep("month", month_text)
            day_text = day_text or str(written[0])
        return month, day_text

    def _year_month_day(self, year: int) -> PartialDate:
        month_text = self.plain("month")
        if not month_text:
            return PartialDate(year)
        season = SEASON_WORDS.get(month_text.lower().strip("."))
        if season is not None:
            return PartialDate(year, season=season)
        month, day_text = self._month_and_day(month_text)
        if month is None:
            self.warn(f"month {month_text!r} is not a month; kept in extra")
            self.keep("month", month_text)
            return PartialDate(year)
        if day_text:
            try:
                return PartialDate(year, month, int(day_text))
            except ValueError:
                self.warn(f"day {day_text!r} is not a day of that month; kept in extra")
                self.keep("day", day_text)
        return PartialDate(year, month)

    def identifiers(self) -> Identifiers:
        values: dict[str, Any] = {}
        eprinttype = (self.plain("eprinttype") or "").lower()
        eprint = self.plain("eprint")
        for slot, candidates in (
            ("pmid", [self.plain("pmid"), eprint if eprinttype in ("pubmed", "pmid") else None]),
            ("pmcid", [self.plain("pmcid"), eprint if eprinttype in ("pmc", "pmcid", "pubmedcentral") else None]),
            ("doi", [self.plain("doi")]),
        ):
            value = next((c for c in candidates if c), None)
            if value is None:
                continue
            try:
                _NORMALIZE[slot](value)  # what Identifiers(**{slot: value}) would refuse
            except ValueError as exc:
                self.warn(f"{slot} {value!r} is not valid ({exc}); kept in extra")
                self.keep(slot, value)
                continue
            values[slot] = value
        if eprint and eprinttype not in ("pubmed", "pmid", "pmc", "pmcid", "pubmedcentral"):
            values["others"] = [(eprinttype or "eprint", eprint)]
        isbn = self.plain("isbn")
        if isbn:
            values["isbn"] = split_standard_numbers(isbn)
        return Identifiers(**values)

    def container(self, work: WorkType) -> Container | None:
        journal = self.plain("journaltitle") or self.plain("journal")
        booktitle = self.plain("booktitle")
        if work in ARTICLE_LIKE:
            title = journal or booktitle
            if journal and booktitle:
                self.keep("booktitle", self.fields["booktitle"])
        else:
            title = booktitle or journal
            if journal and booktitle:
                self.keep("journal", self.fields.get("journaltitle") or self.fields["journal"])
        howpublished = self.fields.get("howpublished")
        if title is None and howpublished:
            title = latex_to_plain(howpublished)  # where a @misc says it appeared
        elif howpublished:
            self.keep("howpublished", howpublished)
        issn = self.plain("issn")
        issns = split_standard_numbers(issn) if issn else []  # empty for "," alone
        container = Container(
            title=title,
            iso_abbreviation=self.plain("shortjournal"),
            issn_print=issns[0] if issns else None,
            series=self.plain("series"),
        )
        if issn and len(issns) != 1:
            self.keep("issn", issn)
        return container if any(attrs.astuple(container, recurse=False)) else None

    def languages(self) -> list[str]:
        langid = self.plain("langid")
        languages = [iso_code(langid)] if langid else []
        languages += [code for code in split_languages(self.plain("language") or "") if code not in languages]
        return languages

    def _note(self) -> str | None:
        """The note, unless it is the ``PMID n``/``doi:x`` stand-in jakcite writes for empty entries."""
        note = self.plain("note")
        if note and self.entry.entry_type.lower() == "misc":
            pmid, doi = self.plain("pmid") or self.plain("eprint"), self.plain("doi")
            if (pmid and note == f"PMID {pmid}") or (doi and note == f"doi:{doi}"):
                return None
        return note

    def _issue_and_number(self, work: WorkType) -> tuple[str | None, str | None]:
        """(issue, number): an article's ``number`` is its issue (``issue`` kept when both are there)."""
        if work not in ARTICLE_LIKE:
            return self.plain("issue"), self.plain("number")
        issue = self.plain("number") or self.plain("issue")
        if self.plain("number") and self.plain("issue"):
            self.keep("issue", self.fields["issue"])
        return issue, None

    def _pages(self) -> Pages | None:
        raw_pages = self.fields.get("pages")
        pages_text = latex_to_plain(re.sub(r"-{2,3}", "-", raw_pages)) if raw_pages else None
        return parse_pages(pages_text) if pages_text else None

    def _publisher(self) -> str | None:
        """The publisher, else the institution, school or organization (the others kept in extra)."""
        publisher = self.plain("publisher")
        for alternative in ("institution", "school", "organization"):
            value = self.plain(alternative)
            if value and publisher is None:
                publisher = value
            elif value and value != publisher:
                self.keep(alternative, self.fields[alternative])
        return publisher

    def _keep_key_and_type(self) -> None:
        """A ``key`` other than the cite key, and a ``type`` the writer did not put in, go to extra."""
        key_field = self.plain("key")
        if key_field and key_field != self.entry.key:
            self.keep("key", self.fields["key"])
        type_field = self.plain("type")
        if type_field and type_field.lower() not in _DEFAULT_TYPE_VALUES:
            self.keep("type", self.fields["type"])

    def _accessed(self) -> PartialDate | None:
        urldate = self.plain("urldate")
        accessed = parse_biblatex_date(urldate) if urldate else None
        if urldate and accessed is None:
            self.keep("urldate", urldate)
        return accessed

    def _keep_unconsumed(self) -> None:
        for name, value in self.fields.items():
            if name not in MODEL_FIELDS:
                self.keep(name, value)

    def _rich(self, name: str, *, nocase_groups: bool) -> RichText | None:
        value = self.fields.get(name)
        return latex_to_rich(value, nocase_groups=nocase_groups) if value else None

    def record_fields(self) -> dict[str, Any]:
        """The record's model fields (``Record(**fields)``), warnings and extras collected on the way.

        The steps run in a fixed order: it is the order of the warnings and of ``extra``.
        """
        work = self.work_type()
        authors, truncated = self.names("author")
        editors, _ = self.names("editor")
        title = self._rich("title", nocase_groups=True)
        issue, number = self._issue_and_number(work)
        pages = self._pages()
        publisher = self._publisher()
        abstract = self._rich("abstract", nocase_groups=False)
        keywords = [Keyword(k) for k in split_keywords(self.plain("keywords") or "")]
        self._keep_key_and_type()
        accessed = self._accessed()
        self._keep_unconsumed()
        return dict(
            type=work,
            key=self.entry.key or None,
            title=title,
            short_title=self.plain("shorttitle"),
            vernacular_title=self._rich("origtitle", nocase_groups=True),
            authors=authors,
            authors_truncated=truncated,
            editors=editors,
            container=self.container(work),
            volume=self.plain("volume"),
            issue=issue,
            number=number,
            pages=pages,
            article_number=self.plain("eid"),
            publisher=publisher,
            publisher_place=self.plain("location") or self.plain("address"),
            edition=self.plain("edition"),
            published=self.date(),
            accessed=accessed,
            ids=self.identifiers(),
            url=self.verbatim("url"),
            abstract=Abstract((AbstractSection(abstract),)) if abstract else None,
            keywords=keywords,
            languages=self.languages(),
            note=self._note(),
        )


def _field_dict(entry: Entry) -> dict[str, str]:
    """Fields by lower-case name; for a repeated field the first value wins (others to extra)."""
    fields: dict[str, str] = {}
    for field in entry.fields:
        name = field.key.lower()
        if name not in fields:
            fields[name] = str(field.value)
    return fields


def _inherit(fields: dict[str, str], parent: dict[str, str]) -> None:
    """biblatex inheritance: missing fields come from the parent; its title is the child's booktitle."""
    for name, value in parent.items():
        target = "booktitle" if name == "title" else name
        if name in _NOT_INHERITED or target in fields:
            continue
        fields[target] = value


def _resolve_parents(entries: list[Entry]) -> dict[str, dict[str, str]]:
    by_key: dict[str, dict[str, str]] = {}
    for entry in entries:
        by_key.setdefault(entry.key.lower(), _field_dict(entry))
    resolved: dict[str, dict[str, str]] = {}

    def fields_of(key: str, seen: frozenset[str]) -> dict[str, str]:
        if key in resolved:
            return resolved[key]
        fields = dict(by_key[key])
        for link in ("xdata", "crossref"):
            for parent_key in [p.strip().lower() for p in fields.get(link, "").split(",") if p.strip()]:
                if parent_key in by_key and parent_key not in seen:
                    _inherit(fields, fields_of(parent_key, seen | {key}))
        resolved[key] = fields
        return fields

    return {key: fields_of(key, frozenset()) for key in by_key}


def _block_entry(block: object) -> Entry | None:
    """The entry in a block: an entry, or one bibtexparser flagged for a repeated key or field."""
    if isinstance(block, Entry):
        return block
    if isinstance(block, (DuplicateFieldKeyBlock, DuplicateBlockKeyBlock)) and isinstance(
        block.ignore_error_block, Entry
    ):
        return block.ignore_error_block
    return None


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """Read every entry of a .bib file (BibTeX or BibLaTeX) as a record.

    An entry whose key repeats an earlier one, or that repeats a field, is still read
    (with a warning); a block that cannot be parsed at all is a ParseError naming its line.
    """
    library = _library(source.read_text())
    entries = [e for e in (_block_entry(b) for b in library.blocks) if e is not None]
    resolved = _resolve_parents(entries)
    first: dict[str, Entry] = {}
    for candidate in entries:
        first.setdefault(candidate.key.lower(), candidate)
    index = 0
    for block in library.blocks:
        entry = _block_entry(block)
        line = (block.start_line or 0) + 1
        if entry is None:
            if isinstance(block, ParsingFailedBlock):
                context.fail(f"cannot parse this block: {_first_line(block.error)}", line=line, record=index)
                index += 1
            continue
        if isinstance(block, ParsingFailedBlock):
            context.warn(f"{entry.key}: {_first_line(block.error)}; the entry is read anyway", line=line, record=index)
        fields = resolved[entry.key.lower()] if first[entry.key.lower()] is entry else _inherited(entry, resolved)
        record = _read_entry(entry, fields, context, index)
        index += 1
        if record is not None:
            yield record


#: The commands BibTeX knows; any other block is an entry.
_COMMANDS = frozenset({"comment", "preamble", "string"})


def _library(text: str) -> Library:
    """The file's blocks as a bibtexparser library (in file order, at the scan's lines), macros resolved."""
    library = Library()
    for block in blocks.scan_blocks(text):
        if block.kind == "comment" and block.closed:
            continue
        raw = text[block.start : block.end]
        parsed = _parse_block(block, raw) if block.closed else _unclosed(block, raw, text[block.end :])
        library.add(parsed, fail_on_duplicate_key=False)
    return ResolveMacrosMiddleware().transform(library)


def _parse_block(block: blocks.Block, raw: str) -> Block:
    """One closed block read by bibtexparser alone, else by BibTeX's rules; a ParsingFailedBlock if neither can."""
    # bibtexparser reads types of word characters only, and any ``@comment...`` as a comment.
    head = block.kind if block.kind in _COMMANDS else "entry"
    parsed = Splitter(f"@{head}{block.opener}{block.body}{block.closer}").split().blocks
    first = parsed[0] if parsed else None
    if len(parsed) == 1 and (not isinstance(first, ParsingFailedBlock) or isinstance(first, DuplicateFieldKeyBlock)):
        return _placed(parsed[0], block, raw)
    try:
        return _by_bibtex_rules(block, raw)
    except ValueError as exc:
        failed = next((b for b in parsed if isinstance(b, ParsingFailedBlock)), None)
        return ParsingFailedBlock(failed.error if failed else exc, start_line=block.line, raw=raw)


def _unclosed(block: blocks.Block, raw: str, rest: str) -> ParsingFailedBlock:
    """A block never closed: it ends where the next block starts (``rest``), or at the end of the file."""
    head = re.match(r"\s*@\s*([^\s{(]*)", rest)
    where = f"Unexpected block start: `@{head.group(1)}`" if head else "Unexpected end of file"
    error = ValueError(f"{where} before the `{block.closer}` closing this block")
    return ParsingFailedBlock(error, start_line=block.line, raw=raw)


def _placed(parsed: Block, block: blocks.Block, raw: str) -> Block:
    """A block bibtexparser read, rebuilt at the scan's line with the scan's entry type."""
    if isinstance(parsed, DuplicateFieldKeyBlock) and isinstance(parsed.ignore_error_block, Entry):
        return DuplicateFieldKeyBlock(parsed.duplicate_keys, _placed_entry(parsed.ignore_error_block, block, raw))
    if isinstance(parsed, Entry):
        return _placed_entry(parsed, block, raw)
    if isinstance(parsed, String):
        return String(parsed.key, parsed.value, start_line=block.line, raw=raw)
    if isinstance(parsed, Preamble):
        return Preamble(parsed.value, start_line=block.line, raw=raw)
    return parsed


def _placed_entry(entry: Entry, block: blocks.Block, raw: str) -> Entry:
    return Entry(block.kind, entry.key, entry.fields, start_line=block.line, raw=raw)


def _by_bibtex_rules(block: blocks.Block, raw: str) -> Block:
    """A block bibtexparser could not read, read by BibTeX's rules; ValueError if BibTeX could not either."""
    if block.kind == "string":
        name, value = blocks.read_string_body(block.body)
        return String(name, value, start_line=block.line, raw=raw)
    if block.kind in _COMMANDS:
        return Preamble(block.body, start_line=block.line, raw=raw)
    key, pairs = blocks.read_entry_body(block.body)
    entry = Entry(block.kind, key, [Field(name, value) for name, value in pairs], start_line=block.line, raw=raw)
    names = Counter(name for name, _ in pairs)
    repeated = {name for name, count in names.items() if count > 1}
    return DuplicateFieldKeyBlock(repeated, entry) if repeated else entry


def _inherited(entry: Entry, resolved: dict[str, dict[str, str]]) -> dict[str, str]:
    """Fields of an entry whose key was already taken (it still inherits from its parents)."""
    fields = _field_dict(entry)
    for link in ("xdata", "crossref"):
        for parent_key in [p.strip().lower() for p in fields.get(link, "").split(",") if p.strip()]:
            if parent_key in resolved:
                _inherit(fields, resolved[parent_key])
    return fields


def _first_line(error: object) -> str:
    reason = getattr(error, "abort_reason", None)
    if reason:
        return " ".join(str(reason).split())
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _read_entry(entry: Entry, fields: dict[str, str], context: ReadContext, index: int) -> Record | None:
    reader = _EntryReader(entry, fields, context, index)
    for name in entry.parser_metadata.get("undefined_macros", []):
        reader.warn(f"undefined macro {name!r} kept as its name")
    counts = Counter(f.key.lower() for f in entry.fields)
    repeated = {f.key for f in entry.fields if counts[f.key.lower()] > 1}
    try:
        slots = reader.record_fields()
        seen: set[str] = set()
        extra = reader.extra
        for field in entry.fields:
            if field.key in repeated:
                if field.key.lower() in seen:
                    extra.append((f"bibtex:{field.key.lower()}", " ".join(str(field.value).split())))
                seen.add(field.key.lower())
        provenance = context.provenance(line=reader.line, index=index, warnings=reader.warnings)
        return Record(**slots, extra=extra, provenance=provenance)
    except (ValueError, TypeError) as exc:
        context.fail(f"{entry.key}: bad value: {exc}", line=reader.line, record=index)
        return None
