"""``jakcite cite``: pandoc citation syntax in, citations (and the bibliography) out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jakcite.cli import main
from jakcite.cli.cite import parse_cluster

WORKS = [
    {"id": "smith2020", "type": "book", "title": "Cells", "publisher": "Norton",
     "author": [{"family": "Smith", "given": "John"}], "issued": {"date-parts": [[2020]]}},
    {"id": "jones2019", "type": "book", "title": "Tissues", "publisher": "Wiley",
     "author": [{"family": "Jones", "given": "Ann"}], "issued": {"date-parts": [[2019]]}},
]  # fmt: skip


@pytest.fixture
def refs(tmp_path: Path) -> Path:
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(WORKS), encoding="utf-8")
    return path


def test_pandoc_citations_are_clusters() -> None:
    assert parse_cluster("[see @smith2020, p. 23; @jones2019]") == [
        {"id": "smith2020", "prefix": "see ", "locator": "23", "label": "page"},
        {"id": "jones2019"},
    ]
    assert parse_cluster("[-@smith2020, chap. 4, and elsewhere]") == [
        {"id": "smith2020", "suppress-author": True, "locator": "4", "label": "chapter", "suffix": ", and elsewhere"}
    ]
    assert parse_cluster("@jones2019") == [{"id": "jones2019"}]


def test_citations_and_bibliography(refs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["cite", str(refs), "--style", "apa", "[see @smith2020, p. 23; @jones2019]", "[-@smith2020]", "--bibliography"]
    )
    assert code == 0
    assert capsys.readouterr().out == (
        "(Jones, 2019; see Smith, 2020, p. 23)\n(2020)\nJones, A. (2019). Tissues. Wiley.\nSmith, J. (2020). Cells. Norton.\n"
    )


def test_arguments_are_one_document(refs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", str(refs), "--style", "vancouver", "[@jones2019]", "[@smith2020; @jones2019]"]) == 0
    assert capsys.readouterr().out == "(1)\n(1,2)\n"


def test_an_unknown_key_is_one_line_exit_1(refs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", str(refs), "[@nobody]"]) == 1
    assert capsys.readouterr().err == "jakcite: error: cannot cite 'nobody': no record has this id\n"


def test_a_citation_without_a_key_is_a_usage_error(refs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", str(refs), "[see p. 4]"]) == 2
    assert "not a citation" in capsys.readouterr().err
