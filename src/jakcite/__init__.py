"""jakcite: turn the PubMed records researchers hold into clean bibliographic data.

>>> import jakcite
>>> records = jakcite.read("pubmed-page.txt")          # doctest: +SKIP
>>> print(jakcite.write(records, "bibtex"))            # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # the names, for type checkers and editors; at run time they load on first use
    from jakcite.api import Records, formats, iter_records, read, write
    from jakcite.csl import Citations, bibliography, citations, cite, format_bibliography
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

#: Each public name and the module it lives in. ``import jakcite`` imports none of them, so
#: the command starts without the model, the readers or the CSL engine; the first use of a
#: name imports its module (PEP 562).
_EXPORTS: dict[str, str] = {
    # the CSL engine (citeproc-py, lxml) loads on first use
    "Citations": "jakcite.csl",
    "bibliography": "jakcite.csl",
    "citations": "jakcite.csl",
    "cite": "jakcite.csl",
    "format_bibliography": "jakcite.csl",
    "EnrichConfig": "jakcite.enrichment",
    "EnrichError": "jakcite.enrichment",
    "dedupe": "jakcite.enrichment",
    "enrich": "jakcite.enrichment",
    "fetch": "jakcite.enrichment",
    "merge": "jakcite.enrichment",
    "Abstract": "jakcite.model",
    "AbstractSection": "jakcite.model",
    "Collective": "jakcite.model",
    "Container": "jakcite.model",
    "Coverage": "jakcite.registry",
    "Diagnostic": "jakcite.registry",
    "Format": "jakcite.registry",
    "FormatError": "jakcite.errors",
    "Grant": "jakcite.model",
    "HistoryDate": "jakcite.model",
    "Identifiers": "jakcite.model",
    "JakciteError": "jakcite.errors",
    "Keyword": "jakcite.model",
    "Loss": "jakcite.registry",
    "Mark": "jakcite.model",
    "MeshHeading": "jakcite.model",
    "MeshQualifier": "jakcite.model",
    "Option": "jakcite.registry",
    "Pages": "jakcite.model",
    "ParseError": "jakcite.errors",
    "ParseWarning": "jakcite.errors",
    "PartialDate": "jakcite.model",
    "Person": "jakcite.model",
    "Provenance": "jakcite.model",
    "ReadContext": "jakcite.registry",
    "Record": "jakcite.model",
    "Records": "jakcite.api",
    "RelatedWork": "jakcite.model",
    "RichText": "jakcite.model",
    "Season": "jakcite.model",
    "Segment": "jakcite.model",
    "Source": "jakcite.sources",
    "Substance": "jakcite.model",
    "WorkType": "jakcite.model",
    "WriteError": "jakcite.errors",
    "formats": "jakcite.api",
    "get_format": "jakcite.registry",
    "iter_records": "jakcite.api",
    "read": "jakcite.api",
    "register": "jakcite.registry",
    "write": "jakcite.api",
}

__all__ = [
    "Abstract",
    "AbstractSection",
    "Citations",
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
    "bibliography",
    "citations",
    "cite",
    "dedupe",
    "enrich",
    "fetch",
    "format_bibliography",
    "formats",
    "get_format",
    "iter_records",
    "merge",
    "read",
    "register",
    "write",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'jakcite' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
