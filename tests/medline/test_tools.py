"""MEDLINE written by jakcite, read by Biopython (Bio.Medline) as an independent reader.

Biopython must read our output with the same tags and values as it reads PubMed's own files.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import jakcite
from conftest import FIXTURES, require_corpus, skip_or_fail
from jakcite.builtin_formats.medline import MEDLINE


@pytest.fixture(scope="module")
def bio_medline() -> Any:
    """Biopython's MEDLINE parser (a test dependency; missing only outside CI)."""
    try:
        from Bio import Medline
    except ImportError:
        skip_or_fail("biopython is not installed (pip install biopython)")
    return Medline


# Tags whose values we write exactly as PubMed did.  Left out: LID/AID/PHST (we write the
# same ids and dates in canonical form and order), AUID (ORCID URLs are written bare),
# COIS (Biopython keeps its physical lines), GN (hand-edited placement in one file).
SAME_TAGS = (
    "PMID OWN STAT DA DCOM LR IS VI IP DP TI BTI PG AB CI FAU AU AD CN LA PT DEP TT PL TA JT JID RN SB MH "
    "PMC MID OTO OT FED ED EDAT MHDA CRDT PST SO CIN CTI PB"
).split()
REAL_FILES = [
    "biopython/pubmed_result1.txt",
    "biopython/pubmed_result2.txt",
    "biopython/pubmed_result3.txt",
    "pmidcite/pubmed_Kolmogorov2020.txt",
    "pybtexnbib/marcelis-20301770.nbib",
    "rayyan/example1.nbib",
    "user-exports/asian_study-citations.nbib",
    "user-exports/dreamytang-pubmed_result.txt",
]


def _bio(medline: Any, text: str) -> list[dict[str, Any]]:
    return [dict(r) for r in medline.parse(io.StringIO(text))]


@pytest.mark.parametrize("name", REAL_FILES)
def test_biopython_reads_our_output_as_it_reads_pubmeds(name: str, bio_medline: Any) -> None:
    path: Path = require_corpus("medline") / name
    original_text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    ours = jakcite.write(jakcite.read(path, MEDLINE), MEDLINE)
    assert ours is not None
    theirs, mine = _bio(bio_medline, original_text), _bio(bio_medline, ours)
    assert len(theirs) == len(mine)
    for a, b in zip(theirs, mine, strict=True):
        for tag in SAME_TAGS:
            assert a.get(tag) == b.get(tag), f"{a.get('PMID')} {tag}"
        # grants: the model trims the stray space in 'C490/A10124 /CRUK_'
        grants_a = [str(g).replace(" /", "/") for g in a.get("GR", [])]
        assert grants_a == b.get("GR", [])


def test_biopython_reads_the_fixture_round_trip(bio_medline: Any) -> None:
    text = jakcite.write(jakcite.read(FIXTURES / "medline" / "features.nbib", MEDLINE), MEDLINE)
    assert text is not None
    parsed = _bio(bio_medline, text)
    assert [p["PMID"] for p in parsed] == ["31000001", "20301770", "20301295", "10000004", "10000005"]
    assert parsed[0]["FAU"] == ["Novák, Anna Maria", "Kaelin, William G Jr", "Harissis, Haralampos V"]
    assert parsed[0]["CN"] == ["LUPUS-JAK Investigators"]
    assert parsed[0]["TI"] == "[Tofacitinib in lupus nephritis: a randomised trial]."
    assert parsed[1]["BTI"] == ["GeneReviews(®)"]
