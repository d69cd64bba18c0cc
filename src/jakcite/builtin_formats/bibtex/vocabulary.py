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
    "COMBINING_ACCENTS",
    "CONSUMED_FIELDS",
    "ENTRY_TYPE_ALIASES",
    "ENTRY_TYPE_WORK",
    "LATEX_APPROXIMATIONS",
    "MATH_SYMBOL_COMMANDS",
    "MODEL_FIELDS",
    "MONTH_MACROS",
    "SEASON_CODES",
    "SEASON_WORDS",
    "SORT_PREFIX",
    "SUBTYPE_OF_WORK",
    "TEXT_SYMBOL_COMMANDS",
    "VERBATIM_FIELDS",
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


# --------------------------------------------------------------------------- characters
# pylatexenc's tables give most characters their LaTeX form; these complete them for the
# characters PubMed text holds that it has no form for (or a form pdflatex lacks).  The
# writer writes the command, the reader reads it back as the character.

#: Characters printed by a text command of LaTeX itself: ``{\,}`` is a thin space.
TEXT_SYMBOL_COMMANDS = {
    "\u2009": ",",  # THIN SPACE
    "\u2002": "enspace",  # EN SPACE
    "\u2003": "quad",  # EM SPACE
    "\u00b7": "textperiodcentered",  # MIDDLE DOT (textcomp)
}
#: Characters printed by a math command of LaTeX itself, written ``{\ensuremath{\surd}}``.
MATH_SYMBOL_COMMANDS = {
    "\u221a": "surd",  # SQUARE ROOT
    "\u2032": "prime",  # PRIME
}
#: Combining marks after an ASCII letter with no precomposed form (``V̇``), by accent
#: command: ``{\.{V}}``.  Only accents every font encoding has.
COMBINING_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0306": "u",
    "\u0307": ".",
    "\u0308": '"',
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0331": "b",
}
#: Characters with no LaTeX form in a plain pdflatex document, written as the nearest
#: character that has one (spaces of other widths, look-alike symbols).  Both dialects
#: use it unless raw UTF-8 is asked for; classic BibTeX approximates the rest too.
LATEX_APPROXIMATIONS = {
    "\u2004": "\u2009",  # THREE-PER-EM SPACE
    "\u2005": "\u2009",  # FOUR-PER-EM SPACE
    "\u2006": "\u2009",  # SIX-PER-EM SPACE
    "\u2008": "\u2009",  # PUNCTUATION SPACE
    "\u200a": "\u2009",  # HAIR SPACE
    "\u202f": "\u2009",  # NARROW NO-BREAK SPACE
    "\u2028": " ",  # LINE SEPARATOR
    "\u2029": " ",  # PARAGRAPH SEPARATOR
    "\u2033": "\u2032\u2032",  # DOUBLE PRIME
    "\u237a": "\u03b1",  # APL FUNCTIONAL SYMBOL ALPHA
    "\u2a7d": "\u2264",  # LESS-THAN OR SLANTED EQUAL TO
    "\u2a7e": "\u2265",  # GREATER-THAN OR SLANTED EQUAL TO
    "\u2212": "-",  # MINUS SIGN
    "\u2011": "-",  # NON-BREAKING HYPHEN
    "\ufb01": "fi",  # LATIN SMALL LIGATURE FI
    "\ufb02": "fl",  # LATIN SMALL LIGATURE FL
    # FULLWIDTH forms of ASCII (``：`` in CJK-typed text) are that ASCII.
    **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
}

#: Fields read into model slots (everything else goes to ``extra``).
CONSUMED_FIELDS = frozenset(
    """author editor title booktitle journal journaltitle shortjournal year month day date volume number
    issue pages eid publisher address location institution school organization edition series note
    issn isbn doi pmid pmcid eprint eprinttype url urldate langid language keywords abstract shorttitle
    origtitle entrysubtype key""".split()
)
#: Fields the reader gives a meaning (or the writer writes): a value of one of them kept in
#: ``extra`` (a bad date, a second title) is not written back as the user's own field.
MODEL_FIELDS = CONSUMED_FIELDS | {"type", "howpublished", "institution", "school", "organization", "entrytype"}
#: Fields Biber and url.sty read verbatim: written as they are, never LaTeX-escaped.
VERBATIM_FIELDS = frozenset(
    {"url", "doi", "eprint", "file", "pdf", "verba", "verbb", "verbc", "urlraw", "uri", "eprintclass"}
)


def canonical_entry_type(entry_type: str) -> str:
    """The entry type in lower case, an alias replaced by the type it stands for."""
    entry_type = entry_type.lower()
    return ENTRY_TYPE_ALIASES.get(entry_type, entry_type)
