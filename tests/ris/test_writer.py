"""The RIS writer: its exact output, its options, the round trip, and the documented losses.

Expected values are written by hand from the records below.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jakcite
from jakcite import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Grant,
    HistoryDate,
    Identifiers,
    Keyword,
    Mark,
    MeshHeading,
    MeshQualifier,
    Pages,
    PartialDate,
    Person,
    Record,
    RichText,
    Season,
    Segment,
    WorkType,
)
from jakcite.builtin_formats.ris import RIS
from jakcite.builtin_formats.ris.coverage import project as _project
from jakcite.builtin_formats.ris.reader import parse_ris_date
from jakcite.builtin_formats.ris.vocabulary import READ_TYPES, WRITE_TYPES
from jakcite.builtin_formats.ris.writer import fold, format_ris_date, format_ris_name
from jakcite.util.citekeys import assign_keys


def project(record: Record, **options: Any) -> Record:
    """The RIS projection with the ``ID`` the writer gives the record written alone (its cite key)."""
    return attrs.evolve(_project(record, **options), key=assign_keys([record])[0])


def project_all(records: list[Record]) -> list[Record]:
    """The projections with the cite keys the writer gives these records written together."""
    return [attrs.evolve(_project(r), key=k) for r, k in zip(records, assign_keys(records), strict=True)]


RICH = Record(
    type=WorkType.JOURNAL_ARTICLE,
    title=RichText([Segment("Baricitinib in "), Segment("lupus", {Mark.ITALIC}), Segment(": a trial")]),
    authors=(
        Person("Novák", given="Anna", initials="A", orcid="0000-0002-1825-0097", affiliations=("Prague",)),
        Person("Smith", given="John R", suffix="Jr"),
        Collective("LUPUS-JAK Investigators"),
    ),
    container=Container(
        title="The Lancet",
        iso_abbreviation="Lancet",
        issn_print="0140-6736",
        issn_electronic="1474-547X",
        country="England",
    ),
    volume="392",
    issue="10143",
    pages=Pages("222", "231", "222-31"),
    published=PartialDate(2018, 7, 21),
    epublished=PartialDate(2018, 6, 12),
    history=(HistoryDate("received", PartialDate(2018, 1, 2)),),
    ids=Identifiers(
        pmid="29885738",
        pmcid="PMC6051536",
        doi="10.1016/S0140-6736(18)30745-9",
        nihmsid="NIHMS977777",
        pii="S0140-6736(18)30745-9",
    ),
    url="https://pubmed.ncbi.nlm.nih.gov/29885738/",
    abstract=Abstract(
        [AbstractSection("We tested it.", label="BACKGROUND"), AbstractSection("It worked.", label="FINDINGS")],
        copyright="© 2018 Elsevier",
    ),
    keywords=(Keyword("JAK inhibitor", major=True, owner="NOTNLM"),),
    mesh=(
        MeshHeading("Humans", ui="D006801"),
        MeshHeading(
            "Lupus Erythematosus, Systemic",
            major=True,
            qualifiers=(MeshQualifier("drug therapy", major=True), MeshQualifier("immunology")),
        ),
    ),
    grants=(Grant(id="R01 AR000000", agency="NIAMS"),),
    publication_types=("Journal Article", "Randomized Controlled Trial"),
    languages=("eng",),
    note="First line\nSecond line",
)

RICH_RIS = """\
TY  - JOUR
ID  - novak2018baricitinib
TI  - Baricitinib in lupus: a trial
AU  - Novák, Anna
AU  - Smith, John R, Jr
AU  - LUPUS-JAK Investigators
T2  - The Lancet
J2  - Lancet
PY  - 2018
DA  - 2018/07/21/
ET  - 2018/06/12/
VL  - 392
IS  - 10143
SP  - 222
EP  - 231
SN  - 0140-6736
SN  - 1474-547X
DO  - 10.1016/S0140-6736(18)30745-9
AN  - 29885738
M2  - PMID: 29885738
M2  - PMCID: PMC6051536
C2  - PMC6051536
C6  - NIHMS977777
UR  - https://pubmed.ncbi.nlm.nih.gov/29885738/
LA  - eng
M3  - Journal Article
M3  - Randomized Controlled Trial
AB  - BACKGROUND: We tested it. FINDINGS: It worked.
N1  - First line
N1  - Second line
KW  - JAK inhibitor
KW  - Humans
KW  - Lupus Erythematosus, Systemic/drug therapy
KW  - Lupus Erythematosus, Systemic/immunology
ER  - {blank}

