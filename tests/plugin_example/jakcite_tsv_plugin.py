"""A tiny third-party format plugin: one record per line, ``PMID<TAB>title``.

It uses only jakcite's public API, and is registered through the ``jakcite.formats``
entry point of a distribution installed by the plugin test.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import jakcite


def _sniff(head: str) -> float:
    first = head.split("\n", 1)[0]
    return 0.9 if first.startswith("#tsv-pmid") else 0.0


def _read(source: jakcite.Source, context: jakcite.ReadContext) -> Iterator[jakcite.Record]:
    for number, line in enumerate(source.read_text().splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        pmid, sep, title = line.partition("\t")
        if not sep:
            context.fail("expected PMID<TAB>title", line=number)
            continue
        yield jakcite.Record(
            title=title, ids=jakcite.Identifiers(pmid=pmid), provenance=context.provenance(line=number)
        )


def _write(records: Iterable[jakcite.Record], out: TextIO, **options: Any) -> None:
    out.write("#tsv-pmid\n")
    for record in records:
        out.write(f"{record.ids.pmid or ''}\t{record.title or ''}\n")


TSV = jakcite.Format(
    name="tsv-pmid",
    description="PMID and title, tab-separated (test plugin)",
    extensions=(".tsvp",),
    sniff=_sniff,
    reader=_read,
    writer=_write,
)
