"""Projection pushdown: a reader told a field is not wanted leaves it out, and a conversion
whose writer does not carry it gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

import jakcite
from conftest import require_corpus
from jakcite.cli import main
from jakcite.cli.common import fields_not_written

WITH_REFERENCES = ["biopython/pubmed7.xml", "metapub/38147649.xml", "metapub/36367692.xml"]


def _sample() -> list[Path]:
    root = require_corpus("pubmed-xml")
    return [root / name for name in WITH_REFERENCES]


def test_skipping_references_builds_none_and_changes_nothing_else() -> None:
    for path in _sample():
        full = jakcite.read(path)
        lean = list(jakcite.iter_records(path, skip={"references"}))
        assert any(r.references for r in full), path
        assert all(not r.references for r in lean)
        assert [r.to_dict() | {"references": []} for r in lean] == [r.to_dict() | {"references": []} for r in full]


@pytest.mark.parametrize("to", ["bibtex", "biblatex", "ris", "csl-json", "medline"])
def test_a_conversion_gives_the_same_bytes_with_pushdown(to: str, tmp_path: Path) -> None:
    paths = _sample()
    out = tmp_path / "pushed"
    assert main(["convert", *map(str, paths), "--to", to, "-q", "-o", str(out)]) == 0
    records = [r for p in paths for r in jakcite.read(p)]  # everything built
    assert out.read_text(encoding="utf-8") == jakcite.write(records, to)


def test_cited_keeps_the_references_it_converts() -> None:
    assert "references" in fields_not_written("bibtex", cited=False)
    assert "references" not in fields_not_written("bibtex", cited=True)
    assert "mesh" not in fields_not_written("ris", cited=False)  # RIS writes MeSH as KW
