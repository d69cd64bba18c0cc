"""Read a list of identifiers: PubMed's "Save -> PMID" file, and PMCIDs or DOIs one a line.

Each identifier becomes a record holding only it (``ids.pmid``, ``ids.pmcid`` or
``ids.doi``), of type ``other`` and with every bibliographic field listed as missing in
its provenance: nothing is invented.  One diagnostic says so and how to complete them
(``--enrich``, ``jakcite fetch``).  A line that is not an identifier fails its record.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from jakcite.builtin_formats.pmid_list.vocabulary import ENRICH_HINT, KINDS, tokens
from jakcite.model import Identifiers, Record, WorkType
from jakcite.registry import ReadContext
from jakcite.sources import Source

__all__ = ["read"]

#: What an identifier-only record lacks (provenance ``missing``), for enrichment to fill.
MISSING = ("type", "title", "authors", "container", "published")


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """One identifier-only record per identifier, streaming; a hint about enrichment first."""
    try:
        with source.open_text() as stream:
            index = 0
            for line_number, raw in enumerate(stream, start=1):
                found = tokens(raw.replace("\ufeff", ""))
                if not found and raw.replace("\ufeff", "").strip():
                    context.warn(f"line holds no identifier: {raw.strip()[:60]!r}", line=line_number)
                for token in found:
                    if index == 0:
                        context.warn(ENRICH_HINT, line=line_number)
                    record = _record(token, line_number, index, context)
                    index += 1
                    if record is not None:
                        yield record
    except (OSError, EOFError, zlib.error) as exc:
        context.fail(f"cannot read: {exc}", line=1)


def _record(token: str, line: int, index: int, context: ReadContext) -> Record | None:
    for kind, pattern in KINDS:
        match = pattern.match(token)
        if match is None:
            continue
        try:
            ids = Identifiers(**{kind: match.group("value")})
        except ValueError as exc:
            context.fail(f"malformed {kind.upper()} {token!r}: {exc}", line=line, record=index)
            return None
        provenance = context.provenance(line=line, index=index, missing=MISSING)
        return Record(type=WorkType.OTHER, ids=ids, provenance=provenance)
    context.fail(f"not a PMID, PMCID or DOI: {token[:60]!r}", line=line, record=index)
    return None
