"""Read PubMed's "Save -> Summary (text)" file.

Each record is one block of lines, numbered from 1, with no blank line inside::

    1. Why Do We Need JAK Inhibitors in Systemic Lupus Erythematosus?
    Richter P, Cardoneanu A, Burlui AM, Macovei LA, Bratoiu I, Buliga-Finis ON, Rezus E.
    Int J Mol Sci. 2022 Oct 4;23(19):11788. doi: 10.3390/ijms231911788.
    PMID: 36233087 Free PMC article. Review.

The title line, the author line (MEDLINE ``AU`` form, all authors; group authors after a
semicolon; absent for a record without authors), the citation line (read by the shared
citation-line grammar: journal, date, volume, issue, pages or article number, DOI, Epub
date) and the ``PMID:`` line, which may carry the PMCID and NIHMSID, then notes
(``Free PMC article.``, ``No abstract available.``, kept in ``extra``) and the
publication types PubMed shows (``Review.``, ``Clinical Trial.``).  A line the reader
cannot place is kept in ``note`` with a warning; nothing is invented.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from jakcite.builtin_formats.pubmed_summary.vocabulary import (
    ABSTRACT_NOTES,
    ACCESS_NOTES,
    CITATION_TAIL,
    EXTRA_PREFIX,
    NIHMSID,
    NUMBERED_TITLE,
    PMCID,
    PMID_LINE,
    STATUS,
)
from jakcite.model import Record, WorkType
from jakcite.registry import ReadContext
from jakcite.sources import Source
from jakcite.util.author_lists import parse_author_list
from jakcite.util.citation_lines import journal_citation_fields, parse_citation_line
from jakcite.util.identifier_checks import check_identifiers
from jakcite.util.reference_strings import parse_reference
from jakcite.util.titles import unbracket_title

__all__ = ["read"]


@attrs.frozen
class _Block:
    """The lines of one record (its number stripped), its line number and its printed number."""

    line: int
    number: int | None
    lines: tuple[str, ...]


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """Read every record of a Summary (text) file, streaming."""
    try:
        with source.open_text() as stream:
            index = 0
            for block in _blocks(stream):
                if block.number is None:
                    context.warn(f"text before the first record skipped: {block.lines[0][:60]!r}", line=block.line)
                    continue
                record = _record(block, index, context)
                index += 1
                if record is not None:
                    yield record
    except (OSError, EOFError, zlib.error) as exc:
        context.fail(f"cannot read: {exc}", line=1)


def _blocks(stream: Iterable[str]) -> Iterator[_Block]:
    """Blank-line separated blocks: one opening on ``N. `` starts a record, others continue the last."""
    current: list[str] = []
    start, number, after_blank = 0, None, True
    for line_number, raw in enumerate(stream, start=1):
        line = raw.replace("\ufeff", "").replace("\u00a0", " ").strip()
        if not line:
            after_blank = True
            continue
        numbered = NUMBERED_TITLE.match(line) if after_blank else None
        after_blank = False
        if numbered is not None:
            if current:
                yield _Block(start, number, tuple(current))
            current, start, number = [numbered.group("title")], line_number, int(numbered.group("number"))
            continue
        if not current:
            start = line_number
        current.append(line)
    if current:
        yield _Block(start, number, tuple(current))


def _record(block: _Block, index: int, context: ReadContext) -> Record | None:
    try:
        fields, notes, missing = _fields(list(block.lines))
        record = Record(**fields)
    except (ValueError, TypeError) as exc:
        context.fail(f"bad value in record: {exc}", line=block.line, record=index)
        return None
    for note in notes:
        context.warn(note, line=block.line, record=index)
    provenance = context.provenance(line=block.line, index=index, warnings=tuple(notes), missing=tuple(missing))
    return attrs.evolve(record, provenance=provenance)


def _fields(lines: list[str]) -> tuple[dict[str, Any], list[str], list[str]]:
    """The record's fields from its lines: ``(fields, warnings, missing fields)``."""
    fields: dict[str, Any] = {}
    notes: list[str] = []
    extra: list[tuple[str, str]] = []
    pmid_at = next((i for i in range(len(lines) - 1, 0, -1) if PMID_LINE.match(lines[i])), None)
    body, tail = (lines, []) if pmid_at is None else (lines[:pmid_at], lines[pmid_at:])
    ids = _identifier_line(tail, fields, extra, notes)
    cited_at = next((i for i in range(len(body) - 1, 0, -1) if parse_citation_line(body[i])), None)
    source_at = cited_at if cited_at is not None else (len(body) - 1 if len(body) > 2 else None)
    title_lines, author_line = _title_and_authors(body[: source_at if source_at is not None else len(body)])
    _title(" ".join(title_lines), fields)
    if author_line is not None:
        _authors(author_line, fields, extra, notes)
    if cited_at is not None:
        citation = parse_citation_line(body[cited_at])
        assert citation is not None
        cited, cited_extra = journal_citation_fields(citation, ids.get("doi"), extra_prefix=EXTRA_PREFIX)
        fields.update(cited)
        extra.extend(cited_extra)
        ids.setdefault("doi", citation.doi)
    elif source_at is not None:
        _other_source(body[source_at], fields, notes)
    checked = check_identifiers(ids, extra_prefix=EXTRA_PREFIX)
    fields["ids"] = checked.ids
    extra.extend(checked.extra)
    notes.extend(checked.warnings)
    fields["extra"] = tuple(extra)
    missing = _missing(fields, notes)
    return fields, notes, missing


