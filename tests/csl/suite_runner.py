"""A runner for the official CSL processor test suite (``../shared/csl-test-suite/machines``).

Each fixture is run through jakcite's public API, as a user would: ``jakcite.cite`` with
the fixture's clusters (its ``citations`` or ``citation_items``, else every item cited once
in one cluster), ``jakcite.bibliography`` for a bibliography fixture without cites.  The
same fixture can be run through stock citeproc-py (its own ``CiteProcJSON`` reader and HTML
formatter), so the two are measured by one runner.

Outputs are compared after a normalisation both sides share: HTML entities decoded,
whitespace runs collapsed, whitespace between tags dropped, and the ``..[i]`` / ``>>[i]``
markers of document-mode fixtures removed (jakcite renders the whole document at once, so
which citation changed last does not apply).

Run as a script to print the table, or to rewrite the ratchet list::

    .venv/bin/python tests/csl/suite_runner.py [--stock] [--write-passing]
"""

from __future__ import annotations

import html
import json
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

HERE = Path(__file__).resolve().parent
PASSING_LIST = HERE / "suite_passing.txt"
#: Seconds one fixture may take before it counts as failed (a hang must not stall CI).
FIXTURE_TIMEOUT = 10

Fixture = Mapping[str, Any]
Runner = Callable[[Fixture, Path], str]


@attrs.frozen
class Outcome:
    """One fixture's result: passed, or why not (the first differing line, or the error)."""

    name: str
    passed: bool
    reason: str = ""

    @property
    def category(self) -> str:
        return self.name.split("_", 1)[0]


def fixtures(machines: Path) -> Iterator[tuple[str, Fixture]]:
    """Every fixture of the suite, by name, in name order."""
    for path in sorted(machines.glob("*.json")):
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))


_MARKER = re.compile(r"^(?:\.\.|>>)\[\d+\]\s*", re.MULTILINE)
_BETWEEN_TAGS = re.compile(r">\s+<")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def normalise(text: str) -> str:
    """The comparable form of an expected or produced result."""
    text = _MARKER.sub("", text)
    text = html.unescape(text).replace("\u00a0", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in text.strip().splitlines()]
    return _BETWEEN_TAGS.sub("><", "\n".join(line for line in lines if line))


def document(fixture: Fixture) -> list[dict[str, Any]] | None:
    """The fixture's clusters in document order (``{"cites": [...], "note": N}``), or None.

    A ``citations`` fixture adds citations one at a time, each step naming the citations
    before and after it with their note numbers; the last step's order is the document.
    """
    if fixture.get("citations"):
        known: dict[str, dict[str, Any]] = {}
        notes: dict[str, int] = {}
        order: list[str] = []
        for citation, before, after in fixture["citations"]:
            ident = citation["citationID"]
            known[ident] = citation
            notes[ident] = int((citation.get("properties") or {}).get("noteIndex") or 0)
            for other, note in [*before, *after]:
                notes[other] = int(note or 0)
            order = [b[0] for b in before] + [ident] + [a[0] for a in after]
        return [{"cites": _cites(known[i]["citationItems"]), "note": notes[i] or None} for i in order]
    if fixture.get("citation_items"):
        return [{"cites": _cites(cluster)} for cluster in fixture["citation_items"]]
    return None


