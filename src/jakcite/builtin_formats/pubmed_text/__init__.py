"""The ``pubmed-text`` format: PubMed records copied from the web page or saved as text (read-only)."""

from __future__ import annotations

from jakcite.registry import Format, Lazy

__all__ = ["PUBMED_TEXT"]

PUBMED_TEXT = Format(
    name="pubmed-text",
    description="PubMed records as copied from the article page or abstract view, or saved as 'Abstract (text)'",
    aliases=("pubmed-page", "pubmed-abstract"),
    extensions=(".txt",),
    sniff=Lazy("jakcite.builtin_formats.pubmed_text.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.pubmed_text.reader:read"),
)
