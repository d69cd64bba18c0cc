"""The ``pubmed-text`` format: PubMed records copied from the web page or saved as text (read-only)."""

from __future__ import annotations

from jakcite.builtin_formats.pubmed_text.reader import read
from jakcite.builtin_formats.pubmed_text.sniffer import sniff
from jakcite.registry import Format

__all__ = ["PUBMED_TEXT"]

PUBMED_TEXT = Format(
    name="pubmed-text",
    description="PubMed records as copied from the article page or abstract view, or saved as 'Abstract (text)'",
    aliases=("pubmed-page", "pubmed-abstract"),
    extensions=(".txt",),
    sniff=sniff,
    reader=read,
)
