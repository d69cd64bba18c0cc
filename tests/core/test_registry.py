"""Registry: names, aliases, detection by extension then content, clear errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import pytest

import jakcite
from jakcite.registry import Format, ReadContext, detect_format, get_format, register, unregister
from jakcite.sources import Source


def _reader(source: Source, context: ReadContext) -> Iterator[jakcite.Record]:
    for i, line in enumerate(source.read_text().splitlines()):
        if line.startswith("!"):
            context.fail("bang line", line=i + 1, record=i)
            continue
        yield jakcite.Record(title=line, provenance=context.provenance(line=i + 1, index=i))


def _writer(records: Iterable[jakcite.Record], out: TextIO, *, upper: bool = False, **_: Any) -> None:
    for r in records:
        text = str(r.title or "")
        out.write((text.upper() if upper else text) + "\n")


LINES = Format(
    name="test-lines",
    description="one title per line (test)",
    aliases=("Test-L",),
    extensions=(".tlines",),
    sniff=lambda head: 0.5 if head.startswith("LINES") else 0.0,
    reader=_reader,
    writer=_writer,
    options={"upper": "upper-case titles"},
)


@pytest.fixture(autouse=True)
def lines_format() -> Iterator[Format]:
    register(LINES)
    yield LINES
    unregister(LINES.name)


def test_lookup_by_name_and_alias() -> None:
    assert get_format("test-lines") is LINES
    assert get_format("TEST-L") is LINES


def test_unknown_format_suggests() -> None:
    with pytest.raises(jakcite.FormatError, match="did you mean test-lines"):
        get_format("test-line")


def test_detect_by_extension_then_content(tmp_path: Path) -> None:
    path = tmp_path / "a.tlines"
    path.write_text("anything\n")
    assert detect_format(Source.from_any(path)) is LINES
    assert detect_format(Source.from_any("LINES\nx\n")) is LINES


def test_undetectable_input_is_a_format_error() -> None:
    with pytest.raises(jakcite.FormatError, match="cannot tell the format"):
        detect_format(Source.from_any("\x00\x01 garbage that no format claims"))


def test_write_returns_text_and_checks_options(tmp_path: Path) -> None:
    records = [jakcite.Record(title="a"), jakcite.Record(title="b")]
    assert jakcite.write(records, "test-lines", upper=True) == "A\nB\n"
    with pytest.raises(jakcite.FormatError, match="has no option colour"):
        jakcite.write(records, "test-lines", colour=True)
    dest = tmp_path / "out.txt"
    assert jakcite.write(records[0], "test-lines", dest) is None
    assert dest.read_text() == "a\n"


def test_strict_and_lenient_reading() -> None:
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read("LINES\n!bad\nok\n", "test-lines")
    assert (info.value.line, info.value.record) == (2, 2)  # the second record, numbered as printed
    result = jakcite.read("LINES\n!bad\nok\n", "test-lines", strict=False)
    assert [str(r.title) for r in result] == ["LINES", "ok"]
    assert [d.line for d in result.skipped] == [2]
    with pytest.warns(jakcite.ParseWarning, match="bang line"):
        assert len(list(jakcite.iter_records("!x\ny\n", "test-lines", strict=False))) == 1


def test_iter_records_streams() -> None:
    stream = jakcite.iter_records("LINES\na\nb\n", "test-lines")
    assert str(next(stream).title) == "LINES"
    assert next(stream).provenance.line == 2
