"""Read PubMed's "Save -> CSV" file.

One row per record under the header ``PMID,Title,Authors,Citation,First Author,
Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI``, quoted as the ``csv``
module reads it (semicolons or tabs too, as a spreadsheet may re-save it).  ``Authors`` is the MEDLINE-form list (``Richter P, Cardoneanu A``),
``Citation`` the PubMed citation line (journal, date, volume, issue, pages, DOI, Epub
date; read by the shared grammar), ``Create Date`` the date PubMed created the record
(``entrez`` history event).  Each identifier is checked: a malformed one (a DOI run into
the next field) costs its field, with a warning, and is kept in ``extra``, never
accepted.  The full journal title is not in the file: ``Journal/Book`` is the
abbreviation the citation line prints.
"""

from __future__ import annotations

import csv
import re
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from jakcite.builtin_formats.pubmed_csv.vocabulary import EXTRA_PREFIX, REQUIRED, header_delimiter
from jakcite.model import Container, HistoryDate, PartialDate, Person, Record, WorkType
from jakcite.registry import ReadContext
from jakcite.sources import Source
from jakcite.util.author_lists import parse_author_list
from jakcite.util.citation_lines import journal_citation_fields, parse_citation_line
from jakcite.util.dates import parse_date_text
from jakcite.util.identifier_checks import check_identifiers
from jakcite.util.names import parse_medline_short_name
from jakcite.util.reference_strings import parse_reference
from jakcite.util.titles import unbracket_title

__all__ = ["read"]


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """Read every row of a PubMed CSV file as a record, streaming."""
    try:
        first = source.head_text().lstrip("\ufeff").split("\n", 1)[0].strip("\r")
        with source.open_text() as stream:
            rows = csv.DictReader(stream, delimiter=header_delimiter(first) or ",")
            header = [name.strip().lstrip("\ufeff") for name in rows.fieldnames or []]
            absent = [name for name in REQUIRED if name not in header]
            if absent:
                context.fail(f"not PubMed's CSV: the header lacks {', '.join(absent)}", line=1)
                return
            rows.fieldnames = header
            for index, row in enumerate(rows):
                record = _record(row, index, rows.line_num, context)
                if record is not None:
                    yield record
    except csv.Error as exc:
        context.fail(f"broken CSV: {exc}", line=None)
    except (OSError, EOFError, zlib.error) as exc:
        context.fail(f"cannot read: {exc}", line=1)


def _record(row: Mapping[str, str | None], index: int, line: int, context: ReadContext) -> Record | None:
    values = {name: " ".join((value or "").split()) for name, value in row.items() if isinstance(name, str)}
    if not any(values.values()):
        return None
    notes: list[str] = []
    try:
        record = Record(**_fields(values, notes))
    except (ValueError, TypeError) as exc:
        context.fail(f"bad value in row: {exc}", line=line, record=index)
        return None
    for note in notes:
        context.warn(note, line=line, record=index)
    missing = tuple(name for name in ("title", "authors", "published") if not getattr(record, name))
    provenance = context.provenance(line=line, index=index, warnings=tuple(notes), missing=missing)
    return attrs.evolve(record, provenance=provenance)


def _fields(values: Mapping[str, str], notes: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    title = values.get("Title", "")
    if title:
        translated = unbracket_title(title)
        fields["title"] = translated if translated is not None else title
        fields["title_translated"] = translated is not None
    _authors(values, fields, extra, notes)
    doi = values.get("DOI") or None
    citation_text = values.get("Citation", "")
    citation = parse_citation_line(citation_text) if citation_text else None
    if citation is not None:
        cited, cited_extra = journal_citation_fields(citation, doi, extra_prefix=EXTRA_PREFIX)
        fields.update(cited)
        extra.extend(cited_extra)
        doi = doi or citation.doi
    elif citation_text:
        _other_citation(citation_text, fields, notes)
    _journal_and_year(values, fields, extra, notes)
    created = _create_date(values.get("Create Date", ""))
    if created is not None:
        fields["history"] = (HistoryDate("entrez", created),)
    elif values.get("Create Date"):
        extra.append((f"{EXTRA_PREFIX}:Create Date", values["Create Date"]))
        notes.append(f"Create Date {values['Create Date']!r} is not a date; kept as extra data")
    checked = check_identifiers(
        {"pmid": values.get("PMID"), "pmcid": values.get("PMCID"), "doi": doi}, extra_prefix=EXTRA_PREFIX
    )
    nihmsid = values.get("NIHMS ID") or None
    fields["ids"] = attrs.evolve(checked.ids, nihmsid=nihmsid) if nihmsid else checked.ids
    extra.extend(checked.extra)
    notes.extend(checked.warnings)
    fields["extra"] = tuple(extra)
    return fields


def _create_date(text: str) -> PartialDate | None:
    """``2022/10/14`` (PubMed's form; ``2022-10-14`` too)."""
    match = _YMD.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return PartialDate(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


_YMD = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")


def _authors(values: Mapping[str, str], fields: dict[str, Any], extra: list[tuple[str, str]], notes: list[str]) -> None:
    """``Authors``; when it is empty, ``First Author`` alone, marked as a cut-short list."""
    text = values.get("Authors", "")
    first = values.get("First Author", "")
    if text:
        authors = parse_author_list(text)
        if authors is None:
            extra.append((f"{EXTRA_PREFIX}:authors", text))
            notes.append(f"Authors not in PubMed's form, kept as extra data: {text[:60]!r}")
            return
        fields["authors"] = authors.authors
        fields["authors_truncated"] = authors.truncated
    elif first:
        person: Person = parse_medline_short_name(first.rstrip("."))
        fields["authors"] = (person,)
        fields["authors_truncated"] = True
        notes.append("Authors is empty: only the First Author is known")


def _other_citation(text: str, fields: dict[str, Any], notes: list[str]) -> None:
    """A book or chapter citation: read as a free-text reference, kept whole in ``note``."""
    parsed = parse_reference(text)
    if parsed.type in (WorkType.BOOK, WorkType.CHAPTER):
        fields["type"] = parsed.type
    for name in ("publisher", "publisher_place", "published"):
        if getattr(parsed, name):
            fields[name] = getattr(parsed, name)
    fields["note"] = text
    notes.append(f"Citation not in journal-citation form, read as a free-text reference (kept in note): {text[:60]!r}")


def _journal_and_year(
    values: Mapping[str, str], fields: dict[str, Any], extra: list[tuple[str, str]], notes: list[str]
) -> None:
    """``Journal/Book`` and ``Publication Year`` fill what the citation line did not give."""
    journal = values.get("Journal/Book", "")
    if journal and fields.get("container") is None:
        if fields.get("type") in (WorkType.BOOK, WorkType.CHAPTER):
            fields["container"] = Container(title=journal)
        else:
            fields["container"] = Container(title=journal, iso_abbreviation=journal)
    year = values.get("Publication Year", "")
    if not year:
        return
    published = fields.get("published")
    if published is None:
        fields["published"] = parse_date_text(year)
    elif str(published.year) != year:
        extra.append((f"{EXTRA_PREFIX}:Publication Year", year))
        notes.append(f"Publication Year {year} differs from the citation's {published.year}; kept as extra data")
