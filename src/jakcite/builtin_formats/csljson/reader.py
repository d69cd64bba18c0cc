"""Read CSL-JSON (CSL 1.0.2 input data) into :class:`~jakcite.model.Record` objects.

Accepts a JSON array of items, a single item object, or JSON lines (one item per line),
including what Better BibTeX, Manubot, Crossref and the CSL test suite write: date parts as
strings, ``null`` or empty date parts, excess parts, ``raw``/``literal`` dates, seasons as
``season`` 1-4 or pseudo-months 13-16/21-24, names with ``literal``, particles and
``parse-names``, numbers as ints, date ranges and HTML-like markup in titles.

A variable the model has no slot for is kept in ``Record.extra`` as
``("csl:<variable>", <JSON text>)`` (``"csl:custom.<name>"`` for what does not fit the CSL
schema and is written into the item's ``custom`` object), so that read -> write -> read gives
equal models.  See ``docs/formats/csl-json.md`` for the mapping.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterator
from typing import Any

import attrs

from jakcite.builtin_formats.csljson.vocabulary import (
    ARTICLE_NUMBER_KINDS,
    CSL_TYPES,
    DATE_VARIABLES,
    EXTRA_PREFIX,
    NAME_KEYS,
    SEASONS,
    TYPE_FROM_WORKTYPE,
    WORKTYPE_FROM_TYPE,
    dump_json,
    is_simple_page_range,
    is_valid_date_member,
    is_valid_variable,
    month_or_season,
    parse_date_string,
    parse_names_off,
    season_number,
    split_particles,
)
from jakcite.markup import from_html
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
    Provenance,
    Record,
    RichText,
    Season,
    WorkType,
    normalize_doi,
    normalize_pmcid,
    normalize_pmid,
)
from jakcite.registry import ReadContext
from jakcite.sources import Source, decode_bytes
from jakcite.util.languages import from_bcp47
from jakcite.util.pages import parse_pages

__all__ = [
    "csl_to_record",
    "numbers_and_pages",
    "read",
    "read_csl_markup",
    "read_pages",
    "split_keywords",
    "split_numbers",
]

#: Variables the reader maps onto model fields (everything else goes to ``extra``).
_MAPPED = frozenset(
    """id citation-key type title original-title title-short shortTitle author editor
    contributor container-title container-title-short journalAbbreviation collection-title
    ISSN ISBN volume issue page number issued available-date accessed publisher
    publisher-place edition DOI PMID PMCID URL language keyword abstract note
    custom""".split()
)


_UNDERLINE_TAG = re.compile(r"<(/?u(?:\s[^<>]*)?)>", re.IGNORECASE)


def read_csl_markup(text: str) -> RichText:
    """CSL's HTML-like markup as rich text.

    ``<u>`` is not CSL markup (citeproc-js prints it as text), so it stays text here too.
    """
    return from_html(_UNDERLINE_TAG.sub(r"&lt;\1>", text))


def split_keywords(text: str) -> tuple[Keyword, ...]:
    """CSL ``keyword`` (comma-separated) as keywords, in order, empty ones left out."""
    return tuple(Keyword(term) for term in text.split(",") if term.strip())


def split_numbers(text: str) -> list[str]:
    """``"0-943396-04-2 0-85131-041-9"`` or ``"1234-5678, 8765-4321"`` -> the separate numbers."""
    return [part for part in re.split(r"[\s,;]+", text) if part]


def _as_text(value: object) -> str | None:
    """A CSL string or number as text; a one-string list (Crossref style) as its string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    return None