def _title_and_authors(lines: list[str]) -> tuple[list[str], str | None]:
    """The title is the first line (and any lines before the author line); the author line is last.

    The legacy PubMed (before 2020) printed the authors first (``1. Smith J, Doe A.`` then
    the title): an author list on the first line and none on the last is that order.
    """
    if len(lines) <= 1:
        return lines, None
    if parse_author_list(lines[-1]) is None and parse_author_list(lines[0]) is not None:
        return lines[1:], lines[0]
    return lines[:-1], lines[-1]


def _title(text: str, fields: dict[str, Any]) -> None:
    if not text:
        return
    translated = unbracket_title(text)
    fields["title"] = translated if translated is not None else text
    fields["title_translated"] = translated is not None


def _authors(line: str, fields: dict[str, Any], extra: list[tuple[str, str]], notes: list[str]) -> None:
    authors = parse_author_list(line)
    if authors is None:
        extra.append((f"{EXTRA_PREFIX}:authors", line))
        notes.append(f"author line not in PubMed's form, kept as extra data: {line[:60]!r}")
        return
    fields["authors"] = authors.authors
    fields["authors_truncated"] = authors.truncated


def _identifier_line(
    tail: list[str], fields: dict[str, Any], extra: list[tuple[str, str]], notes: list[str]
) -> dict[str, str | None]:
    """``PMID: n PMCID: PMCn NIHMSID: NIHMSn Free PMC article. Review.`` and any lines after it."""
    ids: dict[str, str | None] = {}
    if not tail:
        return ids
    match = PMID_LINE.match(tail[0])
    assert match is not None
    ids["pmid"] = match.group("pmid")
    rest = " ".join([match.group("rest"), *tail[1:]]).strip()
    for pattern, kind in ((PMCID, "pmcid"), (NIHMSID, "nihmsid")):
        found = pattern.match(rest)
        if found:
            ids[kind] = found.group(kind)
            rest = rest[found.end() :]
    nihmsid = ids.pop("nihmsid", None)
    if nihmsid:
        fields["_nihmsid"] = nihmsid
    types: list[str] = []
    status = STATUS.search(rest)
    if status:
        extra.append((f"{EXTRA_PREFIX}:status", status.group(1)))
        rest = rest[: status.start()] + rest[status.end() :]
    for sentence in (s.strip() for s in re.split(r"(?<=\.)\s+", rest) if s.strip()):
        key = sentence.rstrip(".").strip()
        if key.lower() in ACCESS_NOTES or key.lower().startswith("free books"):
            extra.append((f"{EXTRA_PREFIX}:access", key))
        elif key.lower() in ABSTRACT_NOTES:
            extra.append((f"{EXTRA_PREFIX}:abstract", key))
        elif CITATION_TAIL.match(key):
            continue
        else:
            types.append(key)
    fields["publication_types"] = tuple(types)
    return ids


def _other_source(line: str, fields: dict[str, Any], notes: list[str]) -> None:
    """A source line not in journal form (a book, a chapter): read as a free-text reference, kept whole."""
    parsed = parse_reference(line)
    if line.startswith("In:") or parsed.type in (WorkType.BOOK, WorkType.CHAPTER):
        fields["type"] = WorkType.CHAPTER if line.startswith("In:") else parsed.type
    for name in ("publisher", "publisher_place", "published", "editors"):
        value = getattr(parsed, name)
        if value:
            fields[name] = value
    if parsed.container is not None and parsed.container.title:
        fields["container"] = parsed.container
    fields["note"] = line
    notes.append(
        f"source line not in journal-citation form, read as a free-text reference (kept in note): {line[:60]!r}"
    )


def _missing(fields: dict[str, Any], notes: list[str]) -> list[str]:
    nihmsid = fields.pop("_nihmsid", None)
    if nihmsid:
        fields["ids"] = attrs.evolve(fields["ids"], nihmsid=nihmsid)
    missing: list[str] = []
    for name, label in (("authors", "authors"), ("title", "title"), ("published", "date")):
        if not fields.get(name):
            missing.append(name)
            notes.append(f"no {label} in this record")
    return missing
