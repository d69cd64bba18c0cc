"""The ``pubmed-xml`` format: PubMed XML (efetch and baseline files), read-only."""

from __future__ import annotations

from jakcite.builtin_formats.pubmed_xml.coverage import LOSSES
from jakcite.builtin_formats.pubmed_xml.reader import read
from jakcite.builtin_formats.pubmed_xml.sniffer import sniff
from jakcite.registry import Coverage, Format

__all__ = ["PUBMED_XML"]

PUBMED_XML = Format(
    name="pubmed-xml",
    description="PubMed XML: PubmedArticleSet from efetch or the baseline, and legacy MedlineCitationSet (read-only)",
    aliases=("pubmed", "pubmedxml", "medline-xml"),
    extensions=(".xml", ".xml.gz"),
    sniff=sniff,
    reader=read,
    writer=None,
    coverage=Coverage(losses=LOSSES),
)
