"""The ``pubmed-csv`` format: PubMed's "Save -> CSV" file (read-only)."""

from __future__ import annotations

from jakcite.builtin_formats.pubmed_csv.reader import read
from jakcite.builtin_formats.pubmed_csv.sniffer import sniff
from jakcite.registry import Format

__all__ = ["PUBMED_CSV"]

PUBMED_CSV = Format(
    name="pubmed-csv",
    description="PubMed's 'Save -> CSV' file (PMID, Title, Authors, Citation, ... DOI columns)",
    extensions=(".csv",),
    sniff=sniff,
    reader=read,
)
