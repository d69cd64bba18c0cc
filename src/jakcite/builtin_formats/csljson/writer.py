"""Write records as CSL-JSON (CSL 1.0.2 input data) that validates against ``csl-data.json``.

:func:`record_to_csl` turns one record into a CSL item (a dict); the formatted-bibliography
writer builds on it.  :func:`write` writes a JSON array (``indent=2`` by default),
compact JSON, or JSON lines.  Output is deterministic: variables come in a fixed order.

Values the reader kept in ``Record.extra`` under ``csl:`` keys are written back where they
came from (``csl:<variable>`` at the top level, ``csl:custom.<name>`` into ``custom``,
``csl:<date>.<member>`` into the date object, ``csl:<role>.names`` into the name objects).
Other formats' extras, and model fields CSL has no variable for, are declared losses of the
format (see ``jakcite.builtin_formats.csljson.coverage``).
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from jakcite.builtin_formats.csljson.vocabulary import (
    ARTICLE_NUMBER_KINDS,
    CSL_TYPES,
    DATE_VARIABLES,
    EXTRA_PREFIX,
    NAME_VARIABLES,
    SEASON_NUMBERS,
    TYPE_FROM_WORKTYPE,
    derive_id,
    is_simple_page_range,
    is_valid_variable,
    parse_date_string,
    parse_names_off,
    split_particles,
    without_literal,
)
from jakcite.errors import WriteError
from jakcite.markup import to_html
from jakcite.model import Abstract, Collective, Contributor, Mark, Pages, PartialDate, Person, Record, RichText, Segment
from jakcite.util.citekeys import DEFAULT_PATTERN, PatternError, check_pattern, keyed_texts
from jakcite.util.languages import bcp47_tag
from jakcite.util.pages import parse_pages
from jakcite.util.titles import title_to_write

__all__ = [
    "abstract_text",
    "indented_json",
    "initials_as_given",
    "name_parts",
    "page_and_number",
    "page_text",
    "record_to_csl",
    "rich_to_csl",
    "write",
]

_TAG = re.compile(r"<(/?)([a-zA-Z]+)([^<>]*)>")
_MARKUP_TAGS = {"i", "em", "b", "strong", "sup", "sub", "sc", "span"}
_ENTITY = re.compile(r"&(?:#\d+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


# --------------------------------------------------------------------------- text


def _escape_text(text: str) -> str:
    """Escape only what a CSL-JSON reader would take for markup or an entity.

    ``&`` stays as it is unless it starts an entity (``&amp;`` as text becomes
    ``&amp;amp;``); ``<`` only where it starts a tag such as ``<i>``.  Everything else is
    written as is, so ordinary titles stay readable.
    """
    out: list[str] = []
    pos = 0
    for index, char in enumerate(text):
        if char == "&":
            match = _ENTITY.match(text, index)
            if match and html.unescape(match.group()) != match.group():
                out.append(text[pos:index] + "&amp;")
                pos = index + 1
        elif char == "<":
            match = _TAG.match(text, index)
            if match and match.group(2).lower() in _MARKUP_TAGS:
                out.append(text[pos:index] + "&lt;")
                pos = index + 1
    out.append(text[pos:])
    return "".join(out)


def rich_to_csl(rich: RichText) -> str:
    """Rich text as CSL's HTML-like markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small caps, nocase).

    Underline has no CSL markup and is left out (a declared loss).
    """
    # Underline is not CSL markup (citeproc-js prints <u> as text): it is left out.
    escaped = RichText([Segment(_escape_text(seg.text), seg.marks - {Mark.UNDERLINE}) for seg in rich.segments])
    return to_html(escaped, escape=False)


def abstract_text(abstract: Abstract) -> str:
    """An abstract as plain text: its sections on separate lines, labelled ``LABEL: text``."""
    return "\n".join(f"{s.label}: {s.text.text}" if s.label else s.text.text for s in abstract.sections if s.text)


def initials_as_given(initials: str) -> str:
    """``"AB"`` -> ``"A. B."``: initials written where CSL expects a given name."""
    return " ".join(f"{char}." for char in initials if char.isalpha())


def page_text(pages: Pages) -> str | None:
    """CSL ``page``: ``first-last`` for a simple range, the printed form for anything else."""
    if pages.printed and not is_simple_page_range(pages.printed):
        return pages.printed
    if pages.first and pages.last and pages.last != pages.first:
        text = f"{pages.first}-{pages.last}"
        canonical = parse_pages(text) if is_simple_page_range(text) else None
        if canonical is None or not canonical.first or not canonical.last:
            return text
        # Expanded as readers expand it ("120-32" -> "120-132"), so output is stable.
        return f"{canonical.first}-{canonical.last}" if canonical.last != canonical.first else canonical.first
    return pages.first or pages.last or pages.printed


# --------------------------------------------------------------------------- extras


class _Extras:
    """The record's ``csl:`` extras, sorted into where the writer puts them."""

    def __init__(self, extra: Sequence[tuple[str, str]]) -> None:
        self.type: str | None = None
        self.top: list[tuple[str, Any]] = []
        self.custom: list[tuple[str, Any]] = []
        self.date_members: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        self.name_data: dict[str, list[Any]] = {}
        for key, text in extra:
            if key.startswith(EXTRA_PREFIX):
                self._sort(key[len(EXTRA_PREFIX) :], _loads(text))

    def _sort(self, name: str, value: Any) -> None:
        head, dot, member = name.partition(".")
        if name == "type" and isinstance(value, str) and value in CSL_TYPES:
            self.type = value
        elif head == "custom" and dot:
            self.custom.append((member, value))
        elif dot and head in DATE_VARIABLES:
            self.date_members[head].append((member, value))
        elif dot and head in NAME_VARIABLES and member == "names" and isinstance(value, list):
            self.name_data[head] = value
        else:
            self.top.append((name, value))


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


