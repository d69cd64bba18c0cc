"""Crossref: the CSL-JSON of a DOI, for the works PubMed does not index.

``/works/{doi}/transform/application/vnd.citationstyles.csl+json`` is the content
negotiation doi.org does, asked of Crossref's API directly (where the ``mailto`` puts the
request in the polite pool).  The answer is read by the ordinary ``csl-json`` reader.
"""

from __future__ import annotations

import json
import urllib.parse

from jakcite.api import read
from jakcite.enrichment.client import EnrichError, HttpClient
from jakcite.errors import ParseError
from jakcite.model import Record

__all__ = ["CROSSREF", "Crossref"]

CROSSREF = "Crossref"
_CSL_JSON = "application/vnd.citationstyles.csl+json"


def _valid_json_object(body: bytes) -> bool:
    try:
        return isinstance(json.loads(body), (dict, list))
    except ValueError:
        return False


class Crossref:
    """Crossref's works API through one :class:`HttpClient`."""

    def __init__(self, client: HttpClient) -> None:
        self.client = client
        self.config = client.config

    def cached(self, doi: str) -> bytes | None:
        """The cached answer for ``doi`` (b"" when Crossref had none), or None."""
        return self.client.cache.get("crossref", doi.lower())

    def work(self, doi: str) -> Record | None:
        """The record Crossref holds for ``doi``, or None when it has none (404)."""
        body = self.cached(doi)
        if body is None:
            if self.config.offline:
                return None
            body = self._ask(doi)
            self.client.cache.put("crossref", doi.lower(), body)
        if not body:
            return None
        try:
            records = read(body, "csl-json", strict=False, name=f"crossref:{doi}")
        except ParseError as error:
            raise EnrichError(f"Crossref's answer for {doi} is not CSL-JSON: {error}") from error
        return records[0] if records else None

    def _ask(self, doi: str) -> bytes:
        url = f"{self.config.crossref_url}works/{urllib.parse.quote(doi, safe='')}/transform/{_CSL_JSON}"
        params = {"mailto": self.config.email} if self.config.email else {}
        response = self.client.request(
            url, params, rate=self.config.crossref_limit, accept=_CSL_JSON, valid=_valid_json_object
        )
        if response.status == 404:
            return b""
        if response.status != 200:
            raise EnrichError(f"Crossref answered HTTP {response.status} for {doi}")
        return response.body
