"""Benchmark of the pubmed-xml reader: throughput against the iterparse floor, flat memory.

Run ``python bench/bench_pubmed_xml.py``.  It builds (once) ``bench/data/pubmed-xml-30k.xml``:
the corpus aggregate (``pubmed-xml/benchmark/aggregate-unique-records.xml.gz``, 1,066
records) repeated with fresh PMIDs up to 30,000 records.  Each measurement runs in a fresh
Python process, so the peak RSS (``ru_maxrss``) belongs to that operation alone:

* the floor: bare ``lxml.etree.iterparse`` over the record elements, clearing each one
  and touching nothing (the least any streaming reader must do);
* ``jakcite.iter_records``: the same file to model records;
* peak RSS of reading the 1k file and the 30k file (flat memory: the ratio stays near 1),
  from ``VmHWM`` in ``/proc/self/status`` (``ru_maxrss`` where there is no ``/proc``).

``main()`` prints the table and returns its rows as dicts with the keys ``operation``,
``records``, ``seconds``, ``mb``, ``peak_rss_mb``, ``baseline`` and ``ratio`` (plus
``records_per_s`` and ``mb_per_s``).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
SHARED = Path(os.environ.get("JAKCITE_SHARED", ROOT.parent / "shared"))
AGGREGATE = SHARED / "corpus" / "pubmed-xml" / "benchmark" / "aggregate-unique-records.xml.gz"
SMALL = DATA / "pubmed-xml-1k.xml"
LARGE = DATA / "pubmed-xml-30k.xml"
LARGE_COUNT = 30_000
FRESH_PMID_BASE = 90_000_000

_RUNNER = """
import json, resource, sys, time


def _peak_rss_mb():
    # VmHWM is this process's own high-water mark; ru_maxrss would also count the parent's
    # memory at fork time (Linux keeps it across exec), which hides a small child's peak.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


{setup}
_start = time.perf_counter()
_cpu = time.process_time()
{body}
print(json.dumps({{
    "seconds": time.perf_counter() - _start,
    "cpu_seconds": time.process_time() - _cpu,
    "records": N,
    "peak_rss_mb": _peak_rss_mb(),
}}))
"""

_FLOOR = """
N = 0
for _, elem in etree.iterparse({path!r}, events=("end",), tag=("PubmedArticle", "PubmedBookArticle"),
                               resolve_entities=False, no_network=True, load_dtd=False):
    N += 1
    elem.clear()
    while elem.getprevious() is not None:
        del elem.getparent()[0]
