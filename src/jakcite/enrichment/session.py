"""Enrichment as a whole: which identifiers to look up, in which order, and what came back.

For each record: a PMID is fetched from PubMed; a PMCID without a PMID goes through the
PMC ID converter first; a DOI without a PMID is searched in PubMed (``DOI[aid]``) and,
when PubMed lacks it, asked of Crossref; a record with neither, by title and year.
Everything is batched (one efetch POST per 200 PMIDs, one esearch per 50 DOIs) and
cached per identifier.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from jakcite.api import Records
from jakcite.enrichment.client import EnrichError, HttpClient
from jakcite.enrichment.compare import title_key
from jakcite.enrichment.complete import complete
from jakcite.enrichment.config import EnrichConfig
from jakcite.enrichment.crossref import CROSSREF, Crossref
from jakcite.enrichment.eutils import EUTILS, Eutils
from jakcite.model import Identifiers, Provenance, Record, normalize_doi, normalize_pmcid, normalize_pmid
from jakcite.registry import Diagnostic

__all__ = ["Enricher", "enrich", "fetch", "parse_identifier"]

#: Every field a stub record built from a bare identifier lacks.
_STUB_MISSING = ("type", "title", "authors", "container", "published")


def parse_identifier(text: str) -> Identifiers:
    """``"36233087"``, ``"PMID:36233087"``, ``"PMC9569651"`` or a DOI (bare, ``doi:`` or a
    doi.org URL) as :class:`Identifiers`; ValueError for anything else."""
    value = text.strip()
    if re.fullmatch(r"(?i)(pmid:\s*)?\d+", value):
        return Identifiers(pmid=normalize_pmid(value))
    if re.fullmatch(r"(?i)(pmcid:\s*)?pmc\d+", value):
        return Identifiers(pmcid=normalize_pmcid(value))
    try:
        return Identifiers(doi=normalize_doi(value))
    except ValueError:
        raise ValueError(f"{text!r} is not a PMID, PMCID or DOI") from None


@attrs.define
class _Lookup:
    """What is known about one record's identifiers while enrichment runs."""

    record: Record
    pmid: str | None
    doi: str | None
    fetched: Record | None = None
    origin: str | None = None


