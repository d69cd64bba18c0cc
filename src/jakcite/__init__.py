"""jakcite: turn the PubMed records researchers hold into clean bibliographic data.

>>> import jakcite
>>> records = jakcite.read("pubmed-page.txt")          # doctest: +SKIP
>>> print(jakcite.write(records, "bibtex"))            # doctest: +SKIP
"""

from __future__ import annotations

from jakcite.api import Records, formats, iter_records, read, write
from jakcite.enrichment import EnrichConfig, EnrichError, dedupe, enrich, fetch, merge
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

__version__ = "0.1.0"

__all__ = [
    "Abstract",
    "AbstractSection",
    "Collective",
    "Container",
    "Coverage",
    "Diagnostic",
    "EnrichConfig",
    "EnrichError",
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
    "dedupe",
    "enrich",
    "fetch",
    "formats",
    "get_format",
    "iter_records",
    "merge",
    "read",
    "register",
    "write",
]
