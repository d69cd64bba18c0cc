"""The command: exit codes, messages as file:line, stdin/stdout."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.test_registry import LINES
from jakcite.cli import main
from jakcite.cli.convert import parse_options
from jakcite.registry import register, unregister


@pytest.fixture(autouse=True)
def lines_format() -> Iterator[None]:
    register(LINES)
    yield
    unregister(LINES.name)


def test_convert_file_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.tlines"
    path.write_text("one\ntwo\n")
    assert main(["convert", str(path), "--to", "test-lines", "-O", "upper=true"]) == 0
    assert capsys.readouterr().out == "ONE\nTWO\n"


def test_parse_error_is_exit_1_with_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.tlines"
    path.write_text("one\n!two\n")
    assert main(["convert", str(path), "--to", "test-lines"]) == 1
    assert capsys.readouterr().err.strip() == f"{path}:2: bang line (record 2)"


def test_lenient_reports_and_summarises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.tlines"
    path.write_text("one\n!two\nthree\n")
    assert main(["convert", str(path), "--to", "test-lines", "--lenient", "-o", str(tmp_path / "o.txt")]) == 0
    err = capsys.readouterr().err
    assert f"{path}:2: warning: bang line (record 2) (skipped)" in err
    assert "2 records read, 1 skipped" in err
    assert (tmp_path / "o.txt").read_text() == "one\nthree\n"


def test_usage_errors_are_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.tlines"
    path.write_text("x\n")
    assert main(["convert", str(path), "--to", "no-such-format"]) == 2
    assert "unknown format 'no-such-format'" in capsys.readouterr().err
    assert main(["convert", str(path)]) == 2  # no --to, and no -o extension to say it
    assert "give --to FORMAT" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["convert"])
    assert info.value.code == 2


def test_missing_file_is_a_data_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "/nonexistent/file.tlines", "--to", "test-lines"]) == 1
    assert "/nonexistent/file.tlines: no such file" in capsys.readouterr().err


def test_options_parse() -> None:
    # Values stay text: jakcite.write parses each by its option's kind.
    assert parse_options(["a=true", "b=False", "cite-key=x=y"]) == {"a": "true", "b": "False", "cite_key": "x=y"}


def test_help_and_formats_via_subprocess() -> None:
    out = subprocess.run([sys.executable, "-m", "jakcite", "--help"], capture_output=True, text=True, check=True)
    assert "convert" in out.stdout and "formats" in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "jakcite", "convert", "--help"], capture_output=True, text=True, check=True
    )
    assert "--lenient" in out.stdout


def test_stdin_to_stdout(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class FakeStdin:
        buffer = io.BytesIO(b"alpha\n")

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert main(["convert", "-", "--from", "test-lines", "--to", "test-lines"]) == 0
    assert capsys.readouterr().out == "alpha\n"
