"""The ``pmid-list`` format: PubMed's "Save -> PMID" file, a list of identifiers (read-only)."""

from __future__ import annotations

from jakcite.registry import Format, Lazy

__all__ = ["PMID_LIST"]

PMID_LIST = Format(
    name="pmid-list",
    description="A list of PMIDs (PubMed's 'Save -> PMID'), PMCIDs or DOIs, one a line: records holding identifiers only",
    aliases=("pmids", "id-list"),
    extensions=(".txt",),
    sniff=Lazy("jakcite.builtin_formats.pmid_list.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.pmid_list.reader:read"),
)
