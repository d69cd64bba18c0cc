"""Shared test helpers: where the corpus is, and how tests requiring tools skip or fail.

Tests that need ``../shared/corpus`` or an external tool (biber, bibtex, node...) skip
with a clear reason when it is missing, unless ``JAKCITE_REQUIRE_TOOLS=1`` (as in CI),
which turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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
