"""Round trips that once lost or changed a value (found on the corpus and by the property tests), pinned by hand.

Each expected value is written from the format's rules, not from jakcite's output: BibTeX's
name grammar, MEDLINE's ``*`` for major keywords, NLM's bracketed translated titles.
"""

from __future__ import annotations

import io

import pytest

import jakcite
from jakcite.builtin_formats.bibtex.latex_decode import latex_to_rich
from jakcite.builtin_formats.bibtex.reader import parse_name
from jakcite.check import check_roundtrip
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Identifiers,
    Keyword,
    Mark,
    Pages,
    Person,
    Record,
    RichText,
    Segment,
    WorkType,
)


def _article(**fields: object) -> Record:
    fields.setdefault("title", "A title")
    return Record(type=WorkType.JOURNAL_ARTICLE, **fields)  # type: ignore[arg-type]


def _entry_field(text: str, name: str) -> str:
    line = next(line for line in text.splitlines() if line.strip().startswith(f"{name} = "))
    return line.split(" = ", 1)[1].rstrip(",")


# --------------------------------------------------------------------------- BibTeX names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # BibTeX: in "First von Last" the von part starts at the first lower-case word.
        ("van Gogh", Person(family="Gogh", particle="van")),
        ("Vincent van Gogh", Person(family="Gogh", given="Vincent", initials="V", particle="van")),
        ("Ada Lovelace", Person(family="Lovelace", given="Ada", initials="A")),
        ("{World Health Organization}", Collective("World Health Organization")),
        ("{{}\\textbackslash{}input Investigators}", Collective("\\input Investigators")),
    ],
)
def test_bibtex_name_grammar(raw: str, expected: object) -> None:
    assert parse_name(raw) == expected


@pytest.mark.parametrize(
    ("person", "written"),
    [
        (Person(family="Inês Barroso"), "{In{\\^e}s Barroso}"),
        (Person(family="A", suffix="Jr"), "{A Jr}"),
        (Person(family="Klaauw", particle="van der"), "van der Klaauw"),
    ],
)
def test_a_name_without_given_name_never_ends_in_a_comma(person: Person, written: str) -> None:
    text = jakcite.write([_article(authors=[person])], "bibtex") or ""
    assert _entry_field(text, "author") == "{" + written + "}"
    assert check_roundtrip([_article(authors=[person])], "bibtex").ok


def test_a_group_name_opening_with_a_command_stays_a_group() -> None:
    record = _article(authors=[Collective("\\input{/etc/passwd} Investigators")])
    back = jakcite.read(jakcite.write([record], "bibtex") or "", "bibtex")[0]
    assert back.authors == (Collective("\\input{/etc/passwd} Investigators"),)


# --------------------------------------------------------------------------- BibTeX fields


def test_keyword_holding_a_separator_is_written_as_the_keywords_read_back() -> None:
    record = _article(keywords=[Keyword("a; b"), Keyword(";")])
    text = jakcite.write([record], "bibtex") or ""
    assert _entry_field(text, "keywords") == "{a, b}"
    assert check_roundtrip([record], "bibtex").ok


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_language_names_and_codes_in_any_case_read_back_as_codes(dialect: str) -> None:
    for language in ("English", "ENG", "eng"):
        record = _article(languages=[language])
        back = jakcite.read(jakcite.write([record], dialect) or "", "bibtex")[0]
        assert back.languages == ("eng",)
        assert check_roundtrip([record], dialect).ok


def test_isbn_label_is_not_an_isbn() -> None:
    record = Record(type=WorkType.BOOK, title="A book", ids=Identifiers(isbn=["ISBN 978-3-86680-192-9"]))
    text = jakcite.write([record], "bibtex") or ""
    assert _entry_field(text, "isbn") == "{978-3-86680-192-9}"
    assert check_roundtrip([record], "bibtex").ok


def test_abbreviated_last_page_is_written_expanded() -> None:
    text = jakcite.write([_article(pages=Pages(first="120", last="32"))], "bibtex") or ""
    assert _entry_field(text, "pages") == "{120--132}"


