"""Round-trip guarantee: every format gives back exactly what it declares it carries.

* property-based: for arbitrary valid records r and every format f that reads and writes,
  ``read_f(write_f(r)) == f.project(r)`` and writing again gives the same bytes;
* chains through several formats, starting from real PubMed XML;
* the corpus: every file of ../shared/corpus round-trips through every format with no
  undeclared difference (the figures are printed for the closing note).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import jakcite
from conftest import require_corpus
from jakcite.check import check_roundtrip, project_all
from jakcite.model import Record
from jakcite.registry import get_format
from jakcite.testing import RoundTripError, assert_roundtrip
from strategies import records

#: Every built-in format that both reads and writes. A missing one is a failure, not a skip.
ROUNDTRIP_FORMATS = ["csl-json", "medline", "bibtex", "biblatex", "ris"]
EXAMPLES = int(os.environ.get("JAKCITE_HYPOTHESIS_EXAMPLES", "150"))


@pytest.mark.parametrize("name", ROUNDTRIP_FORMATS)
def test_format_is_registered_for_round_trips(name: str) -> None:
    fmt = get_format(name)
    assert fmt.can_read and fmt.can_write and fmt.coverage is not None


@pytest.mark.parametrize("name", ROUNDTRIP_FORMATS)
def test_arbitrary_records_round_trip(name: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
    @given(records())
    def check(record: Record) -> None:
        assert_roundtrip([record], name)

    check()


def test_assert_roundtrip_detects_an_unfaithful_format() -> None:
    """The checker itself can fail: a writer that drops titles is caught, field named."""
    from collections.abc import Iterable, Iterator
    from typing import Any, TextIO

    from jakcite.registry import Coverage, Format, ReadContext, register, unregister
    from jakcite.sources import Source

    def read(source: Source, context: ReadContext) -> Iterator[Record]:
        for line in source.read_text().splitlines():
            yield Record(volume=line or None)

    def write(items: Iterable[Record], out: TextIO, **_: Any) -> None:
        for r in items:
            out.write(f"{r.volume or ''}\n")

    register(Format("lossy-test", "drops titles", reader=read, writer=write, coverage=Coverage()))
    try:
        with pytest.raises(RoundTripError, match="title"):
            assert_roundtrip(Record(title="kept?", volume="3"), "lossy-test")
    finally:
        unregister("lossy-test")


def _pubmed_sample(limit: int = 150) -> list[Record]:
    xml = require_corpus("pubmed-xml")
    files = sorted(p for p in xml.rglob("*.xml*") if "benchmark" not in p.parts)
    sample: list[Record] = []
    for path in files:
        sample.extend(jakcite.read(path))
        if len(sample) >= limit:
            break
    return sample[:limit]


def test_chain_pubmed_xml_bibtex_ris_csl_json() -> None:
    """pubmed-xml -> model -> bibtex -> model -> ris -> model -> csl-json -> model."""
    current = _pubmed_sample()
    assert current, "no PubMed XML records found"
    for name in ("bibtex", "ris", "csl-json"):
        fmt = get_format(name)
        text = jakcite.write(current, fmt) or ""
        back = list(jakcite.iter_records(io.StringIO(text), fmt))
        expected = project_all(current, fmt)
        assert len(back) == len(expected)
        for want, got in zip(expected, back, strict=True):
            if want.key is None:
                want = attrs.evolve(want, key=got.key)  # an assigned key is an addition, as in check
            assert got == want, f"{name}: {want.label()} changed"
        current = back


def _corpus_files() -> list[Path]:
    corpus = require_corpus()
    files = []
    for sub in ("pubmed-xml", "medline", "ris", "bibtex", "csl-json"):
        files += sorted(p for p in (corpus / sub).rglob("*") if p.is_file() and not p.name.endswith((".md", ".txt.md")))
    return files


@pytest.mark.corpus
def test_corpus_round_trips_with_no_undeclared_loss(capsys: pytest.CaptureFixture[str]) -> None:
    totals: Counter[str] = Counter()
    problems: list[str] = []
    files = _corpus_files()
    for path in files:
        try:
            records = list(jakcite.read(path, strict=False))
        except jakcite.JakciteError:
            continue  # files that are not bibliographic data are covered by the readers' own tests
        if "benchmark" in path.parts:
            records = records[:200]
        for name in ROUNDTRIP_FORMATS:
            report = check_roundtrip(records, name)
            totals[f"{name}:records"] += report.records
            totals[f"{name}:fields"] += report.fields_compared
            if not report.ok:
                first = report.differences[0] if report.differences else None
                detail = report.error or (
                    f"{first.record}: {first.field}: {first.expected!r} -> {first.actual!r}"
                    if first
                    else "not idempotent"
                )
                problems.append(
                    f"{path.relative_to(path.parents[2])} via {name}: {len(report.differences)} differences; {detail}"
                )
    with capsys.disabled():
        print("\nround trip over the corpus:")
        for name in ROUNDTRIP_FORMATS:
            losses = len(get_format(name).coverage.losses) if get_format(name).coverage else 0
            print(
                f"  {name:<9} records {totals[name + ':records']:>6}  fields compared {totals[name + ':fields']:>9}  declared losses {losses}"
            )
    assert not problems, "\n".join(problems[:40])
