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
from collections.abc import Iterator

import attrs

from jakcite.builtin_formats.pubmed_text.abstract_text import read_abstract_text
from jakcite.builtin_formats.pubmed_text.draft import Draft, finish
from jakcite.builtin_formats.pubmed_text.layout import RawRecord, detect_layout, split_records
from jakcite.builtin_formats.pubmed_text.web import read_web
from jakcite.model import Record
from jakcite.registry import ReadContext, describe_content, get_format, load_formats
from jakcite.sources import Source

__all__ = ["read"]


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """Read every record of a PubMed text file (layout detected from the content), streaming."""
    try:
        head = source.head_text()
        layout = detect_layout(head)
        if layout is None:
            context.fail(_not_pubmed_message(head, source, context), line=1)
            return
        with source.open_text() as stream:
            index = 0
            for raw in split_records(stream, layout):
                record = _record(raw, index, layout, context)
                if record is not None or not raw.leading:
                    index += 1
                if record is not None:
                    yield record
    except (OSError, EOFError, zlib.error) as exc:  # a broken gzip stream, an unreadable file
        context.fail(f"cannot read: {exc}", line=1)


def _not_pubmed_message(head: str, source: Source, context: ReadContext) -> str:
    message = (
        "not PubMed text: no PubMed page landmark found (page banner, section headings, "
        "a citation line `Journal. 2019 Jun;12(3):45-9.` under a title, an Abstract (text) record)"
    )
    if re.search(r"^PMID- ", head, re.M):
        return message + "; this looks like a MEDLINE file (give --from medline)"
    looks = describe_content(source, besides=get_format(context.format)) if context.format in load_formats() else None
    return message + (f"; it looks like {looks}" if looks else "")


def _record(raw: RawRecord, index: int, layout: str, context: ReadContext) -> Record | None:
    """Build one record, reporting what it lacks; None (after ``context.fail``) when it cannot be read."""
    try:
        record, notes, missing = _build(raw.lines, layout)
    except (ValueError, TypeError) as exc:
        context.fail(f"bad value in record: {exc}", line=raw.line, record=index)
        return None
    if record is None:
        if raw.leading:  # text above the first record ("Search results", a note): not a record
            context.warn(f"text before the first record skipped: {raw.lines[0][:60]!r}", line=raw.line)
        else:
            context.fail(
                "no PubMed record here: found neither a title nor a citation line", line=raw.line, record=index
            )
        return None
    for note in notes:
        context.warn(note, line=raw.line, record=index)
    provenance = context.provenance(line=raw.line, index=index, warnings=tuple(notes), missing=tuple(missing))
    return attrs.evolve(record, provenance=provenance)


def _build(lines: list[str], layout: str) -> tuple[Record | None, list[str], list[str]]:
    """One record from its lines: ``(record or None, warnings, missing fields)``."""
    draft = Draft()
    if layout == "abstract-text":
        read_abstract_text(lines, draft)
    else:
        read_web(lines, draft, layout)
    if draft.title is None and draft.citation is None and draft.pmid is None:
        return None, [], []
    return finish(draft)
