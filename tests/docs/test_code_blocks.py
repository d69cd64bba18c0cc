"""Every code block in README.md and docs/ runs, so a documented name that does not exist fails.

The rules (docs/contributing.md, "The docs are tested"):

- ``python`` blocks run, those of one page in order in one namespace (like a notebook), in a
  scratch directory that holds a copy of ``fixtures/`` and the sample files the docs name
  (:data:`SAMPLE_FILES`). A block directly followed by a block opened under the comment
  ``<!-- output -->`` must print exactly that block's text.
- ``console`` blocks: each ``$ command`` runs in bash in the scratch directory with the
  ``jakcite`` command on ``PATH`` and must exit 0; the lines after it, when there are any, are
  its expected output (a line ``...`` matches any lines, ``...`` in a line any text); ``make`` commands are dry-run in the
  repository.  ``sh`` blocks: every line a command.
- Data blocks are read by jakcite in the format they show (``bibtex``, ``json`` as CSL-JSON,
  ``ris``, ``medline``; ``text`` that opens like MEDLINE; any block under ``<!-- sample:
  FORMAT -->`` as FORMAT): a sample is real input.
- ``latex`` documents are compiled with the bibliography the page's commands made (skipped
  without pdflatex); ``toml`` blocks must parse.  Anything else must sit under the comment
  ``<!-- not run: why -->``, which says why it cannot run.  A page whose blocks need a
  fixture of their own (``docs/enrich.md``: a local HTTP server) says ``<!-- tested by PATH:
  why -->``, and that test file must name the page.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import jakcite
from conftest import FIXTURES, ROOT

#: Names the docs use for a user's files, and the bundled fixture that stands for each.
SAMPLE_FILES = {
    "page.txt": "002_7103ea8e518ac3d2.txt",
    "paper.txt": "002_7103ea8e518ac3d2.txt",
    "copied-page.txt": "002_7103ea8e518ac3d2.txt",
    "copied-pubmed-page.txt": "002_7103ea8e518ac3d2.txt",
    "export.nbib": "pubmed-xml/cross-form.nbib",
    "refs.nbib": "pubmed-xml/cross-form.nbib",
    "pubmed-export.nbib": "pubmed-xml/cross-form.nbib",
    "references.bib": "bibtex/features.bib",
    "refs.bib": "bibtex/features.bib",
    "refs.json": "csl-json/quirks.json",
    "refs.ris": "ris/dialects.ris",
    "pubmed_result.xml": "pubmed-xml/pubmed_result.xml",
    "pubmed-lupus-set.txt": "pubmed-summary/summary-six-records.txt",
    "csv-lupus-set.csv": "pubmed-csv/csv-six-records.csv",
    "pmid-lupus-set.txt": "pmid-list/pmid-six.txt",
    "cited.txt": "citation-strings/cite-styles.txt",
    "refs.xml": "pubmed-xml/pubmed_result.xml",
}
#: Baseline-like names the docs stream from: the same XML, gzipped.
GZIPPED_SAMPLES = ("pubmed25n0001.xml.gz", "pubmed21n1001.xml.gz")

_FENCE = re.compile(r"^(?P<indent> *)```(?P<info>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
_MARK = re.compile(r"<!--\s*(output|not run:[^>]*?|sample: [\w-]+)\s*-->\s*$")
_TESTED_BY = re.compile(r"^<!--\s*tested by (\S+?):", re.M)
DATA_FORMATS = {"bibtex": "bibtex", "json": "csl-json", "ris": "ris", "medline": "medline"}


@attrs.frozen
class Block:
    page: str
    line: int
    info: str
    body: str
    #: The HTML comment just above the block: "output", "not run: ...", or None.
    mark: str | None

    def __str__(self) -> str:
        return f"{self.page}:{self.line} ({self.info or 'plain'})"


def pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def blocks_of(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        mark = _MARK.search(before)
        indent = len(match.group("indent"))
        body = "\n".join(line[indent:] for line in match.group("body").splitlines()) + "\n"
        found.append(
            Block(
                str(path.relative_to(ROOT)),
                text.count("\n", 0, match.start()) + 1,
                match.group("info"),
                body,
                mark.group(1).strip() if mark else None,
            )
        )
    return found


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    for name, fixture in SAMPLE_FILES.items():
        shutil.copy(FIXTURES / fixture, tmp_path / name)
    for name in GZIPPED_SAMPLES:
        (tmp_path / name).write_bytes(gzip.compress((FIXTURES / "pubmed-xml" / "pubmed_result.xml").read_bytes()))
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def _run_python(block: Block, namespace: dict[str, object]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block.body, str(block), "exec"), namespace)  # the docs' own code
    for name, value in list(namespace.items()):  # a block that defines tests: run them
        if name.startswith("test_") and callable(value):
            from jakcite.testing import assert_roundtrip

            kwargs = (
                {"jakcite_roundtrip": assert_roundtrip} if "jakcite_roundtrip" in value.__code__.co_varnames else {}
            )
            value(**kwargs)
            del namespace[name]
    return out.getvalue()


def _shell(command: str, where: Path) -> subprocess.CompletedProcess[str]:
    if command.startswith("make "):
        # The README's two commands: make test would run this suite again; a dry run in
        # the repository proves the target and its recipe (tests/core runs the demo itself).
        target = command.split("#", 1)[0].split()[1]
        return subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-c", command], cwd=where, env=env, capture_output=True, text=True, timeout=300)


def _matches(expected: list[str], actual: list[str]) -> bool:
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and _line_matches(expected[0], actual[0]) and _matches(expected[1:], actual[1:])


def _line_matches(expected: str, actual: str) -> bool:
    # "..." inside a line stands for any text, as doctest's ELLIPSIS.
    pattern = ".*".join(re.escape(part) for part in expected.rstrip().split("..."))
    return re.fullmatch(pattern, actual.rstrip()) is not None


def _console(block: Block, where: Path) -> None:
    command: str | None = None
    expected: list[str] = []
    steps: list[tuple[str, list[str]]] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            if command is not None:
                steps.append((command, expected))
            command, expected = line[2:], []
        elif command is not None and line.strip():
            expected.append(line)
    if command is not None:
        steps.append((command, expected))
    assert steps, f"{block}: a console block shows '$ command' lines"
    for command, output in steps:
        done = _shell(command, where)
        shown = (done.stdout + done.stderr).splitlines()
        if output and not _matches(output, shown):
            pytest.fail(f"{block}: `{command}` printed\n" + "\n".join(shown) + "\nnot\n" + "\n".join(output))
        ok = done.returncode == 0 or (output and any("error" in line for line in output))
        assert ok, f"{block}: `{command}` failed ({done.returncode}): {done.stderr}"


def _data(block: Block) -> None:
    fmt = DATA_FORMATS.get(block.info)
    if block.mark and block.mark.startswith("sample: "):
        fmt = block.mark.removeprefix("sample: ")
    if fmt is None and block.info == "text" and block.body.startswith("PMID-"):
        fmt = "medline"
    assert fmt is not None, f"{block}: say why it cannot run: <!-- not run: ... --> above it"
    records = jakcite.read(block.body, fmt)
    assert len(records) >= 1, f"{block}: a {fmt} sample that gives no record"


def _latex(block: Block, where: Path) -> None:
    engine = shutil.which("pdflatex")
    if engine is None:
        pytest.skip("pdflatex is not installed (CI installs it)")
    biber = "biblatex" in block.body
    where = where / f"latex-{block.line}"  # each document alone: no .bbl of another one
    where.mkdir()
    bib = where / "refs.bib"
    jakcite.write(jakcite.read(where.parent / "export.nbib"), "biblatex" if biber else "bibtex", bib)
    (where / "doc.tex").write_text(block.body, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "latex" / "jakcite.dbx", where)  # the page says where it lives
    tool = ["biber", "doc"] if biber else ["bibtex", "doc"]
    for step in (
        ["pdflatex", "-interaction=nonstopmode", "doc.tex"],
        tool,
        ["pdflatex", "-interaction=nonstopmode", "doc.tex"],
    ):
        if shutil.which(step[0]) is None:
            pytest.skip(f"{step[0]} is not installed (CI installs it)")
        done = subprocess.run(step, cwd=where, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{block}: {' '.join(step)} failed:\n{done.stdout[-600:]}"


def _page_ids() -> list[Path]:
    return [p for p in pages() if blocks_of(p)]


@pytest.mark.parametrize("page", _page_ids(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_code_block_of_the_page_runs(page: Path, scratch: Path) -> None:
    delegated = _TESTED_BY.search(page.read_text(encoding="utf-8"))
    if delegated:  # a page whose blocks need a fixture of their own (a local server)
        tester = ROOT / delegated.group(1)
        assert page.name in tester.read_text(encoding="utf-8"), f"{tester} does not run {page.name}"
        return
    namespace: dict[str, object] = {"__name__": "__docs__"}
    blocks = blocks_of(page)
    last_output: str | None = None
    for block in blocks:
        if block.mark == "output":
            assert last_output is not None, f"{block}: an output block follows a python block"
            assert last_output == block.body, f"{block}: the block above printed\n{last_output}"
            last_output = None
            continue
        last_output = None
        if block.mark and block.mark.startswith("not run:"):
            continue
        if block.info == "python":
            last_output = _run_python(block, namespace)
        elif block.info == "console":
            _console(block, scratch)
        elif block.info == "sh":
            for line in block.body.splitlines():
                if line.strip() and not line.startswith("#"):
                    done = _shell(line, scratch)
                    assert done.returncode == 0, f"{block}: `{line}` failed: {done.stderr}"
        elif block.info == "toml":
            pytest.importorskip("tomllib", reason="Python 3.11 reads TOML").loads(block.body)
        elif block.info == "latex" and "\\documentclass" in block.body:
            _latex(block, scratch)
        else:
            _data(block)


def test_the_rules_find_every_block() -> None:
    # The fence pattern must see indented blocks (inside list items) and every info string.
    sample = "Text\n\n1. Step:\n\n   ```console\n   $ jakcite formats\n   ```\n\n```python\nx = 1\n```\n"
    path = ROOT / "docs" / "_probe.md"
    try:
        path.write_text(sample, encoding="utf-8")
        found = blocks_of(path)
    finally:
        path.unlink()
    assert [(b.info, b.body) for b in found] == [("console", "$ jakcite formats\n"), ("python", "x = 1\n")]


def test_an_output_block_must_match(scratch: Path) -> None:
    block = Block("probe.md", 1, "python", "print('a')\n", None)
    assert _run_python(block, {}) == "a\n"
    assert _matches(["x", "...", "z"], ["x", "y1", "y2", "z"]) and not _matches(["x", "z"], ["x", "y", "z"])
    assert _matches(["OK in ... s"], ["OK in 0.31 s"]) and not _matches(["OK in ... s"], ["FAILED in 0.31 s"])
