"""Write RIS that Zotero, EndNote and other reference managers import whole.

Each record is ``TY`` first, then the tags in the fixed order of the vocabulary's ``TAG_ORDER``, then
``ER  - `` and a blank line.  One value per tag line; a newline inside a value is folded
into a space, so no value can ever start a line of its own (a title holding
``"\\nER  - "`` cannot end the record early).  Output is UTF-8 text without a BOM and
with ``\\n`` line ends unless the ``bom``/``crlf`` options ask for old-EndNote style.

Where things go (see ``docs/formats/ris.md`` for the full table): the journal in ``T2``
and its abbreviation in ``J2``; ``PY`` the year and ``DA`` ``YYYY/MM/DD/`` (season or
range wording in DA's fourth part); the article number in ``C7`` (and in ``SP`` when
there is no page range); the Epub date in ``ET`` (EndNote's "Epub Date"); PMCID in
``C2``, NIHMSID in ``C6``; the PMID in ``AN`` (EndNote's Accession Number) and as
``M2  - PMID: ...``, which Zotero's RIS import appends to the item's Extra field, where
Zotero keeps PMIDs.  MeSH headings become ``KW`` lines ``Descriptor/qualifier``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import attrs

from jakcite.builtin_formats.ris.vocabulary import (
    HINTED_ISSN,
    HTML_ENTITY,
    ISBN,
    ISBN_PREFIX,
    PMID_NOTE,
    TRAILING_INITIALS,
    WRITE_TYPES,
    in_tag_order,
    kept_tag,
)
from jakcite.errors import WriteError
from jakcite.model import Collective, Contributor, MeshHeading, PartialDate, Record
from jakcite.util.citekeys import DEFAULT_PATTERN, PatternError, check_pattern, keyed_texts
from jakcite.util.date_wording import date_words, season_name
from jakcite.util.titles import title_to_write
from jakcite.util.work_types import PERIODICAL_ARTICLES

__all__ = [
    "MESH_MODES",
    "clean_issn",
    "fold",
    "format_ris_date",
    "format_ris_name",
    "mesh_keywords",
    "record_lines",
    "sn_values",
    "write",
    "written_ty",
]

#: Values of the ``mesh`` option.
MESH_MODES = ("qualified", "descriptor", "none")

_LINE_BREAKS = re.compile(r"\s*(?:\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029])\s*")


def fold(value: str) -> str:
    """One line: every line break (and the spaces around it) becomes a single space."""
    return _LINE_BREAKS.sub(" ", value).strip()


def escape_references(text: str) -> str:
    """Text that would read as an HTML character reference (the reader decodes PubMed's
    ``&lt;``) with its ``&`` written as ``&amp;``, so it reads back as it is."""
    return HTML_ENTITY.sub(_escaped_reference, text) if "&" in text else text


def _escaped_reference(match: re.Match[str]) -> str:
    return "&amp;" + match.group()[1:]


def format_ris_name(person: Contributor) -> str:
    """``Family, Given[, Suffix]`` for a person; a group's name as it is.

    A person with no given name or initials is written ``Family,`` so that it does not
    read back as a group.  Commas are followed by one space, as the name reads back
    (a group name with a comma is read as a person; see the loss table).
    """
    if isinstance(person, Collective):
        text = person.name
        initials = TRAILING_INITIALS.match(text)
        if initials and "," not in text:
            text = f"{initials.group(1)}, {initials.group(2)}"  # reads back as this person
    else:
        family = " ".join(p for p in (person.particle, person.family) if p)
        given = " ".join(p for p in (person.given or person.initials, person.dropping_particle) if p)
        if person.suffix:
            text = f"{family}, {given}, {person.suffix}"
        else:
            text = f"{family}, {given}" if given else f"{family},"
    if "," not in text:
        return text
    return ", ".join(part.strip() for part in text.split(",")).strip()


def format_ris_date(date: PartialDate) -> str:
    """``YYYY/MM/DD/other``: empty parts for what is unknown (``2019///``, ``2019/07//``).

    The fourth part carries what the numbers cannot: a range or other wording
    (``2019/09//2019 Sep-Oct``) or a season (``2000///Spring``).
    """
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    other = ""
    if date.literal:
        other = date.literal
    elif date.end is not None:
        other = f"{date_words(date)}-{date_words(date.end)}"
    elif date.season is not None:
        other = season_name(date.season)
    return f"{date.year:04d}/{month}/{day}/{fold(other)}"


def mesh_keywords(mesh: Iterable[MeshHeading], mode: str) -> list[str]:
    """MeSH headings as ``KW`` values: ``Descriptor/qualifier`` pairs, descriptors alone, or none."""
    values: list[str] = []
    if mode == "none":
        return values
    for heading in mesh:
        if mode == "qualified" and heading.qualifiers:
            values.extend(f"{heading.descriptor}/{q.name}" for q in heading.qualifiers)
        else:
            values.append(heading.descriptor)
    return values


def _pmid(record: Record) -> str | None:
    """The PMID, or one a ``PMID: ...`` line of the note gives (copied PubMed citations)."""
    if record.ids.pmid:
        return record.ids.pmid
    for line in (record.note or "").split("\n"):
        match = PMID_NOTE.match(line)
        if match:
            return match.group(1)
    return None


def _identifier_lines(record: Record) -> Iterator[tuple[str, str]]:
    ids = record.ids
    if ids.doi:
        yield "DO", ids.doi
    pmid = _pmid(record)
    if pmid:
        yield "AN", pmid
        yield "M2", f"PMID: {pmid}"
    if ids.pmcid:
        yield "M2", f"PMCID: {ids.pmcid}"
        yield "C2", ids.pmcid
    if ids.nihmsid:
        yield "C6", ids.nihmsid


def _container_lines(record: Record) -> Iterator[tuple[str, str]]:
    container = record.container
    if container is None:
        return
    if container.title:
        yield "T2", container.title
    if container.abbreviation:
        yield "J2", container.abbreviation
    if container.series:
        yield "T3", container.series


def _writable(date: PartialDate | None) -> PartialDate | None:
    """RIS years have four digits: a date before year 0 is not written."""
    return date if date is not None and date.year >= 0 else None


def _date_lines(record: Record) -> Iterator[tuple[str, str]]:
    published = _writable(record.published)
    if published is not None:
        yield "PY", f"{published.year:04d}"
        numbers = format_ris_date(published)
        # A DA kept from a RIS source that says the same and more is written instead.
        if not any(kept.startswith(numbers) for kept in record.extra_values("ris:DA")):
            yield "DA", numbers
    epublished = _writable(record.epublished)
    if record.type in PERIODICAL_ARTICLES:
        if epublished is not None:
            yield "ET", format_ris_date(epublished)
    elif record.edition:
        yield "ET", record.edition
    accessed = _writable(record.accessed)
    if accessed is not None:
        yield "Y2", format_ris_date(accessed)


def _page_lines(record: Record) -> Iterator[tuple[str, str]]:
    pages = record.pages
    if pages is not None and not any(
        c.isalnum() for part in (pages.first, pages.last, pages.printed) for c in part or ""
    ):
        pages = None  # "-" and the like: no page to write
    if pages is not None and (pages.first or pages.last):
        if pages.first:
            yield "SP", pages.first
        if pages.last and pages.last != pages.first:
            yield "EP", pages.last
    elif pages is not None and pages.printed:
        yield "SP", pages.printed
    elif record.article_number:
        yield "SP", record.article_number
    if record.article_number:
        yield "C7", record.article_number


def sn_values(record: Record) -> list[str]:
    """``SN`` lines: ISSNs (print, electronic, linking), then ISBNs; malformed values last,
    where a reader keeps them after the well-formed ones."""
    issns = record.container.issns if record.container is not None else ()
    values = [clean_issn(issn) for issn in issns] + [
        ISBN_PREFIX.sub("", isbn.strip()) or isbn for isbn in record.ids.isbn
    ]
    return sorted(values, key=lambda value: 0 if HINTED_ISSN.match(value) or ISBN.match(value) else 1)


def _standard_numbers(record: Record) -> Iterator[tuple[str, str]]:
    for value in sn_values(record):
        yield "SN", value


def clean_issn(value: str) -> str:
    """``2689-6575``: an ISSN in its standard form (``26896575``, ``2689-6575 (Print)`` too);
    anything else as it is."""
    match = HINTED_ISSN.match(value)
    return f"{match.group(1)}-{match.group(2).upper()}" if match else value


def _tagged_values(record: Record, mesh: str) -> Iterator[tuple[str, str]]:
    """Every (tag, value) the record has, in any order (sorted into TAG_ORDER later)."""
    if record.key:
        yield "ID", record.key
    title = title_to_write(record)
    if title:
        yield "TI", title.text
    if record.short_title:
        yield "ST", record.short_title
    for person in record.authors:
        yield "AU", format_ris_name(person)
    for editor in record.editors:
        yield "A2", format_ris_name(editor)
    yield from _container_lines(record)
    yield from _date_lines(record)
    for tag, value in (("VL", record.volume), ("IS", record.issue)):
        if value:
            yield tag, value
    yield from _page_lines(record)
    if record.number and record.type not in PERIODICAL_ARTICLES:
        yield "M1", record.number
    for tag, value in (("PB", record.publisher), ("CY", record.publisher_place)):
        if value:
            yield tag, value
    yield from _standard_numbers(record)
    yield from _identifier_lines(record)
    if record.url:
        yield "UR", record.url
    for language in record.languages:
        yield "LA", language
    for publication_type in record.publication_types:
        yield "M3", publication_type
    if record.abstract is not None:
        yield "AB", record.abstract.text
    if record.note:
        written_pmid = f"PMID: {_pmid(record)}"
        for line in record.note.split("\n"):
            if line.strip() != written_pmid:  # written as AN and M2
                yield "N1", line
    for keyword in record.keywords:
        yield "KW", keyword.term
    for term in mesh_keywords(record.mesh, mesh):
        yield "KW", term


def _extra_lines(record: Record) -> Iterator[tuple[str, str]]:
    """The ``ris:XX`` values of ``extra`` (kept from a RIS source), as (tag, value)."""
    for key, value in record.extra:
        tag = kept_tag(key)
        if tag is not None:
            yield tag, value


def written_ty(record: Record) -> str:
    """The ``TY`` a record is written with: the one kept from a RIS source, else its type's."""
    kept = record.extra_values("ris:TY")
    return kept[0] if kept else WRITE_TYPES[record.type]


def record_lines(record: Record, *, mesh: str = "qualified") -> list[str]:
    """The lines of one record, ``TY`` to ``ER``, without line ends."""
    ordered = in_tag_order([*_tagged_values(record, mesh), *_extra_lines(record)])
    lines = [f"TY  - {written_ty(record)}"]
    for tag, value in ordered:
        text = escape_references(fold(value))
        if text:
            lines.append(f"{tag}  - {text}")
    lines.append("ER  - ")
    return lines


def write(
    records: Iterable[Record],
    out: TextIO,
    /,
    *,
    bom: bool = False,
    crlf: bool = False,
    mesh: str = "qualified",
    **options: Any,
) -> None:
    """Write records as RIS to a text stream.

    ``bom`` starts the output with a UTF-8 byte-order mark and ``crlf`` ends lines with
    CR LF (both for old EndNote versions); ``mesh`` writes MeSH headings as ``KW``
    ``"qualified"`` (``Descriptor/qualifier``, the default), ``"descriptor"`` or ``"none"``.
    """
    key_pattern = options.pop("key_pattern", DEFAULT_PATTERN)
    if options:
        raise TypeError(f"unknown RIS writer options: {', '.join(sorted(options))}")
    if mesh not in MESH_MODES:
        raise ValueError(f"mesh must be one of {', '.join(MESH_MODES)}, got {mesh!r}")
    try:
        check_pattern(key_pattern)
    except PatternError as exc:
        raise WriteError(str(exc)) from exc
    newline = "\r\n" if crlf else "\n"
    if bom:
        out.write("\ufeff")

    def render(record: Record, key: str) -> str:
        try:
            lines = record_lines(attrs.evolve(record, key=key), mesh=mesh)
        except (KeyError, ValueError, TypeError) as exc:
            raise WriteError(f"{record.label()}: cannot write as RIS: {exc}") from exc
        return newline.join(lines) + newline + newline

    # ``ID`` is the record's cite key, as the BibTeX and CSL-JSON writers give it.
    out.writelines(keyed_texts(records, render, key_pattern))
