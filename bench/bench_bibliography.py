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
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

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


def timed(function: Callable[[], list[str]]) -> tuple[float, list[str]]:
    """Seconds taken and the result."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


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


def main(print_rows: bool = True, quick: bool = False) -> list[dict[str, Any]]:
    """Run the comparison; return (and print) the rows."""
    from jakcite.csl.styles import resolve_style

    rows: list[dict[str, Any]] = []
    all_items = load_items(max(SIZES))
    stock_per_entry: dict[str, float] = {}
    for style in STYLES:
        path = str(resolve_style(style).path)
        for size in SIZES:
            items = all_items[:size]
            if quick and size > 1_000:
                stock_seconds = stock_per_entry[style] * size
                label = f"stock citeproc-py, EXTRAPOLATED linearly from 1,000 ({style})"
                expected = None
            else:
                stock_seconds, expected = timed(lambda path=path, items=items: stock(path, items))
                label = f"stock citeproc-py ({style})"
                stock_per_entry[style] = stock_seconds / size
            rows.append(row(label, size, stock_seconds))
            fast_seconds, fast = timed(lambda path=path, items=items: speed_layer(path, items))
            if expected is not None:
                assert fast == expected, f"{style}: jakcite's speed layer differs from stock citeproc-py"
            rows.append(
                row(
                    f"jakcite speed layer, output identical to stock ({style})",
                    size,
                    fast_seconds,
                    "stock seconds / jakcite seconds (target >= 10)",
                    stock_seconds / fast_seconds,
                )
            )
            full_seconds, _ = timed(lambda style=style, items=items: corrected(style, items))
            rows.append(
                row(
                    f"jakcite.bibliography, corrected ({style})",
                    size,
                    full_seconds,
                    "stock seconds / jakcite seconds",
                    stock_seconds / full_seconds,
                )
            )
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
