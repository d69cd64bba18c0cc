"""The ``pmid-list`` format: PubMed's "Save -> PMID" file, a list of identifiers (read-only)."""

from __future__ import annotations

from jakcite.builtin_formats.pmid_list.reader import read
from jakcite.builtin_formats.pmid_list.sniffer import sniff
from jakcite.registry import Format

__all__ = ["PMID_LIST"]

PMID_LIST = Format(
    name="pmid-list",
    description="A list of PMIDs (PubMed's 'Save -> PMID'), PMCIDs or DOIs, one a line: records holding identifiers only",
    aliases=("pmids", "id-list"),
    extensions=(".txt",),
    sniff=sniff,
    reader=read,
)
