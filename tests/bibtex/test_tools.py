"""BibTeX/BibLaTeX output proven by the real tools: bibtex, pdflatex, biber, lualatex.

Every run happens in a temporary directory with a timeout.  The LaTeX drivers and the
BibLaTeX data model extension live in ``tests/latex/``.  Classic BibTeX output is ASCII and
compiles under pdflatex; BibLaTeX output is UTF-8 (Chinese, Cyrillic titles...), so its
documents are compiled with LuaLaTeX.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import jakcite
from conftest import require_corpus, require_tool
from jakcite.model import Container, Identifiers, Pages, PartialDate, Person, Record, RichText, Segment
from jakcite.util.titles import title_to_write
from samples import every_work_type

pytestmark = [pytest.mark.tools, pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")]

LATEX = Path(__file__).resolve().parents[1] / "latex"
#: Characters pdflatex's default set-up has no mapping for (issue 17), and Latin ones it has.
PDFLATEX_TITLE = "α and ζ at 10\u2009mg: V\u0307A/Q\u0307 \u237a \u221a2 5\u2032 p\u202f<\u202f0.05 ：Zürich Łódź"
HOSTILE_TITLE = r"\immediate\write18{touch pwned} \input{/etc/passwd} }{ 100% & $x$ #1 a_b ~ ^^5c @comment{ -- ``q''"


def _run(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, errors="replace")


def _latex_errors(log: Path) -> list[str]:
    text = log.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if line.startswith("!")]


def compile_with_bibtex(bib: str, style: str, where: Path, *, shell_escape: bool = False) -> str:
    """pdflatex, bibtex, pdflatex on ``bib``; returns BibTeX's output (asserting success)."""
    for tool in ("pdflatex", "bibtex"):
        require_tool(tool)
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(LATEX / "bibtex-driver.tex", where / "doc.tex")
    (where / "refs.bib").write_text(bib, encoding="utf-8")
    (where / "style.tex").write_text(f"\\bibliographystyle{{{style}}}\n", encoding="ascii")
    latex = ["pdflatex", "-draftmode", "-interaction=nonstopmode", "-halt-on-error"]
    latex.append("-shell-escape" if shell_escape else "-no-shell-escape")
    first = _run([*latex, "doc"], where)
    assert first.returncode == 0, _latex_errors(where / "doc.log")
    bibtex = _run(["bibtex", "doc"], where)
    assert bibtex.returncode == 0, bibtex.stdout
    second = _run([*latex, "doc"], where)
    assert second.returncode == 0, _latex_errors(where / "doc.log")
    assert _latex_errors(where / "doc.log") == []
    return bibtex.stdout


