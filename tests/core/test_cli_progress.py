"""The command on a long input: a progress bar on a terminal, quiet otherwise, and Ctrl-C
stops it promptly with exit status 130 (run for real, on a pseudo-terminal)."""

from __future__ import annotations

import io
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jakcite.cli.progress import PROGRESS_AFTER, Progress

ROOT = Path(__file__).resolve().parents[2]
RECORD = """PMID- {pmid}
TI  - Tofacitinib in lupus nephritis number {pmid}.
DP  - 2019 Jul 3
AU  - Novak A
JT  - PloS one
TA  - PLoS One
"""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_for_long_inputs_only() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(stream)
        for _ in range(PROGRESS_AFTER + 1000):
            progress.tick()
        progress.close()
    assert pipe.getvalue() == ""
    shown = terminal.getvalue()
    assert f"{PROGRESS_AFTER + 1000:,} records" in shown and shown.endswith("\n")
    assert shown.count("\r") >= 4  # redrawn in place, not one line per update

    short = _Terminal()
    progress = Progress(short)
    for _ in range(PROGRESS_AFTER - 1):
        progress.tick()
    progress.close()
    assert short.getvalue() == ""


@pytest.fixture(scope="module")
def long_medline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.nbib"
    path.write_text("\n".join(RECORD.format(pmid=40_000_000 + n) for n in range(60_000)), encoding="utf-8")
    return path


def _read_until(fd: int, wanted: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_command_shows_progress_on_a_terminal_and_stops_at_ctrl_c(long_medline: Path, tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    out = tmp_path / "out.bib"
    child = subprocess.Popen(
        [sys.executable, "-m", "jakcite", "convert", str(long_medline), "--to", "bibtex", "-o", str(out)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        cwd=ROOT,
    )
    os.close(follower)
    try:
        shown = _read_until(leader, b"records", timeout=120)
        assert b"records" in shown, f"no progress on the terminal: {shown!r}"
        assert child.poll() is None, "finished before it could be interrupted; make the input longer"
        child.send_signal(signal.SIGINT)
        started = time.monotonic()
        status = child.wait(timeout=15)
        stopped_after = time.monotonic() - started
        tail = _read_until(leader, b"interrupted", timeout=5)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(leader)
    assert status == 130
    assert b"jakcite: interrupted" in shown + tail
    assert b"Traceback" not in shown + tail
    assert stopped_after < 5, f"took {stopped_after:.1f} s to stop after Ctrl-C"
