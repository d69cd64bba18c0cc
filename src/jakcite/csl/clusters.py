"""Citation clusters: what a document cites, where, in what order.

A *cluster* is one in-text citation (``(Smith 2020; Jones 2019, p. 23)``) or one footnote
of a note style: a sequence of *cites*.  A cite names a work by id and may carry the CSL
citation-item keys ``locator``, ``label``, ``prefix``, ``suffix``, ``suppress-author`` and
``author-only``.  The user-facing spellings (an id, a mapping, ``{"cites": [...],
"note": N}``) are normalised here into :class:`Cite` and :class:`Cluster`, so the engine
sees one shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

__all__ = ["Cite", "Cluster", "ClusterSpec", "clusters_from"]

#: What a caller may pass for one cite: an id, or a mapping of CSL citation-item keys.
CiteSpec = str | Mapping[str, Any]
#: What a caller may pass for one cluster.
ClusterSpec = str | Sequence[CiteSpec] | Mapping[str, Any]

_CITE_KEYS = frozenset({"id", "locator", "label", "prefix", "suffix", "suppress-author", "author-only", "position"})


@attrs.frozen
class Cite:
    """One cited work inside a cluster."""

    id: str
    locator: str | None = None
    label: str = "page"
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    author_only: bool = False


@attrs.frozen
class Cluster:
    """One citation of a document: its cites, and its footnote number in a note style."""

    cites: tuple[Cite, ...]
    note: int | None = None


def _cite(spec: CiteSpec) -> Cite:
    if isinstance(spec, str):
        return Cite(spec)
    if not isinstance(spec, Mapping) or "id" not in spec:
        raise ValueError(f"a cite is an id or a mapping with an 'id', not {spec!r}")
    unknown = sorted(set(spec) - _CITE_KEYS)
    if unknown:
        raise ValueError(f"cite {spec['id']!r}: unknown key(s) {', '.join(unknown)}")
    locator = spec.get("locator")
    return Cite(
        id=str(spec["id"]),
        locator=None if locator in (None, "") else str(locator),
        label=str(spec.get("label") or "page"),
        prefix=str(spec.get("prefix") or ""),
        suffix=str(spec.get("suffix") or ""),
        suppress_author=bool(spec.get("suppress-author")),
        author_only=bool(spec.get("author-only")),
    )


def _cluster(spec: ClusterSpec) -> Cluster:
    if isinstance(spec, str):
        return Cluster((Cite(spec),))
    if isinstance(spec, Mapping) and "cites" in spec:
        note = spec.get("note")
        return Cluster(tuple(_cite(c) for c in spec["cites"]), None if note is None else int(note))
    if isinstance(spec, Mapping):
        return Cluster((_cite(spec),))
    return Cluster(tuple(_cite(c) for c in spec))


def clusters_from(specs: Iterable[ClusterSpec]) -> list[Cluster]:
    """The clusters of a document, normalised.

    >>> clusters_from([["a", {"id": "b", "locator": "23"}], {"cites": ["a"], "note": 2}])[1]
    Cluster(cites=(Cite(id='a', locator=None, label='page', prefix='', suffix='', suppress_author=False, author_only=False),), note=2)
    """
    return [_cluster(spec) for spec in specs]