def test_duplicate_input_keys_are_made_unique_and_that_is_declared() -> None:
    records = [_article(key="Schank:80"), _article(key="Schank:80", title="Another")]
    text = jakcite.write(records, "bibtex") or ""
    assert [line for line in text.splitlines() if line.startswith("@")] == ["@misc{Schank:80,", "@misc{Schank:80a,"]
    assert check_roundtrip(records, "bibtex").ok


# --------------------------------------------------------------------------- case protection


@pytest.mark.parametrize(
    ("latex", "segments"),
    [
        ("{A Whole Title}", [Segment("A Whole Title", {Mark.NOCASE})]),
        ("a {smith} pencil", [Segment("a "), Segment("smith", {Mark.NOCASE}), Segment(" pencil")]),
        # the usual rule braces these anyway: nothing to keep
        ("Why {JAK} fails in {Europe}", [Segment("Why JAK fails in Europe")]),
        ('M{\\"u}ller', [Segment("Müller")]),
        ("g\\textsubscript{1}", [Segment("g"), Segment("1", {Mark.SUBSCRIPT})]),
        ("{as~Deterrents}", [Segment("as\u00a0Deterrents")]),
    ],
)
def test_author_braces_read_as_nocase_in_titles(latex: str, segments: list[Segment]) -> None:
    assert latex_to_rich(latex, nocase_groups=True) == RichText(segments)


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_nocase_text_round_trips_and_writes_the_same_bytes(dialect: str) -> None:
    title = RichText(
        [Segment("The "), Segment("Mirror", {Mark.NOCASE}), Segment(", the "), Segment("How We See", {Mark.NOCASE})]
    )
    record = _article(title=title)
    report = check_roundtrip([record], dialect)
    assert report.ok, report.differences
    back = jakcite.read(jakcite.write([record], dialect) or "", "bibtex")[0]
    assert back.title is not None and Segment("How We See", {Mark.NOCASE}) in back.title.segments


# --------------------------------------------------------------------------- MEDLINE


def _medline(text: str) -> Record:
    return jakcite.read(io.StringIO(text), "medline")[0]


def test_medline_star_marks_a_major_keyword_and_a_lone_star_is_a_keyword() -> None:
    record = _medline("PMID- 1\nTI  - T\nOT  - *Body Image\nOT  - *\n")
    assert record.keywords == (Keyword("Body Image", major=True), Keyword("*"))
    assert check_roundtrip([_article(keywords=[Keyword("*Body Image")])], "medline").ok


def test_medline_bracketed_title_reads_as_translated_and_the_projection_says_so() -> None:
    record = _article(title="[Behavioural addiction: a category?].")
    report = check_roundtrip([record], "medline")
    assert report.ok, report.differences
    back = _medline(jakcite.write([record], "medline") or "")
    assert back.title_translated and back.title == RichText.plain("Behavioural addiction: a category?.")


def test_one_line_medline_records_parted_by_blank_lines_are_separate_records() -> None:
    text = "".join(f"\nBTI - Book {n}\n" for n in range(6))
    assert [str(r.title) for r in jakcite.read(io.StringIO(text), "medline")] == [f"Book {n}" for n in range(6)]


def test_doubled_line_ends_are_still_recognised() -> None:
    lines = ["PMID- 1", "TI  - A title", "DP  - 2020", "FAU - Novak, Anna", "AU  - Novak A", "LA  - eng"]
    record = _medline("\n\n".join(lines) + "\n")
    assert record.ids.pmid == "1" and record.languages == ("eng",)


def test_comma_inside_a_family_name_does_not_move_it_into_the_given_name() -> None:
    record = _article(authors=[Person(family="Hunt, III", given="H. B.")])
    text = jakcite.write([record], "medline") or ""
    assert "FAU - Hunt III, H. B." in text.splitlines()
    assert check_roundtrip([record], "medline").ok


def test_label_spacing_in_an_abstract_is_written_once() -> None:
    record = _article(abstract=Abstract([AbstractSection("AIMS: x. FINDINGS:  y.")]))
    assert check_roundtrip([record], "medline").ok


# --------------------------------------------------------------------------- RIS


def test_ris_abbreviated_end_page_is_expanded() -> None:
    record = jakcite.read(io.StringIO("TY  - JOUR\nTI  - T\nSP  - 120\nEP  - 32\nER  - \n"), "ris")[0]
    assert record.pages == Pages(first="120", last="132")