# --------------------------------------------------------------------------- names


def name_parts(person: Person, extra: object) -> tuple[str, str | None, str | None, str | None]:
    """``(family, given, non-dropping particle, dropping particle)`` as written for ``person``.

    Initials stand in for a missing given name; particles are split off as CSL processors
    (and the reader) split them, unless the name has its own or the kept name data
    ``extra`` says ``parse-names: false``, so that output is stable.
    """
    family, particle, dropping = person.family, person.particle, person.dropping_particle
    given = person.given or (initials_as_given(person.initials) if person.initials else None)
    parse_names = extra.get("parse-names", True) if isinstance(extra, dict) else True
    if particle is None and dropping is None and not parse_names_off(parse_names):
        family, given, particle, dropping = split_particles(family, given)
    return family, given, particle, dropping


def _name(contributor: Contributor, extra: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    if isinstance(contributor, Collective):
        obj["literal"] = contributor.name
    else:
        family, given, particle, dropping = name_parts(contributor, extra)
        obj["family"] = family
        if given:
            obj["given"] = given
        if particle:
            obj["non-dropping-particle"] = particle
        if dropping:
            obj["dropping-particle"] = dropping
        if contributor.suffix:
            obj["suffix"] = contributor.suffix
    if isinstance(extra, dict):
        for key in sorted(extra):
            obj.setdefault(key, extra[key])
    return obj


def _names(contributors: Sequence[Contributor], extras: list[Any] | None) -> list[dict[str, Any]]:
    data = extras or []
    return [_name(c, data[i] if i < len(data) else None) for i, c in enumerate(contributors)]


# --------------------------------------------------------------------------- dates


def _part(date: PartialDate, *, season_as_month: bool) -> list[int]:
    part = [date.year]
    if date.month is not None:
        part.append(date.month)
        if date.day is not None:
            part.append(date.day)
    elif date.season is not None and season_as_month:
        part.append(12 + SEASON_NUMBERS[date.season])
    return part


def _date_parts(date: PartialDate) -> dict[str, Any]:
    """``date-parts`` (and ``season``) of a date; a range's parts padded with 0 to equal length.

    citeproc-js refuses ranges whose parts differ in length, and reads 0 as "no month/day"
    (``[[2014, 12, 31], [0, 0, 0]]`` is an open-ended range), as our reader does.
    """
    if date.end is None:
        obj: dict[str, Any] = {"date-parts": [_part(date, season_as_month=False)]}
        if date.season is not None:
            obj["season"] = SEASON_NUMBERS[date.season]
        return obj
    start, end = _part(date, season_as_month=True), _part(date.end, season_as_month=True)
    width = max(len(start), len(end))
    return {"date-parts": [start + [0] * (width - len(start)), end + [0] * (width - len(end))]}


def _date(date: PartialDate | None, members: list[tuple[str, Any]]) -> dict[str, Any] | None:
    """A CSL date object from a date and the members the reader kept (``literal``, ``raw``...).

    A kept ``literal`` that says the same as the date is written alone, as the source had
    it (citeproc-js would print both a literal and the parts); the model's own ``literal``
    (PubMed's ``"2019 Sep-Oct"``) is not written, so processors format the parts.
    """
    kept = dict(members)
    literal = kept.get("literal")
    obj: dict[str, Any] = {}
    if date is not None:
        said_alike = isinstance(literal, str) and parse_date_string(literal) == without_literal(date)
        if not said_alike:
            obj = _date_parts(date)
    for member, value in members:
        obj.setdefault(member, value)
    return obj or None


# --------------------------------------------------------------------------- record


def page_and_number(record: Record) -> tuple[str | None, str | None]:
    """CSL ``page`` and ``number``: the article number goes to ``number`` (and ``page`` when no range)."""
    page = page_text(record.pages) if record.pages else None
    if record.type in ARTICLE_NUMBER_KINDS:
        number = record.article_number or record.number
        if page is None and number:
            page = number
    else:
        number = record.number or record.article_number
    return page, number


def _put(item: dict[str, Any], name: str, value: Any) -> None:
    if value is not None and value != "" and value != []:
        item[name] = value


def _container(item: dict[str, Any], record: Record) -> None:
    container = record.container
    if container is None:
        return
    _put(item, "container-title", container.title)
    short = container.abbreviation
    _put(item, "container-title-short", short)
    nlm = container.nlm_abbreviation
    if container.iso_abbreviation and nlm and nlm != container.iso_abbreviation:
        _put(item, "journalAbbreviation", nlm)
    else:
        _put(item, "journalAbbreviation", short)
    _put(item, "collection-title", container.series)
    _put(item, "ISSN", ", ".join(container.issns) or None)


def note_with_pmid(note: str | None, pmid: str | None, csl_type: str) -> str | None:
    """The note, ending in a ``PMID: N`` line for items other than journal articles.

    Zotero's CSL JSON import keeps a PMID only for journal articles; for a book or a chapter
    it keeps it the way Zotero itself does, as a ``PMID: N`` line of *Extra* (where the
    ``note`` goes).  The reader takes that line back out.
    """
    if not pmid or csl_type == "article-journal":
        return note
    return f"{note}\nPMID: {pmid}" if note else f"PMID: {pmid}"


def record_to_csl(record: Record, key: str | None = None, *, pmid_note: bool = False) -> dict[str, Any]:
    """One record as a CSL-JSON item (a dict in the writer's fixed variable order).

    The item validates against the CSL 1.0.2 schema.  ``id`` (and ``citation-key``) is
    ``key`` when given (the writer gives the cite key every format uses), else the record's
    key, else one derived from its content (``pmid:N``, ``doi:X`` or ``item-<hash>``).
    ``pmid_note`` (the writer's files, read by Zotero) ends a non-article's note with its PMID
    (:func:`note_with_pmid`); the bibliography engine's items do without.
    """
    extras = _Extras(record.extra)
    item: dict[str, Any] = {"type": extras.type or TYPE_FROM_WORKTYPE[record.type]}
    title = title_to_write(record)
    _put(item, "title", rich_to_csl(title) if title else None)
    _put(item, "original-title", rich_to_csl(record.vernacular_title) if record.vernacular_title else None)
    _put(item, "title-short", record.short_title)
    for variable, people in (
        ("author", record.authors),
        ("editor", record.editors),
        ("contributor", record.investigators),
    ):
        _put(item, variable, _names(people, extras.name_data.get(variable)))
    _container(item, record)
    _put(item, "ISBN", " ".join(record.ids.isbn) or None)
    _put(item, "volume", record.volume)
    _put(item, "issue", record.issue)
    page, number = page_and_number(record)
    _put(item, "page", page)
    _put(item, "number", number)
    for variable, date in (
        ("issued", record.published),
        ("available-date", record.epublished),
        ("accessed", record.accessed),
    ):
        _put(item, variable, _date(date, extras.date_members.pop(variable, [])))
    for variable, members in sorted(extras.date_members.items()):
        _put(item, variable, _date(None, members))
    _put(item, "publisher", record.publisher)
    _put(item, "publisher-place", record.publisher_place)
    _put(item, "edition", record.edition)
    _put(item, "DOI", record.ids.doi)
    _put(item, "PMID", record.ids.pmid)
    _put(item, "PMCID", record.ids.pmcid)
    _put(item, "URL", record.url)
    _put(item, "language", bcp47_tag(record.languages[0]) if record.languages else None)
    _put(item, "keyword", ", ".join(t.strip() for k in record.keywords for t in k.term.split(",") if t.strip()) or None)
    _put(item, "abstract", abstract_text(record.abstract) if record.abstract else None)
    _put(item, "note", note_with_pmid(record.note, record.ids.pmid, item["type"]) if pmid_note else record.note)
    custom: dict[str, Any] = {}
    for name, value in extras.top:
        if name not in item and is_valid_variable(name, value):
            item[name] = value
        else:
            custom.setdefault(name, value)
    for name, value in extras.custom:
        custom.setdefault(name, value)
    if custom:
        item["custom"] = custom
    return _with_id(record, item, key)


def _with_id(record: Record, item: dict[str, Any], key: str | None) -> dict[str, Any]:
    if key is not None:
        # A citation-key of the user's own that differs from the id stays (among the kept variables).
        own = any(name == _CITATION_KEY for name, _ in record.extra)
        return {"id": key, **({} if own else {"citation-key": key}), **item}
    return {"id": record.key or derive_id(item), **item}


#: The extra holding a ``citation-key`` that differed from the ``id`` (written back instead of the key).
_CITATION_KEY = EXTRA_PREFIX + "citation-key"


_encode_string = json.encoder.encode_basestring  # the stdlib's own (C) string encoder


def indented_json(value: Any, pad: str, step: str) -> str:
    """Exactly ``json.dumps(value, ensure_ascii=False, indent=len(step))``, nested at ``pad``.

    The standard library indents in pure Python (its C encoder cannot indent), one generator
    per container. CSL items are small trees of dicts, lists and strings, which this walk
    writes about twice as fast; anything else goes to ``json.dumps`` itself.
    """
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if kind is dict and value and all(type(key) is str for key in value):
        inner = pad + step
        body = (",\n" + inner).join(f"{_encode_string(k)}: {indented_json(v, inner, step)}" for k, v in value.items())
        return f"{{\n{inner}{body}\n{pad}}}"
    if kind is list and value:
        inner = pad + step
        body = (",\n" + inner).join(indented_json(v, inner, step) for v in value)
        return f"[\n{inner}{body}\n{pad}]"
    # Numbers, booleans, null, empty containers, other keys: JSON strings hold no raw
    # newline, so re-indenting the stdlib's lines by ``pad`` nests them exactly.
    return json.dumps(value, ensure_ascii=False, indent=len(step)).replace("\n", "\n" + pad)


def write(
    records: Iterable[Record],
    out: TextIO,
    /,
    *,
    indent: int | None = 2,
    lines: bool = False,
    **options: Any,
) -> None:
    """Write records as a CSL-JSON array (``indent`` spaces; 0/None compact) or JSON lines.

    Every item's ``id`` and ``citation-key`` is the record's cite key, as the BibTeX and RIS
    writers give it (``key_pattern``, see :mod:`jakcite.util.citekeys`): unique in the file.
    """
    key_pattern = options.pop("key_pattern", DEFAULT_PATTERN)
    if options:
        raise TypeError(f"unknown CSL-JSON writer options: {', '.join(sorted(options))}")
    try:
        check_pattern(key_pattern)
    except PatternError as exc:
        raise WriteError(str(exc)) from exc
    step = indent or 0

    def render(record: Record, key: str) -> str:
        item = record_to_csl(record, key, pmid_note=True)
        if lines:
            return json.dumps(item, ensure_ascii=False) + "\n"
        if step:
            pad = " " * step
            return pad + indented_json(item, pad, pad)
        return json.dumps(item, ensure_ascii=False, separators=(",", ":"))

    texts = keyed_texts(records, render, key_pattern)
    if lines:
        out.writelines(texts)
        return
    separator = ",\n" if step else ","
    first = True
    for text in texts:
        out.write(("[\n" if step else "[") if first else separator)
        out.write(text)
        first = False
    if first:
        out.write("[]\n")
    else:
        out.write("\n]\n" if step else "]\n")