class Enricher:
    """One enrichment run: a client (its counters say how many requests were made) and the
    sources behind it.  :func:`enrich` makes one per call."""

    def __init__(self, config: EnrichConfig | None = None) -> None:
        self.config = config or EnrichConfig()
        self.client = HttpClient(self.config)
        self.eutils = Eutils(self.client)
        self.crossref = Crossref(self.client)
        self.diagnostics: list[Diagnostic] = []

    def _note(self, record: Record, number: int, message: str) -> None:
        # The record's number in its own source when known (messages name that source).
        index = record.provenance.index
        where = index + 1 if index is not None else number
        self.diagnostics.append(Diagnostic(f"{record.label()}: {message}", record.provenance.source, record=where))

    def enrich(self, records: Iterable[Record]) -> Records:
        """``records`` completed by what their identifiers fetch (see the module docstring)."""
        if isinstance(records, Records):  # what reading them found stays with them
            self.diagnostics = [*records.diagnostics, *self.diagnostics]
        lookups = [_Lookup(r, r.ids.pmid, r.ids.doi) for r in records]
        try:
            self._resolve_pmcids(lookups)
            self._resolve_dois(lookups)
            self._resolve_titles(lookups)
            self._fetch_pubmed(lookups)
            self._fetch_crossref(lookups)
        except EnrichError as error:
            self.diagnostics.append(Diagnostic(f"enrichment stopped: {error}"))
        result = []
        for number, lookup in enumerate(lookups, 1):
            result.append(self._completed(lookup, number))
        return Records(result, self.diagnostics)

    def _completed(self, lookup: _Lookup, number: int) -> Record:
        record = lookup.record
        if lookup.fetched is None or lookup.origin is None:
            return record
        done = complete(record, lookup.fetched, lookup.origin)
        for conflict in done.conflicts:
            self._note(record, number, f"not completed from {lookup.origin}: it differs ({conflict})")
        return done.record

    # ------------------------------------------------------------------ finding PMIDs

    def _resolve_pmcids(self, lookups: Sequence[_Lookup]) -> None:
        pending = {lk.record.ids.pmcid for lk in lookups if lk.pmid is None and lk.record.ids.pmcid}
        answers: dict[str, dict[str, str]] = {}
        for pmcid in sorted(p for p in pending if p):
            cached = self.client.cache.get("pmcid", pmcid)
            if cached is not None:
                answers[pmcid] = json.loads(cached) if cached else {}
        unasked = sorted(p for p in pending if p and p not in answers)
        if unasked and not self.config.offline:
            converted = self.eutils.convert_pmcids(unasked)
            for pmcid in unasked:
                answers[pmcid] = converted.get(pmcid, {})
                self.client.cache.put("pmcid", pmcid, json.dumps(answers[pmcid]).encode() if answers[pmcid] else b"")
        for number, lookup in enumerate(lookups, 1):
            wanted = lookup.record.ids.pmcid
            if lookup.pmid is None and wanted:
                answer = answers.get(wanted)
                if answer is None:
                    self._note(lookup.record, number, f"{wanted} is not in the cache (offline)")
                    continue
                lookup.pmid = answer.get("pmid") or None
                lookup.doi = lookup.doi or answer.get("doi") or None
                if not lookup.pmid and not lookup.doi:
                    self._note(lookup.record, number, f"the PMC ID converter knows no {wanted}")

    def _resolve_dois(self, lookups: Sequence[_Lookup]) -> None:
        pending = sorted({lk.doi.lower() for lk in lookups if lk.pmid is None and lk.doi})
        known: dict[str, str] = {}
        unasked = []
        for doi in pending:
            cached = self.client.cache.get("doi", doi)
            if cached is None:
                unasked.append(doi)
            elif cached:
                known[doi] = cached.decode("ascii")
        if unasked and not self.config.offline:
            pmids = self.eutils.pmids_for_dois(unasked)
            # The PMIDs already known go in the same POSTs, so the later fetch has them all.
            wanted = list(dict.fromkeys(pmids + [lk.pmid for lk in lookups if lk.pmid]))
            fetched = self.eutils.efetch(wanted, on_batch=self._progress(len(wanted)))
            for record in fetched.values():
                if record is not None and record.ids.doi and record.ids.pmid:
                    known.setdefault(record.ids.doi.lower(), record.ids.pmid)
            for doi in unasked:
                self.client.cache.put("doi", doi, known.get(doi, "").encode("ascii"))
        for lookup in lookups:
            if lookup.pmid is None and lookup.doi:
                lookup.pmid = known.get(lookup.doi.lower())

    def _resolve_titles(self, lookups: Sequence[_Lookup]) -> None:
        if not self.config.search_titles:
            return
        for lookup in lookups:
            record = lookup.record
            if lookup.pmid or lookup.doi or record.ids.pmcid or not record.title:
                continue
            key = f"{title_key(record)}|{record.year}"
            answer = self.client.cache.get("title", key)
            if answer is None:
                if self.config.offline:
                    continue
                hits = self.eutils.pmid_for_title(record.title.text, record.year)
                answer = hits[0].encode("ascii") if len(hits) == 1 else b""  # one hit, or no answer
                self.client.cache.put("title", key, answer)
            lookup.pmid = answer.decode("ascii") or None

    # ------------------------------------------------------------------ fetching

    def _progress(self, total: int) -> Callable[[int], None]:
        """A batch callback that reports ``(done, total)`` to the configured progress."""
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if self.config.progress is not None:
                self.config.progress(done, total)

        return advance

    def _fetch_pubmed(self, lookups: Sequence[_Lookup]) -> None:
        pmids = list(dict.fromkeys(lk.pmid for lk in lookups if lk.pmid))
        fetched = self.eutils.efetch(pmids, on_batch=self._progress(len(pmids)))
        for number, lookup in enumerate(lookups, 1):
            if not lookup.pmid:
                continue
            if lookup.pmid not in fetched:
                self._note(lookup.record, number, f"PMID {lookup.pmid} is not in the cache (offline)")
                continue
            record = fetched[lookup.pmid]
            if record is None:
                self._note(lookup.record, number, f"PubMed has no PMID {lookup.pmid} (unknown or deleted)")
                continue
            if record.ids.pmid and record.ids.pmid != lookup.pmid:
                self._note(lookup.record, number, f"PMID {lookup.pmid} was merged into PMID {record.ids.pmid}")
                lookup.record = _renumbered(lookup.record, record.ids.pmid)
            lookup.fetched = record
            lookup.origin = f"{EUTILS} efetch PMID {record.ids.pmid or lookup.pmid}"

    def _fetch_crossref(self, lookups: Sequence[_Lookup]) -> None:
        if not self.config.use_crossref:
            return
        for number, lookup in enumerate(lookups, 1):
            if lookup.fetched is not None or not lookup.doi:
                continue
            if self.config.offline and self.crossref.cached(lookup.doi) is None:
                self._note(lookup.record, number, f"DOI {lookup.doi} is not in the cache (offline)")
                continue
            record = self.crossref.work(lookup.doi)
            if record is None:
                self._note(lookup.record, number, f"neither PubMed nor Crossref knows DOI {lookup.doi}")
                continue
            lookup.fetched = record
            lookup.origin = f"{CROSSREF} DOI {lookup.doi}"


def _renumbered(record: Record, pmid: str) -> Record:
    """``record`` under the PMID PubMed merged its own into (the old one no longer resolves)."""
    if record.ids.pmid is None:
        return record
    origin = f"{EUTILS}: PMID {record.ids.pmid} merged into {pmid}"
    provenance = attrs.evolve(record.provenance, filled=(*record.provenance.filled, ("ids.pmid", origin)))
    return attrs.evolve(record, ids=attrs.evolve(record.ids, pmid=pmid), provenance=provenance)


def enrich(records: Iterable[Record], config: EnrichConfig | None = None) -> Records:
    """Complete ``records`` from PubMed and Crossref by their identifiers.

    Missing fields are filled and a truncated author list replaced; nothing the records
    have is overwritten, and ``provenance.filled`` says where each filled field came
    from.  What could not be done (unknown IDs, conflicts, offline misses) is on the
    result's ``diagnostics``.  This is the only part of jakcite that uses the network.
    """
    return Enricher(config).enrich(records)


def _stub(ids: Identifiers, text: str) -> Record:
    provenance = Provenance(format="identifier", source=text, missing=_STUB_MISSING)
    return Record(ids=ids, provenance=provenance)


def fetch(identifiers: Iterable[str], config: EnrichConfig | None = None) -> Records:
    """Records for PMIDs, PMCIDs and DOIs ("add by identifier").

    An identifier nothing was found for gives no record and a diagnostic; one that is not
    an identifier at all is a ValueError.
    """
    stubs = [_stub(parse_identifier(text), text.strip()) for text in identifiers]
    enricher = Enricher(config)
    completed = enricher.enrich(stubs)
    found = [r for r in completed if r.provenance.filled]
    return Records(found, completed.diagnostics)
