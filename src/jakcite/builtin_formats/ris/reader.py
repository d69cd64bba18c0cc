"""Read RIS, in the dialects the reference managers and databases actually export.

RIS is a line format: ``TY  - JOUR`` opens a record, ``XX  - value`` lines carry its
fields and ``ER  - `` closes it.  Real files bend every rule, and this reader takes them
as they come:

* byte-order marks, CRLF, leading blank lines and numbered preambles (Ovid's ``1.``);
* untagged continuation lines: a wrapped value goes on (``AB``, ``N1``, ``AD``...), and
  under ``KW`` each line is one more keyword (Rayyan, EndNote);
* tag synonyms of the old and new specifications (``A1``/``AU``, ``T1``/``TI``,
  ``Y1``/``PY``/``DA``, ``JF``/``JO``/``T2``, ``N2``/``AB``...);
* dates ``2019///``, ``2021/06//``, ``2013/02/15/received`` and EndNote's yearless
  ``DA  - Jun``;
* the PMID wherever exporters put it: ``AN`` from NLM, ``M2  - PMID: ...`` (Zotero's
  Extra), ``U1  - 123 [PMID]`` (Dimensions), ``N1  - PMID: ...``, ``C2`` (Scopus);
* ``M3`` holding a DOI (EndNote, SciFinder) or a publication type (Scopus, EBSCO).

Anything without a slot in the model is kept in ``Record.extra`` as ``("ris:TAG", value)``,
so nothing is dropped and writing the record back gives the same tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import attrs

from jakcite.builtin_formats.ris.vocabulary import (
    HTML_ENTITY,
    ISBN,
    ISBN_PREFIX,
    ISSN,
    NIHMSID,
    PMCID_NOTE,
    PMID_NOTE,
    READ_TYPES,
    TRAILING_INITIALS,
    WRITE_TYPES,
    tag_rank,
)
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Contributor,
    HistoryDate,
    Identifiers,
    Keyword,
    Pages,
    PartialDate,
    Person,
    Record,
    Season,
    WorkType,
    normalize_doi,
    normalize_pmcid,
    normalize_pmid,
)
from jakcite.registry import ReadContext
from jakcite.sources import Source
from jakcite.util.dates import parse_date_text
from jakcite.util.names import initials_of
from jakcite.util.pages import expand_page_range, parse_pages
from jakcite.util.work_types import PERIODICAL_ARTICLES

__all__ = [
    "RawRecord",
    "RisField",
    "classify_sn",
    "collect_standard_numbers",
    "lone_start_page",
    "note_and_pmid",
    "parse_ris_date",
    "parse_ris_name",
    "read",
    "split_records",
]

#: Unicode line/paragraph separators some sites put inside values (Zotero reads them as spaces).
_LINE_SEPARATORS = re.compile(r"\s?[\u2028\u2029]\s?")
_OVID_NUMBER = re.compile(r"^\s*\d+\.\s*$")
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$")
_ISSN_ROLES = ("print", "electronic", "linking")
_DOI_IN_TEXT = re.compile(r"^(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{3,9}(?:\.\d+)*/\S+)$", re.IGNORECASE)
_NUMBERED_DATE = re.compile(r"^\s*(\d{4})?(?:/(\d{0,2})(?:/(\d{0,2})(?:/(.*))?)?)?\s*$")
_BRACKETED_ID = re.compile(r"^\s*(PMC\d+|\d+)\s*\[(PMID|PMCID)\]\s*$", re.IGNORECASE)
_LIST_MARK = re.compile(r"[,;]")
_FOUR_DIGITS = re.compile(r"\d{4}")
_PMCID = re.compile(r"PMC\d+", re.IGNORECASE)
_SN_PARTS = re.compile(r"\s*[,;]\s*|\s+(?=\d{4}-?\d{3}[\dXx]\b)")
_SN_HINT = re.compile(r"^(.*?)\s*\((ISSN|ISBN|Print|Electronic|Linking)\)\s*$", re.IGNORECASE)
_SEASON_WORDS = {
    "spring": Season.SPRING,
    "spr": Season.SPRING,
    "summer": Season.SUMMER,
    "sum": Season.SUMMER,
    "autumn": Season.AUTUMN,
    "fall": Season.AUTUMN,
    "fal": Season.AUTUMN,
    "win": Season.WINTER,
    "winter": Season.WINTER,
}
_HISTORY_STATUSES = frozenset(
    {"received", "accepted", "revised", "epublish", "ppublish", "pubmed", "medline", "entrez"}
)
#: Tags whose continuation lines are separate values, not a wrapped value.
_LINE_LIST_TAGS = frozenset({"KW"})
#: Tags whose continuation lines start a new paragraph.
_PARAGRAPH_TAGS = frozenset({"AB", "N2", "N1"})
_PUBMED_DATABASES = ("nlm", "pubmed", "medline")

#: ``offer(kind, value, tag, raw)``: set an identifier, or keep the raw value in extra.
_Offer = Callable[[str, str, str, str], bool]


@attrs.define
class RisField:
    """One tag and its value, with the line it started on."""

    tag: str
    value: str
    line: int


@attrs.define
class RawRecord:
    """The fields of one record as they stand in the file, before any interpretation."""

    line: int
    fields: list[RisField] = attrs.Factory(list)
    closed: bool = False
    late_fields: int = 0


def split_records(lines: Iterable[str]) -> Iterator[RawRecord]:
    """Group RIS lines into records of :class:`RisField`, joining continuation lines.

    Text outside records (Ovid's numbered preambles, blank lines) is skipped; a record
    without ``ER`` ends at the next ``TY`` or at the end of the input.  Tagged lines
    between ``ER`` and the next ``TY`` (Ovid writes ``NL`` there) belong to the record
    before them and are counted in its ``late_fields`` -- unless an ``ER`` closes them:
    then they are a record of their own that lacks its ``TY``.
    """
    current: RawRecord | None = None
    closed: RawRecord | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        if "\u2028" in line or "\u2029" in line:
            line = _LINE_SEPARATORS.sub(" ", line)
        match = _TAG_LINE.match(line)
        if match is None:
            if (
                current is not None
                and current.fields
                and not (current.fields[0].tag != "TY" and _OVID_NUMBER.match(line))
            ):
                _continue_value(current, line, number)
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "ER":
            if current is not None:
                current.closed = True
                if closed is not None:
                    yield closed
                closed, current = current, None
            continue
        if tag == "TY":
            if current is not None and current.fields[0].tag != "TY" and closed is not None:
                _attach_late(closed, current)
                current = None
            if closed is not None:
                yield closed
                closed = None
            if current is not None:
                yield current
            current = RawRecord(number)
        elif current is None:
            current = RawRecord(number)
        current.fields.append(RisField(tag, decode_entities(value), number))
    if current is not None and current.fields[0].tag != "TY" and closed is not None:
        _attach_late(closed, current)
        current = None
    if closed is not None:
        yield closed
    if current is not None:
        yield current


def decode_entities(value: str) -> str:
    """``p &lt; 0.001`` -> ``p < 0.001``: PubMed's RIS export writes HTML character references.

    Only complete references (``&lt;``, ``&#8805;``, ``&#x2265;``) are decoded; a bare ``&``
    (``AT&T``) is text.  The writer escapes text that would read as one.
    """
    if "&" not in value:
        return value
    return HTML_ENTITY.sub(_decoded, value)


def _decoded(match: re.Match[str]) -> str:
    decoded = html.unescape(match.group())
    return match.group() if decoded == match.group() or not decoded.isprintable() else decoded


def _attach_late(closed: RawRecord, late: RawRecord) -> None:
    """Tagged lines after ER and before the next TY: fields of the record they follow."""
    closed.fields.extend(late.fields)
    closed.late_fields += len(late.fields)


def _continue_value(record: RawRecord, line: str, number: int) -> None:
    """Attach an untagged line to the field before it."""
    last = record.fields[-1]
    text = decode_entities(line.strip())
    if last.tag in _LINE_LIST_TAGS:
        if text:
            record.fields.append(RisField(last.tag, text, number))
    elif last.tag in _PARAGRAPH_TAGS:
        last.value = f"{last.value}\n{text}" if last.value else text
    elif text:
        last.value = f"{last.value} {text}" if last.value else text


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """Read every record of a RIS source (see the module docstring for the dialects)."""
    with source.open_text() as stream:
        yield from _read_stream(stream, source, context)


def _read_stream(stream: TextIO, source: Source, context: ReadContext) -> Iterator[Record]:
    count = 0
    for index, raw in enumerate(split_records(stream)):
        count += 1
        if not raw.closed:
            context.warn(
                "record has no closing 'ER  - ' line; it ends at the next TY or the end", line=raw.line, record=index
            )
        if raw.late_fields:
            context.warn(
                f"{raw.late_fields} tagged line(s) after 'ER  - ' kept with this record", line=raw.line, record=index
            )
        if raw.fields[0].tag != "TY":
            first = raw.fields[0]
            context.fail(
                f"TY tag expected, found {first.tag!r}: a record must start with 'TY  - '", line=raw.line, record=index
            )
            continue
        try:
            record = _build(raw, context, index)
        except (ValueError, TypeError) as exc:
            context.fail(f"bad value: {exc}", line=raw.line, record=index)
            continue
        yield record
    if count == 0:
        _refuse_non_ris(source, context)


def _refuse_non_ris(source: Source, context: ReadContext) -> None:
    head = source.head_text()
    if not head.strip():
        return
    first = next((line for line in head.split("\n") if line.strip()), "")
    hint = ""
    if re.match(r"^(FN|VR|PT) ", first):
        hint = " It looks like Web of Science's own tagged format (FN/VR/PT ... ER/EF), not RIS."
    elif first.startswith("PMID-"):
        hint = " It looks like MEDLINE/.nbib; read it with --from medline."
    raise context.error(f"not RIS: no 'TY  - ' line opens a record.{hint}", line=1)


# --------------------------------------------------------------------------- building


@attrs.define
class _Fields:
    """The fields of one record, with which ones a model slot has taken.

    ``extra`` collects values with no slot as ``(position, key, value)``; the record's
    ``extra`` lists them in file order, so writing and reading again keeps that order.
    """

    items: list[RisField]
    used: set[int] = attrs.Factory(set)
    extra: list[tuple[int, str, str]] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)
    by_tag: dict[str, list[int]] = attrs.Factory(dict)

    def __attrs_post_init__(self) -> None:
        for i, item in enumerate(self.items):
            self.by_tag.setdefault(item.tag, []).append(i)

    def _positions(self, tags: tuple[str, ...]) -> list[int]:
        if len(tags) == 1:
            return self.by_tag.get(tags[0], [])
        found = [positions for positions in map(self.by_tag.get, tags) if positions]
        if len(found) <= 1:
            return found[0] if found else []  # (most synonyms are absent: no sorting)
        return sorted(i for positions in found for i in positions)

    def take(self, *tags: str) -> list[str]:
        """Values of these tags, in file order, marked as used (empty values skipped)."""
        values: list[str] = []
        for i in self._positions(tags):
            if i not in self.used:
                self.used.add(i)
                value = self.items[i].value.strip()
                if value:
                    values.append(value)
        return values

    def peek(self, *tags: str) -> list[str]:
        """Values of these tags that no slot has taken yet, without taking them."""
        values = (self.items[i].value.strip() for i in self._positions(tags) if i not in self.used)
        return [value for value in values if value]

    def keep(self, tag: str, value: str, why: str | None = None) -> None:
        """Keep a value with no slot in ``extra`` (and say why, when it is a problem).

        The value keeps the tag and position of the line it came from.
        """
        claimed = {position for position, _, _ in self.extra}
        position, origin = self._origin(tag, value, claimed)
        self.extra.append((position, f"ris:{origin}", value))
        if why:
            self.warnings.append(f"{origin} {value!r} kept in extra: {why}")

    def _origin(self, tag: str, value: str, claimed: set[int]) -> tuple[int, str]:
        fallback: tuple[int, str] | None = None
        for i, item in enumerate(self.items):
            if i in claimed:
                continue
            if item.value.strip() == value and (item.tag == tag or fallback is None or fallback[1] != tag):
                if item.tag == tag:
                    return i, tag
                fallback = (i, item.tag)
        if fallback is not None:
            return fallback
        last = max((i for i, item in enumerate(self.items) if item.tag == tag), default=len(self.items))
        return last, tag

    def extra_pairs(self) -> list[tuple[str, str]]:
        """Kept values and untaken fields as ``extra`` pairs.

        In the order a RIS writer puts tags (:data:`TAG_ORDER`, other tags last), and in
        file order within a tag's rank, so that writing and reading again keeps it.
        """
        leftovers = [
            (i, f"ris:{f.tag}", f.value.strip())
            for i, f in enumerate(self.items)
            if i not in self.used and f.value.strip()
        ]
        ordered = sorted(self.extra + leftovers, key=lambda item: (tag_rank(item[1][4:]), item[0]))
        return [(key, value) for _, key, value in ordered]


def _build(raw: RawRecord, context: ReadContext, index: int) -> Record:
    """One record from its fields: model slots first, then what is left to ``extra``."""
    fields = _Fields(raw.fields)
    ty_values = fields.take("TY")
    ty = ty_values[0].upper() if ty_values else ""
    work_type = READ_TYPES.get(ty, WorkType.OTHER)
    slots = _slots(fields, work_type)
    extra = ([("ris:TY", ty)] if ty and WRITE_TYPES.get(work_type) != ty else []) + fields.extra_pairs()
    missing = tuple(name for name in ("title", "authors", "published") if not slots[name])
    for message in fields.warnings:
        context.warn(message, line=raw.line, record=index)
    provenance = context.provenance(line=raw.line, index=index, warnings=fields.warnings, missing=missing)
    return Record(type=work_type, extra=extra, provenance=provenance, **slots)


def _slots(fields: _Fields, work_type: WorkType) -> dict[str, Any]:
    """The model fields of a record, taken from its RIS fields (order matters: see the takers)."""
    journal_like = work_type in PERIODICAL_ARTICLES
    keys = fields.take("ID")
    title = _first_kept(fields, "TI", ("TI", "T1", "CT"))
    if title is None and work_type is WorkType.BOOK:
        title = _first_kept(fields, "BT", ("BT",))
    ids, issns = _identifiers(fields)
    published, history = _dates(fields)
    note, ids = _note(fields, ids)
    return {
        "key": keys[0] if keys else None,
        "title": title,
        "short_title": _first_kept(fields, "ST", ("ST",)),
        "authors": _names(fields, ("AU", "A1")),
        "editors": _names(fields, ("A2", "ED")),
        "container": _container(fields, work_type, issns),
        "volume": _first_kept(fields, "VL", ("VL",)),
        "issue": _first_kept(fields, "IS", ("IS",)),
        "pages": _pages(fields),  # before C7: a lone SP equal to C7 is no page
        "article_number": _first_kept(fields, "C7", ("C7",)),
        "publisher": _first_kept(fields, "PB", ("PB",)),
        "publisher_place": _first_kept(fields, "CY", ("CY",)),
        "edition": None if journal_like else _first_kept(fields, "ET", ("ET",)),
        "number": None if journal_like else _first_kept(fields, "M1", ("M1",)),
        "published": published,
        "epublished": _epub_date(fields) if journal_like else None,
        "accessed": _single_date(fields, "Y2"),
        "history": history,
        "ids": ids,
        "url": _first_kept(fields, "UR", ("UR",)),
        "abstract": _abstract(fields),
        "keywords": [Keyword(term) for term in fields.take("KW")],
        "languages": fields.take("LA"),
        "publication_types": fields.take("M3"),  # after _identifiers took DOIs out of M3
        "note": note,
    }


def _first_kept(fields: _Fields, name: str, tags: tuple[str, ...]) -> str | None:
    """The first value of these tags; different further values go to ``extra``."""
    values = fields.take(*tags)
    if not values:
        return None
    first = values[0]
    for other in values[1:]:
        if other != first:
            fields.keep(name, other)
    return first


# --------------------------------------------------------------------------- names


def parse_ris_name(text: str) -> Contributor:
    """One ``AU`` value as a person or a group.

    ``Family, Given[, Suffix]`` is a person (also ``Family,G. `` without a space);
    Embase's ``Liu R.``/``Adler D.G.`` (family, then dotted initials) too.  A name without
    a comma is a group author, as Zotero and EndNote read it (``LUPUS-JAK Investigators``).
    """
    clean = text.strip()
    if "," in clean:
        return _inverted_name(clean)
    match = TRAILING_INITIALS.match(clean)
    if match:
        family, initials = match.groups()
        given = initials
        return Person(family=family, given=given, initials=initials_of(given))
    return Collective(clean)


def _inverted_name(text: str) -> Contributor:
    """``Family, Given, Suffix`` as the RIS specification has it.

    A suffix is only ever the third part: a trailing ``V`` or ``II`` in the given names
    is an initial (``Filatov, Max V``), not a suffix.
    """
    family, _, rest = text.partition(",")
    given, _, suffix = rest.partition(",")
    family, given, suffix = family.strip(), given.strip(), suffix.strip()
    if not family:
        return Collective(text)  # no family name before the comma: not a person's name
    return Person(
        family=family,
        given=given or None,
        initials=initials_of(given) if given else None,
        suffix=suffix or None,
    )


def _names(fields: _Fields, tags: tuple[str, ...]) -> list[Contributor]:
    people: list[Contributor] = []
    for value in fields.take(*tags):
        try:
            people.append(parse_ris_name(value))
        except ValueError:
            fields.keep(tags[0], value, "not a usable name")
    return people


# --------------------------------------------------------------------------- container


def _container(fields: _Fields, work_type: WorkType, issns: list[tuple[str, str | None]]) -> Container | None:
    """Journal (or book) title and abbreviation, series and ISSNs."""
    title, abbreviation = _container_titles(fields, work_type)
    print_issn, electronic_issn, linking_issn = _issn_roles(fields, issns)
    container = Container(
        title=title,
        iso_abbreviation=abbreviation,
        issn_print=print_issn,
        issn_electronic=electronic_issn,
        issn_linking=linking_issn,
        series=_first_kept(fields, "T3", ("T3",)),
    )
    return container if any(attrs.astuple(container, recurse=False)) else None


def _container_titles(fields: _Fields, work_type: WorkType) -> tuple[str | None, str | None]:
    """Full title from ``T2``/``JF`` (``BT`` for chapters), else ``JO``; abbreviation from
    ``J2``/``JA``/``J1``, else a ``JO`` that differs from the title.  Other values to extra."""
    full_tags = ("T2", "JF") if work_type in PERIODICAL_ARTICLES else ("T2", "JF", "BT")
    full = fields.peek(*full_tags)
    abbreviations = fields.peek("J2", "JA", "J1")
    jo = fields.peek("JO")
    title = full[0] if full else (jo[0] if jo else None)
    abbreviation = abbreviations[0] if abbreviations else next((v for v in jo if v != title), None)
    for tag in (*full_tags, "J2", "JA", "J1", "JO"):
        for value in fields.take(tag):
            if value not in (title, abbreviation):
                fields.keep(tag, value)
    return title, abbreviation


def _issn_roles(fields: _Fields, issns: list[tuple[str, str | None]]) -> tuple[str | None, str | None, str | None]:
    """Print, electronic and linking ISSN: by their ``(Print)``-style hints, else in order."""
    roles: dict[str, str] = {}
    for issn, hint in issns:
        if hint in ("print", "electronic", "linking") and hint not in roles:
            roles[hint] = issn
            continue
        free = next((role for role in ("print", "electronic", "linking") if role not in roles), None)
        if free is None:
            fields.keep("SN", issn)
        else:
            roles[free] = issn
    return roles.get("print"), roles.get("electronic"), roles.get("linking")


# --------------------------------------------------------------------------- pages


def _pages(fields: _Fields) -> Pages | None:
    starts = fields.peek("SP")
    ends = fields.take("EP")
    article_numbers = fields.peek("C7")
    fields.take("SP")
    for extra_start in starts[1:]:
        fields.keep("SP", extra_start)
    for extra_end in ends[1:]:
        fields.keep("EP", extra_end)
    start = starts[0] if starts else None
    end = ends[0] if ends else None
    if start and not end and article_numbers and start == article_numbers[0]:
        return None  # SP repeats the article number for readers without C7
    if start and end:
        if start == end:
            return Pages(first=start)
        # MEDLINE-derived RIS prints the last page abbreviated (SP 120, EP 32): the model's
        # last page is the expanded one.
        return Pages(first=start, last=expand_page_range(start, end))
    if start:
        pages, listed = lone_start_page(start)
        if listed:
            fields.keep("SP", start)
        return pages
    if end:
        return Pages(last=end)
    return None


def lone_start_page(start: str) -> tuple[Pages | None, bool]:
    """A lone ``SP``: one page or a printed range (``349-69``, expanded to 349-369), and
    whether it is a list of ranges (``2-xx, 320``), which also stays whole in ``extra``.

    The model keeps first and last page, as RIS writes them back.
    """
    parsed = parse_pages(start)
    if parsed is None:
        return None, False
    pages = Pages(first=parsed.first, last=parsed.last if parsed.last != parsed.first else None)
    return pages, bool(_LIST_MARK.search(start))


# --------------------------------------------------------------------------- dates


def parse_ris_date(text: str, year_hint: int | None = None) -> tuple[PartialDate | None, str | None]:
    """A RIS date and the unconsumed "other" part.

    ``2019///``, ``2021/06//``, ``2022/11/05/``, ``2019/09//Sep-Oct``, ``2000///Spring``,
    ``2013/02/15/received``; free text (``2019 Jul``, ``2023-04-12``) and, with a
    ``year_hint``, EndNote's yearless ``Jun``, ``SEP-OCT``, ``SPR``.  The second item is the
    fourth part when it said something the date could not absorb (``received``).
    """
    value = text.strip()
    match = _NUMBERED_DATE.match(value)
    if match and match.group(1):
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        other = (match.group(4) or "").strip()
        base = _safe_date(year, month if month else None, day if month and day else None)
        if base is None:
            return None, None
        if not other:
            return base, None
        return _absorb_other(base, other)
    if year_hint is not None and not _FOUR_DIGITS.search(value):
        season = _SEASON_WORDS.get(value.lower().strip("."))
        if season is not None:
            return PartialDate(year_hint, season=season), None
        parsed = parse_date_text(f"{year_hint} {value}")
        if parsed is not None and (parsed.month is not None or parsed.season is not None):
            if parsed.literal is not None:
                parsed = attrs.evolve(parsed, literal=f"{year_hint} {value}")
            return parsed, None
        return None, None
    parsed = parse_date_text(value.replace("-", " ") if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value) else value)
    return parsed, None


def _safe_date(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        return PartialDate(year, month if month and 1 <= month <= 12 else None, day)
    except ValueError:
        try:
            return PartialDate(year, month if month and 1 <= month <= 12 else None)
        except ValueError:
            return None


def _absorb_other(base: PartialDate, other: str) -> tuple[PartialDate, str | None]:
    """Fold the fourth part of a RIS date into the date when it is date wording."""
    season = _SEASON_WORDS.get(other.lower().strip("."))
    if season is not None and base.month is None:
        return attrs.evolve(base, season=season), None
    text = other if _FOUR_DIGITS.search(other) else f"{base.year} {other}"
    parsed = parse_date_text(text)
    if parsed is not None and parsed.year == base.year and (parsed.month == base.month or base.month is None):
        if parsed.month is not None or parsed.season is not None or parsed.end is not None:
            if base.day is not None and parsed.day is None and parsed.month == base.month and parsed.end is None:
                return base, None
            return parsed, None
    return base, other


def _single_date(fields: _Fields, tag: str) -> PartialDate | None:
    values = fields.take(tag)
    result = None
    for value in values:
        parsed, other = parse_ris_date(value)
        if result is None and parsed is not None and other is None:
            result = parsed
        else:
            fields.keep(tag, value, None if parsed is not None else "not a date")
    return result


def _epub_date(fields: _Fields) -> PartialDate | None:
    values = fields.peek("ET")
    if not values:
        return None
    parsed, other = parse_ris_date(values[0])
    if parsed is None or other is not None:
        return None  # an edition statement: left to extra
    fields.take("ET")
    for value in values[1:]:
        fields.keep("ET", value)
    return parsed


def _precision(date: PartialDate) -> int:
    return (date.month is not None or date.season is not None) + (date.day is not None) + (date.end is not None)


def _dates(fields: _Fields) -> tuple[PartialDate | None, list[HistoryDate]]:
    """Publication date from ``PY``, ``Y1`` and ``DA``; ``PY .../received`` go to history.

    The most precise date of the ``PY`` year wins; a value that says more than the winner
    (another year, a fourth part it could not absorb) is also kept in ``extra``.
    """
    items = [
        (f.tag, f.value.strip())
        for i, f in enumerate(fields.items)
        if f.tag in ("PY", "Y1", "DA") and i not in fields.used
    ]
    fields.take("PY", "Y1", "DA")
    history: list[HistoryDate] = []
    dated: list[tuple[str, str, PartialDate, bool]] = []
    yearless: list[tuple[str, str]] = []
    for tag, value in items:
        if not value:
            continue
        parsed, other = parse_ris_date(value)
        if parsed is None:
            if _FOUR_DIGITS.search(value):
                fields.keep(tag, value, "not a date")
            else:
                yearless.append((tag, value))
        elif other is not None and other.lower() in _HISTORY_STATUSES:
            history.append(HistoryDate(other.lower(), parsed))
        else:
            dated.append((tag, value, parsed, other is not None))
    if not dated:
        for tag, value in yearless:
            fields.keep(tag, value, "a date without a year")
        return None, history
    year = next((d.year for t, _, d, _ in dated if t == "PY"), dated[0][2].year)
    candidates = [d for _, _, d, _ in dated if d.year == year]
    for tag, value in yearless:
        parsed, _ = parse_ris_date(value, year_hint=year)
        if parsed is None:
            fields.keep(tag, value, "not a date")
        else:
            candidates.append(parsed)
    best = max(candidates, key=_precision)
    for tag, value, date, leftover in dated:
        if leftover or not _implied_by(date, best):
            fields.keep(tag, value)
    return best, history


def _implied_by(date: PartialDate, best: PartialDate) -> bool:
    """True when ``date`` says nothing that ``best`` does not (``2019`` vs ``2019-07-01``)."""
    if date == best:
        return True
    if date.year != best.year or date.end is not None or date.literal is not None:
        return False
    if date.season is not None:
        return date.season == best.season
    if date.month is None:
        return True
    if date.month != best.month:
        return False
    return date.day is None or date.day == best.day


# --------------------------------------------------------------------------- identifiers


def _identifiers(fields: _Fields) -> tuple[Identifiers, list[tuple[str, str | None]]]:
    found: dict[str, str] = {}

    def offer(kind: str, value: str, tag: str, raw: str) -> bool:
        """Set an identifier once; a conflicting second value stays in extra."""
        try:
            clean = {"pmid": normalize_pmid, "pmcid": normalize_pmcid, "doi": normalize_doi}.get(kind, str.strip)(value)
        except ValueError as exc:
            fields.keep(tag, raw, str(exc))
            return False
        if kind in found and found[kind] != clean:
            fields.keep(tag, raw, f"a second, different {kind.upper()}")
            return False
        found[kind] = clean
        return True

    for value in fields.take("DO"):
        offer("doi", value, "DO", value)
    for value in fields.peek("M3"):
        match = _DOI_IN_TEXT.match(value)
        if match:
            _take_value(fields, "M3", value)
            offer("doi", match.group(1), "M3", value)
    for value in fields.take("M2"):
        _id_from_labelled(value, "M2", fields, offer)
    for value in fields.take("U1"):
        bracket = _BRACKETED_ID.match(value)
        if bracket:
            offer("pmid" if bracket.group(2).upper() == "PMID" else "pmcid", bracket.group(1), "U1", value)
        else:
            fields.keep("U1", value)
    for value in fields.take("C2"):
        if _PMCID.fullmatch(value):
            offer("pmcid", value, "C2", value)
        elif value.isdigit():
            offer("pmid", value, "C2", value)
        else:
            fields.keep("C2", value)
    for value in fields.take("C6"):
        if NIHMSID.match(value):
            offer("nihmsid", value, "C6", value)
        else:
            fields.keep("C6", value)
    _accession_numbers(fields, found, offer)
    issns, isbns, unclassified = collect_standard_numbers(fields.take("SN"))
    for value in unclassified:
        fields.keep("SN", value)
    return (
        Identifiers(
            pmid=found.get("pmid"),
            pmcid=found.get("pmcid"),
            doi=found.get("doi"),
            nihmsid=found.get("nihmsid"),
            isbn=isbns,
        ),
        issns,
    )


def _take_value(fields: _Fields, tag: str, value: str) -> None:
    for i, item in enumerate(fields.items):
        if item.tag == tag and i not in fields.used and item.value.strip() == value:
            fields.used.add(i)
            return


def _id_from_labelled(value: str, tag: str, fields: _Fields, offer: _Offer) -> None:
    """``PMID: 123`` / ``PMCID: PMC4`` lines (Zotero's Extra); other lines stay in extra."""
    rest = []
    for line in value.split("\n"):
        pmid = PMID_NOTE.match(line)
        pmcid = PMCID_NOTE.match(line)
        if pmid:
            offer("pmid", pmid.group(1), tag, line.strip())
        elif pmcid:
            offer("pmcid", pmcid.group(1), tag, line.strip())
        elif line.strip():
            rest.append(line.strip())
    if rest:
        fields.keep(tag, " ".join(rest))


def _accession_numbers(fields: _Fields, found: dict[str, str], offer: _Offer) -> None:
    """``AN``: the PMID in NLM/PubMed exports (and ours), a PMCID from PMC; else extra."""
    databases = " ".join(fields.peek("DB", "DP")).lower()
    from_pubmed = any(name in databases for name in _PUBMED_DATABASES)
    for value in fields.take("AN"):
        if value.isdigit() and (from_pubmed or found.get("pmid") == value):
            offer("pmid", value, "AN", value)
        elif _PMCID.fullmatch(value) and found.get("pmcid") in (None, value.upper()):
            offer("pmcid", value, "AN", value)
        else:
            fields.keep("AN", value)


def classify_sn(value: str) -> tuple[list[tuple[str, str | None]], list[str], bool]:
    """One ``SN`` value: its ISSNs (normalised, with a print/electronic/linking hint),
    its ISBNs, and whether any part was neither (``03064530 (ISSN)``, ``0003-0554, 0003-0554``,
    ``ISBN 978-...``, ``2689-6575(ELECTRONIC)``)."""
    issns: list[tuple[str, str | None]] = []
    isbns: list[str] = []
    unknown = False
    for part in _SN_PARTS.split(value):
        match = _SN_HINT.match(part)
        number, hint = (match.group(1), match.group(2).lower()) if match else (part.strip(), None)
        number = ISBN_PREFIX.sub("", number) or number
        issn = ISSN.match(number)
        if issn and hint != "isbn":
            issns.append((f"{issn.group(1)}-{issn.group(2).upper()}", hint if hint in _ISSN_ROLES else None))
        elif ISBN.match(number):
            isbns.append(number)
        elif number:
            unknown = True
    return issns, isbns, unknown


def collect_standard_numbers(values: Iterable[str]) -> tuple[list[tuple[str, str | None]], list[str], list[str]]:
    """``SN`` values: their ISSNs (each once, with its print/electronic hint), their ISBNs
    (each once), and the values with a part that is neither (kept whole in extra)."""
    issns: list[tuple[str, str | None]] = []
    isbns: list[str] = []
    unclassified: list[str] = []
    for value in values:
        found_issns, found_isbns, unknown = classify_sn(value)
        for issn, hint in found_issns:
            if all(issn != known for known, _ in issns):
                issns.append((issn, hint))
        for isbn in found_isbns:
            if isbn not in isbns:
                isbns.append(isbn)
        if unknown:
            unclassified.append(value)
    return issns, isbns, unclassified


# --------------------------------------------------------------------------- content


def _abstract(fields: _Fields) -> Abstract | None:
    abstracts = fields.take("AB")
    second = fields.peek("N2")
    if not abstracts:
        abstracts = fields.take("N2")
    else:
        for value in second:
            if value in abstracts:
                _take_value(fields, "N2", value)
    if not abstracts:
        return None
    for other in abstracts[1:]:
        fields.keep("AB", other)
    # Paragraphs (continuation lines) join into one run: RIS writes an abstract on one line.
    text = " ".join(paragraph.strip() for paragraph in abstracts[0].split("\n") if paragraph.strip())
    return Abstract(sections=[AbstractSection(text=text)])


def _note(fields: _Fields, ids: Identifiers) -> tuple[str | None, Identifiers]:
    """``N1`` lines joined, and the identifiers with the PMID a note line gives.

    A ``PMID: 0`` line is no PMID: it stays a note line, with a warning.
    """
    lines = [line for value in fields.take("N1") for line in value.split("\n")]
    for line in lines:
        match = PMID_NOTE.match(line)
        if match and not _is_pmid(match.group(1)):
            fields.warnings.append(f"N1 {line.strip()!r} kept in the note: a PMID must be a positive number")
    note, pmid = note_and_pmid(lines, ids.pmid)
    return note, ids if pmid == ids.pmid else attrs.evolve(ids, pmid=pmid)


def _is_pmid(digits: str) -> bool:
    return int(digits) > 0


def note_and_pmid(lines: Iterable[str], pmid: str | None) -> tuple[str | None, str | None]:
    """Note lines joined (stripped, empty ones left out), and the PMID.

    A ``PMID: ...`` line is the PMID (when ``pmid`` is None or the same one) rather than
    note text; a different PMID, or one that is not a positive number, stays a note line.
    """
    kept: list[str] = []
    for line in lines:
        match = PMID_NOTE.match(line)
        if match and pmid in (None, match.group(1)) and _is_pmid(match.group(1)):
            pmid = match.group(1)
        elif line.strip():
            kept.append(line.strip())
    return "\n".join(kept) or None, pmid
