"""Every MEDLINE file of the shared corpus: strict reading, record counts, round trip."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import jakcite
from conftest import CORPUS, require_corpus
from jakcite.builtin_formats.medline import MEDLINE
from jakcite.builtin_formats.medline.coverage import project
from jakcite.model import Record

# Records per file, counted by hand.  Most files: one record per ``PMID-`` line.  The two
# JabRef test files also hold records with no PMID at all (blocks that start with
# ``PMC -`` / ``PMCR-``); the paragraph "This line should be omitted by the importer." in
# MultipleEntries is not a record (JabRef's own test expects 7 entries there).
EXPECTED_COUNTS = {
    "biopython/pubmed_result1.txt": 1,
    "biopython/pubmed_result2.txt": 4,
    "biopython/pubmed_result3.txt": 1,
    "jabref/MedlinePlainImporterStringOutOfBounds.txt": 2,
    "jabref/MedlinePlainImporterTestCompleteEntry.txt": 1,
    "jabref/MedlinePlainImporterTestMultiAbstract.txt": 1,
    "jabref/MedlinePlainImporterTestMultipleEntries.txt": 7,
    "jabref/NbibImporterTest.nbib": 1,
    "pmidcite/pubmed_Kolmogorov2020.txt": 1,
    "pybtexnbib/marcelis-20301770.nbib": 1,
    "rayyan/example1.nbib": 10,
    "user-exports/asian_study-citations.nbib": 1,
    "user-exports/dreamytang-pubmed_result.txt": 7,
}
PMID_LESS = {
    "jabref/MedlinePlainImporterTestMultiAbstract.txt": 1,
    "jabref/MedlinePlainImporterTestMultipleEntries.txt": 2,
}
FILES = sorted(EXPECTED_COUNTS)


def _path(name: str) -> Path:
    require_corpus("medline")
    return CORPUS / "medline" / name


def test_every_corpus_file_is_listed() -> None:
    root = require_corpus("medline")
    found = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert found == FILES


@pytest.mark.parametrize("name", FILES)
def test_hand_counts_agree_with_pmid_lines(name: str) -> None:
    text = _path(name).read_bytes().decode("utf-8-sig")
    pmid_lines = len(re.findall(r"^PMID- ?\d+", text, flags=re.MULTILINE))
    assert pmid_lines + PMID_LESS.get(name, 0) == EXPECTED_COUNTS[name]


@pytest.mark.parametrize("name", FILES)
def test_reads_strictly_with_the_right_count(name: str) -> None:
    records = jakcite.read(_path(name), MEDLINE, strict=True)
    assert len(records) == EXPECTED_COUNTS[name]
    assert not records.skipped
    pmids = [r.ids.pmid for r in records if r.ids.pmid]
    text = _path(name).read_bytes().decode("utf-8-sig")
    assert pmids == re.findall(r"^PMID- ?(\d+)", text, flags=re.MULTILINE)


def _first_difference(a: object, b: object, path: str = "record") -> str | None:
    if attrs.has(type(a)) and type(a) is type(b):
        for f in attrs.fields(type(a)):
            if f.eq is False:
                continue
            found = _first_difference(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
            if found:
                return found
        return None
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def _assert_same(first: list[Record], second: list[Record]) -> None:
    assert len(first) == len(second)
    for a, b in zip(first, second, strict=True):
        assert a == b, _first_difference(a, b)


@pytest.mark.parametrize("name", FILES)
def test_read_write_read_gives_equal_models(name: str) -> None:
    records = jakcite.read(_path(name), MEDLINE)
    text = jakcite.write(records, MEDLINE)
    assert text is not None
    again = jakcite.read(text, MEDLINE, strict=True)
    assert not again.diagnostics, again.diagnostics  # our own output has no quirks
    _assert_same(list(records), list(again))
    # and writing is deterministic and stable
    assert jakcite.write(again, MEDLINE) == text


@pytest.mark.parametrize("name", FILES)
def test_records_read_from_medline_are_their_own_projection(name: str) -> None:
    records = jakcite.read(_path(name), MEDLINE)
    _assert_same(list(records), [project(r) for r in records])


def test_corpus_output_lines_respect_the_width() -> None:
    for name in FILES:
        text = jakcite.write(jakcite.read(_path(name), MEDLINE), MEDLINE)
        assert text is not None
        for line in text.splitlines():
            # only an unbreakable word may overflow
            assert len(line) <= 88 or " " not in line[6:].strip(), line
