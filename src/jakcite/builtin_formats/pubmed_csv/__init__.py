"""The ``pubmed-csv`` format: PubMed's "Save -> CSV" file (read-only)."""

from __future__ import annotations

from jakcite.registry import Format, Lazy

__all__ = ["PUBMED_CSV"]

PUBMED_CSV = Format(
    name="pubmed-csv",
    description="PubMed's 'Save -> CSV' file (PMID, Title, Authors, Citation, ... DOI columns)",
    extensions=(".csv",),
    sniff=Lazy("jakcite.builtin_formats.pubmed_csv.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.pubmed_csv.reader:read"),
)
