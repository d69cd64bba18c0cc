"""Recognising PubMed XML from the first 64 KiB of an input."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_STRONG = re.compile(r"<(?:!DOCTYPE\s+)?(?:PubmedArticleSet|MedlineCitationSet|PubmedBookArticleSet)\b")
_WEAK = re.compile(r"<(?:PubmedArticle|PubmedBookArticle|MedlineCitation|BookDocument)[\s>]")


def sniff(head: str) -> float:
    """Confidence that ``head`` (the first 64 KiB) is PubMed XML."""
    if _STRONG.search(head):
        return 1.0
    if _WEAK.search(head):
        return 0.8
    return 0.0