def _as_int(value: object) -> int | None:
    """A date part (``2017``, ``"07"``, ``"-1"``, ``2017.0``) as an int; None when it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        return int(value)
    return None


class _Malformed(ValueError):
    """Date parts that cannot be read as a date (kept verbatim in ``extra``)."""


_Part = tuple[int, int | None, int | None, Season | None]


#: Makes a record's provenance from its warnings and missing fields.
_MakeProvenance = Callable[[tuple[str, ...], tuple[str, ...]], Provenance]


def _csl_provenance(warnings: tuple[str, ...], missing: tuple[str, ...]) -> Provenance:
    return Provenance(format="csl-json", warnings=warnings, missing=missing)


class _ItemReader:
    """Turns one CSL item (a dict) into a record, collecting extras and warnings."""

    def __init__(self, item: dict[str, Any]) -> None:
        self.item = item
        self.extra: list[tuple[str, str]] = []
        self.warnings: list[str] = []

    # ------------------------------------------------------------------ extras

    def keep(self, name: str, value: object) -> None:
        """Keep a top-level variable verbatim: in place when schema-valid, else under custom.

        A kept date is normalised (numbers as numbers, range parts of equal length),
        which changes nothing it says.
        """
        if name in DATE_VARIABLES and isinstance(value, dict):
            value = _normalised_date(value)
        key = name if is_valid_variable(name, value) else f"custom.{name}"
        self.extra.append((EXTRA_PREFIX + key, dump_json(value)))

    def keep_member(self, variable: str, member: str, value: object) -> None:
        """Keep a member of a date object the model cannot take."""
        key = f"{variable}.{member}" if is_valid_date_member(member, value) else f"custom.{variable}.{member}"
        self.extra.append((EXTRA_PREFIX + key, dump_json(value)))

    def text(self, name: str) -> str | None:
        """A string variable, kept in ``extra`` when it has a shape the model cannot take."""
        if name not in self.item:
            return None
        value = self.item[name]
        if value is None:
            return None
        text = _as_text(value)
        if text is None:
            self.warnings.append(f"{name}: unexpected value {dump_json(value)[:60]}; kept in extra")
            self.keep(name, value)
        return text

    # ------------------------------------------------------------------ build

    def build(self, make_provenance: _MakeProvenance = _csl_provenance) -> Record:
        item = self.item
        kind = self.work_type()
        fields: dict[str, Any] = {"type": kind}
        fields["key"] = self.key()
        fields["title"] = self.rich("title")
        fields["vernacular_title"] = self.rich("original-title")
        fields["short_title"] = self.short_title()
        for variable, slot in (("author", "authors"), ("editor", "editors"), ("contributor", "investigators")):
            if variable in item:
                fields[slot] = self.names(variable, item[variable])
        fields["container"] = self.container()
        fields["volume"] = self.text("volume")
        fields["issue"] = self.text("issue")
        fields.update(self.pages_and_numbers(kind))
        fields["publisher"] = self.text("publisher")
        fields["publisher_place"] = self.text("publisher-place")
        fields["edition"] = self.text("edition")
        fields["published"] = self.date("issued")
        fields["epublished"] = self.date("available-date")
        fields["accessed"] = self.date("accessed")
        fields["ids"] = self.identifiers()
        fields["url"] = self.text("URL")
        fields["abstract"] = self.abstract()
        keyword = self.text("keyword")
        fields["keywords"] = split_keywords(keyword) if keyword else ()
        language = self.text("language")
        fields["languages"] = (from_bcp47(language),) if language and language.strip() else ()
        fields["note"], fields["ids"] = pmid_from_note(self.text("note"), fields["ids"], item.get("type"))
        self.custom()
        for name, value in item.items():
            if name not in _MAPPED:
                self.keep(name, value)
        missing = tuple(name for name in ("title", "authors", "published") if not fields.get(name))
        provenance = make_provenance(tuple(self.warnings), missing)
        return Record(**fields, extra=sorted(self.extra), provenance=provenance)

    def work_type(self) -> WorkType:
        value = self.item.get("type")
        if isinstance(value, str) and value in WORKTYPE_FROM_TYPE:
            kind = WORKTYPE_FROM_TYPE[value]
            if value != TYPE_FROM_WORKTYPE[kind]:
                self.extra.append((EXTRA_PREFIX + "type", dump_json(value)))
            return kind
        if value is None or value == "":
            self.warnings.append("item has no type; read as 'document' (other)")
        elif isinstance(value, str) and value in CSL_TYPES:
            self.extra.append((EXTRA_PREFIX + "type", dump_json(value)))  # a CSL type with no model kind
        else:
            self.warnings.append(f"type {dump_json(value)} is not a CSL 1.0.2 type; read as other, kept in extra")
            self.extra.append((EXTRA_PREFIX + "custom.type", dump_json(value)))
        return WorkType.OTHER

    def key(self) -> str | None:
        item = self.item
        ident = _as_text(item.get("id")) if "id" in item else None
        if "id" in item and ident is None:
            self.keep("id", item["id"])
        citation_key = item.get("citation-key")
        key = ident if ident and ident.strip() else None
        if key is None and isinstance(citation_key, str) and citation_key.strip():
            key = citation_key
        elif citation_key is not None and citation_key != key:
            self.keep("citation-key", citation_key)
        return key

    def rich(self, name: str) -> RichText | None:
        text = self.text(name)
        return read_csl_markup(text) if text else None

    def short_title(self) -> str | None:
        short = self.text("title-short")
        other = self.text("shortTitle")
        if other is not None:
            if short is None:
                return other
            if other != short:
                self.keep("shortTitle", self.item["shortTitle"])
        return short

    # ------------------------------------------------------------------ names

    def names(self, variable: str, value: object) -> tuple[Contributor, ...]:
        """A name list; one that cannot be read is kept whole in ``extra`` with a warning."""
        if not isinstance(value, list) or not all(isinstance(n, dict) for n in value):
            self.warnings.append(f"{variable}: not a list of name objects; kept in extra")
            self.keep(variable, value)
            return ()
        people: list[Contributor] = []
        schema_left: list[dict[str, Any] | None] = []
        other_left: list[dict[str, Any] | None] = []
        for name in value:
            simple = _simple_person(name)
            if simple is not None:
                people.append(simple)
                schema_left.append(None)
                other_left.append(None)
                continue
            try:
                person, leftover = _read_name(name)
            except ValueError as exc:
                self.warnings.append(f"{variable}: {exc}; the list is kept in extra")
                self.keep(variable, value)
                return ()
            people.append(person)
            schema_left.append({k: v for k, v in leftover.items() if k in NAME_KEYS} or None)
            other_left.append({k: v for k, v in leftover.items() if k not in NAME_KEYS} or None)
        if any(schema_left):
            self.extra.append((f"{EXTRA_PREFIX}{variable}.names", dump_json(schema_left)))
        if any(other_left):
            self.extra.append((f"{EXTRA_PREFIX}custom.{variable}.names", dump_json(other_left)))
        return tuple(people)

    # ------------------------------------------------------------------ container

    def container(self) -> Container | None:
        title = self.text("container-title")
        short = self.text("container-title-short")
        journal_abbreviation = self.text("journalAbbreviation")
        iso = short or journal_abbreviation
        nlm = journal_abbreviation if journal_abbreviation and journal_abbreviation != iso else None
        issns = self.issns()
        series = self.text("collection-title")
        container = Container(
            title=title,
            iso_abbreviation=iso,
            nlm_abbreviation=nlm,
            issn_print=issns[0] if issns else None,
            issn_electronic=issns[1] if len(issns) > 1 else None,
            issn_linking=issns[2] if len(issns) > 2 else None,
            series=series,
        )
        return container if any((title, iso, nlm, issns, series)) else None

    def issns(self) -> list[str]:
        value = self.item.get("ISSN")
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            numbers = [n for v in value for n in split_numbers(v)]
        elif isinstance(value, str):
            numbers = split_numbers(value)
        else:
            numbers = []
        distinct = list(dict.fromkeys(numbers))
        if not numbers or len(distinct) > 3 or len(distinct) != len(numbers):
            if numbers or value not in ("", []):
                self.warnings.append("ISSN: more than three, repeated or unreadable numbers; kept in extra")
                self.keep("ISSN", value)
            return []
        return distinct

    # ------------------------------------------------------------------ pages

    def pages_and_numbers(self, kind: WorkType) -> dict[str, Any]:
        page = self.text("page")
        article_number, number, pages = numbers_and_pages(kind, page, self.text("number"))
        return {"article_number": article_number, "number": number, "pages": pages}

    # ------------------------------------------------------------------ dates

    def date(self, variable: str) -> PartialDate | None:
        if variable not in self.item or self.item[variable] is None:
            return None
        value = self.item[variable]
        if isinstance(value, str):
            parsed = parse_date_string(value)
            if parsed is None:
                self.warnings.append(f"{variable}: cannot read date {value!r}; kept in extra")
                self.keep(variable, value)
            return parsed
        if not isinstance(value, dict):
            self.warnings.append(f"{variable}: not a date object; kept in extra")
            self.keep(variable, value)
            return None
        return self.date_object(variable, value)

    def date_object(self, variable: str, value: dict[str, Any]) -> PartialDate | None:
        """A CSL date object: its parts as a :class:`PartialDate`, the rest kept in ``extra``.

        ``raw`` and ``literal`` are always kept verbatim (the writer gives them back); with
        no date parts, the date is read from the literal, else from ``raw``.
        """
        members = dict(value)
        for member in [m for m in members if m not in ("date-parts", "season")]:
            self.keep_member(variable, member, members.pop(member))
        literal, raw = value.get("literal"), value.get("raw")
        parts = self.date_parts(variable, members)
        if parts:
            try:
                return _date_from_parts(parts, members.get("season"))
            except ValueError as exc:
                self.warnings.append(f"{variable}: {exc}; date kept in extra")
                for member in ("date-parts", "season"):
                    if member in members:
                        self.keep_member(variable, member, members[member])
                return None
        if "season" in members:
            self.keep_member(variable, "season", members["season"])
        for text in (literal, raw):
            if isinstance(text, str) and text.strip():
                parsed = parse_date_string(text)
                if parsed is not None:
                    return parsed
        return None

    def date_parts(self, variable: str, members: dict[str, Any]) -> list[_Part]:
        """The readable date parts (start, end), [] when there are none."""
        if "date-parts" not in members:
            return []
        value = members.pop("date-parts")
        try:
            parts = _read_parts(value, self.warnings, variable)
        except _Malformed as exc:
            self.warnings.append(f"{variable}: {exc}; kept in extra")
            self.keep_member(variable, "date-parts", value)
            return []
        if not parts and value not in ([], [[]]):
            self.warnings.append(f"{variable}: empty date parts {dump_json(value)}; read as no date")
        if parts:
            members["date-parts"] = value
        return parts

    # ------------------------------------------------------------------ identifiers

    def identifiers(self) -> Identifiers:
        found: dict[str, Any] = {}
        for variable, slot, normalize in (
            ("DOI", "doi", normalize_doi),
            ("PMID", "pmid", normalize_pmid),
            ("PMCID", "pmcid", normalize_pmcid),
        ):
            text = self.text(variable)
            if text is None or not text.strip():
                continue
            try:
                found[slot] = normalize(text)
            except ValueError as exc:
                self.warnings.append(f"{variable}: {exc}; kept in extra")
                self.keep(variable, self.item[variable])
        isbn = self.text("ISBN")
        if isbn:
            found["isbn"] = split_numbers(isbn)
        return Identifiers(**found)

    def abstract(self) -> Abstract | None:
        text = self.text("abstract")
        if text is None or not text.strip():
            return None
        return Abstract(sections=(AbstractSection(RichText.plain(text)),))

    def custom(self) -> None:
        value = self.item.get("custom")
        if value is None:
            return
        if not isinstance(value, dict):
            self.warnings.append(f"custom: not an object ({dump_json(value)[:60]}); kept in extra")
            self.keep("custom", value)
            return
        for name, member in value.items():
            self.extra.append((f"{EXTRA_PREFIX}custom.{name}", dump_json(member)))


def _normalised_date(value: dict[str, Any]) -> dict[str, Any]:
    """A date kept verbatim, with numeric strings as numbers and range parts padded with 0.

    Neither changes what the date says; citeproc-js needs equal-length range parts, and
    other tools (citation-js) write numbers, so the kept value compares equal after them.
    """
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and all(isinstance(p, list) for p in parts)):
        return value
    numbers = [[_as_int(e) if isinstance(e, str) and _as_int(e) is not None else e for e in p] for p in parts]
    if len(numbers) == 2 and len(numbers[0]) != len(numbers[1]) and max(map(len, numbers)) <= 3:
        width = max(map(len, numbers))
        numbers = [p + [0] * (width - len(p)) for p in numbers]
    return {**value, "date-parts": numbers}


def numbers_and_pages(
    kind: WorkType, page: str | None, number: str | None
) -> tuple[str | None, str | None, Pages | None]:
    """(article number, number, pages) of a kind of work from CSL ``page`` and ``number``.

    For the kinds in ``ARTICLE_NUMBER_KINDS`` the number is the article number, and a
    page that repeats it is the article number printed as the page (no pages).
    """
    if kind in ARTICLE_NUMBER_KINDS:
        if page is not None and page.strip() == (number or "").strip():
            page = None
        return number, None, read_pages(page) if page else None
    return None, number, read_pages(page) if page else None


def read_pages(text: str) -> Pages | None:
    """CSL ``page`` as :class:`Pages`: a simple range as first/last, anything else keeps its wording."""
    pages = parse_pages(text)
    if pages is None:
        return None
    last = pages.last if pages.last != pages.first else None
    if is_simple_page_range(text):
        return Pages(first=pages.first, last=last)
    return Pages(first=pages.first, last=last, printed=text.strip())


def _name_part(name: dict[str, Any], key: str) -> str | None:
    value = name.pop(key, None)
    if value is None:
        return None
    text = _as_text(value)
    if text is None:
        raise ValueError(f"name part {key!r} is not text: {dump_json(value)[:40]}")
    return text


#: First letters of a particle word (see ``split_particles``): any other first letter makes none.
_PARTICLE_START = re.compile(r"[a-z\u00df-\u00ff]")


def _simple_person(obj: dict[str, Any]) -> Person | None:
    """A name object of just ``family`` and ``given`` strings, with no particle to split off.

    What jakcite and most tools write.  Exact: :func:`_read_name` gives this person and no
    leftover keys for it, as ``split_particles`` finds no particle when the family name's
    first word and the given names' last word do not start like a particle (a lower-case
    letter); a test checks both on the corpus.  None for any other name (read in full).
    """
    if len(obj) != 2:
        return None
    family, given = obj.get("family"), obj.get("given")
    if not isinstance(family, str) or not isinstance(given, str):
        return None
    family_text, given_text = family.strip(), given.strip()
    if not family_text or _PARTICLE_START.match(family_text):
        return None
    if given_text and _PARTICLE_START.match(given_text.rpartition(" ")[2]):
        return None
    return Person(family=family_text, given=given_text)


def _read_name(obj: dict[str, Any]) -> tuple[Contributor, dict[str, Any]]:
    """One CSL name object as a person or collective, plus the keys the model has no slot for."""
    name = dict(obj)
    literal = name.get("literal")
    if isinstance(literal, str) and literal.strip():
        del name["literal"]
        return Collective(literal), name
    given_only = name.get("given")
    if "family" not in name and isinstance(given_only, str) and given_only.strip():
        return Collective(given_only), name  # a mononym ("Banksy"): printed as is
    family = _name_part(name, "family")
    if family is None or not family.strip():
        raise ValueError(f"a name without family name or literal: {dump_json(obj)[:60]}")
    given = _name_part(name, "given")
    suffix = _name_part(name, "suffix")
    particle = _name_part(name, "non-dropping-particle")
    dropping = _name_part(name, "dropping-particle")
    if particle is None and dropping is None and not parse_names_off(name.get("parse-names", True)):
        family, given, particle, dropping = split_particles(family.strip(), given.strip() if given else given)
    return Person(family=family, given=given, suffix=suffix, particle=particle, dropping_particle=dropping), name


def _read_parts(value: object, warnings: list[str], variable: str) -> list[_Part]:
    """CSL ``date-parts`` as up to two (year, month, day, season) parts.

    Strings become numbers, a ``null`` or ``""`` ends a part, parts beyond the third are
    dropped with a warning; anything else that is not a number is malformed.
    """
    if not isinstance(value, list) or not all(isinstance(p, list) for p in value):
        raise _Malformed("date-parts is not a list of lists")
    parts: list[_Part] = []
    for index, raw_part in enumerate(value[:2]):
        numbers: list[int] = []
        for element in raw_part:
            if element is None or (isinstance(element, str) and not element.strip()):
                break
            number = _as_int(element)
            if number is None:
                raise _Malformed(f"date part {dump_json(element)} is not a number")
            numbers.append(number)
        if len(numbers) > 3:
            warnings.append(
                f"{variable}: date part {dump_json(raw_part)} has more than year, month, day; extra parts dropped"
            )
            numbers = numbers[:3]
        if not numbers:
            if index == 0:
                return []
            continue
        try:
            month, season = month_or_season(numbers[1] if len(numbers) > 1 else None)
        except ValueError as exc:
            raise _Malformed(str(exc)) from exc
        day = (numbers[2] or None) if len(numbers) > 2 and month is not None else None
        if len(numbers) > 2 and numbers[2] and month is None and season is None:
            raise _Malformed("a day without a month")
        if season is not None and day is not None:
            raise _Malformed("a season with a day")
        parts.append((numbers[0], month, day, season))
    if len(value) > 2:
        warnings.append(f"{variable}: more than two date parts; only a start and an end are read")
    return parts


def _date_from_parts(parts: list[_Part], season_value: object) -> PartialDate:
    year, month, day, season = parts[0]
    if season_value is not None:
        number = season_number(season_value)
        if number is None or month is not None or season is not None:
            raise ValueError(f"season {dump_json(season_value)} does not fit the date")
        season = SEASONS[number]
    end = None
    if len(parts) > 1:
        end_year, end_month, end_day, end_season = parts[1]
        end = PartialDate(end_year, end_month, end_day, end_season)
    return PartialDate(year, month, day, season, end=end)


def _check_is_item(item: dict[str, Any]) -> None:
    """Refuse an object that is not a CSL item (a package.json, a PubMed esummary...).

    An item has ``type`` or ``id``, or at least two CSL variables with values of the right
    shape; the empty object ``{}`` (Manubot writes one) is an empty item.
    """
    if not item or "type" in item or "id" in item:
        return
    known = [key for key, value in item.items() if is_valid_variable(key, value)]
    if len(known) < 2:
        keys = ", ".join(list(item)[:5])
        raise ValueError(f"not a CSL item: no type or id, and too few CSL variables among its keys ({keys})")


_PMID_LINE = re.compile(r"(?:^|\n)PMID: ?([1-9][0-9]{0,9})\s*$")


def pmid_from_note(note: str | None, ids: Identifiers, csl_type: object) -> tuple[str | None, Identifiers]:
    """A final ``PMID: N`` line of a non-article's note (how Zotero and the writer carry it)
    is the PMID: taken out of the note, and the PMID when the item has none."""
    if not note or csl_type == "article-journal":
        return note, ids
    match = _PMID_LINE.search(note)
    if match is None or (ids.pmid is not None and ids.pmid != match.group(1)):
        return note, ids
    rest = note[: match.start()] or None
    return rest, ids if ids.pmid is not None else attrs.evolve(ids, pmid=match.group(1))


def csl_to_record(item: dict[str, Any], make_provenance: _MakeProvenance = _csl_provenance) -> Record:
    """One CSL-JSON item (a dict) as a :class:`Record`.

    Raises ``ValueError`` for something that is not a CSL item.  Problems worked around
    (an unreadable date, a malformed PMID) are listed in ``record.provenance.warnings`` and
    the original values kept in ``record.extra``.  ``make_provenance`` makes the provenance
    from those warnings and the missing fields (the reader's names the source and line).
    """
    if not isinstance(item, dict):
        raise ValueError(f"a CSL item must be a JSON object, got {type(item).__name__}")
    _check_is_item(item)
    return _ItemReader(item).build(make_provenance)


# --------------------------------------------------------------------------- stream


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


class _Lines:
    """Line numbers of positions met in increasing order, counted once (linear, not quadratic)."""

    def __init__(self) -> None:
        self.pos = 0
        self.line = 1

    def __call__(self, text: str, pos: int) -> int:
        if pos < self.pos:
            return text.count("\n", 0, pos) + 1
        self.line += text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _values(text: str, context: ReadContext) -> Iterator[tuple[int, object]]:
    """Each top-level item with its line: array elements, or objects one after another."""
    decoder = json.JSONDecoder()
    _line_of = _Lines()
    pos = _skip_space(text, 0)
    while pos < len(text):
        if text[pos] == "[":
            pos = yield from _array(text, pos, decoder, context, _line_of)
        else:
            try:
                value, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                context.fail(f"invalid JSON: {exc.msg}", line=exc.lineno)
                next_line = text.find("\n", pos)
                if next_line < 0:
                    return
                pos = _skip_space(text, next_line)
                continue
            yield _line_of(text, pos), value
            pos = _skip_space(text, end)


def _array(
    text: str, pos: int, decoder: json.JSONDecoder, context: ReadContext, _line_of: _Lines
) -> Generator[tuple[int, object], None, int]:
    """Decode one JSON array element by element, so each item knows its line."""
    start_line = _line_of(text, pos)
    pos = _skip_space(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return _skip_space(text, pos + 1)
    while True:
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            context.fail(
                f"invalid JSON in the array opened on line {start_line}: {exc.msg}; the rest is not read",
                line=exc.lineno,
            )
            return len(text)
        yield _line_of(text, pos), value
        pos = _skip_space(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_space(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            return _skip_space(text, pos + 1)
        found = repr(text[pos]) if pos < len(text) else "end of input"
        context.fail(
            f"invalid JSON: expected ',' or ']' after an array item, found {found}; the rest is not read",
            line=_line_of(text, pos),
        )
        return len(text)


def _decoded_text(source: Source) -> str:
    """The whole input as text: BOMs, UTF-16 and stray cp1252 bytes handled as everywhere.

    Unlike line formats, CSL-JSON is exact machine-written data, so the text is not run
    through mojibake repair: a title that really contains ``"Â¡"`` stays as it is, and a
    read -> write -> read round trip is exact.
    """
    with source.open_binary() as stream:
        return decode_bytes(stream.read())


def _located(context: ReadContext, line: int, index: int) -> _MakeProvenance:
    """Provenance naming the source, the item's line and its index (made once, with the record)."""

    def make(warnings: tuple[str, ...], missing: tuple[str, ...]) -> Provenance:
        return context.provenance(line=line, index=index, warnings=warnings, missing=missing)

    return make


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """Read every CSL item of ``source`` (array, single object or JSON lines)."""
    text = _decoded_text(source)
    index = 0
    for line, value in _values(text, context):
        try:
            if not isinstance(value, dict):
                raise ValueError(f"a CSL item must be a JSON object, got {type(value).__name__}")
            record = csl_to_record(value, _located(context, line, index))
        except ValueError as exc:
            context.fail(str(exc), line=line, record=index)
            index += 1
            continue
        for warning in record.provenance.warnings:
            context.warn(warning, line=line, record=index)
        yield record
        index += 1
