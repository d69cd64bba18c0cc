"""The ``pubmed-xml`` format: PubMed XML (efetch and baseline files), read-only."""

from __future__ import annotations

from jakcite.registry import Coverage, Format, Lazy

__all__ = ["PUBMED_XML"]


def _coverage() -> Coverage:
    from jakcite.builtin_formats.pubmed_xml.coverage import LOSSES

    return Coverage(losses=LOSSES)


PUBMED_XML = Format(
    name="pubmed-xml",
    description="PubMed XML: PubmedArticleSet from efetch or the baseline, and legacy MedlineCitationSet (read-only)",
    aliases=("pubmed", "pubmedxml", "medline-xml"),
    extensions=(".xml", ".xml.gz"),
    sniff=Lazy("jakcite.builtin_formats.pubmed_xml.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.pubmed_xml.reader:read"),
    writer=None,
    coverage=_coverage,
)
