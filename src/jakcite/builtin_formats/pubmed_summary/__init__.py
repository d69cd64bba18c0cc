"""The ``pubmed-summary`` format: PubMed's "Save -> Summary (text)" file (read-only)."""

from __future__ import annotations

from jakcite.registry import Format, Lazy

__all__ = ["PUBMED_SUMMARY"]

PUBMED_SUMMARY = Format(
    name="pubmed-summary",
    description="PubMed's 'Save -> Summary (text)' file: numbered title, authors, citation and PMID blocks",
    aliases=("pubmed-summary-text",),
    extensions=(".txt",),
    sniff=Lazy("jakcite.builtin_formats.pubmed_summary.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.pubmed_summary.reader:read"),
)
