"""The command never destroys a file: in place is safe, failures leave outputs as they were,
errors are one line with the documented exit code (0 done, 1 bad input or output, 2 usage)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import jakcite
from conftest import FIXTURES
from jakcite.cli import main

OLD = "an earlier run's output\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if "warning:" not in line]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [("bibtex/features.bib", "bibtex"), ("medline/features.nbib", "medline"), ("ris/dialects.ris", "ris")],
)
def test_converting_a_file_onto_itself_rewrites_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture: str, fmt: str
) -> None:
    path = tmp_path / Path(fixture).name
    shutil.copy(FIXTURES / fixture, path)
    expected = jakcite.write(jakcite.read(FIXTURES / fixture), fmt)
    code, _, _ = run(capsys, "convert", str(path), "--to", fmt, "-o", str(path))
    assert code == 0
    assert path.read_text(encoding="utf-8") == expected and expected


def test_in_place_through_a_relative_path_and_a_symlink(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(FIXTURES / "bibtex/features.bib", tmp_path / "refs.bib")
    (tmp_path / "link.bib").symlink_to(tmp_path / "refs.bib")
    expected = jakcite.write(jakcite.read(FIXTURES / "bibtex/features.bib"), "bibtex")
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "convert", "./refs.bib", "--to", "bibtex", "-o", "link.bib")
    assert code == 0 and (tmp_path / "link.bib").is_symlink()
    assert (tmp_path / "refs.bib").read_text(encoding="utf-8") == expected


def test_a_failed_conversion_leaves_the_output_as_it_was(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keep = tmp_path / "keep.json"
    keep.write_text(OLD, encoding="utf-8")
    code, _, err = run(capsys, "convert", str(FIXTURES / "bibtex/broken.bib"), "--to", "csl-json", "-o", str(keep))
    assert code == 1 and "broken.bib:" in one_line(err)
    assert keep.read_text(encoding="utf-8") == OLD


def test_a_bad_option_is_a_usage_error_and_touches_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "e2.ris"
    out.write_text(OLD, encoding="utf-8")
    code, _, err = run(
        capsys, "convert", str(FIXTURES / "ris/dialects.ris"), "--to", "ris", "-O", "mesh=foo", "-o", str(out)
    )
    assert code == 2
    assert one_line(err) == "jakcite: error: option 'mesh' takes one of qualified, descriptor, none, not 'foo'"
    assert out.read_text(encoding="utf-8") == OLD


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("indent=abc", "option 'indent' takes a whole number >= 0, not 'abc'"),
        ("indent=-1", "option 'indent' takes a whole number >= 0, not '-1'"),
        ("lines=maybe", "option 'lines' takes true or false, not 'maybe'"),
    ],
)
def test_option_values_are_checked_by_kind(capsys: pytest.CaptureFixture[str], option: str, message: str) -> None:
    code, _, err = run(capsys, "convert", str(FIXTURES / "ris/dialects.ris"), "--to", "csl-json", "-O", option)
    assert code == 2 and one_line(err) == f"jakcite: error: {message}"


@pytest.mark.parametrize(("value", "bom"), [("no", False), ("off", False), ("0", False), ("yes", True), ("on", True)])
def test_boolean_options_take_the_usual_spellings(capsys: pytest.CaptureFixture[str], value: str, bom: bool) -> None:
    code, out, _ = run(capsys, "convert", str(FIXTURES / "ris/dialects.ris"), "--to", "ris", "-O", f"bom={value}")
    assert code == 0 and out.startswith("\ufeff") is bom


def test_the_python_api_parses_option_values_the_same_way() -> None:
    records = jakcite.read(FIXTURES / "ris/dialects.ris")
    assert not (jakcite.write(records, "ris", bom="no") or "").startswith("\ufeff")
    with pytest.raises(jakcite.FormatError, match="option 'width' takes a whole number"):
        jakcite.write(records, "medline", width="wide")


@pytest.mark.parametrize(
    ("dest", "message"),
    [("missing/dir/x.ris", "no such directory"), (".", "it is a directory")],
)
def test_an_unwritable_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dest: str, message: str
) -> None:
    code, _, err = run(capsys, "convert", str(FIXTURES / "ris/dialects.ris"), "--to", "ris", "-o", str(tmp_path / dest))
    assert code == 1 and message in one_line(err)


def test_lenient_skips_an_unreadable_input_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.bib"
    bad.write_bytes(bytes(range(256)) * 16)
    out = tmp_path / "all.ris"
    good = str(FIXTURES / "ris/dialects.ris")
    code, _, err = run(capsys, "convert", good, str(bad), good, "--lenient", "--to", "ris", "-o", str(out))
    assert code == 0
    assert out.read_text(encoding="utf-8").count("TY  - ") == 8
    assert f"{bad}: warning: input skipped: {bad}: no bibtex record found; it looks like binary data" in err
    assert err.rstrip().endswith(", 1 inputs skipped")


def test_strict_stops_at_an_unreadable_input_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.bib"
    bad.write_bytes(bytes(range(256)) * 16)
    out = tmp_path / "all.ris"
    out.write_text(OLD, encoding="utf-8")
    code, _, err = run(capsys, "convert", str(FIXTURES / "ris/dialects.ris"), str(bad), "--to", "ris", "-o", str(out))
    assert code == 1 and "looks like binary data" in one_line(err)
    assert out.read_text(encoding="utf-8") == OLD


def test_the_command_names_the_flag_the_library_does_not(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "export.txt"
    path.write_text("PMID- 12345678\nTI  - A title.\n", encoding="utf-8")
    code, _, err = run(capsys, "convert", str(path), "--from", "bibtex", "--to", "ris")
    assert code == 1
    assert one_line(err) == f"{path}: no bibtex record found; it looks like medline (give --from medline)"


def test_a_folder_as_input_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "convert", str(tmp_path), "--from", "bibtex", "--to", "ris")
    assert code == 1 and "is a folder" in one_line(err)


def test_ctrl_c_during_a_30k_record_conversion_leaves_the_output_intact(tmp_path: Path) -> None:
    big = tmp_path / "big.ris"
    records = (jakcite.Record(title=f"Title {i}", ids=jakcite.Identifiers(pmid=str(10_000 + i))) for i in range(30_000))
    jakcite.write(records, "ris", big)
    out = tmp_path / "out.json"
    out.write_text(OLD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    argv = [sys.executable, "-m", "jakcite", "convert", str(big), "--to", "csl-json", "-o", str(out)]
    proc = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.endswith(".jakcite-tmp") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the conversion ended before it could be interrupted"
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 130 and err.decode().strip() == "jakcite: interrupted"
    assert out.read_text(encoding="utf-8") == OLD
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".jakcite-tmp")] == []