def _cites(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    keys = ("id", "locator", "label", "prefix", "suffix", "suppress-author", "author-only")
    return [{k: item[k] for k in keys if k in item} for item in items]


def expected(fixture: Fixture) -> str:
    return normalise(str(fixture["result"]))


def bib_block(entries: Sequence[str]) -> str:
    """Entries in citeproc-js's ``csl-bib-body`` markup."""
    body = "".join(f'  <div class="csl-entry">{entry}</div>\n' for entry in entries)
    return f'<div class="csl-bib-body">\n{body}</div>'


def _style_file(fixture: Fixture, folder: Path, name: str) -> Path:
    path = folder / f"{name}.csl"
    path.write_text(str(fixture["csl"]), encoding="utf-8")
    return path


def _registered(fixture: Fixture) -> list[Mapping[str, Any]]:
    items: list[Mapping[str, Any]] = list(fixture["input"])
    if fixture.get("bibentries"):
        wanted = [str(i) for i in fixture["bibentries"][-1]]
        by_id = {str(item["id"]): item for item in items}
        items = [by_id[i] for i in wanted if i in by_id]
    return items


def _with_uncited(clusters: list[dict[str, Any]], items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    cited = {str(c["id"]) for cluster in clusters for c in cluster["cites"]}
    return clusters + [{"cites": [{"id": str(i["id"])}]} for i in items if str(i["id"]) not in cited]


def run_jakcite(fixture: Fixture, style: Path) -> str:
    """The fixture's result through jakcite's public API, as HTML."""
    import jakcite

    items = _registered(fixture)
    clusters = document(fixture)
    if fixture["mode"] == "bibliography":
        if clusters is None:
            return bib_block(jakcite.bibliography(items, style=str(style), output="html"))
        done = jakcite.cite(items, _with_uncited(clusters, items), style=str(style), output="html")
        return bib_block(done.bibliography)
    if clusters is None:
        clusters = [{"cites": [{"id": str(item["id"])} for item in items]}]
    return "\n".join(jakcite.cite(items, clusters, style=str(style), output="html").citations)


def run_stock(fixture: Fixture, style: Path) -> str:
    """The fixture's result through stock citeproc-py (its JSON reader, its HTML formatter)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    from jakcite.csl.styles import _default_locale

    items = _registered(fixture)
    clusters = document(fixture)
    if clusters is None:
        clusters = [{"cites": [{"id": str(item["id"])} for item in items]}]
        if fixture["mode"] == "bibliography":
            clusters = [{"cites": [c]} for c in clusters[0]["cites"]]
    elif fixture["mode"] == "bibliography":
        clusters = _with_uncited(clusters, items)
    css = CitationStylesStyle(str(style), locale=_default_locale(style) or "en-US", validate=False)
    bib = CitationStylesBibliography(css, CiteProcJSON([dict(i) for i in items]), formatter.html)
    citations = []
    for cluster in clusters:
        cites = []
        for cite in cluster["cites"]:
            extra = {k: cite[k] for k in ("prefix", "suffix") if k in cite}
            if "locator" in cite:
                extra["locator"] = Locator(cite.get("label", "page"), cite["locator"])
            cites.append(CitationItem(str(cite["id"]), **extra))
        citation = Citation(cites)
        bib.register(citation)
        citations.append(citation)
    if css.has_bibliography():
        bib.sort()  # citeproc-py cannot sort without a bibliography element
    rendered = [str(bib.cite(citation, lambda item: None)) for citation in citations]
    if fixture["mode"] == "bibliography":
        return bib_block([str(entry) for entry in bib.bibliography()])
    return "\n".join(rendered)


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise _Timeout(f"took over {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _first_difference(want: str, got: str) -> str:
    for want_line, got_line in zip(want.splitlines(), got.splitlines(), strict=False):
        if want_line != got_line:
            return f"want {want_line[:160]!r} got {got_line[:160]!r}"
    return f"want {len(want.splitlines())} lines, got {len(got.splitlines())}"


def run_one(name: str, fixture: Fixture, runner: Runner, folder: Path) -> Outcome:
    """One fixture through one runner; any error is a failure with its reason."""
    import warnings

    style = _style_file(fixture, folder, name)
    try:
        with _time_limit(FIXTURE_TIMEOUT), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = normalise(runner(fixture, style))
    except Exception as exc:  # noqa: BLE001 - the runner reports every failure, it never stops
        return Outcome(name, False, f"{type(exc).__name__}: {str(exc)[:200]}")
    want = expected(fixture)
    return Outcome(name, True) if got == want else Outcome(name, False, _first_difference(want, got))


def run_suite(machines: Path, runner: Runner) -> list[Outcome]:
    """Every fixture through ``runner``."""
    with tempfile.TemporaryDirectory() as folder:
        return [run_one(name, fixture, runner, Path(folder)) for name, fixture in fixtures(machines)]


def table(results: Mapping[str, Sequence[Outcome]]) -> str:
    """Passes per category, one column per runner."""
    runners = list(results)
    categories = sorted({o.category for outcomes in results.values() for o in outcomes})
    header = f"{'category':<22} {'fixtures':>8} " + " ".join(f"{r:>14}" for r in runners)
    lines = [header, "-" * len(header)]
    for category in [*categories, "TOTAL"]:
        counts = []
        total = 0
        for runner in runners:
            outcomes = [o for o in results[runner] if category in ("TOTAL", o.category)]
            total = len(outcomes)
            counts.append(sum(o.passed for o in outcomes))
        lines.append(f"{category:<22} {total:>8} " + " ".join(f"{c:>14}" for c in counts))
    return "\n".join(lines)


def read_passing(path: Path = PASSING_LIST) -> list[str]:
    """The ratchet: fixtures known to pass (one name a line, ``#`` comments)."""
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def main(argv: Sequence[str]) -> int:
    sys.path.insert(0, str(HERE.parent))
    from conftest import SHARED

    machines = SHARED / "csl-test-suite" / "machines"
    results: dict[str, list[Outcome]] = {}
    for label, runner in [("jakcite", run_jakcite), ("citeproc-py", run_stock)]:
        if label == "citeproc-py" and "--stock" not in argv:
            continue
        start = time.perf_counter()
        results[label] = run_suite(machines, runner)
        print(f"{label}: {time.perf_counter() - start:.1f}s", file=sys.stderr)
    print(table(results))
    reasons = Counter(o.reason.split(":")[0] for o in results["jakcite"] if not o.passed and ":" in o.reason)
    print("errors:", dict(reasons.most_common(8)))
    if "--write-passing" in argv:
        names = [o.name for o in results["jakcite"] if o.passed]
        header = "# CSL test-suite fixtures jakcite passes (the ratchet: tests/csl/test_suite.py).\n"
        PASSING_LIST.write_text(header + "".join(f"{n}\n" for n in names), encoding="utf-8")
    if "--failures" in argv:
        for outcome in results["jakcite"]:
            if not outcome.passed:
                print(f"{outcome.name}: {outcome.reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
