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


#: PubMed writes commas; a file re-saved by a spreadsheet in some locales has semicolons or tabs.
DELIMITERS = (",", ";", "\t")


def header_delimiter(first_line: str) -> str | None:
    """The delimiter under which ``first_line`` names PubMed's required columns, or None."""
    for delimiter in DELIMITERS:
        names = [name.strip().strip('"').lstrip("\ufeff") for name in first_line.split(delimiter)]
        if all(column in names for column in REQUIRED):
            return delimiter
    return None
