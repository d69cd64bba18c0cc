"""The patterns of citation strings: PubMed's Cite styles and list numbering."""

from __future__ import annotations

import re

#: ``1. ``, ``[1] ``, ``1) ``: a reference list's numbering, not part of the reference.
NUMBERING = re.compile(r"^(?:\[\d{1,4}\]|\d{1,4}[.)])\s+(?=\S)")

#: NLM style's identifiers at the end: ``PMID: 36233087; PMCID: PMC9569651.``
NLM_IDS = re.compile(r"\s*\bPMID:\s*(?P<pmid>\d{1,9})(?:\s*;\s*PMCID:\s*(?P<pmcid>PMC\d+))?\.?\s*$")

#: AMA style's ``Published 2022 Oct 4.`` (the article's electronic date, PubMed's ArticleDate).
AMA_PUBLISHED = re.compile(r"\s*\bPublished\s+(?P<date>(?:1[6-9]|20)\d{2}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?)\.")

#: MLA style as PubMed prints it: ``Richter, Patricia et al. “Title.” Journal vol. 23,19 11788. 4 Oct. 2022, doi:...``
MLA = re.compile(
    r"^(?P<authors>[^“”\"]+?)\s+[“\"](?P<title>.+?)[”\"]\s*(?P<journal>[^“”\"]+?)\s+vol\.\s*(?P<volume>[^,\s]+)"
    r"(?:,(?P<issue>[^\s]+))?(?:\s+(?P<pages>[^\s]+?))?\.\s+(?P<date>[^,]*?(?:1[6-9]|20)\d{2}[^,]*?)"
    r"(?:,\s*(?:doi:\s*(?P<doi>10\.\S+?)|(?P<rest>.*?)))?\.?$"
)

#: APA style as PubMed prints it: ``Authors (2022). Title. Journal, 23(19), 11788. https://doi.org/...``
APA = re.compile(
    r"^(?P<authors>[^()]+?)\s+\((?P<year>(?:1[6-9]|20)\d{2})[a-z]?\)\.\s+(?P<title>.+?[.?!])\s+"
    r"(?P<journal>[^,.]+),\s+(?P<volume>[^,()]+?)(?:\((?P<issue>[^)]+)\))?(?:,\s+(?P<pages>[^\s,]+?))?\."
    r"(?:\s+https?://(?:dx\.)?doi\.org/(?P<doi>10\.\S+))?\s*$"
)

#: The start of an author list: ``Richter P,``, ``Richter, P.``, ``Richter, Patricia``, ``R. Smith``.
AUTHOR_START = re.compile(
    r"^(?:[^\W\d_][\w'’\-]+(?:\s+[^\W\d_][\w'’\-]+){0,2},?\s+[A-Z]{1,3}\b[.,]?|[^\W\d_][\w'’\-]+,\s+[A-Z]|"
    r"[A-Z]\.\s*(?:[A-Z]\.\s*)?[^\W\d_][\w'’\-]+)"
)
YEAR = re.compile(r"\b(?:1[6-9]|20)\d{2}\b")
IDENTIFIER = re.compile(r"\b(?:PMID:\s*\d|PMCID:\s*PMC\d|doi:\s*10\.|doi\.org/10\.)", re.IGNORECASE)

EXTRA_PREFIX = "citation-strings"