"""

_JAKCITE = "N = sum(1 for _ in jakcite.iter_records({path!r}, 'pubmed-xml'))"

_RECORD_RE = re.compile(r"<Pubmed(?:Book)?Article>.*?</Pubmed(?:Book)?Article>", re.S)
_RECORD_PMID_RE = re.compile(r"(<(?:MedlineCitation|BookDocument)\b[^>]*>\s*<PMID\b[^>]*>)(\d+)(</PMID>)")


def fresh_pmids(record: str, pmid: int) -> str:
    """The record with its own PMID (and its own ``pubmed`` ArticleId) replaced by ``pmid``."""
    match = _RECORD_PMID_RE.search(record)
    if match is None:
        return record
    old = match.group(2)
    record = record[: match.start(2)] + str(pmid) + record[match.end(2) :]
    return record.replace(
        f'<ArticleId IdType="pubmed">{old}</ArticleId>', f'<ArticleId IdType="pubmed">{pmid}</ArticleId>'
    )


def build_inputs() -> tuple[Path, Path]:
    """The 1k aggregate uncompressed and the 30k file with fresh PMIDs (built once)."""
    DATA.mkdir(parents=True, exist_ok=True)
    if not SMALL.exists():
        SMALL.write_bytes(gzip.decompress(AGGREGATE.read_bytes()))
    if not LARGE.exists():
        text = SMALL.read_text(encoding="utf-8")
        first = _RECORD_RE.search(text)
        assert first is not None, "no records in the aggregate"
        head = text[: first.start()]
        records = _RECORD_RE.findall(text)
        partial = LARGE.with_suffix(".partial")
        with open(partial, "w", encoding="utf-8") as out:
            out.write(head)
            for i in range(LARGE_COUNT):
                out.write(fresh_pmids(records[i % len(records)], FRESH_PMID_BASE + i))
                out.write("\n")
            out.write("</PubmedArticleSet>\n")
        partial.rename(LARGE)
    return SMALL, LARGE


def measure(setup: str, body: str, repeat: int = 1) -> dict[str, Any]:
    """Run ``body`` in a fresh interpreter (best wall time of ``repeat``)."""
    code = _RUNNER.format(setup=setup, body=textwrap.dedent(body))
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise RuntimeError(f"benchmark run failed:\n{done.stderr[-2000:]}")
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def make_row(
    operation: str, result: dict[str, Any], path: Path, baseline: str = "", ratio: float | None = None
) -> dict[str, Any]:
    """One table row."""
    mb = path.stat().st_size / 1e6
    seconds = result["seconds"]
    return {
        "operation": operation,
        "records": result["records"],
        "seconds": round(seconds, 3),
        "cpu_seconds": round(result["cpu_seconds"], 3),
        "mb": round(mb, 1),
        "records_per_s": round(result["records"] / seconds),
        "mb_per_s": round(mb / seconds, 2),
        "peak_rss_mb": round(result["peak_rss_mb"], 1),
        "baseline": baseline,
        "ratio": None if ratio is None else round(ratio, 3),
    }


def print_rows(rows: list[dict[str, Any]]) -> None:
    """The table, one line per operation."""
    print(
        f"{'operation':<44} {'records':>7} {'s':>7} {'cpu s':>7} {'MB':>6} {'rec/s':>7} {'MB/s':>6} {'RSS MB':>7} {'ratio':>6}  baseline"
    )
    for r in rows:
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}"
        print(
            f"{r['operation']:<44} {r['records']:>7} {r['seconds']:>7.2f} {r['cpu_seconds']:>7.2f} {r['mb']:>6.1f}"
            f" {r['records_per_s']:>7} {r['mb_per_s']:>6.2f} {r['peak_rss_mb']:>7.1f} {ratio:>6}  {r['baseline']}"
        )


def main() -> list[dict[str, Any]]:
    """Build the inputs, measure, print and return the rows."""
    small, large = build_inputs()
    rows = []
    results = {}
    for label, path, repeat in (("1k", small, 3), ("30k", large, 1)):
        floor = measure("from lxml import etree", _FLOOR.format(path=str(path)), repeat)
        # Plugins are loaded before the clock starts: a one-time cost, not reading.
        ours = measure("import jakcite\njakcite.formats()", _JAKCITE.format(path=str(path)), repeat)
        results[label] = ours
        rows.append(make_row(f"floor: lxml iterparse, clear, touch nothing ({label})", floor, path))
        rows.append(
            make_row(
                f"jakcite.iter_records pubmed-xml ({label})",
                ours,
                path,
                "floor time / our time (target >= 0.40)",
                floor["seconds"] / ours["seconds"],
            )
        )
        rows.append(
            make_row(
                f"  same, CPU time only ({label})",
                {**ours, "seconds": ours["cpu_seconds"]},
                path,
                "floor CPU / our CPU",
                floor["cpu_seconds"] / ours["cpu_seconds"],
            )
        )
    rows.append(
        make_row(
            "memory: peak RSS reading 30k vs 1k",
            results["30k"],
            large,
            "peak RSS 30k / peak RSS 1k (flat: near 1)",
            results["30k"]["peak_rss_mb"] / results["1k"]["peak_rss_mb"],
        )
    )
    print_rows(rows)
    return rows


if __name__ == "__main__":
    main()
