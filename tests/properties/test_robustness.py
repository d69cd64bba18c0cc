"""Robustness: hostile and broken input never crashes, hangs or loses a record.

For every readable format: random bytes, mutated and truncated real files, wrong
encodings and pathological sizes give either records or ``jakcite.ParseError`` — never
another exception — within a time bound.  The number of inputs each reader survived is
printed for the closing note.
"""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jakcite
from conftest import CORPUS, FIXTURES, require_corpus

READ_FORMATS = [
    "csl-json",
    "pubmed-text",
    "medline",
    "pubmed-xml",
    "bibtex",
    "ris",
    "pubmed-summary",
    "pubmed-csv",
    "pmid-list",
    "citation-strings",
]
#: Samples for the formats the corpus has no file of: the bundled fixtures.
FIXTURE_SAMPLES = {
    "pubmed-text": "002_7103ea8e518ac3d2.txt",
    "pubmed-summary": "pubmed-summary/summary-six-records.txt",
    "pubmed-csv": "pubmed-csv/csv-six-records.csv",
    "pmid-list": "pmid-list/pmid-six.txt",
    "citation-strings": "citation-strings/cite-styles.txt",
}
SAMPLES = {
    "csl-json": ["csl-json/manubot-input-bibliography.json"],
    "medline": ["medline/rayyan/example1.nbib"],
    "pubmed-xml": ["pubmed-xml/biopython/pubmed4.xml"],
    "bibtex": ["bibtex/xampl.bib"],
    "ris": ["ris/asreview-baseline_zotero.ris"],
}
EXAMPLES = int(os.environ.get("JAKCITE_FUZZ_EXAMPLES", "120"))
#: Seconds any single fuzz input may take; far above normal (milliseconds).
TIME_BOUND = 10
SURVIVED: Counter[str] = Counter()


@contextmanager
def time_bound(seconds: int) -> Iterator[None]:
    """Fail (not hang) when reading takes longer than ``seconds``."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"reading took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_or_parse_error(data: bytes, fmt: str, strict: bool = True) -> list[jakcite.Record] | None:
    """Read ``data``; None when a ParseError was raised. Anything else propagates (= bug)."""
    with time_bound(TIME_BOUND):
        try:
            return list(jakcite.read(data, fmt, strict=strict))
        except jakcite.ParseError as exc:
            assert exc.source, "a ParseError must name its source"
            return None


def sample_bytes(fmt: str) -> bytes:
    if fmt in FIXTURE_SAMPLES:
        return (FIXTURES / FIXTURE_SAMPLES[fmt]).read_bytes()
    require_corpus()
    return (CORPUS / SAMPLES[fmt][0]).read_bytes()


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_random_bytes(fmt: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=2000))
    def check(data: bytes) -> None:
        read_or_parse_error(data, fmt)
        read_or_parse_error(data, fmt, strict=False)
        SURVIVED[fmt] += 2

    check()


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_mutated_real_files(fmt: str) -> None:
    original = sample_bytes(fmt)

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(
        st.lists(
            st.tuples(st.integers(0, len(original) - 1), st.binary(max_size=8), st.integers(0, 8)),
            min_size=1,
            max_size=6,
        )
    )
    def check(edits: list[tuple[int, bytes, int]]) -> None:
        data = bytearray(original)
        for pos, insert, delete in edits:
            data[pos : pos + delete] = insert
        read_or_parse_error(bytes(data), fmt)
        read_or_parse_error(bytes(data), fmt, strict=False)
        SURVIVED[fmt] += 2

    check()


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_truncated_files(fmt: str) -> None:
    original = sample_bytes(fmt)
    step = max(1, len(original) // 60)
    for cut in range(0, len(original), step):
        read_or_parse_error(original[:cut], fmt)
        SURVIVED[fmt] += 1


@pytest.mark.parametrize("fmt", READ_FORMATS)
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_never_raise_unicode_errors(fmt: str, encoding: str) -> None:
    text = sample_bytes(fmt).decode("utf-8", errors="replace")
    data = text.encode(encoding, errors="replace")
    if fmt == "pubmed-xml":
        # An XML declaration names its own encoding; re-encoded XML must say so.
        data = data.replace(b'encoding="UTF-8"', f'encoding="{encoding}"'.encode()) if encoding != "utf-16" else data
    records = read_or_parse_error(data, fmt)
    if fmt != "pubmed-xml" and encoding in ("utf-8-sig", "utf-16"):
        assert records, f"{fmt} in {encoding} must still read"
    SURVIVED[fmt] += 1


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_crlf_and_cr_line_ends_read_the_same(fmt: str) -> None:
    original = sample_bytes(fmt)
    base = read_or_parse_error(original, fmt)
    for ending in (b"\r\n", b"\r"):
        assert read_or_parse_error(original.replace(b"\n", ending), fmt) == base


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_pathological_sizes_finish_or_fail_cleanly(fmt: str) -> None:
    long_line = b"A" * 10_000_000
    read_or_parse_error(long_line, fmt)
    nested = b"@article{k, title = " + b"{" * 50_000 + b"x" + b"}" * 50_000 + b"}\n"
    read_or_parse_error(nested, fmt)


def test_hundred_thousand_authors_round_trip_in_bounded_time() -> None:
    from jakcite.model import Person, Record

    record = Record(title="Many authors", authors=[Person(f"Author{i}", "A") for i in range(100_000)])
    for fmt in ("csl-json", "ris", "bibtex", "medline"):
        with time_bound(60):
            text = jakcite.write([record], fmt) or ""
            back = jakcite.read(text, fmt)
        assert len(back) == 1 and len(back[0].authors) == 100_000, fmt


def test_report_survivors(capsys: pytest.CaptureFixture[str]) -> None:
    """Print how many inputs each reader survived (run last in this module)."""
    with capsys.disabled():
        print("\nfuzz inputs survived per reader:", dict(sorted(SURVIVED.items())))
    assert all(v >= 0 for v in SURVIVED.values())
