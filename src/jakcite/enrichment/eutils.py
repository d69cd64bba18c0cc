"""NCBI E-utilities: efetch PubMed XML, esearch for PMIDs, and the PMC ID converter.

efetch answers are split into one ``PubmedArticleSet`` document per article and cached
per PMID; each is read by the ordinary ``pubmed-xml`` reader, so a fetched record is
exactly what reading the same XML from a file gives.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from jakcite.api import read
from jakcite.enrichment.client import EnrichError, HttpClient
from jakcite.model import Record, normalize_pmid

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["EUTILS", "Eutils", "FetchedArticle"]

#: How the sources are named in provenance and messages.
EUTILS = "PubMed"

#: DOIs per esearch query (``"doi1"[aid] OR "doi2"[aid] ...``); the answer is mapped back by
#: the DOIs of the fetched records, so one query serves many.
DOIS_PER_SEARCH = 50

_EFETCH_ROOTS = frozenset({"PubmedArticleSet", "eFetchResult"})


@functools.cache
def _parser() -> etree.XMLParser:
    from lxml import etree  # on the first answer, so that ``import jakcite`` stays quick

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _efetch_xml(body: bytes) -> etree._Element | None:
    from lxml import etree

    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError:
        return None
    return root if root.tag in _EFETCH_ROOTS else None


def _valid_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


class FetchedArticle:
    """A record fetched for a requested PMID, and the PMID PubMed answered with."""

    def __init__(self, requested: str, record: Record) -> None:
        self.requested = requested
        self.record = record

    @property
    def merged_into(self) -> str | None:
        """The PMID the requested one was merged into, when PubMed answered with another."""
        pmid = self.record.ids.pmid
        return pmid if pmid is not None and pmid != self.requested else None


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _article_pmid(article: etree._Element) -> str | None:
    text = article.findtext("MedlineCitation/PMID") or article.findtext("BookDocument/PMID")
    try:
        return normalize_pmid(text) if text else None
    except ValueError:
        return None


def _standalone(article: etree._Element) -> bytes:
    from lxml import etree

    body: bytes = etree.tostring(article, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>\n' + body + b"\n</PubmedArticleSet>\n"


class Eutils:
    """E-utilities through one :class:`HttpClient` (so NCBI's limit covers every call)."""

    def __init__(self, client: HttpClient) -> None:
        self.client = client
        self.config = client.config
        #: Records fetched in this run, so a PMID found by DOI is not fetched twice without a cache.
        self.fetched: dict[str, Record | None] = {}

    def _params(self, **params: str) -> dict[str, str]:
        params["tool"] = self.config.tool
        if self.config.email:
            params["email"] = self.config.email
        if self.config.api_key:
            params["api_key"] = self.config.api_key
        return params

    # ------------------------------------------------------------------ efetch

    def efetch(self, pmids: Iterable[str], on_batch: Callable[[int], None] | None = None) -> dict[str, Record | None]:
        """Records for ``pmids`` (cached first, then up to ``batch_size`` per POST); None for
        an ID PubMed does not have (unknown or deleted).  A merged PMID maps to the record of
        the PMID it was merged into.  Offline, an ID not in the cache is left out."""
        wanted = list(dict.fromkeys(pmids))
        found: dict[str, Record | None] = {}
        missing: list[str] = []
        for pmid in wanted:
            if pmid in self.fetched:
                found[pmid] = self.fetched[pmid]
                continue
            cached = self.client.cache.get("pubmed", pmid)
            if cached is None:
                missing.append(pmid)
            else:
                found[pmid] = self._record(cached)
        if self.config.offline:
            return found  # offline: what the cache holds, nothing more
        for batch in _chunks(missing, self.config.batch_size):
            answers = self._efetch_batch(batch)
            self.fetched.update(answers)
            found.update(answers)
            if on_batch is not None:
                on_batch(len(batch))
        return found

    def _efetch_batch(self, batch: Sequence[str]) -> dict[str, Record | None]:
        articles = self._post_efetch(batch)
        result: dict[str, Record | None] = {}
        extra: list[tuple[str | None, bytes]] = []
        for pmid, xml in articles:
            if pmid is not None and pmid in batch and pmid not in result:
                result[pmid] = self._keep(pmid, xml)
            else:
                extra.append((pmid, xml))
        unanswered = [p for p in batch if p not in result]
        if len(unanswered) == 1 and len(extra) == 1:
            # One ID asked for, another answered: PubMed merged the first into the second.
            result[unanswered[0]] = self._keep(unanswered[0], extra[0][1])
        elif len(batch) > 1 and extra:
            for pmid in unanswered:  # ask one at a time, so each answer is known to be its own
                result.update(self._efetch_batch([pmid]))
        for pmid in batch:
            if pmid not in result:
                self.client.cache.put("pubmed", pmid, b"")
                result[pmid] = None
        return result

    def _post_efetch(self, batch: Sequence[str]) -> list[tuple[str | None, bytes]]:
        response = self.client.request(
            self.config.eutils_url + "efetch.fcgi",
            self._params(db="pubmed", id=",".join(batch), retmode="xml"),
            method="POST",
            rate=self.config.ncbi_limit,
            valid=lambda body: _efetch_xml(body) is not None,
        )
        if response.status != 200:
            raise EnrichError(f"efetch answered HTTP {response.status}")
        root = _efetch_xml(response.body)
        assert root is not None  # checked by valid
        return [(_article_pmid(a), _standalone(a)) for a in root if a.tag in ("PubmedArticle", "PubmedBookArticle")]

    def _keep(self, pmid: str, xml: bytes) -> Record | None:
        self.client.cache.put("pubmed", pmid, xml)
        return self._record(xml)

    def _record(self, xml: bytes) -> Record | None:
        if not xml:
            return None  # a cached "PubMed has no such PMID"
        records = read(xml, "pubmed-xml", strict=False, name="efetch")
        return records[0] if records else None

    # ------------------------------------------------------------------ esearch

    def esearch(self, term: str, retmax: int = 20) -> list[str]:
        """PMIDs matching ``term`` (PubMed query syntax)."""
        response = self.client.request(
            self.config.eutils_url + "esearch.fcgi",
            self._params(db="pubmed", term=term, retmode="json", retmax=str(retmax)),
            method="POST",
            rate=self.config.ncbi_limit,
            valid=_valid_json,
        )
        if response.status != 200:
            raise EnrichError(f"esearch answered HTTP {response.status}")
        data = json.loads(response.body)
        ids = data.get("esearchresult", {}).get("idlist", []) if isinstance(data, dict) else []
        return [normalize_pmid(i) for i in ids if isinstance(i, str) and i.isdigit() and i != "0"]

    def pmids_for_dois(self, dois: Sequence[str]) -> list[str]:
        """PMIDs of the records PubMed holds for any of ``dois`` (``DOI[aid]``), in batches.

        The caller maps them back by the DOIs of the fetched records.
        """
        pmids: list[str] = []
        for batch in _chunks(list(dois), DOIS_PER_SEARCH):
            term = " OR ".join(f'"{doi}"[aid]' for doi in batch)
            pmids.extend(self.esearch(term, retmax=len(batch) * 2))
        return list(dict.fromkeys(pmids))

    def pmid_for_title(self, title: str, year: int | None) -> list[str]:
        """PMIDs whose title matches ``title`` (and published in ``year``, when given)."""
        words = "".join(c if c.isalnum() or c.isspace() else " " for c in title).split()
        term = " ".join(words) + "[ti]"
        if year is not None:
            term += f" AND {year}[dp]"
        return self.esearch(term, retmax=2)

    # ------------------------------------------------------------------ PMC ID converter

    def convert_pmcids(self, pmcids: Sequence[str]) -> dict[str, dict[str, str]]:
        """``{pmcid: {"pmid": ..., "doi": ...}}`` from the PMC ID converter (200 per request)."""
        result: dict[str, dict[str, str]] = {}
        for batch in _chunks(list(pmcids), 200):
            params = self._params(ids=",".join(batch), format="json")
            response = self.client.request(
                self.config.idconv_url, params, rate=self.config.ncbi_limit, valid=_valid_json
            )
            if response.status != 200:
                raise EnrichError(f"the PMC ID converter answered HTTP {response.status}")
            data = json.loads(response.body)
            for entry in data.get("records", []) if isinstance(data, dict) else []:
                if isinstance(entry, dict) and isinstance(entry.get("pmcid"), str):
                    result[entry["pmcid"]] = {k: str(v) for k, v in entry.items() if k in ("pmid", "doi") and v}
        return result
