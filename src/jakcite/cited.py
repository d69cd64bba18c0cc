"""Cited references as records of their own (``jakcite convert --cited``).

PubMed XML gives a record's references as a citation string (``BMJ. 2017 Sep
21;358:j4008``) and identifiers; written as they are, they would be empty shells.  Each
string goes through the free-text reference parser
(:func:`~jakcite.util.reference_strings.parse_reference`): the
title, journal, date, volume, issue, pages and identifiers it finds fill the record, the
identifiers PubMed gave win over the parsed ones, and the string itself is kept, in
``reference_text`` and as the ``note`` every format writes, so nothing of it is lost.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from jakcite.model import Identifiers, Record, WorkType
from jakcite.util.reference_strings import parse_reference

__all__ = ["cited_record", "cited_records"]


def cited_records(record: Record) -> Iterator[Record]:
    """The records ``record`` cites, each completed by :func:`cited_record`."""
    for reference in record.references:
        yield cited_record(reference)


def cited_record(reference: Record) -> Record:
    """A cited reference with what its citation string says parsed into fields.

    A reference that already has a title or a container (a structured one) is returned as
    it is; so is one without a citation string.
    """
    text = (reference.reference_text or "").strip()
    if not text or reference.title is not None or reference.container is not None:
        return reference
    parsed = parse_reference(text)
    given = {
        f.name: getattr(reference.ids, f.name) for f in attrs.fields(Identifiers) if getattr(reference.ids, f.name)
    }
    note = "\n".join(part for part in (reference.note, parsed.note, text) if part)
    return attrs.evolve(
        parsed,
        type=parsed.type if parsed.type is not WorkType.OTHER else reference.type,
        ids=attrs.evolve(parsed.ids, **given),
        note=note,
        reference_text=reference.reference_text,
        extra=(*reference.extra, *parsed.extra),
    )
