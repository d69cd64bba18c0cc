"""jakcite: turn the PubMed records researchers hold into clean bibliographic data.

>>> import jakcite
>>> records = jakcite.read("pubmed-page.txt")          # doctest: +SKIP
>>> print(jakcite.write(records, "bibtex"))            # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jakcite.api import Records, formats, iter_records, read, write
from jakcite.errors import FormatError, JakciteError, ParseError, ParseWarning, WriteError
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Grant,
    HistoryDate,
    Identifiers,
    Keyword,
    Mark,
    MeshHeading,
    MeshQualifier,
    Pages,
    PartialDate,
    Person,
    Provenance,
    Record,
    RelatedWork,
    RichText,
    Season,
    Segment,
    Substance,
    WorkType,
)
from jakcite.registry import Coverage, Diagnostic, Format, Loss, Option, ReadContext, get_format, register
from jakcite.sources import Source

if TYPE_CHECKING:
    from jakcite.csl import Citations, bibliography, citations, cite, format_bibliography

__version__ = "0.1.0"

#: Names served from :mod:`jakcite.csl` on first use: importing jakcite stays fast (the CSL
#: engine loads citeproc-py and lxml), and jakcite.csl, which imports the model and the
#: registry, never needs this package to be initialised first (no import circle).
_CSL_NAMES = frozenset({"Citations", "bibliography", "citations", "cite", "format_bibliography"})


def __getattr__(name: str) -> Any:
    if name in _CSL_NAMES:
        from jakcite import csl

        return getattr(csl, name)
    raise AttributeError(f"module 'jakcite' has no attribute {name!r}")


__all__ = [
    "Abstract",
    "AbstractSection",
    "Citations",
    "Collective",
    "Container",
    "Coverage",
    "Diagnostic",
    "Format",
    "FormatError",
    "Grant",
    "HistoryDate",
    "Identifiers",
    "JakciteError",
    "Keyword",
    "Loss",
    "Mark",
    "MeshHeading",
    "MeshQualifier",
    "Option",
    "Pages",
    "ParseError",
    "ParseWarning",
    "PartialDate",
    "Person",
    "Provenance",
    "ReadContext",
    "Record",
    "Records",
    "RelatedWork",
    "RichText",
    "Season",
    "Segment",
    "Source",
    "Substance",
    "WorkType",
    "WriteError",
    "__version__",
    "bibliography",
    "citations",
    "cite",
    "format_bibliography",
    "formats",
    "get_format",
    "iter_records",
    "read",
    "register",
    "write",
]
