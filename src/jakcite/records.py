"""``Records``: the list a read returns, with its diagnostics, look-ups and views.

It stays a plain ``list`` of :class:`~jakcite.model.Record` (so every list idiom works);
what it adds is what people reach for in a notebook: a short ``repr`` and an HTML table,
look-up by identifier, filtering that keeps the diagnostics, and a DataFrame.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any, SupportsIndex, overload

from jakcite.model import Person, Record, summary_line
from jakcite.registry import Diagnostic

__all__ = ["DATAFRAME_COLUMNS", "Records"]

#: How many records ``repr`` and the HTML table show before "… N more".
SHOWN = 10

#: The columns of :meth:`Records.to_dataframe`, in order, each with how it is read.
DATAFRAME_COLUMNS: dict[str, Callable[[Record], object]] = {
    "key": lambda r: r.key,
    "type": lambda r: r.type.value,
    "title": lambda r: r.title.text if r.title else None,
    "authors": lambda r: [p.display for p in r.authors],
    "authors_truncated": lambda r: r.authors_truncated,
    "year": lambda r: r.year,
    "published": lambda r: str(r.published) if r.published else None,
    "journal": lambda r: r.container.title if r.container else None,
    "journal_abbreviation": lambda r: r.container.abbreviation if r.container else None,
    "volume": lambda r: r.volume,
    "issue": lambda r: r.issue,
    "pages": lambda r: r.pages.range if r.pages else None,
    "article_number": lambda r: r.article_number,
    "pmid": lambda r: r.ids.pmid,
    "pmcid": lambda r: r.ids.pmcid,
    "doi": lambda r: r.ids.doi,
    "url": lambda r: r.url,
    "abstract": lambda r: r.abstract.text if r.abstract else None,
    "keywords": lambda r: [k.term for k in r.keywords],
    "mesh": lambda r: [m.descriptor for m in r.mesh],
    "publication_types": lambda r: list(r.publication_types),
    "languages": lambda r: list(r.languages),
    "references": lambda r: len(r.references),
    "source": lambda r: r.provenance.source,
}


def _normal_doi(doi: str) -> str:
    return doi.strip().lower().removeprefix("https://doi.org/").removeprefix("doi:")


def _matches(record: Record, criteria: dict[str, str]) -> bool:
    ids = record.ids
    for name, wanted in criteria.items():
        if name == "doi":
            if ids.doi is None or ids.doi.lower() != _normal_doi(wanted):
                return False
        elif name == "pmcid":
            if ids.pmcid is None or ids.pmcid.upper().removeprefix("PMC") != wanted.upper().removeprefix("PMC"):
                return False
        elif name == "pmid":
            if ids.pmid != str(wanted).strip():
                return False
        elif name == "key":
            if record.key != wanted:
                return False
        else:
            raise TypeError(f"find() takes pmid, pmcid, doi or key, not {name!r}")
    return True


class Records(list[Record]):
    """The records read from a source, plus the diagnostics met while reading them.

    It is a plain ``list`` of :class:`~jakcite.model.Record`; ``diagnostics`` lists what
    was repaired or (in lenient mode) skipped, so nothing is ever dropped silently.
    Slices and :meth:`filter` are ``Records`` again, with the same diagnostics.
    """

    def __init__(self, records: Iterable[Record] = (), diagnostics: Iterable[Diagnostic] = ()) -> None:
        super().__init__(records)
        self.diagnostics: list[Diagnostic] = list(diagnostics)

    @property
    def skipped(self) -> list[Diagnostic]:
        """Diagnostics of records that were skipped."""
        return [d for d in self.diagnostics if d.skipped]

    @overload
    def __getitem__(self, index: SupportsIndex) -> Record: ...
    @overload
    def __getitem__(self, index: slice) -> Records: ...
    def __getitem__(self, index: SupportsIndex | slice) -> Record | Records:
        if isinstance(index, slice):
            return Records(super().__getitem__(index), self.diagnostics)
        return super().__getitem__(index)

    # ---------------------------------------------------------------- look-ups

    def find(self, **criteria: str) -> Record | None:
        """The first record with all these identifiers (``pmid``, ``pmcid``, ``doi``, ``key``), or None.

        DOIs compare without case and without a ``https://doi.org/`` prefix; PMCIDs with
        or without ``PMC``.
        """
        if not criteria:
            raise TypeError("find() needs at least one of pmid, pmcid, doi, key")
        return next((r for r in self if _matches(r, criteria)), None)

    def by_id(self, identifier: str) -> Record:
        """The record a PMID, PMCID, DOI or key names; :class:`KeyError` when none does."""
        text = identifier.strip()
        kinds = ("doi",) if "/" in text else ("pmcid",) if text.upper().startswith("PMC") else ("pmid", "key")
        for record in self:
            if any(_matches(record, {kind: text}) for kind in kinds) or record.key == text:
                return record
        raise KeyError(identifier)

    def filter(self, predicate: Callable[[Record], bool] | None = None, **criteria: str) -> Records:
        """The records for which ``predicate`` holds and that have these identifiers, as ``Records``."""
        kept = (r for r in self if (predicate is None or predicate(r)) and (not criteria or _matches(r, criteria)))
        return Records(kept, self.diagnostics)

    # ---------------------------------------------------------------- views

    def to_dataframe(self) -> Any:  # a pandas.DataFrame; pandas is an optional extra
        """One row per record, the columns of :data:`DATAFRAME_COLUMNS` (lists stay lists).

        Needs pandas (``pip install 'jakcite[pandas]'``).
        """
        try:
            import pandas  # type: ignore[import-untyped,unused-ignore]
        except ImportError as exc:  # an optional extra: say how to get it
            raise ImportError("Records.to_dataframe() needs pandas: pip install 'jakcite[pandas]'") from exc
        rows = [{name: read(r) for name, read in DATAFRAME_COLUMNS.items()} for r in self]
        return pandas.DataFrame(rows, columns=list(DATAFRAME_COLUMNS))

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every record as :meth:`~jakcite.model.Record.to_dict` gives it."""
        return [r.to_dict() for r in self]

    def __repr__(self) -> str:
        head = f"<Records: {len(self)} record{'s' if len(self) != 1 else ''}"
        formats = sorted({r.provenance.format for r in self if r.provenance.format})
        if formats:
            head += f" from {', '.join(formats)}"
        if self.diagnostics:
            head += f", {len(self.diagnostics)} diagnostic{'s' if len(self.diagnostics) != 1 else ''}"
        lines = [head + ">"] + [f"  [{i}] {summary_line(r)}" for i, r in enumerate(super().__getitem__(slice(SHOWN)))]
        if len(self) > SHOWN:
            lines.append(f"  ... {len(self) - SHOWN} more")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """A table for Jupyter: first author, year, title, journal, identifiers."""
        rows = [_html_row(i, r) for i, r in enumerate(super().__getitem__(slice(SHOWN)))]
        more = f"<p>… {len(self) - SHOWN} more</p>" if len(self) > SHOWN else ""
        notes = (
            f"<p>{len(self.diagnostics)} diagnostics (see <code>.diagnostics</code>)</p>" if self.diagnostics else ""
        )
        header = "<tr><th></th><th>type</th><th>first author</th><th>year</th><th>title</th><th>journal</th><th>PMID</th><th>DOI</th></tr>"
        return f"<p>{len(self)} records</p><table>{header}{''.join(rows)}</table>{more}{notes}"


def _html_row(index: int, record: Record) -> str:
    first = record.authors[0] if record.authors else None
    author = (first.display if isinstance(first, Person) else first.name) if first else ""
    if first and (len(record.authors) > 1 or record.authors_truncated):
        author += " et al."
    cells = [
        str(index),
        record.type.value,
        author,
        str(record.year or ""),
        record.title.text if record.title else "",
        record.container.title or "" if record.container else "",
        record.ids.pmid or "",
        record.ids.doi or "",
    ]
    return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
