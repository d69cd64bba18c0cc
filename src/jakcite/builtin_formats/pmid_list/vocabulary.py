"""The identifiers a list may hold, one a line."""

from __future__ import annotations

import re

#: ``33579723``, ``PMID: 33579723``, ``pmid:33579723``.
PMID = re.compile(r"^(?:PMID:?\s*)?(?P<value>\d{1,9})$", re.IGNORECASE)
#: ``PMC7883891``, ``PMCID: PMC7883891``.
PMCID = re.compile(r"^(?:PMCID:?\s*)?(?P<value>PMC\d{1,9})$", re.IGNORECASE)
#: ``10.3390/ijms231911788``, ``doi:10...``, ``https://doi.org/10...``.
DOI = re.compile(r"^(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)?(?P<value>10\.\d{4,9}/\S+)$", re.IGNORECASE)

KINDS = (("pmid", PMID), ("pmcid", PMCID), ("doi", DOI))

#: Identifiers on one line may be separated by commas, semicolons or spaces.
SEPARATORS = re.compile(r"[,;\s]+")
_LABEL = re.compile(r"\b(PMID|PMCID|doi):\s+", re.IGNORECASE)


def tokens(line: str) -> list[str]:
    """The identifiers of one line (``PMID: 123`` stays one token)."""
    return [token for token in SEPARATORS.split(_LABEL.sub(r"\1:", line.strip())) if token]


ENRICH_HINT = (
    "the records hold identifiers only (no title, authors or journal): "
    "convert with --enrich, or run `jakcite fetch`, to complete them from PubMed and Crossref"
)
