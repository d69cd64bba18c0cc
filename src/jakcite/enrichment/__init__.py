"""Completing records by identifier (PubMed E-utilities, Crossref), merging and deduplicating.

The only part of jakcite that uses the network, and only when asked: :func:`enrich` and
:func:`fetch` (``--enrich`` and ``jakcite fetch`` on the command line).  It builds on the
readers (PubMed XML and CSL-JSON answers are read by the ordinary formats); nothing else
in jakcite imports it.
"""

from __future__ import annotations

from jakcite.enrichment.client import EnrichError, HttpClient, OfflineError
from jakcite.enrichment.complete import Completion, complete
from jakcite.enrichment.config import EnrichConfig
from jakcite.enrichment.merge import dedupe, merge, same_work
from jakcite.enrichment.session import Enricher, enrich, fetch, parse_identifier

__all__ = [
    "Completion",
    "EnrichConfig",
    "EnrichError",
    "Enricher",
    "HttpClient",
    "OfflineError",
    "complete",
    "dedupe",
    "enrich",
    "fetch",
    "merge",
    "parse_identifier",
    "same_work",
]
