"""Shared test helpers: where the corpus is, and how tests requiring tools skip or fail.

Tests that need ``../shared/corpus`` or an external tool (biber, bibtex, node...) skip
with a clear reason when it is missing, unless ``JAKCITE_REQUIRE_TOOLS=1`` (as in CI),
which turns the skip into a failure.  Every corpus path a test opens comes from
:func:`require_corpus` (or the ``corpus`` and ``pubmed_records`` fixtures built on it);
``CORPUS`` itself is only for listing files at collection time, when the folder may be absent.
Sample records written by hand are in ``samples.py``.
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest

import jakcite
from jakcite.model import Record

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("JAKCITE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
REQUIRE_TOOLS = os.environ.get("JAKCITE_REQUIRE_TOOLS") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip locally; fail when JAKCITE_REQUIRE_TOOLS=1."""
    if REQUIRE_TOOLS:
        pytest.fail(f"{reason} (JAKCITE_REQUIRE_TOOLS=1 forbids skipping)")
    pytest.skip(reason)


def require_corpus(sub: str = "") -> Path:
    """The corpus folder (or a sub-folder), skipping when it is not there."""
    path = CORPUS / sub if sub else CORPUS
    if not path.exists():
        skip_or_fail(f"shared corpus not found at {path}")
    return path


def require_tool(name: str) -> str:
    """Full path of an external command, skipping when it is not installed."""
    found = shutil.which(name)
    if found is None:
        skip_or_fail(f"external tool {name!r} not installed")
    assert found is not None
    return found


@pytest.fixture
def corpus() -> Path:
    """The shared real-world corpus."""
    return require_corpus()


@pytest.fixture(scope="session")
def pubmed_records() -> list[Record]:
    """Every record of the corpus's PubMed XML files in file order, read leniently once per run.

    The derived ``benchmark/`` aggregate is left out: its records are copies of the others.
    """
    folder = require_corpus("pubmed-xml")
    files = sorted(p for p in folder.rglob("*.xml*") if "benchmark" not in p.parts)
    assert len(files) > 200
    records: list[Record] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            records.extend(jakcite.read(path, "pubmed-xml", strict=False))
    assert len(records) > 1500
    return records
