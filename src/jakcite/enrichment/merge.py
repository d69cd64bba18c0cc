"""Merging records that are the same work, and finding them in a list.

Two records are the same work when they share a PMID, PMCID or DOI; failing that (and
when no identifier says otherwise), when their normalised title, year and first author
family name agree.  Merging keeps the richer value of every field and the provenance of
both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from jakcite.api import Records
from jakcite.enrichment.compare import first_author_key, title_key
from jakcite.model import Container, Identifiers, PartialDate, Record
from jakcite.registry import Diagnostic

__all__ = ["dedupe", "merge", "same_work"]

_IDENTIFYING = ("pmid", "pmcid", "doi")


def _id_values(record: Record) -> list[tuple[str, str]]:
    values = []
    for name in _IDENTIFYING:
        value = getattr(record.ids, name)
        if value:
            values.append((name, value.lower() if name == "doi" else value))
    return values


def _ids_disagree(a: Record, b: Record) -> bool:
    mine, theirs = dict(_id_values(a)), dict(_id_values(b))
    return any(name in theirs and theirs[name] != value for name, value in mine.items())


def _fallback_key(record: Record) -> tuple[str, int, str] | None:
    title, author, year = title_key(record), first_author_key(record), record.year
    return (title, year, author) if title and author and year is not None else None


def same_work(a: Record, b: Record) -> str | None:
    """Why ``a`` and ``b`` are the same work (``"same DOI"``), or None when they are not."""
    shared = set(_id_values(a)) & set(_id_values(b))
    if shared:
        return "same " + "/".join(sorted(name.upper() for name, _ in shared))
    key = _fallback_key(a)
    if key is not None and key == _fallback_key(b) and not _ids_disagree(a, b):
        return "same title, year and first author"
    return None


def _richness(value: object) -> tuple[int, int]:
    if value is None:
        return (0, 0)
    if isinstance(value, PartialDate):
        return (1, 1 + (value.month is not None) + (value.day is not None))
    if isinstance(value, tuple):
        return (1 if value else 0, len(value))
    if isinstance(value, bool):
        return (0, 0)
    return (1 if value else 0, 0)


def _merge_members(mine: Any, theirs: Any, kind: type[Any]) -> tuple[Any, bool]:
    if theirs is None:
        return mine, False
    if mine is None:
        return theirs, True
    changes = {
        f.name: getattr(theirs, f.name)
        for f in attrs.fields(kind)
        if _richness(getattr(mine, f.name))[0] == 0 and _richness(getattr(theirs, f.name))[0]
    }
    return (attrs.evolve(mine, **changes), True) if changes else (mine, False)


def _richer_authors(a: Record, b: Record) -> bool:
    """True when ``b``'s author list is the richer one."""
    if not b.authors:
        return False
    if a.authors_truncated != b.authors_truncated:
        return a.authors_truncated
    return len(b.authors) > len(a.authors)


def merge(a: Record, b: Record) -> Record:
    """One record from two of the same work: the richer value of each field, ``a``'s on a tie.

    The result's provenance is ``a``'s, with ``b``'s (and whatever ``b`` had merged) in
    ``provenance.merged`` and each field taken from ``b`` in ``provenance.filled``.
    """
    changes: dict[str, Any] = {}
    taken: list[str] = []
    for spec in attrs.fields(Record):
        name = spec.name
        if name in ("provenance", "authors", "authors_truncated", "type", "key", "title_translated"):
            continue
        mine, theirs = getattr(a, name), getattr(b, name)
        if name in ("ids", "container"):
            value, changed = _merge_members(mine, theirs, Identifiers if name == "ids" else Container)
            if changed:
                changes[name] = value
                taken.append(name)
        elif _richness(theirs) > _richness(mine):
            changes[name] = theirs
            taken.append(name)
    if _richer_authors(a, b):
        changes["authors"] = b.authors
        changes["authors_truncated"] = b.authors_truncated
        taken.append("authors")
    if a.key is None and b.key is not None:
        changes["key"] = b.key
    origin = f"merged from {b.label()}" + (f" ({b.provenance.source})" if b.provenance.source else "")
    provenance = attrs.evolve(
        a.provenance,
        filled=a.provenance.filled + tuple((name, origin) for name in taken),
        merged=(*a.provenance.merged, b.provenance, *b.provenance.merged),
        missing=tuple(m for m in a.provenance.missing if m not in changes),
    )
    return attrs.evolve(a, provenance=provenance, **changes)


def dedupe(records: Iterable[Record]) -> Records:
    """The records with each work once: duplicates merged into the first of them (see
    :func:`merge`), in the order of first appearance.  Each merge is a diagnostic naming
    both records and why they are the same work."""
    kept: list[Record] = []
    numbers: list[int] = []
    by_id: dict[tuple[str, str], int] = {}
    by_key: dict[tuple[str, int, str], int] = {}
    diagnostics: list[Diagnostic] = []
    for number, record in enumerate(records, 1):
        target = next((by_id[v] for v in _id_values(record) if v in by_id), None)
        fallback = _fallback_key(record)
        if target is None and fallback is not None and fallback in by_key:
            candidate = by_key[fallback]
            target = None if _ids_disagree(kept[candidate], record) else candidate
        if target is None:
            target = len(kept)
            kept.append(record)
            numbers.append(number)
        else:
            reason = same_work(kept[target], record) or "same work"
            diagnostics.append(
                Diagnostic(
                    f"merged record {number} ({record.label()}) into record {numbers[target]}"
                    f" ({kept[target].label()}): {reason}",
                    source=record.provenance.source,
                    record=number,
                )
            )
            kept[target] = merge(kept[target], record)
        for value in _id_values(kept[target]):
            by_id.setdefault(value, target)
        merged_key = _fallback_key(kept[target])
        if merged_key is not None:
            by_key.setdefault(merged_key, target)
    return Records(kept, diagnostics)
