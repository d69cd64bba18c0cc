"""The columns of PubMed's CSV save."""

from __future__ import annotations

#: The header PubMed writes, in its order.
COLUMNS = (
    "PMID",
    "Title",
    "Authors",
    "Citation",
    "First Author",
    "Journal/Book",
    "Publication Year",
    "Create Date",
    "PMCID",
    "NIHMS ID",
    "DOI",
)

#: Columns a file must have to be read as PubMed's CSV (older saves lack some of the others).
REQUIRED = ("PMID", "Title", "Authors", "Citation")

EXTRA_PREFIX = "pubmed-csv"
