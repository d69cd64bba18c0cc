"""The RIS reader: the dialects fixture read by hand, names and dates as exporters write them, errors, sniffing and streaming.

Expected values are written by hand from reading the inputs (``fixtures/ris/dialects.ris``
is described in ``fixtures/SOURCES.md``).
"""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest

import jakcite
from conftest import FIXTURES
from jakcite import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    HistoryDate,
    Pages,
    PartialDate,
    Person,
    Season,
    WorkType,
)
from jakcite.builtin_formats.ris import RIS
from jakcite.builtin_formats.ris.coverage import project
from jakcite.builtin_formats.ris.reader import parse_ris_date, parse_ris_name
from jakcite.builtin_formats.ris.sniffer import sniff
from jakcite.util.citekeys import assign_keys

RIS_FIXTURES = FIXTURES / "ris"


def test_reads_the_dialects_fixture_by_hand() -> None:
    records = jakcite.read(RIS_FIXTURES / "dialects.ris")
    assert len(records) == 4
    endnote, ovid, pmc, zotero = records

    assert endnote.key == "369"
    assert endnote.ids.pmid == "21553931"  # AN with DP NLM
    assert endnote.ids.doi == "10.2165/11586800-000000000-00000"
    assert endnote.authors == (
        Person("Abdel-Tawab", given="M.", initials="M"),
        Person("Werz", given="O.", initials="O"),
    )
    assert endnote.published == PartialDate(2011, 6)  # DA "Jun" takes PY's year
    assert endnote.epublished == PartialDate(2011, 5, 11)
    assert [k.term for k in endnote.keywords] == ["Animals", "Boswellia/*chemistry", "Humans"]
    assert endnote.abstract == Abstract([AbstractSection("First paragraph of the abstract. Second paragraph.")])
    assert endnote.pages == Pages("349", "369")  # SP 349-69, expanded
    assert endnote.container == Container(title="Clin Pharmacokinet", issn_print="0312-5963")
    assert endnote.languages == ("eng",)
    assert endnote.extra == (("ris:DP", "NLM"),)

    assert ovid.title is not None and ovid.title.text == "The influence of self-criticism."
    assert ovid.authors == (Person("Trindade", given="Ines A", initials="IA"), Person("Liu", given="R.", initials="R"))
    assert ovid.published == PartialDate(2019)
    assert ovid.ids.doi == "10.1002/cpp.2398"  # from M3
    assert ovid.publication_types == ()
    assert ovid.container == Container(title="Clinical Psychology & Psychotherapy")
    assert ovid.extra == (("ris:NL", "Clin Psychol Psychother"),)  # a tag Ovid writes after ER

    assert pmc.published == PartialDate(2013, 4, 18)
    assert pmc.history == (HistoryDate("received", PartialDate(2013, 2, 15)),)
    assert (pmc.ids.pmid, pmc.ids.pmcid) == ("23690738", "PMC3654245")
    assert pmc.article_number == "219840" and pmc.pages is None
    assert pmc.note == "Cited By :44"
    assert pmc.container == Container(title="ScientificWorldJournal")
    assert pmc.publication_types == ("Review",)
    assert pmc.extra == ()

    assert zotero.type is WorkType.OTHER
    assert zotero.authors == (Collective("LUPUS-JAK Investigators"),)
    assert zotero.published == PartialDate(2000, season=Season.SPRING)
    assert zotero.ids.pmid == "12345678"
    assert zotero.url == "https://example.org/a"
    assert zotero.extra == (("ris:UR", "https://example.org/b"), ("ris:L2", "https://example.org/full"))

    messages = [d.message for d in records.diagnostics]
    assert any("after 'ER  - '" in m for m in messages)
    assert any("no closing 'ER  - '" in m for m in messages)
    assert [d.line for d in records.diagnostics if "no closing" in d.message] == [53]
    assert [r.provenance.line for r in records] == [1, 26, 37, 53]


def test_dialect_fixture_round_trips_and_rewrites_identically() -> None:
    records = jakcite.read(RIS_FIXTURES / "dialects.ris")
    text = jakcite.write(records, RIS)
    again = jakcite.read(text, RIS)
    assert list(again) == [attrs.evolve(project(r), key=k) for r, k in zip(records, assign_keys(records), strict=True)]
    assert jakcite.write(again, RIS) == text


def test_a_ty_with_no_exact_work_type_is_kept_and_written_back() -> None:
    (record,) = jakcite.read("TY  - CPAPER\nTI  - Talk\nER  - \n", RIS)
    assert record.type is WorkType.CONFERENCE_PAPER
    assert record.extra == (("ris:TY", "CPAPER"),)
    assert jakcite.write(record, RIS) == "TY  - CPAPER\nID  - anonndtalk\nTI  - Talk\nER  - \n\n"


def test_reader_lists_extras_in_the_writers_tag_order() -> None:
    text = "TY  - JOUR\nDB  - Embase\nM1  - address junk\nUR  - https://a\nUR  - https://b\nER  - \n"
    (record,) = jakcite.read(text, RIS)
    assert record.extra == (("ris:M1", "address junk"), ("ris:UR", "https://b"), ("ris:DB", "Embase"))
    assert jakcite.write(record, RIS) == (
        "TY  - JOUR\nID  - anonnduntitled\nM1  - address junk\nUR  - https://a\nUR  - https://b\nDB  - Embase\nER  - \n\n"
    )


def test_a_list_of_page_ranges_keeps_its_wording_in_extra() -> None:
    (record,) = jakcite.read("TY  - BOOK\nSP  - 2-xx, 320\nER  - \n", RIS)
    assert record.pages == Pages("2", "xx")
    assert record.extra == (("ris:SP", "2-xx, 320"),)
    (again,) = jakcite.read(jakcite.write(record, RIS), RIS)
    assert again == attrs.evolve(record, key="anonnduntitled")