def compile_with_biber(bib: str, where: Path, *, engine: str = "lualatex", timeout: int = 1800) -> str:
    """LaTeX, biber, LaTeX on ``bib`` with biblatex; returns biber's output (asserting success)."""
    for tool in (engine, "biber"):
        require_tool(tool)
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(LATEX / "biblatex-driver.tex", where / "doc.tex")
    shutil.copy(LATEX / "jakcite.dbx", where / "jakcite.dbx")
    (where / "refs.bib").write_text(bib, encoding="utf-8")
    latex = [engine, "-draftmode", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc"]
    first = _run(latex, where, timeout)
    assert first.returncode == 0, _latex_errors(where / "doc.log")
    biber = _run(["biber", "doc"], where, timeout)
    assert biber.returncode == 0, biber.stdout[-3000:]
    second = _run(latex, where, timeout)
    assert second.returncode == 0, _latex_errors(where / "doc.log")
    assert _latex_errors(where / "doc.log") == []
    return biber.stdout


def validate_with_biber(bib: str, where: Path, *, extension: bool = True) -> list[str]:
    """``biber --tool --validate-datamodel`` on ``bib``; returns its WARN and ERROR lines."""
    require_tool("biber")
    where.mkdir(parents=True, exist_ok=True)
    (where / "refs.bib").write_text(bib, encoding="utf-8")
    args = ["biber", "--tool", "--validate-datamodel", "--output-file", str(where / "out.bib")]
    if extension:
        args += ["--configfile", str(LATEX / "biber-jakcite.conf")]
    result = _run([*args, "refs.bib"], where, 1200)
    assert result.returncode == 0, result.stdout[-3000:]
    return [line for line in result.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]


def hand_records() -> list[Record]:
    """Hostile, marked-up and awkward records written by hand."""
    return [
        Record(
            title=HOSTILE_TITLE,
            authors=[Person(family="O'Hara & {Sons}", given="E%ve"), Person(family="van der Berg", given="Jan", suffix="Jr")],
            container=Container(title="J. Hack & Crack"),
            published=PartialDate(2021, 5),
            volume="3",
            issue="2",
        ),
        Record(
            title=RichText([Segment("IL-6 and CD4"), Segment("+", {"sup"}), Segment(" in "), Segment("E. coli", {"i"})]),
            authors=[Person(family="Øster", given="Ålie"), Person(family="Müller", given="Jörg")],
            authors_truncated=True,
            container=Container(title="Nature"),
            published=PartialDate(2019, season="winter"),
            article_number="e12345",
        ),
        Record(type="book", title="A book", editors=[Person(family="Smith", given="Jane")], publisher="Springer",
               published=PartialDate(2001)),
        Record(type="chapter", title="A chapter", authors=[Person(family="Adam", given="Margaret")],
               container=Container(title="GeneReviews"), published=PartialDate(1993)),
        Record(title="Anonymous note", container=Container(title="Lancet"), published=PartialDate(2020)),
        Record(
            title=PDFLATEX_TITLE, authors=[Person(family="Stroganova", given="Anna")],
            container=Container(title="J. Physiol."), published=PartialDate(2019), volume="1", pages=Pages("1", "9"),
            url="https://example.org/a_b%20c?x=1&y=2#frag", ids=Identifiers(doi="10.1000/a_b<c>"),
        ),
    ]  # fmt: skip


@pytest.mark.parametrize("style", ["plain", "unsrtnat"])
def test_hand_records_compile_with_classic_bibtex_even_with_shell_escape(style: str, tmp_path: Path) -> None:
    bib = jakcite.write(hand_records(), "bibtex") or ""
    output = compile_with_bibtex(bib, style, tmp_path, shell_escape=True)
    assert _allowed_bibtex_warnings(output, hand_records(), bib) == [] and "error message" not in output
    assert not (tmp_path / "pwned").exists()  # \write18 stayed text even with shell escape on
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert "root:" not in bbl and "root:" not in (tmp_path / "doc.log").read_text(errors="replace")
    assert "\\textbackslash{}immediate\\textbackslash{}write18" in bbl


def _allowed_bibtex_warnings(output: str, records: list[Record], bib: str) -> list[str]:
    """BibTeX's warnings that the data does not cause (an anonymous work's missing author is the data's)."""
    keys = re.findall(r"^@\w+\{([^,]+),", bib, re.MULTILINE)
    anonymous = {key for key, r in zip(keys, records, strict=True) if not r.authors and not r.editors}
    return [
        line
        for line in output.splitlines()
        if "Warning--" in line and not any(line.endswith(f"empty author in {key}") for key in anonymous)
    ]


def test_hand_records_compile_with_biblatex_and_validate(tmp_path: Path) -> None:
    records = hand_records()
    bib = jakcite.write(records, "biblatex") or ""
    keys = re.findall(r"^@\w+\{([^,]+),", bib, re.MULTILINE)
    anonymous = {k for k, r in zip(keys, records, strict=True) if not r.authors and not r.editors}
    warnings_ = validate_with_biber(bib, tmp_path / "validate")
    assert {re.sub(r".*Entry '([^']+)'.*", r"\1", w) for w in warnings_} <= anonymous, warnings_
    assert all("Missing mandatory field 'author'" in w for w in warnings_), warnings_
    output = compile_with_biber(bib, tmp_path / "doc", engine="pdflatex")
    assert not re.search(r"^(WARN|ERROR)", output, re.MULTILINE), output
    assert not (tmp_path / "doc" / "pwned").exists()
    bbl = (tmp_path / "doc" / "doc.bbl").read_text(encoding="utf-8")
    assert "\\verb{url}\n      \\verb https://example.org/a_b%20c?x=1&y=2#frag\n" in bbl  # verbatim, not a\\_b
    assert "\\field{doi}{10.1000/a_b<c>}" in bbl or "\\verb{doi}\n      \\verb 10.1000/a_b<c>\n" in bbl


@pytest.mark.parametrize("style", ["plain", "unsrtnat"])
def test_every_work_type_compiles_with_classic_bibtex(style: str, tmp_path: Path) -> None:
    output = compile_with_bibtex(jakcite.write(every_work_type(), "bibtex") or "", style, tmp_path)
    assert "Warning--" not in output and "error message" not in output


def test_every_work_type_validates_and_compiles_with_biblatex(tmp_path: Path) -> None:
    bib = jakcite.write(every_work_type(), "biblatex") or ""
    assert validate_with_biber(bib, tmp_path / "validate") == []
    output = compile_with_biber(bib, tmp_path / "doc", engine="pdflatex")
    assert not re.search(r"^(WARN|ERROR)", output, re.MULTILINE), output


# --------------------------------------------------------------------------- the PubMed corpus


@pytest.mark.slow
@pytest.mark.parametrize("style", ["plain", "unsrtnat"])
def test_pubmed_corpus_compiles_with_classic_bibtex(pubmed_records: list[Record], style: str, tmp_path: Path) -> None:
    bib = jakcite.write(pubmed_records, "bibtex") or ""
    assert bib.isascii()
    output = compile_with_bibtex(bib, style, tmp_path)
    assert _allowed_bibtex_warnings(output, pubmed_records, bib) == []
    assert "error message" not in output
    entries = len(re.findall(r"^@", bib, re.MULTILINE))
    assert entries == len(pubmed_records)
    assert (tmp_path / "doc.bbl").read_text(encoding="ascii").count("\\bibitem") == entries


def _expected_mandatory_warnings(records: list[Record], keys: list[str], bib: str) -> set[tuple[str, str]]:
    """The only warnings allowed: records that have no title, no date or (articles) no author in PubMed."""
    articles = set(re.findall(r"^@article\{([^,]+),", bib, re.MULTILINE))
    expected = set()
    for record, key in zip(records, keys, strict=True):
        if title_to_write(record) is None:  # (a title only in the original language is the title)
            expected.add((key, "Missing mandatory field 'title'"))
        if not record.authors and key in articles:
            expected.add((key, "Missing mandatory field 'author'"))  # an anonymous @article
        if record.published is None and record.epublished is None:
            expected.add((key, "Missing mandatory field - one of 'date, year' must be defined"))
    return expected


@pytest.mark.slow
def test_pubmed_corpus_validates_against_the_biblatex_data_model(pubmed_records: list[Record], tmp_path: Path) -> None:
    bib = jakcite.write(pubmed_records, "biblatex") or ""
    keys = re.findall(r"^@\w+\{([^,]+),", bib, re.MULTILINE)
    warnings_ = validate_with_biber(bib, tmp_path)
    found = set()
    for line in warnings_:
        match = re.match(r"WARN - Datamodel: Entry '([^']+)' \(refs\.bib\): (.*)$", line)
        assert match, line
        found.add((match.group(1), match.group(2)))
    assert found == _expected_mandatory_warnings(pubmed_records, keys, bib)
    assert len(found) <= 40  # PubMed records without a title, a date or an author


@pytest.mark.slow
def test_pubmed_corpus_compiles_with_biblatex_and_biber(pubmed_records: list[Record], tmp_path: Path) -> None:
    bib = jakcite.write(pubmed_records, "biblatex") or ""
    output = compile_with_biber(bib, tmp_path)
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert errors == []
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\entry{") == len(pubmed_records)


def _medline_records() -> list[Record]:
    import warnings

    folder = require_corpus("medline")
    records: list[Record] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".nbib", "")):
            records.extend(jakcite.read(path, "medline", strict=False))
    return records


#: Records per document: one LaTeX run keeps every abstract of the .bbl in memory.
_CHUNK = 300


@pytest.mark.slow
def test_pubmed_and_medline_corpus_compiles_with_pdflatex_and_biber(
    pubmed_records: list[Record], tmp_path: Path
) -> None:
    """Issue 17: BibLaTeX output for pdflatex (the default) compiles with 0 LaTeX errors."""
    records = pubmed_records + _medline_records()
    bib = jakcite.write(records, "biblatex") or ""
    entries = re.split(r"\n(?=@)", bib)
    assert len(entries) == len(records)
    for start in range(0, len(entries), _CHUNK):
        where = tmp_path / f"chunk{start}"
        output = compile_with_biber("\n".join(entries[start : start + _CHUNK]), where, engine="pdflatex")
        assert not re.search(r"^ERROR", output, re.MULTILINE), output[-3000:]
        bbl = (where / "doc.bbl").read_text(encoding="utf-8")
        assert bbl.count("\\entry{") == len(entries[start : start + _CHUNK])
