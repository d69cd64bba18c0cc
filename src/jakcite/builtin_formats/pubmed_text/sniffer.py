"""Recognising PubMed text (a copied page, abstract view or "Abstract (text)" save) from its head."""

from __future__ import annotations

from jakcite.builtin_formats.pubmed_text.layout import detect_layout

__all__ = ["sniff"]


def sniff(head: str) -> float:
    """Confidence that ``head`` is PubMed text: 0 for MEDLINE ``PMID- `` files and for text that is not PubMed's."""
    layout = detect_layout(head)
    if layout is None:
        return 0.0
    return 0.9 if layout in ("page", "abstract-text") else 0.6