def test_names_as_exporters_write_them() -> None:
    assert parse_ris_name("Valle-Delgado,J. J. ") == Person("Valle-Delgado", given="J. J.", initials="JJ")
    assert parse_ris_name("Adler D.G.") == Person("Adler", given="D.G.", initials="DG")
    assert parse_ris_name("Smith, John, Jr") == Person("Smith", given="John", initials="J", suffix="Jr")
    assert parse_ris_name("World Health Organization") == Collective("World Health Organization")
    assert parse_ris_name("Plato,") == Person("Plato")
    # A trailing V is an initial, not the suffix "the fifth": suffixes are only the third part.
    assert parse_ris_name("Filatov, Max V") == Person("Filatov", given="Max V", initials="MV")


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("2019///", None, PartialDate(2019)),
        ("2021/06//", None, PartialDate(2021, 6)),
        ("2022/11/05/", None, PartialDate(2022, 11, 5)),
        ("2016/12//", None, PartialDate(2016, 12)),
        ("2013/04/18", None, PartialDate(2013, 4, 18)),
        ("2019//", None, PartialDate(2019)),
        ("Jun", 2011, PartialDate(2011, 6)),
        ("SPR", 2020, PartialDate(2020, season=Season.SPRING)),
        ("SEP-OCT", 2020, PartialDate(2020, 9, end=PartialDate(2020, 10), literal="2020 SEP-OCT")),
    ],
)
def test_ris_dates(text: str, hint: int | None, expected: PartialDate) -> None:
    assert parse_ris_date(text, year_hint=hint) == (expected, None)


def test_unabsorbed_fourth_date_part_is_kept_in_extra() -> None:
    assert parse_ris_date("2019/07//undefined") == (PartialDate(2019, 7), "undefined")
    (record,) = jakcite.read("TY  - JOUR\nPY  - 2019\nDA  - 2019/07//undefined\nER  - \n", RIS)
    assert record.published == PartialDate(2019, 7)
    assert record.extra == (("ris:DA", "2019/07//undefined"),)


def test_a_file_that_is_not_ris_is_refused_clearly() -> None:
    wos = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Parkes-Loach, PS\nTI A title\nER\nEF\n"
    with pytest.raises(jakcite.ParseError, match="Web of Science's own tagged format") as info:
        jakcite.read(wos, RIS)
    assert info.value.line == 1


def test_record_without_ty_is_a_parse_error_or_skipped_when_lenient() -> None:
    text = "TY  - JOUR\nTI  - Good\nER  - \n\nTI  - Orphan title\nAU  - Doe, J\nER  - \nTY  - JOUR\nTI  - Also good\nER  - \n"
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read(text, RIS)
    assert str(info.value) == "<string>:5: TY tag expected, found 'TI': a record must start with 'TY  - ' (record 2)"
    lenient = jakcite.read(text, RIS, strict=False)
    assert [r.title.text for r in lenient if r.title] == ["Good", "Also good"]
    assert [(d.line, d.record, d.skipped) for d in lenient.skipped] == [(5, 2, True)]


def test_bad_identifiers_are_kept_in_extra_not_dropped() -> None:
    text = "TY  - JOUR\nDO  - not a doi\nSN  - ISSN unknown\nC6  - DEC 2019\nER  - \n"
    (record,) = jakcite.read(text, RIS)
    assert record.ids.doi is None
    assert record.extra == (("ris:SN", "ISSN unknown"), ("ris:DO", "not a doi"), ("ris:C6", "DEC 2019"))
    assert any("DO 'not a doi' kept in extra" in w for w in record.provenance.warnings)


def test_sniffer_and_detection_of_ris_in_a_txt_file(tmp_path: Path) -> None:
    assert sniff("\n\nTY  - JOUR\nTI  - x\n") > 0.9
    assert sniff("1.\nTY  - JOUR\n") > 0.9
    assert sniff("PMID- 123\nTI  - x\n") == 0.0
    path = tmp_path / "export.txt"
    path.write_text("\nTY  - JOUR\nTI  - From a .txt\nER  - \n", encoding="utf-8")
    (record,) = jakcite.read(path)
    assert record.provenance.format == "ris"


def test_reading_streams_records_one_at_a_time() -> None:
    text = "TY  - JOUR\nTI  - one\nER  - \n" * 3
    stream = io.BytesIO(text.encode())
    records = jakcite.iter_records(stream, RIS)
    first = next(records)
    assert first.title is not None and first.title.text == "one"
    assert len(list(records)) == 2


def test_pubmed_html_character_references_are_decoded() -> None:
    """Issue 17: PubMed's RIS export writes ``p &lt; 0.001``."""
    text = (
        "TY  - JOUR\nTI  - IL-6 &amp; TNF in mice\nAB  - Lower (p &lt; 0.001) and &#8805;2 doses,\n"
        "      &#x3b1;-synuclein; AT&T and R&D stay.\nER  - \n"
    )
    (record,) = jakcite.read(text, RIS)
    assert record.title is not None and record.title.text == "IL-6 & TNF in mice"
    assert record.abstract is not None
    assert record.abstract.text == "Lower (p < 0.001) and ≥2 doses, α-synuclein; AT&T and R&D stay."
    written = jakcite.write(record, RIS) or ""
    assert "AB  - Lower (p < 0.001)" in written
    literal = attrs.evolve(record, title=jakcite.RichText.plain("The &lt; entity, literally"))
    (back,) = jakcite.read(jakcite.write(literal, RIS), RIS)
    assert back.title is not None and back.title.text == "The &lt; entity, literally"
