"""`jakcite check` and jakcite.testing: reports, exit codes, JSON, the pytest fixture."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs
import pytest

from jakcite.check import diff_records
from jakcite.cli import main
from jakcite.model import Person, Record
from jakcite.registry import Coverage, Format, Loss, ReadContext, register, unregister
from jakcite.sources import Source
from jakcite.testing import FormatReport


def _read(source: Source, context: ReadContext) -> Iterator[Record]:
    for line in source.read_text().splitlines():
        title, _, volume = line.partition("|")
        yield Record(title=title or None, volume=volume or None)


def _write_all(records: Iterable[Record], out: TextIO, **_: Any) -> None:
    for r in records:
        out.write(f"{r.title or ''}|{r.volume or ''}\n")


def _write_no_volume(records: Iterable[Record], out: TextIO, **_: Any) -> None:
    for r in records:
        out.write(f"{r.title or ''}|\n")


FAITHFUL = Format(
    "pipe-test",
    "title|volume",
    extensions=(".pipe",),
    reader=_read,
    writer=_write_all,
    coverage=Coverage((Loss("authors", "dropped"),), lambda r: Record(title=r.title, volume=r.volume)),
)
LOSSY = Format(
    "pipe-lossy", "drops volume, undeclared", reader=_read, writer=_write_no_volume, coverage=FAITHFUL.coverage
)


@pytest.fixture(autouse=True)
def formats() -> Iterator[None]:
    register(FAITHFUL)
    register(LOSSY)
    yield
    unregister(FAITHFUL.name)
    unregister(LOSSY.name)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "in.pipe"
    path.write_text("First|12\nSecond|\n")
    return path


def test_check_passes_for_a_faithful_format(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(data), "--via", "pipe-test"]) == 0
    out = capsys.readouterr().out
    assert "pipe-test" in out and "OK" in out


def test_check_fails_and_names_record_and_field(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(data), "--via", "pipe-test,pipe-lossy"]) == 1
    out = capsys.readouterr().out
    assert "pipe-lossy: First: volume: expected '12', got 'None'" in out
    assert "FAILED" in out


def test_check_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(data), "--via", "pipe-lossy", "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    (report,) = payload["formats"]
    # These records have no authors, so the declared loss of authors took nothing from them.
    assert report["records"] == 2 and report["declared_losses"] == 0 and report["losses"] == []
    assert report["differences"] == [{"record": "First", "field": "volume", "expected": "12", "actual": "None"}]


def test_diff_records_paths() -> None:
    a = Record(authors=[Person("Novák", "Anna"), Person("Müller")])
    b = attrs.evolve(a, authors=[Person("Novák", "Ana")])
    compared, diffs = diff_records(a, b)
    paths = [d[0] for d in diffs]
    assert paths == ["authors[0].given", "authors[1]"]
    assert compared > 10


def test_pytest_fixture_is_available(jakcite_roundtrip: Any) -> None:
    report = jakcite_roundtrip([Record(title="x", volume="1")], "pipe-test")
    assert isinstance(report, FormatReport) and report.ok
    with pytest.raises(AssertionError, match="volume"):
        jakcite_roundtrip([Record(title="x", volume="1")], "pipe-lossy")


def test_declared_losses_count_what_happened_to_these_records() -> None:
    from jakcite.check import FieldLoss, check_roundtrip

    records = [
        Record(title="A", volume="1", authors=[Person("Novák"), Person("Müller")]),
        Record(title="B"),
        Record(title="C", authors=[Person("Smith")]),
    ]
    report = check_roundtrip(records, "pipe-test")
    assert report.ok and report.declared_losses == 3  # three author values
    assert report.losses == (FieldLoss("authors", 2, "A"),)


def test_check_text_names_the_lost_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.ris"
    path.write_text("TY  - JOUR\nTI  - T\nAU  - Novák, Anna\nAD  - Brno\nER  - \n", encoding="utf-8")
    assert main(["check", str(path), "--via", "bibtex", "-v"]) == 0
    out = capsys.readouterr().out
    assert "bibtex: lost as declared: extra in 1 records (e.g. T)" in out
