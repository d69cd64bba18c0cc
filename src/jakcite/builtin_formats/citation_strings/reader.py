"""Read citation strings: PubMed's Cite button output (NLM, AMA, APA, MLA) and free-text references.

The text is cut into entries (one a line; a block of wrapped lines is one entry, see
:mod:`.entries`); list numbering (``1.``, ``[1]``) is dropped.  Each entry is read by its
style's grammar where PubMed's (:mod:`.styles`), else by the shared free-text reference
parser; ``PMID:``, ``PMCID:`` and DOIs are always picked out.  The string itself is kept
on ``reference_text``.  An entry that cannot be parsed (no date, no title or journal) is
kept whole in ``note``, with a warning, never dropped.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import attrs

from jakcite.builtin_formats.citation_strings.entries import Entry, split_entries
from jakcite.builtin_formats.citation_strings.styles import read_apa, read_mla, read_nlm
from jakcite.builtin_formats.citation_strings.vocabulary import EXTRA_PREFIX, NUMBERING
from jakcite.model import Record, WorkType
from jakcite.registry import ReadContext
from jakcite.sources import Source
from jakcite.util.identifier_checks import check_identifiers
from jakcite.util.reference_strings import parse_reference

__all__ = ["read"]


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """One record per citation string, streaming."""
    try:
        with source.open_text() as stream:
            for index, entry in enumerate(split_entries(stream)):
                record = _record(entry, index, context)
                if record is not None:
                    yield record
    except (OSError, EOFError, zlib.error) as exc:
        context.fail(f"cannot read: {exc}", line=1)


def _record(entry: Entry, index: int, context: ReadContext) -> Record | None:
    text = NUMBERING.sub("", entry.text)
    notes: list[str] = []
    try:
        record = _parse(text, notes)
    except (ValueError, TypeError) as exc:
        context.fail(f"bad value in reference: {exc}", line=entry.line, record=index)
        return None
    for note in notes:
        context.warn(note, line=entry.line, record=index)
    missing = tuple(name for name in ("title", "authors", "published") if not getattr(record, name))
    provenance = context.provenance(line=entry.line, index=index, warnings=tuple(notes), missing=missing)
    return attrs.evolve(record, provenance=provenance)


def _parse(text: str, notes: list[str]) -> Record:
    styled = read_mla(text) or read_apa(text) or read_nlm(text)
    if styled is not None:
        fields, ids = styled
        checked = check_identifiers(ids, extra_prefix=EXTRA_PREFIX)
        notes.extend(checked.warnings)
        fields["extra"] = (*fields.get("extra", ()), *checked.extra)
        return Record(ids=checked.ids, reference_text=text, **fields)
    parsed = parse_reference(text)
    if _parsed(parsed):
        return parsed
    notes.append(f"not parsed as a reference (no date, or no title or journal): kept whole in note: {text[:60]!r}")
    return Record(type=WorkType.OTHER, ids=parsed.ids, url=parsed.url, note=text, reference_text=text)


def _parsed(record: Record) -> bool:
    """The free-text parser found a reference: a date and a title or a journal, beyond the bare text."""
    if record.published is None:
        return False
    title = str(record.title) if record.title is not None else ""
    has_container = record.container is not None and bool(record.container.title)
    return has_container or (bool(title) and bool(record.authors) and title != record.reference_text)
