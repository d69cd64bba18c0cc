"""How enrichment reaches its sources: base URLs, politeness, the cache, offline mode.

Every default can be set from the environment, so a test (or a mirror) points jakcite at
another server without code: ``JAKCITE_EUTILS_URL``, ``JAKCITE_IDCONV_URL``,
``JAKCITE_CROSSREF_URL``, ``JAKCITE_EMAIL``, ``JAKCITE_CACHE_DIR``, ``NCBI_API_KEY``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import attrs

__all__ = [
    "CROSSREF_URL",
    "EUTILS_URL",
    "IDCONV_URL",
    "EnrichConfig",
    "default_cache_dir",
]

EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
IDCONV_URL = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
CROSSREF_URL = "https://api.crossref.org/"

#: A month: PubMed records change (errata, MeSH indexing), but rarely what a citation needs.
DEFAULT_CACHE_TTL = 30 * 24 * 3600.0


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _url(name: str, default: str) -> str:
    return _env(name) or default


def default_cache_dir() -> Path:
    """``$JAKCITE_CACHE_DIR``, else ``$XDG_CACHE_HOME/jakcite``, else ``~/.cache/jakcite``."""
    explicit = _env("JAKCITE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = _env("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "jakcite"


def _sleep(seconds: float) -> None:
    time.sleep(seconds)  # looked up at each call, so a test that replaces time.sleep is obeyed


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


@attrs.frozen
class EnrichConfig:
    """Settings of :func:`jakcite.enrich` and ``jakcite fetch``.

    NCBI asks every client to send ``tool`` and ``email`` and to stay under 3 requests per
    second (10 with an API key); Crossref's polite pool wants a ``mailto``.  ``sleep`` and
    ``clock`` are injectable so tests run without waiting.
    """

    eutils_url: str = attrs.field(factory=lambda: _url("JAKCITE_EUTILS_URL", EUTILS_URL), converter=_slash)
    idconv_url: str = attrs.field(factory=lambda: _url("JAKCITE_IDCONV_URL", IDCONV_URL), converter=_slash)
    crossref_url: str = attrs.field(factory=lambda: _url("JAKCITE_CROSSREF_URL", CROSSREF_URL), converter=_slash)
    tool: str = "jakcite"
    email: str | None = attrs.field(factory=lambda: _env("JAKCITE_EMAIL"))
    api_key: str | None = attrs.field(factory=lambda: _env("NCBI_API_KEY"))
    #: Requests per second to NCBI; None: 10 with an API key, else 3 (NCBI's limits).
    ncbi_rate: float | None = None
    #: Requests per second to Crossref; None: 10 with a mailto (polite pool), else 5.
    crossref_rate: float | None = None
    #: Seconds to wait for a connection or a read before counting the attempt as failed.
    timeout: float = 30.0
    #: Attempts after the first one, on 429, 5xx, network errors and garbled answers.
    retries: int = 4
    #: First backoff in seconds; doubled for each further attempt (unless Retry-After says).
    backoff: float = 1.0
    #: Longest wait jakcite accepts from a Retry-After header.
    max_wait: float = 120.0
    #: IDs per efetch POST (NCBI recommends at most 200).
    batch_size: int = 200
    cache_dir: Path | None = attrs.field(factory=default_cache_dir)
    #: Seconds a cached answer stays fresh.
    cache_ttl: float = DEFAULT_CACHE_TTL
    #: Cache only: no request at all; an identifier not in the cache is reported, not fetched.
    offline: bool = False
    #: Also try Crossref for DOIs PubMed does not have.
    use_crossref: bool = True
    #: Look up a PMID by title and year for records without any identifier.
    search_titles: bool = True
    sleep: Callable[[float], None] = attrs.field(default=_sleep, eq=False, repr=False)
    clock: Callable[[], float] = attrs.field(default=time.monotonic, eq=False, repr=False)
    #: Called as ``progress(done, total)`` while identifiers are fetched.
    progress: Callable[[int, int], None] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def ncbi_limit(self) -> float:
        """The request rate NCBI allows this configuration."""
        if self.ncbi_rate is not None:
            return self.ncbi_rate
        return 10.0 if self.api_key else 3.0

    @property
    def crossref_limit(self) -> float:
        """The request rate used for Crossref."""
        if self.crossref_rate is not None:
            return self.crossref_rate
        return 10.0 if self.email else 5.0
