"""The ``pubmed-xml`` format: PubMed XML (efetch and baseline files), read-only."""

from __future__ import annotations

import re

from jakcite.builtin_formats.pubmed_xml.reader import read_pubmed_xml
from jakcite.registry import Coverage, Format, Loss

__all__ = ["PUBMED_XML", "sniff_pubmed_xml"]

_STRONG = re.compile(r"<(?:!DOCTYPE\s+)?(?:PubmedArticleSet|MedlineCitationSet|PubmedBookArticleSet)\b")
_WEAK = re.compile(r"<(?:PubmedArticle|PubmedBookArticle|MedlineCitation|BookDocument)[\s>]")


def sniff_pubmed_xml(head: str) -> float:
    """Confidence that ``head`` (the first 64 KiB) is PubMed XML."""
    if _STRONG.search(head):
        return 1.0
    if _WEAK.search(head):
        return 0.8
    return 0.0


_LOSSES = (
    Loss("key", "dropped", "PubMed XML has no cite key"),
    Loss("short_title", "dropped", "not in PubMed XML"),
    Loss("transliterated_title", "dropped", "PubMed XML has VernacularTitle only"),
    Loss("accessed", "dropped", "not in PubMed XML"),
    Loss("url", "dropped", "ArticleId IdType=url is kept in ids.others"),
    Loss("note", "dropped", "GeneralNote is kept in extra"),
    Loss("conflict_of_interest", "lossy", "CoiStatement inline markup is flattened (the model slot is plain text)"),
    Loss("container.title", "lossy", "a chapter's BookTitle markup is flattened (the model slot is plain text)"),
    Loss("references", "lossy", "each cited reference is its citation string and identifiers"),
)

PUBMED_XML = Format(
    name="pubmed-xml",
    description="PubMed XML: PubmedArticleSet from efetch or the baseline, and legacy MedlineCitationSet (read-only)",
    aliases=("pubmed", "pubmedxml", "medline-xml"),
    extensions=(".xml", ".xml.gz"),
    sniff=sniff_pubmed_xml,
    reader=read_pubmed_xml,
    writer=None,
    coverage=Coverage(losses=_LOSSES),
)
