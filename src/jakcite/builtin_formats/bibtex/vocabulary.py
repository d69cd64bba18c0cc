"""BibTeX and BibLaTeX vocabulary shared by the reader, the writer and the projection.

The dialects, BibTeX's month macros, BibLaTeX's season codes, the entry-type aliases and
the work type of each entry type, and BibLaTeX's article subtypes: each written once,
the other direction derived from it.
"""

from __future__ import annotations

import re
from typing import Literal

from jakcite.model import Season, WorkType

__all__ = [
    "ARTICLE_SUBTYPES",
    "BIBLATEX_SEASONS",
    "ENTRY_TYPE_ALIASES",
    "ENTRY_TYPE_WORK",
    "MONTH_MACROS",
    "SEASON_CODES",
    "SEASON_WORDS",
    "SORT_PREFIX",
    "SUBTYPE_OF_WORK",
    "Dialect",
    "canonical_entry_type",
]

#: The two dialects: classic BibTeX (ASCII, ``journal``, ``year``) and BibLaTeX for Biber.
Dialect = Literal["bibtex", "biblatex"]

#: BibTeX's predefined month macros, in calendar order, with the month each names.
MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}  # fmt: skip

#: A sort hint before a year, ``{\noopsort{1973b}}1973`` (xampl.bib): a command whose name says
#: no-op or sort (``\noopsort``, ``\SortNoop``, ``\noop``, ``\sortkey``) with one argument,
#: braced or not; group ``hint`` is its argument.
SORT_PREFIX = re.compile(
    r"\s*(?:\{\s*(?P<braced>\\[A-Za-z]*(?i:noop|sort)[A-Za-z]*)\s*\{(?P<hint>[^{}]*)\}\s*\}"
    r"|(?P<bare>\\[A-Za-z]*(?i:noop|sort)[A-Za-z]*)\s*\{(?P<bare_hint>[^{}]*)\})"
)

#: EDTF/Biber season codes used in BibLaTeX dates (``2000-21`` is spring 2000).
SEASON_CODES = {Season.SPRING: 21, Season.SUMMER: 22, Season.AUTUMN: 23, Season.WINTER: 24}
#: The season of each BibLaTeX season code.
BIBLATEX_SEASONS = {code: season for season, code in SEASON_CODES.items()}
#: Season words found in a ``month`` field.
SEASON_WORDS = {
    "spring": Season.SPRING,
    "summer": Season.SUMMER,
    "autumn": Season.AUTUMN,
    "fall": Season.AUTUMN,
    "winter": Season.WINTER,
}

#: Entry types read as another one (BibTeX's old names, BibLaTeX's variants).
ENTRY_TYPE_ALIASES = {
    "conference": "inproceedings",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
    "www": "online",
    "electronic": "online",
    "webpage": "online",
    "collection": "book",
    "mvbook": "book",
    "bookinbook": "inbook",
    "suppbook": "inbook",
    "inreference": "incollection",
    "reference": "book",
    "proceedings": "book",
}
#: The work type of each entry type (after :data:`ENTRY_TYPE_ALIASES`).  The writer adds
#: ``entrysubtype`` when the record's type differs, so the type survives a round trip.
ENTRY_TYPE_WORK = {
    "article": WorkType.JOURNAL_ARTICLE,
    "review": WorkType.REVIEW,
    "book": WorkType.BOOK,
    "booklet": WorkType.BOOK,
    "manual": WorkType.REPORT,
    "incollection": WorkType.CHAPTER,
    "inbook": WorkType.CHAPTER,
    "inproceedings": WorkType.CONFERENCE_PAPER,
    "report": WorkType.REPORT,
    "thesis": WorkType.THESIS,
    "unpublished": WorkType.MANUSCRIPT,
    "online": WorkType.WEBPAGE,
    "dataset": WorkType.DATASET,
    "software": WorkType.SOFTWARE,
    "patent": WorkType.PATENT,
    "periodical": WorkType.OTHER,
    "misc": WorkType.OTHER,
}

#: BibLaTeX's own ``entrysubtype`` values for articles.
ARTICLE_SUBTYPES = {"magazine": WorkType.MAGAZINE_ARTICLE, "newspaper": WorkType.NEWSPAPER_ARTICLE}
#: The ``entrysubtype`` written for each of those work types.
SUBTYPE_OF_WORK = {work: subtype for subtype, work in ARTICLE_SUBTYPES.items()}


def canonical_entry_type(entry_type: str) -> str:
    """The entry type in lower case, an alias replaced by the type it stands for."""
    entry_type = entry_type.lower()
    return ENTRY_TYPE_ALIASES.get(entry_type, entry_type)
