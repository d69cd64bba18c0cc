"""Benchmark: formatted bibliographies, jakcite against stock citeproc-py in the same run.

Run ``python bench/bench_bibliography.py`` (``--quick`` measures stock citeproc-py on
1,000 entries only and extrapolates 10,000 linearly, labelled as such; stock has
quadratic steps, so the extrapolation flatters it).  Inputs: the corpus aggregate
(``pubmed-xml/benchmark/aggregate-unique-records.xml.gz``, 1,066 records) read with
jakcite and mapped to CSL-JSON, repeated with fresh ids up to 10,000 items.

For apa and vancouver at 1,000 and 10,000 entries it times:

* **stock**: citeproc-py as documented (``CiteProcJSON``, ``CitationStylesStyle``,
  ``CitationStylesBibliography`` with the plain formatter; register, sort, render);
* **jakcite speed layer**: the same input through jakcite's processor with corrections
  off and the same formatter, style parsed afresh (no warm cache), items read by
  ``jakcite.csl.items.stock_references`` (citeproc-py's ``CiteProcJSON`` with a short cut
  for untagged strings, building the same objects); its output is asserted identical to
  stock's, entry for entry;
* **jakcite corrected**: ``jakcite.csl.bibliography(items, style)``, what users call
  (corrections on, so the output differs from stock by design; the ratio is still
  against the same stock run).

Each run is a fresh interpreter (items prepared in setup, untimed), and the three run in
turn: three rounds at 1,000 entries (best of each), one at 10,000. In one process, runs
after the first are not alike (stock citeproc-py speeds up, the speed layer slows down as
garbage accumulates), and this machine's speed drifts from minute to minute.

No cache keyed on item data is used anywhere (no rendered names, dates or entries are
remembered by content): jakcite caches only what derives from the style, its locales and
the formatter (compiled render functions, terms, options), so repeating the aggregate's
records under fresh ids does not flatter it.

``main()`` returns the rows as dicts with ``operation``, ``records``, ``seconds``,
``baseline`` and ``ratio`` (stock seconds / jakcite seconds: higher is better, target >= 10).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

AGGREGATE = ROOT.parent / "shared" / "corpus" / "pubmed-xml" / "benchmark" / "aggregate-unique-records.xml.gz"
STYLES = ("apa", "vancouver")
SIZES = (1_000, 10_000)


def load_items(count: int) -> list[dict[str, Any]]:
    """``count`` CSL-JSON items: the aggregate's records, repeated with fresh ids."""
    import jakcite
    from jakcite.csl import csl_items

    base = csl_items(jakcite.read(AGGREGATE, "pubmed-xml"))
    items = []
    for index in range(count):
        item = copy.deepcopy(base[index % len(base)])
        item["id"] = f"bench-{index}"
        items.append(item)
    return items


def stock(style_path: str, items: Sequence[dict[str, Any]]) -> list[str]:
    """Stock citeproc-py, used as its documentation shows."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON(items)
        style = CitationStylesStyle(style_path, locale="en-US", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(str(item["id"]))]))
        bibliography.sort()
        return [str(entry) for entry in bibliography.bibliography()]


def speed_layer(style_path: str, items: Sequence[dict[str, Any]]) -> list[str]:
    """jakcite's processor, corrections off, same input and formatter as stock (the items
    read by :class:`jakcite.csl.items.StockJSON`, which builds what ``CiteProcJSON`` builds)."""
    from citeproc import formatter

    from jakcite.csl.items import stock_references
    from jakcite.csl.processor import Processor
    from jakcite.csl.styles import resolve_style

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        references = stock_references(items)
    processor = Processor(resolve_style(style_path), "en-US", corrected=False, formatter=formatter.plain)
    return [entry for _, entry in processor.bibliography(references)]


def corrected(style_name: str, items: Sequence[dict[str, Any]]) -> list[str]:
    """What users call: ``jakcite.csl.bibliography`` (fresh processor, corrections on)."""
    from jakcite.csl import bibliography
    from jakcite.csl.processor import _cached

    _cached.cache_clear()
    return bibliography(items, style=style_name)


def row(operation: str, records: int, seconds: float, baseline: str = "", ratio: float | None = None) -> dict[str, Any]:
    """One table row (the keys bench/run.py prints)."""
    return {
        "operation": operation,
        "records": records,
        "seconds": seconds,
        "records_per_s": records / seconds if seconds else float("inf"),
        "mb_per_s": None,
        "peak_rss_mb": None,
        "baseline": baseline,
        "ratio": ratio,
    }


#: Rounds at each size: at 1,000 entries a round is quick enough to repeat (best of three).
ROUNDS = {1_000: 3, 10_000: 1}


def _snippet(method: str, style: str, size: int, output: Path) -> tuple[str, str]:
    """A fresh interpreter's setup (items, untimed) and timed body running ``method``."""
    # The corrected path takes the style's name, as users give it; the others its file.
    target = repr(style) if method == "corrected" else f"str(resolve_style({style!r}).path)"
    setup = f"""
        import json, sys, warnings
        sys.path.insert(0, {str(ROOT / "bench")!r})
        warnings.simplefilter("ignore")
        import bench_bibliography as b
        from jakcite.csl.styles import resolve_style
        items = b.load_items({size})
        target = {target}
        """
    # Writing the entries (for the equality check) is timed on every side alike.
    body = f"""
        entries = b.{method}(target, items)
        open({str(output)!r}, "w", encoding="utf-8").write(json.dumps(entries))
        N = {size}
        """
    return setup, body


