"""The ``csl-json`` format: CSL 1.0.2 input data (citeproc, Zotero, pandoc, Manubot).

``sniffer.sniff``, ``reader.read``, ``writer.write`` (and its ``record_to_csl``, the engine's
item mapping) and ``coverage`` (``LOSSES``,
``project``) are declared here as one :class:`~jakcite.registry.Format`.
"""

from __future__ import annotations

from jakcite.registry import Coverage, Format, Lazy, Option
from jakcite.util.citekeys import DEFAULT_PATTERN

__all__ = ["CSL_JSON"]


def _coverage() -> Coverage:
    from jakcite.builtin_formats.csljson.coverage import LOSSES, project
    from jakcite.util.citekeys import assign_keys

    return Coverage(losses=LOSSES, project=project, keys=assign_keys)


CSL_JSON = Format(
    name="csl-json",
    description="CSL-JSON (citeproc input data, CSL 1.0.2 schema): Zotero, pandoc, Manubot",
    aliases=("csljson",),
    extensions=(".json", ".jsonl", ".csljson"),
    sniff=Lazy("jakcite.builtin_formats.csljson.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.csljson.reader:read"),
    writer=Lazy("jakcite.builtin_formats.csljson.writer:write"),
    coverage=_coverage,
    encode=Lazy("jakcite.builtin_formats.csljson.writer:record_to_csl"),
    options={
        "indent": Option("spaces of indentation (default 2); 0 writes compact JSON", "int", 2, minimum=0),
        "key_pattern": Option(
            "cite-key pattern for `id` and `citation-key` of records without a key, as for BibTeX "
            "(default `[auth:lower][year][title:lower]`)",
            default=DEFAULT_PATTERN,
        ),
        "lines": Option("write JSON lines (one compact item per line) instead of an array", "bool", False),
    },
)
