"""Every code block of docs/enrich.md runs, against the local server: the Python blocks in
one namespace, each ``$ jakcite ...`` line of the console blocks through the command."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from enrich.conftest import Services
from jakcite.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "enrich.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(DOC.read_text(encoding="utf-8")) if lang == kind]


@pytest.fixture
def workspace(services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    """The files the page names, in a folder of their own, and the environment pointed at the server."""
    shutil.copy(FIXTURES / "000_1bb37f4966235449.txt", tmp_path / "baricitinib-page.txt")
    shutil.copy(FIXTURES / "002_7103ea8e518ac3d2.txt", tmp_path / "richter-page.txt")
    (tmp_path / "pmids.txt").write_text("36233087\n30987474\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JAKCITE_EUTILS_URL", services.url + "eutils/")
    monkeypatch.setenv("JAKCITE_IDCONV_URL", services.url + "idconv/")
    monkeypatch.setenv("JAKCITE_CROSSREF_URL", services.url + "crossref/")
    monkeypatch.setenv("JAKCITE_CACHE_DIR", str(tmp_path / "cache"))
    return services


def test_the_page_has_code_to_run() -> None:
    assert len(_blocks("python")) == 4 and len(_blocks("console")) == 1


def test_the_python_samples_run(workspace: Services) -> None:
    namespace: dict[str, object] = {}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for block in _blocks("python"):
            exec(compile(block, str(DOC), "exec"), namespace)
    lines = output.getvalue().splitlines()
    assert lines[:4] == [
        "True",
        "['Richter', 'Placeholder', 'Fixture']",
        "36233087 PMC9569651",
        "PubMed efetch PMID 36233087",
    ]
    assert lines[5:-1] == [
        "['36233087', '30987474']",
        "@article{richter2022why,",
        "PubMed efetch PMID 30987474",
        "True",
    ]
    assert lines[4] == "[]"
    assert lines[-1] == "1 merged record 2 (PMID 36233087) into record 1 (doi:10.3390/ijms231911788): same DOI"


def test_the_console_samples_run(workspace: Services, capsys: pytest.CaptureFixture[str]) -> None:
    for line in _blocks("console")[0].splitlines():
        assert line.startswith("$ jakcite ")
        assert main(shlex.split(line)[2:]) == 0, line
    assert Path("refs.bib").read_text(encoding="utf-8").count("@article{") == 2
    assert Path("fetched.ris").read_text(encoding="utf-8").count("TY  - ") == 2
