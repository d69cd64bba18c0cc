"""The official CSL processor test suite through jakcite's public API, with a ratchet.

``tests/csl/suite_passing.txt`` lists the fixtures jakcite is known to pass: any of them
failing fails the test (a regression), and the per-category table of jakcite against stock
citeproc-py, run by the same runner (:mod:`suite_runner`), is printed and written to
``.pytest_cache/csl_suite.txt``.  A fixture that starts passing belongs in the list:
``.venv/bin/python tests/csl/suite_runner.py --write-passing`` rewrites it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, skip_or_fail

sys.path.insert(0, str(Path(__file__).resolve().parent))
import suite_runner  # beside this file, not a package import

MACHINES = SHARED / "csl-test-suite" / "machines"


@pytest.fixture(scope="module")
def machines() -> Path:
    if not MACHINES.is_dir():
        skip_or_fail(f"CSL test suite not found at {MACHINES}")
    return MACHINES


@pytest.fixture(scope="module")
def results(machines: Path) -> dict[str, list[suite_runner.Outcome]]:
    """Every fixture through jakcite and through stock citeproc-py, and the table printed."""
    found = {"jakcite": suite_runner.run_suite(machines, suite_runner.run_jakcite)}
    found["citeproc-py"] = suite_runner.run_suite(machines, suite_runner.run_stock)
    report = suite_runner.table(found)
    print("\nCSL test suite, fixtures passed per category:\n" + report)
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    (ROOT / ".pytest_cache" / "csl_suite.txt").write_text(report + "\n", encoding="utf-8")
    return found


def test_the_suite_is_all_there(results: dict[str, list[suite_runner.Outcome]]) -> None:
    assert len(results["jakcite"]) == 845


def test_no_known_passing_fixture_fails(results: dict[str, list[suite_runner.Outcome]]) -> None:
    outcomes = {o.name: o for o in results["jakcite"]}
    listed = suite_runner.read_passing()
    assert len(listed) > 500, "the ratchet list is missing or truncated"
    unknown = [name for name in listed if name not in outcomes]
    assert unknown == [], f"listed fixtures not in the suite: {unknown[:5]}"
    regressed = [f"{name}: {outcomes[name].reason}" for name in listed if not outcomes[name].passed]
    assert regressed == [], f"{len(regressed)} known-passing fixture(s) now fail:\n" + "\n".join(regressed[:10])


def test_jakcite_is_ahead_of_stock_citeproc_py(results: dict[str, list[suite_runner.Outcome]]) -> None:
    ours = sum(o.passed for o in results["jakcite"])
    stock = sum(o.passed for o in results["citeproc-py"])
    assert ours > stock, f"jakcite {ours} vs citeproc-py {stock}"


def test_the_comparison_can_fail(machines: Path, tmp_path: Path) -> None:
    """A runner giving a wrong answer fails the fixture (the ratchet is not vacuous)."""
    name, fixture = next(suite_runner.fixtures(machines))
    wrong = suite_runner.run_one(name, fixture, lambda f, s: "not the answer", tmp_path)
    assert not wrong.passed and "not the answer" in wrong.reason
    broken = suite_runner.run_one(name, fixture, lambda f, s: 1 / 0, tmp_path)  # type: ignore[arg-type, return-value]
    assert not broken.passed and "ZeroDivisionError" in broken.reason


def test_normalisation_drops_document_markers_and_layout_whitespace() -> None:
    assert suite_runner.normalise("..[0] (Smith 2000)\n>>[1] (Doe&#38;Roe  2001)") == "(Smith 2000)\n(Doe&Roe 2001)"
    assert suite_runner.normalise('<div>\n  <div class="x">A</div>\n</div>') == '<div><div class="x">A</div></div>'


def test_a_document_is_ordered_by_its_last_step() -> None:
    fixture = {
        "citations": [
            [{"citationID": "A", "citationItems": [{"id": "1"}], "properties": {"noteIndex": 1}}, [], []],
            [
                {"citationID": "B", "citationItems": [{"id": "2", "locator": "3"}], "properties": {"noteIndex": 1}},
                [],
                [["A", 2]],
            ],
        ]
    }
    assert suite_runner.document(fixture) == [
        {"cites": [{"id": "2", "locator": "3"}], "note": 1},
        {"cites": [{"id": "1"}], "note": 2},
    ]