""".format(blank="")

#: What RIS keeps of RICH, written out by hand from the loss table.
RICH_PROJECTED = Record(
    type=WorkType.JOURNAL_ARTICLE,
    key="novak2018baricitinib",
    title="Baricitinib in lupus: a trial",
    authors=(
        Person("Novák", given="Anna", initials="A"),
        Person("Smith", given="John R", initials="JR", suffix="Jr"),
        Collective("LUPUS-JAK Investigators"),
    ),
    container=Container(
        title="The Lancet", iso_abbreviation="Lancet", issn_print="0140-6736", issn_electronic="1474-547X"
    ),
    volume="392",
    issue="10143",
    pages=Pages("222", "231"),
    published=PartialDate(2018, 7, 21),
    epublished=PartialDate(2018, 6, 12),
    ids=Identifiers(pmid="29885738", pmcid="PMC6051536", doi="10.1016/S0140-6736(18)30745-9", nihmsid="NIHMS977777"),
    url="https://pubmed.ncbi.nlm.nih.gov/29885738/",
    abstract=Abstract([AbstractSection("BACKGROUND: We tested it. FINDINGS: It worked.")]),
    keywords=(
        Keyword("JAK inhibitor"),
        Keyword("Humans"),
        Keyword("Lupus Erythematosus, Systemic/drug therapy"),
        Keyword("Lupus Erythematosus, Systemic/immunology"),
    ),
    publication_types=("Journal Article", "Randomized Controlled Trial"),
    languages=("eng",),
    note="First line\nSecond line",
)


# --------------------------------------------------------------------------- writing


def test_writes_the_documented_tags_in_the_fixed_order() -> None:
    assert jakcite.write(RICH, RIS) == RICH_RIS


def test_round_trip_of_a_rich_record_equals_the_hand_written_projection() -> None:
    assert _project(RICH) == attrs.evolve(RICH_PROJECTED, key=None)
    (back,) = jakcite.read(jakcite.write(RICH, RIS), RIS)
    assert back == RICH_PROJECTED


def test_output_is_deterministic_and_plain_utf8_without_bom_by_default(tmp_path: Path) -> None:
    target = tmp_path / "out.ris"
    jakcite.write([RICH, RICH], RIS, target)
    data = target.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    # The second copy's ID is made unique in the file, as its BibTeX key would be.
    twice = RICH_RIS + RICH_RIS.replace("ID  - novak2018baricitinib", "ID  - novak2018baricitiniba")
    assert data.decode("utf-8") == twice
    assert jakcite.write([RICH, RICH], RIS) == twice


def test_bom_and_crlf_options_for_old_endnote(tmp_path: Path) -> None:
    target = tmp_path / "endnote.ris"
    jakcite.write(RICH, RIS, target, bom=True, crlf=True)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfTY  - JOUR\r\nID  - novak2018baricitinib\r\nTI  - ")
    assert data.count(b"\r\n") == RICH_RIS.count("\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    (back,) = jakcite.read(target)
    assert back == RICH_PROJECTED


def test_mesh_option_chooses_how_headings_become_keywords() -> None:
    descriptor = jakcite.write(RICH, RIS, mesh="descriptor")
    assert "KW  - Humans\nKW  - Lupus Erythematosus, Systemic\nER  - " in descriptor
    none = jakcite.write(RICH, RIS, mesh="none")
    assert [line for line in none.splitlines() if line.startswith("KW")] == ["KW  - JAK inhibitor"]
    (back,) = jakcite.read(none, RIS)
    assert back == project(RICH, mesh="none")
    with pytest.raises(ValueError, match="option 'mesh' takes one of"):
        jakcite.write(RICH, RIS, mesh="major")
    with pytest.raises(jakcite.FormatError, match="no option colour"):
        jakcite.write(RICH, RIS, colour=True)


def test_newlines_inside_values_cannot_start_a_fake_tag() -> None:
    hostile = Record(
        title="Harmless title\nER  - \nTY  - BOOK\nTI  - Injected",
        note="ok\r\nAU  - Mallory, Eve",
        abstract=Abstract([AbstractSection("line one\u2028KW  - fake")]),
        authors=(Person("Doe\nER  -", given="Jane"),),
    )
    text = jakcite.write(hostile, RIS)
    lines = text.splitlines()
    assert sum(line.startswith("TY  - ") for line in lines) == 1
    assert sum(line.startswith("ER  - ") for line in lines) == 1
    assert [line for line in lines if line.startswith("TI")] == ["TI  - Harmless title ER  - TY  - BOOK TI  - Injected"]
    assert not any(line.startswith("KW") for line in lines)
    (back,) = jakcite.read(text, RIS)
    assert back.title is not None and back.title.text == "Harmless title ER  - TY  - BOOK TI  - Injected"
    assert back.note == "ok\nAU  - Mallory, Eve"
    assert back.authors == (Person("Doe ER  -", given="Jane", initials="J"),)
    assert back == project(hostile)


def test_fold_and_name_and_date_formats() -> None:
    assert fold("  a\n  b\r\nc\u2029d ") == "a b c d"
    assert format_ris_name(Person("Berg", given="Anna", particle="van der")) == "van der Berg, Anna"
    assert format_ris_name(Person("Plato")) == "Plato,"
    assert format_ris_name(Person("Lee", initials="JH")) == "Lee, JH"
    assert format_ris_date(PartialDate(2019)) == "2019///"
    assert format_ris_date(PartialDate(2019, 7)) == "2019/07//"
    assert format_ris_date(PartialDate(2000, season=Season.SPRING)) == "2000///Spring"
    ranged = PartialDate(2019, 9, end=PartialDate(2019, 10), literal="2019 Sep-Oct")
    assert format_ris_date(ranged) == "2019/09//2019 Sep-Oct"
    assert parse_ris_date("2019/09//2019 Sep-Oct") == (ranged, None)
    assert parse_ris_date("2000///Spring") == (PartialDate(2000, season=Season.SPRING), None)


def test_article_number_goes_to_c7_and_to_sp_without_pages() -> None:
    record = Record(title="E-only", article_number="e0180707", published=PartialDate(2017))
    text = jakcite.write(record, RIS)
    assert "SP  - e0180707\nC7  - e0180707\n" in text
    (back,) = jakcite.read(text, RIS)
    assert back.pages is None and back.article_number == "e0180707"
    assert back == project(record)


def test_every_work_type_has_a_ty_that_reads_back_to_it() -> None:
    for work_type, ty in WRITE_TYPES.items():
        expected = WorkType.JOURNAL_ARTICLE if work_type is WorkType.REVIEW else work_type
        assert READ_TYPES.get(ty, WorkType.OTHER) is expected
        record = Record(type=work_type, title="T", edition="2nd", number="7", published=PartialDate(2001))
        (back,) = jakcite.read(jakcite.write(record, RIS), RIS)
        assert back == project(record), work_type


def test_a_record_that_cannot_be_written_names_itself() -> None:
    broken = Record(key="bad-key", title="x")
    object.__setattr__(broken, "type", "not-a-type")
    with pytest.raises(jakcite.WriteError, match="bad-key"):
        jakcite.write(broken, RIS)


def test_docs_page_lists_every_declared_loss_and_option() -> None:
    from jakcite.builtin_formats.ris.coverage import LOSSES

    page = (Path(__file__).resolve().parents[2] / "docs" / "formats" / "ris.md").read_text(encoding="utf-8")
    for loss in LOSSES:
        assert f"| `{loss.field}` | {loss.kind} | {loss.note} |" in page
    for option in RIS.options:
        assert f"| `{option}` |" in page


def test_command_passes_writer_options(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "in.ris"
    source.write_text("TY  - JOUR\nTI  - x\nER  - \n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "jakcite", "convert", str(source), "--to", "ris", "-O", "bom=true", "-O", "crlf=true"],
        capture_output=True,
        check=True,
    )
    assert done.stdout == b"\xef\xbb\xbfTY  - JOUR\r\nID  - anonndx\r\nTI  - x\r\nER  - \r\n\r\n"


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_LINEY = st.lists(
    st.sampled_from(["\n", "\r\n", "\r", "\u2028", "ER  - ", "TY  - BOOK", "KW  - x", " "]) | _TEXT, max_size=6
).map("".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(title=_LINEY, note=_LINEY, keyword=_LINEY, family=_LINEY)
def test_arbitrary_line_breaks_never_break_the_record_structure(
    title: str, note: str, keyword: str, family: str
) -> None:
    record = Record(
        title=title or None,
        note=note or None,
        keywords=[Keyword(keyword)] if keyword.strip() else [],
        authors=[Person(family, given="A")] if family.strip() else [],
    )
    text = jakcite.write([record, record], RIS)
    lines = text.split("\n")
    assert sum(line.startswith("TY  - ") for line in lines) == 2
    assert sum(line.startswith("ER  - ") for line in lines) == 2
    assert all(line == "" or re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)
    back = jakcite.read(text, RIS)
    assert list(back) == project_all([record, record])


def test_a_date_before_year_zero_is_not_written() -> None:
    record = Record(title="Ides", published=PartialDate(-44, 3, 15), accessed=PartialDate(2020, 1, 2))
    text = jakcite.write(record, RIS)
    assert "PY" not in text and "DA" not in text and "Y2  - 2020/01/02/\n" in text
    (back,) = jakcite.read(text, RIS)
    assert back.published is None and back == project(record)


def test_group_names_with_commas_are_written_as_they_read_back() -> None:
    # RIS cannot mark a group author: "Family, Given" with a comma is a person.
    record = Record(authors=(Collective("Department of Surgery,University X"), Collective(", Group")))
    text = jakcite.write(record, RIS)
    assert "AU  - Department of Surgery, University X\nAU  - , Group\n" in text
    (back,) = jakcite.read(text, RIS)
    assert back.authors == (
        Person("Department of Surgery", given="University X", initials="UX"),
        Collective(", Group"),
    )
    assert back == project(record)
    assert jakcite.write(back, RIS) == text


def test_writer_cleans_what_would_not_read_back_the_same() -> None:
    record = Record(
        authors=(Collective("Alex A. J."),),  # reads back as Embase-style "family initials"
        container=Container(issn_print="2689-6575(ELECTRONIC)", issn_electronic="26896567"),
        ids=Identifiers(isbn=("ISBN 978-85-63994-24-0", "ISBN")),
        pages=Pages(first="-"),
        note="PMID: 23439512\nSeen in print",
    )
    text = jakcite.write(record, RIS)
    assert text == (
        "TY  - JOUR\nID  - alexnduntitled\nAU  - Alex A., J.\nSN  - 2689-6575\nSN  - 2689-6567\nSN  - 978-85-63994-24-0\nSN  - ISBN\n"
        "AN  - 23439512\nM2  - PMID: 23439512\nN1  - Seen in print\nER  - \n\n"
    )
    (back,) = jakcite.read(text, RIS)
    assert back.ids.pmid == "23439512" and back.note == "Seen in print"
    assert back.extra == (("ris:SN", "ISBN"),)
    assert back == project(record)
    assert jakcite.write(back, RIS) == text


def test_a_pmid_note_line_that_differs_stays_a_note() -> None:
    (record,) = jakcite.read("TY  - JOUR\nAN  - 1\nDP  - NLM\nN1  - PMID: 2\nER  - \n", RIS)
    assert record.ids.pmid == "1" and record.note == "PMID: 2"


def test_unknown_tags_survive_a_ris_round_trip_in_their_order() -> None:
    """Issue 17: fixtures/ris/unknown-tags.ris (written by us) holds tags jakcite has no slot for."""
    from conftest import FIXTURES
    from jakcite.check import check_roundtrip

    records = jakcite.read(FIXTURES / "ris" / "unknown-tags.ris", "ris")
    assert [tag for tag, _ in records[0].extra] == [
        "ris:DB", "ris:DP", "ris:LB", "ris:L1", "ris:C1", "ris:RN", "ris:CA", "ris:ZZ",
    ]  # fmt: skip
    text = jakcite.write(records, "ris") or ""
    assert "ZZ  - a tag no RIS writer defines\n" in text and "L1  - file:///home/jane/papers/smith2020.pdf\n" in text
    back = jakcite.read(text, "ris")
    assert [r.extra for r in back] == [r.extra for r in records]
    report = check_roundtrip(records, "ris")
    assert [d for d in report.differences if d.field.startswith("extra")] == []
