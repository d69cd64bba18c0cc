"""A fetched record completes a lossy one: gaps filled, nothing overwritten, origins kept.

Every field the lossy record lacks is taken from the fetched one, and
``provenance.filled`` says where it came from; a field it has is never replaced, except
an author list marked truncated ("et al."), which gives way to the full list.  Records
that disagree on title, year or first author are not the same work: nothing is merged
and the disagreement is reported.
"""

from __future__ import annotations

from typing import Any

import attrs

from jakcite.enrichment.compare import conflicts
from jakcite.model import Container, Identifiers, Record

__all__ = ["Completion", "complete", "is_empty"]

#: Fields that are never filled: the record's own key and kind (unless the source said it
#: did not know the kind), flags that describe its own fields, and the provenance itself.
_NOT_FILLED = frozenset({"type", "key", "title_translated", "authors", "authors_truncated", "provenance"})
#: Fields filled member by member: an identifier or an ISSN the record lacks is added.
_BY_MEMBER = {"ids": Identifiers, "container": Container}


@attrs.frozen
class Completion:
    """What :func:`complete` did: the record, the fields it filled, the conflicts it found."""

    record: Record
    filled: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


def is_empty(value: object) -> bool:
    """True for an absent value: None, an empty sequence or empty text."""
    if value is None:
        return True
    if isinstance(value, bool):
        return False  # a flag is a value, whichever it is
    # Sequences, text and the model's classes that say when they are empty (RichText, Pages,
    # Identifiers); any other object (a date, a container) is a value.
    says_empty = isinstance(value, (tuple, str)) or hasattr(type(value), "__bool__")
    return says_empty and not value


def _fill_members(mine: Any, theirs: Any, kind: type[Any], prefix: str) -> tuple[Any, list[str]]:
    if theirs is None:
        return mine, []
    if mine is None:
        return theirs, [f"{prefix}.{f.name}" for f in attrs.fields(kind) if not is_empty(getattr(theirs, f.name))]
    changes: dict[str, Any] = {}
    for member in attrs.fields(kind):
        value = getattr(theirs, member.name)
        if is_empty(getattr(mine, member.name)) and not is_empty(value):
            changes[member.name] = value
    return (attrs.evolve(mine, **changes) if changes else mine), [f"{prefix}.{name}" for name in changes]


def _authors_wanted(base: Record, fetched: Record) -> bool:
    if not fetched.authors:
        return False
    if not base.authors:
        return True
    return base.authors_truncated and len(fetched.authors) >= len(base.authors)


def complete(base: Record, fetched: Record, origin: str) -> Completion:
    """``base`` completed from ``fetched`` (see the module docstring); ``origin`` names the
    source in ``provenance.filled`` (``"PubMed efetch PMID 36233087"``)."""
    found = conflicts(base, fetched)
    if found:
        return Completion(base, (), tuple(found))
    changes: dict[str, Any] = {}
    filled: list[str] = []
    for spec in attrs.fields(Record):
        name = spec.name
        if name in _NOT_FILLED:
            continue
        mine, theirs = getattr(base, name), getattr(fetched, name)
        if name in _BY_MEMBER:
            value, members = _fill_members(mine, theirs, _BY_MEMBER[name], name)
            if members:
                changes[name] = value
                filled.extend(members)
        elif is_empty(mine) and not is_empty(theirs):
            changes[name] = theirs
            filled.append(name)
    if "type" in base.provenance.missing and fetched.type != base.type:
        changes["type"] = fetched.type  # a record that did not know its kind (a bare identifier)
        filled.append("type")
    if _authors_wanted(base, fetched):
        changes["authors"] = fetched.authors
        changes["authors_truncated"] = fetched.authors_truncated
        filled.append("authors")
    if not filled:
        return Completion(base)
    provenance = base.provenance
    still_missing = tuple(m for m in provenance.missing if m not in changes)
    provenance = attrs.evolve(
        provenance,
        missing=still_missing,
        filled=provenance.filled + tuple((name, origin) for name in filled),
    )
    return Completion(attrs.evolve(base, provenance=provenance, **changes), tuple(filled))