def _measure(style: str, size: int, methods: Sequence[str], workdir: Path) -> dict[str, tuple[float, list[str]]]:
    """Best seconds and the entries of each method, fresh interpreters in turn, round after round.

    One process per run: in one process, runs after the first are not alike (stock
    citeproc-py speeds up, the speed layer slows down as garbage accumulates).
    """
    from harness import run_alternating

    outputs = [workdir / f"{method}-{style}-{size}.json" for method in methods]
    results = run_alternating(
        [_snippet(method, style, size, output) for method, output in zip(methods, outputs, strict=True)],
        repeat=ROUNDS.get(size, 1),
    )
    return {
        method: (result["seconds"], json.loads(output.read_text(encoding="utf-8")))
        for method, result, output in zip(methods, results, outputs, strict=True)
    }


def main(print_rows: bool = True, quick: bool = False) -> list[dict[str, Any]]:
    """Run the comparison; return (and print) the rows."""
    rows: list[dict[str, Any]] = []
    stock_per_entry: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for style in STYLES:
            for size in SIZES:
                extrapolate = quick and size > 1_000
                methods = ("speed_layer", "corrected") if extrapolate else ("stock", "speed_layer", "corrected")
                measured = _measure(style, size, methods, Path(tmp))
                if extrapolate:
                    stock_seconds = stock_per_entry[style] * size
                    label = f"stock citeproc-py, EXTRAPOLATED linearly from 1,000 ({style})"
                else:
                    stock_seconds, expected = measured["stock"]
                    assert measured["speed_layer"][1] == expected, (
                        f"{style}: jakcite's speed layer differs from stock citeproc-py"
                    )
                    label = f"stock citeproc-py ({style})"
                    stock_per_entry[style] = stock_seconds / size
                rows.append(row(label, size, stock_seconds))
                for method, label, baseline in (
                    (
                        "speed_layer",
                        f"jakcite speed layer, output identical to stock ({style})",
                        "stock seconds / jakcite seconds (target >= 10)",
                    ),
                    ("corrected", f"jakcite.bibliography, corrected ({style})", "stock seconds / jakcite seconds"),
                ):
                    seconds = measured[method][0]
                    rows.append(row(label, size, seconds, baseline, stock_seconds / seconds))
                if print_rows:
                    for done in rows[-3:]:
                        _print_row(done)
    return rows


def _print_row(entry: dict[str, Any]) -> None:
    ratio = f"{entry['ratio']:.1f}x" if entry["ratio"] is not None else ""
    print(
        f"{entry['operation']:<70} {entry['records']:>6} {entry['seconds']:>9.2f}s {entry['records_per_s']:>8.0f}/s {ratio:>7}",
        flush=True,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="extrapolate stock at 10,000 from 1,000 (labelled)")
    main(quick=parser.parse_args().quick)
