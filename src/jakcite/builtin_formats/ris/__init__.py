"""The ``ris`` format: RIS as reference managers and databases export it, read and written.

The reader is :mod:`.reader`, the writer :mod:`.writer`, the sniffer :mod:`.sniffer`;
the declared losses and the projection (``read(write(record)) == project(record)``)
are in :mod:`.coverage`, the tags and type tables in :mod:`.vocabulary`.
"""

from __future__ import annotations

from jakcite.registry import Coverage, Format, Lazy, Option
from jakcite.util.citekeys import DEFAULT_PATTERN

__all__ = ["RIS"]


def _coverage() -> Coverage:
    from jakcite.builtin_formats.ris.coverage import LOSSES, project
    from jakcite.util.citekeys import assign_keys

    return Coverage(losses=LOSSES, project=project, keys=assign_keys)


RIS = Format(
    name="ris",
    description="RIS tagged format (Zotero, EndNote, Mendeley, databases' exports)",
    aliases=("endnote-ris", "refman"),
    extensions=(".ris", ".txt"),
    sniff=Lazy("jakcite.builtin_formats.ris.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.ris.reader:read"),
    writer=Lazy("jakcite.builtin_formats.ris.writer:write"),
    coverage=_coverage,
    options={
        "bom": Option(
            "Start the output with a UTF-8 byte-order mark (old EndNote versions want one). Default off.", "bool", False
        ),
        "crlf": Option(
            "End lines with CR LF instead of LF (as the RIS specification and old EndNote expect). Default off.",
            "bool",
            False,
        ),
        "key_pattern": Option(
            "cite-key pattern for the `ID` of records without a key, as for BibTeX "
            "(default `[auth:lower][year][title:lower]`)",
            default=DEFAULT_PATTERN,
        ),
        "mesh": Option(
            "MeSH headings as KW: 'qualified' (Descriptor/qualifier, default), 'descriptor' or 'none'.",
            "choice",
            "qualified",
            choices=("qualified", "descriptor", "none"),
        ),
    },
)
