"""Output is atomic: a destination is replaced whole, or left byte for byte as it was.

Faults are real where they can be made real: a writer that raises at a given record, a
file-size limit (RLIMIT_FSIZE) in a subprocess standing in for a full disk, SIGINT sent to a
subprocess in the middle of a conversion.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import jakcite
from jakcite import Record, WriteError
from jakcite.output import atomic_output

ROOT = Path(__file__).resolve().parents[2]
OLD = b"the user's own file\n\xce\xb1 kept as it was\n"
FORMATS = ["bibtex", "biblatex", "ris", "csl-json", "medline"]


def sample(n: int) -> list[Record]:
    return [Record(title=f"Title {i}", ids=jakcite.Identifiers(pmid=str(1000 + i))) for i in range(n)]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".jakcite-tmp"))


def failing_at(records: list[Record], at: int) -> Iterator[Record]:
    for index, record in enumerate(records):
        if index == at:
            raise RuntimeError(f"fault injected at record {at}")
        yield record


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("at", [0, 5, 9])
def test_a_failing_write_leaves_the_destination_as_it_was(tmp_path: Path, fmt: str, at: int) -> None:
    dest = tmp_path / "refs.out"
    dest.write_bytes(OLD)
    with pytest.raises(RuntimeError, match="fault injected"):
        jakcite.write(failing_at(sample(10), at), fmt, dest)
    assert dest.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_failing_write_to_a_new_path_leaves_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "new.ris"
    with pytest.raises(RuntimeError):
        jakcite.write(failing_at(sample(3), 2), "ris", dest)
    assert not dest.exists()
    assert leftovers(tmp_path) == []


def test_an_unknown_style_leaves_the_destination_as_it_was(tmp_path: Path) -> None:
    dest = tmp_path / "refs.txt"
    dest.write_bytes(OLD)
    with pytest.raises(jakcite.JakciteError):
        jakcite.write(sample(2), "bibliography", dest, style="no-such-style")
    assert dest.read_bytes() == OLD


def test_a_finished_write_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    dest = tmp_path / "refs.ris"
    dest.write_bytes(OLD)
    dest.chmod(0o640)
    jakcite.write(sample(2), "ris", dest)
    assert dest.read_text(encoding="utf-8").startswith("TY  - ")
    assert stat.S_IMODE(dest.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        jakcite.write(sample(1), "ris", tmp_path / "new.ris")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.ris").stat().st_mode) == 0o644


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.ris"
    target.write_bytes(OLD)
    link = tmp_path / "link.ris"
    link.symlink_to(target)
    jakcite.write(sample(1), "ris", link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("TY  - ")


@pytest.mark.parametrize(
    ("dest", "message"),
    [("missing/dir/x.ris", "no such directory"), (".", "it is a directory")],
)
def test_an_impossible_destination_is_one_clear_error(tmp_path: Path, dest: str, message: str) -> None:
    with pytest.raises(WriteError, match=message):
        jakcite.write(sample(1), "ris", tmp_path / dest)
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_destination_is_one_clear_error(tmp_path: Path) -> None:
    dest = tmp_path / "ro.ris"
    dest.write_bytes(OLD)
    dest.chmod(0o444)
    with pytest.raises(WriteError, match="permission denied"):
        jakcite.write(sample(1), "ris", dest)
    assert dest.read_bytes() == OLD


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json", "medline"])
def test_writing_over_the_input_reads_it_whole_first(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "refs.data"
    jakcite.write(sample(50), fmt, path)
    expected = path.read_bytes()
    jakcite.write(jakcite.iter_records(path, fmt), fmt, path)  # streamed: read while writing
    assert path.read_bytes() == expected
    assert len(jakcite.read(path, fmt)) == 50


def test_an_exception_inside_the_block_is_not_taken_for_a_write_error(tmp_path: Path) -> None:
    dest = tmp_path / "x.txt"
    with pytest.raises(FileNotFoundError), atomic_output(dest) as out:
        out.write("partial")
        open(tmp_path / "absent.txt", encoding="utf-8")  # an OSError of the caller's own
    assert not dest.exists()


def run_python(code: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_a_full_disk_leaves_the_destination_intact(tmp_path: Path) -> None:
    dest = tmp_path / "refs.ris"
    dest.write_bytes(OLD)
    proc = run_python(
        f"""
        import resource, signal, sys
        import jakcite
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
        records = [jakcite.Record(title="A title long enough " * 5) for _ in range(2000)]
        try:
            jakcite.write(records, "ris", {str(dest)!r})
        except jakcite.WriteError as exc:
            print(exc)
            sys.exit(3)
        """,
        stdout=subprocess.PIPE,
    )
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 3
    assert out.decode().strip() == f"cannot write {dest}: File too large"
    assert dest.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_ctrl_c_in_the_middle_leaves_the_destination_intact(tmp_path: Path) -> None:
    dest = tmp_path / "refs.ris"
    dest.write_bytes(OLD)
    proc = run_python(
        f"""
        import itertools, time
        import jakcite
        def endless():
            for i in itertools.count():
                if i % 500 == 0:
                    time.sleep(0.01)
                yield jakcite.Record(title=f"Title {{i}}")
        jakcite.write(endless(), "ris", {str(dest)!r})
        """,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not leftovers(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert leftovers(tmp_path), "the writer never started"
        time.sleep(0.3)  # well inside the conversion
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()  # never leave the endless writer behind, whatever failed
        proc.wait()
    assert proc.returncode != 0 and b"KeyboardInterrupt" in err
    assert dest.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_path_that_names_no_file_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "typo.txt")
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read(missing)
    assert str(info.value) == f"{missing}: no such file"
    assert "--" not in str(info.value)  # the Python API names no command-line flag


def test_a_folder_given_to_read_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(jakcite.ParseError, match="is a folder"):
        jakcite.read(str(tmp_path))


def test_content_is_still_content() -> None:
    assert len(jakcite.read("TY  - JOUR\nTI  - A\nER  - \n")) == 1
    assert len(jakcite.read("@article{k, title={A}}", "bibtex")) == 1
