"""``--jobs``: several inputs read in a process pool give what the serial run gives, in order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from jakcite.cli import main
from jakcite.cli.common import default_jobs

INPUTS = [
    FIXTURES / "pubmed-xml" / "pubmed_result.xml",
    FIXTURES / "ris" / "dialects.ris",
    FIXTURES / "medline" / "features.nbib",
    FIXTURES / "pubmed-xml" / "cross-form.nbib",
    FIXTURES / "csl-json" / "quirks.json",
]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("to", ["bibtex", "csl-json", "ris"])
def test_a_pool_gives_the_serial_output_byte_for_byte(to: str, capsys: pytest.CaptureFixture[str]) -> None:
    names = [str(p) for p in INPUTS]
    serial = _run(["convert", *names, "--to", to, "-j", "1"], capsys)
    pooled = _run(["convert", *names, "--to", to, "-j", "2"], capsys)
    assert serial[0] == pooled[0] == 0
    assert pooled[1] == serial[1] and serial[1].count("\n") > 100
    assert pooled[2] == serial[2]  # the same warnings, in the same order


def test_lenient_skips_a_bad_input_in_the_pool_as_in_a_serial_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ris"
    bad.write_bytes(b"MZ\x90\x00\x00\x03\x00" * 100)  # binary: not records at all
    names = [str(INPUTS[0]), str(bad), str(INPUTS[1]), str(INPUTS[3])]
    serial = _run(["convert", *names, "--to", "ris", "--lenient", "-j", "1"], capsys)
    pooled = _run(["convert", *names, "--to", "ris", "--lenient", "-j", "2"], capsys)
    assert serial == pooled
    assert f"{bad}: warning: input skipped" in pooled[2] and "1 inputs skipped" in pooled[2]


def test_strict_stops_at_a_bad_input_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    out = tmp_path / "out.bib"
    out.write_text("keep me", encoding="utf-8")
    code, _, err = _run(
        ["convert", str(INPUTS[0]), str(bad), str(INPUTS[1]), "--to", "bibtex", "-j", "2", "-o", str(out)], capsys
    )
    assert code == 1 and err.startswith(f"{bad}:") and len(err.splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "keep me"  # a failed run leaves the file as it was


def test_many_inputs_use_the_cores_and_few_or_stdin_one(tmp_path: Path) -> None:
    assert default_jobs(["a", "b", "c"]) == 1
    assert default_jobs(["a", "b", "c", "d"]) >= 1
    assert default_jobs(["a", "b", "c", "-"]) == 1


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["convert", str(INPUTS[0]), "--to", "ris", "-j", "0"])
    assert info.value.code == 2 and "expected a whole number >= 1, got '0'" in capsys.readouterr().err


def test_one_input_copied_many_times_keeps_its_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = []
    for i in range(9):
        copy = tmp_path / f"n{i}.nbib"
        shutil.copy(INPUTS[3], copy)
        names.append(str(copy))
    _, out, _ = _run(["convert", *names, "--to", "csl-json", "-j", "2", "-q"], capsys)
    import json

    ids = [item["PMID"] for item in json.loads(out)]
    assert ids == ["12091962", "26407462", "31540984"] * 9


def test_ctrl_c_ends_the_pool_with_one_line_and_no_output_file(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    names = []
    for i in range(4000):  # ~4 ms a file on an idle CI machine: still working at the signal
        copy = tmp_path / f"n{i}.xml"
        shutil.copy(INPUTS[0], copy)
        names.append(str(copy))
    out = tmp_path / "all.bib"
    command = [sys.executable, "-m", "jakcite", "convert", *names, "--to", "bibtex", "-j", "2", "-o", str(out)]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    time.sleep(1.0)
    assert proc.poll() is None, "the conversion ended before the signal: give it more work"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "jakcite: interrupted" and "Traceback" not in err
    leftovers = {p.name for p in tmp_path.iterdir()} - {Path(n).name for n in names}
    assert leftovers == set()  # neither the output nor its temporary file
