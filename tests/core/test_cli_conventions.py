"""The command behaves as pandoc and git users expect: -o says the format, -q/-v, one
warning per kind, -o is the output file everywhere, options and styles listed, completion."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES
from jakcite.cli import main

NBIB = FIXTURES / "pubmed-xml" / "cross-form.nbib"


def _bad_dois(tmp_path: Path, count: int) -> Path:
    items = [{"id": f"k{i}", "type": "article-journal", "title": f"T{i}", "DOI": f"10/bad{i}"} for i in range(count)]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def test_output_extension_says_the_format_when_to_is_absent(tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    assert main(["convert", str(NBIB), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("@article{")
    json_out = tmp_path / "refs.json"
    assert main(["convert", str(NBIB), "-o", str(json_out)]) == 0
    assert len(json.loads(json_out.read_text(encoding="utf-8"))) == 3


def test_an_ambiguous_or_unknown_extension_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(NBIB), "-o", str(tmp_path / "refs.txt")]) == 2
    assert "'.txt' is written by medline and ris; give --to" in capsys.readouterr().err
    assert main(["convert", str(NBIB), "-o", str(tmp_path / "refs.docx")]) == 2
    assert "no format writes '.docx'; give --to" in capsys.readouterr().err
    assert main(["convert", str(NBIB)]) == 2
    assert "give --to FORMAT" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_warnings_of_one_kind_are_shown_once_with_a_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _bad_dois(tmp_path, 12)
    assert main(["convert", str(source), "--to", "ris"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert "warning: DOI: malformed DOI '10/bad0'" in err[0] and "(record 1)" in err[0]
    assert (
        err[1].startswith("jakcite: 12 warnings like 'DOI: malformed DOI …") and "11 not shown; -v shows all" in err[1]
    )


def test_verbose_shows_every_warning_and_quiet_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _bad_dois(tmp_path, 3)
    assert main(["convert", str(source), "--to", "ris", "-v"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [("10/bad" + str(i)) in line for i, line in enumerate(err)] == [True, True, True]
    assert main(["convert", str(source), "--to", "ris", "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.count("TY  - ") == 3


def test_quiet_still_prints_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    assert main(["convert", str(bad), "--to", "ris", "-q"]) == 1
    assert "bad.json" in capsys.readouterr().err


def test_format_o_and_output_are_the_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = tmp_path / "refs.html"
    assert main(["format", str(NBIB), "--style", "apa", "--output", str(html)]) == 0
    assert "<i>" in html.read_text(encoding="utf-8")  # the extension chose the markup
    md = tmp_path / "refs.txt"
    assert main(["format", str(NBIB), "--style", "apa", "--markup", "markdown", "-o", str(md)]) == 0
    assert "*" in md.read_text(encoding="utf-8")
    assert capsys.readouterr().err == ""


def test_format_output_with_a_markup_name_still_works_with_a_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "refs.x"
    assert main(["format", str(NBIB), "--style", "apa", "--output", "html", "-o", str(out)]) == 0
    assert "<i>" in out.read_text(encoding="utf-8")
    assert "'--output html' names the markup: say '--markup html'" in capsys.readouterr().err


def test_formats_options_lists_each_writer_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats", "--options", "ris"]) == 0
    out = capsys.readouterr().out
    assert "    -O mesh=  one of qualified, descriptor, none (default: qualified)\n" in out
    assert "    -O bom=  true or false (default: false)\n" in out


def test_styles_searches_names_titles_and_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["styles", "american", "psychological"]) == 0
    out = capsys.readouterr().out
    assert any(line.startswith("apa ") and "APA Style 7th edition" in line for line in out.splitlines())
    assert main(["styles", "vancouver", "--field", "medicine", "--citation-format", "numeric"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("numeric" in line for line in lines)
    assert main(["styles", "no-such-style-word-xyz"]) == 1


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_every_command_and_format(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for word in ("convert", "format", "check", "styles", "csl-json", "pubmed-xml"):
        assert word in script
    assert ("-l to " if shell == "fish" else "--to") in script


def test_the_bash_completion_completes_formats_after_to(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "c.bash"
    script.write_text(capsys.readouterr().out, encoding="utf-8")
    probe = f'source {script}; COMP_WORDS=(jakcite convert x --to cs); COMP_CWORD=4; _jakcite; echo "${{COMPREPLY[@]}}"'
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["csl-json"]
