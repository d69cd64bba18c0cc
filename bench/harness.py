"""Tiny benchmark harness: run each operation in a fresh Python process.

A fresh process per operation gives an honest peak RSS (``ru_maxrss``) for that operation
alone, and keeps one operation's caches from flattering the next.  The snippet sets
``N`` (records processed) and the harness times only the snippet body, not imports.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
SHARED = ROOT.parent / "shared"
AGGREGATE = SHARED / "corpus" / "pubmed-xml" / "benchmark" / "aggregate-unique-records.xml.gz"

_RUNNER = """
import json, resource, sys, time
{setup}
_t0 = time.perf_counter()
{body}
_seconds = time.perf_counter() - _t0
# VmHWM, not ru_maxrss: ru_maxrss survives execve and so counts the parent at fork time.
_hwm = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")]
_peak = _hwm[0] / 1024 if _hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": _seconds, "records": N, "peak_rss_mb": _peak}}))
"""


def run_python(setup: str, body: str, repeat: int = 1) -> dict[str, Any]:
    """Run ``setup`` then time ``body`` (which must set ``N``) in a fresh interpreter; best of ``repeat``."""
    code = _RUNNER.format(setup=textwrap.dedent(setup), body=textwrap.dedent(body))
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise RuntimeError(f"benchmark snippet failed:\n{done.stderr[-2000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def run_alternating(snippets: list[tuple[str, str]], repeat: int = 3) -> list[dict[str, Any]]:
    """Best of ``repeat`` rounds for each ``(setup, body)``; each round runs every snippet once.

    This machine's speed drifts by 10-30% from one minute to the next. Running a baseline
    and the operations compared with it in turn, round after round, keeps a slow spell from
    landing on one side of a ratio only, and gives every ratio the same baseline figure.
    """
    best: list[dict[str, Any] | None] = [None] * len(snippets)
    for _ in range(repeat):
        for i, snippet in enumerate(snippets):
            result = run_python(*snippet)
            current = best[i]
            if current is None or result["seconds"] < current["seconds"]:
                best[i] = result
    return [b for b in best if b is not None]


def run_shell(command: str, records: int, repeat: int = 1) -> dict[str, Any]:
    """Time a shell pipeline (external tools); peak RSS is not measured for pipelines."""
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, shell=True, check=True, cwd=ROOT, capture_output=True)
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    assert best is not None
    return {"seconds": best, "records": records, "peak_rss_mb": None}


def row(
    operation: str, result: dict[str, Any], size_bytes: int | None, baseline: str = "", ratio: float | None = None
) -> dict[str, Any]:
    """One table row."""
    seconds = result["seconds"]
    return {
        "operation": operation,
        "records": result["records"],
        "seconds": seconds,
        "records_per_s": result["records"] / seconds if seconds else float("inf"),
        "mb_per_s": (size_bytes / 1e6 / seconds) if size_bytes and seconds else None,
        "peak_rss_mb": result.get("peak_rss_mb"),
        "baseline": baseline,
        "ratio": ratio,
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    """The one table `make bench` prints."""
    header = f"{'operation':<60} {'records':>8} {'seconds':>8} {'rec/s':>9} {'MB/s':>7} {'peak MB':>8}  {'ratio':>7}  baseline"
    print(header)
    print("-" * len(header))
    for r in rows:
        mbs = f"{r['mb_per_s']:.1f}" if r["mb_per_s"] is not None else "-"
        rss = f"{r['peak_rss_mb']:.0f}" if r["peak_rss_mb"] is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        print(
            f"{r['operation']:<60} {r['records']:>8} {r['seconds']:>8.3f} {r['records_per_s']:>9.0f} {mbs:>7} {rss:>8}  {ratio:>7}  {r['baseline']}"
        )
