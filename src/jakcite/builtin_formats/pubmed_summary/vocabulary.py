"""The words of PubMed's Summary (text) save."""

from __future__ import annotations

import re

#: ``1. Title.``: a record opens on its number (after a blank line, or at the top).
NUMBERED_TITLE = re.compile(r"^(?P<number>\d{1,6})\.\s+(?P<title>\S.*)$")

#: ``PMID: 33579723 PMCID: PMC7883891 Free PMC article. Review.`` (PMCID also after ``;`` or ``.``).
PMID_LINE = re.compile(r"^PMID:\s*(?P<pmid>\d{1,9})\b[.;,]?\s*(?P<rest>.*)$")
PMCID = re.compile(r"^PMCID:\s*(?P<pmcid>PMC\d+)\b[.;,]?\s*")
NIHMSID = re.compile(r"^NIHMSID:\s*(?P<nihmsid>NIHMS\d+)\b[.;,]?\s*")

#: The notes PubMed prints after the PMID that are not publication types: kept in ``extra``.
ACCESS_NOTES = {
    "free pmc article": "Free PMC article",
    "free article": "Free article",
    "free full text": "Free full text",
}
ABSTRACT_NOTES = {"no abstract available": "No abstract available"}

#: ``Epub 2019 Apr 25.``, ``Online ahead of print.``: already read from the citation line.
CITATION_TAIL = re.compile(r"^(?:Epub\b|Online ahead of print|eCollection\b)", re.IGNORECASE)

#: The legacy site's status after the PMID: ``[PubMed - indexed for MEDLINE]``.
STATUS = re.compile(r"\[(PubMed(?: - [^\]]+)?)\]")

EXTRA_PREFIX = "pubmed-summary"
