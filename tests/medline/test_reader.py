"""The MEDLINE reader: every tag family, quirks, errors; expected values read by hand."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import jakcite
from conftest import FIXTURES, require_corpus
from jakcite.builtin_formats.medline import MEDLINE
from jakcite.builtin_formats.medline.reader import (
    bracketed_title,
    parse_abstract,
    parse_full_name,
    parse_grant,
    parse_history,
    parse_mesh,
    parse_short_name,
    parse_substance,
)
from jakcite.builtin_formats.medline.sniffer import sniff
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Grant,
    HistoryDate,
    Keyword,
    MeshHeading,
    MeshQualifier,
    Pages,
    PartialDate,
    Person,
    Record,
    RelatedWork,
    RichText,
    Season,
    Substance,
    WorkType,
)
from jakcite.util.article_numbers import is_article_number

FEATURES = FIXTURES / "medline" / "features.nbib"


@pytest.fixture(scope="module")
def features() -> list[Record]:
    records = jakcite.read(FEATURES, MEDLINE)
    assert not records.diagnostics
    return list(records)


# --------------------------------------------------------------------------- journal article


def test_article_identity_and_journal(features: list[Record]) -> None:
    r = features[0]
    assert r.type is WorkType.JOURNAL_ARTICLE
    assert r.ids.pmid == "31000001"
    assert r.ids.pmcid == "PMC6600001"
    assert r.ids.mid == "NIHMS1500001"
    assert r.ids.doi == "10.1371/journal.pone.0180707"
    assert r.container == Container(
        title="PloS one",  # NLM's capitalisation, exactly
        nlm_abbreviation="PLoS One",
        issn_electronic="1932-6203",
        issn_linking="1932-6203",
        nlm_unique_id="101285081",
        country="United States",
    )
    assert (r.volume, r.issue) == ("14", "7")
    assert r.published == PartialDate(2019, 7, 3)
    assert r.epublished == PartialDate(2019, 7, 3)
    assert r.publication_status == "epublish"
    assert r.languages == ("eng", "cze")
    assert r.publication_types == ("Journal Article", "Randomized Controlled Trial")
    assert r.conflict_of_interest == "AN has received fees from Pfizer."


def test_article_number_from_pg_and_lid(features: list[Record]) -> None:
    r = features[0]
    assert r.pages is None
    assert r.article_number == "e0180707"
    assert r.ids.pii == "e0180707"  # the location pii comes first
    assert r.ids.others == (("pii", "PONE-D-19-01234"),)  # the other pii is kept, as PubMed XML's reader does


def test_translated_title_and_vernacular(features: list[Record]) -> None:
    r = features[0]
    assert r.title == RichText.plain("Tofacitinib in lupus nephritis: a randomised trial.")
    assert r.title_translated
    assert r.vernacular_title == RichText.plain("Tofacitinib u lupusové nefritidy.")


def test_labelled_abstract_and_copyright(features: list[Record]) -> None:
    abstract = features[0].abstract
    assert abstract == Abstract(
        (
            AbstractSection(
                "Janus kinase inhibitors are used in rheumatoid arthritis. Their role in lupus: unclear.", "BACKGROUND"
            ),
            AbstractSection("We randomised 120 patients (ratio 1:1).", "METHODS"),
            AbstractSection("The remission rate was 42% vs 21%.", "RESULTS"),
            AbstractSection("Tofacitinib helps.", "CONCLUSIONS"),
        ),
        copyright="(c) 2019 The Authors.",
    )


def test_authors_with_orcid_affiliations_suffix_and_collective(features: list[Record]) -> None:
    authors = features[0].authors
    assert authors[0] == Person(
        family="Novák",
        given="Anna Maria",
        initials="AM",
        orcid="0000-0002-1825-0097",
        affiliations=(
            "Department of Rheumatology, Charles University, Prague, Czech Republic.",
            "Institute of Rheumatology, Prague, Czech Republic.",
        ),
    )
    assert authors[1] == Person(family="Kaelin", given="William G", initials="WG", suffix="Jr")
    # "V" is an initial here, not the suffix "the fifth"
    assert authors[2] == Person(
        family="Harissis", given="Haralampos V", initials="HV", affiliations=("University of Ioannina, Greece.",)
    )
    assert authors[3] == Collective("LUPUS-JAK Investigators", ("Consortium office, Geneva, Switzerland.",))
    assert features[0].investigators == (
        Person(family="Dvořák", given="Petr", initials="P", affiliations=("Hospital Brno, Czech Republic.",)),
    )


def test_indexing_terms(features: list[Record]) -> None:
    r = features[0]
    assert r.keywords == (
        Keyword("JAK inhibitor", owner="NOTNLM"),
        Keyword("lupus nephritis", major=True, owner="NOTNLM"),
    )
    assert r.mesh == (
        MeshHeading("Adult"),
        MeshHeading("Janus Kinase Inhibitors", qualifiers=(MeshQualifier("therapeutic use", major=True),)),
        MeshHeading(
            "Lupus Nephritis", major=True, qualifiers=(MeshQualifier("drug therapy"), MeshQualifier("immunology"))
        ),
    )
    assert r.substances == (
        Substance("Piperidines", "0"),
        Substance("Janus Kinases", "EC 2.7.10.2"),
        Substance("tofacitinib", "87LA6FU830"),
    )


def test_grants_of_every_shape(features: list[Record]) -> None:
    assert features[0].grants == (
        Grant("R01 AR012345", "AR", "NIAMS NIH HHS", "United States"),
        Grant("C490/A10124", "CRUK_", "Cancer Research UK", "United Kingdom"),
        Grant("MOP-86727", None, "CIHR", "Canada"),
        Grant(None, "DH_", "Department of Health", "United Kingdom"),
    )


def test_comments_and_corrections(features: list[Record]) -> None:
    assert features[0].related == (
        RelatedWork("CommentIn", "Nat Rev Rheumatol. 2019 Sep;15(9):511.", "31300002"),
        RelatedWork("ErratumIn", "PLoS One. 2019 Aug 1;14(8):e0220000.", "31300003"),
        RelatedWork("UpdateOf", "PLoS One. 2018;13(2):e0190000.", "31300004"),
    )
    assert features[3].related == (
        RelatedWork("RetractionOf", "Surgery. 1998 Jun;123(6):600-5.", "9626300"),
        RelatedWork("CommentOn", "Surgery. 1998 Jan;123(1):1.", "9455000"),
    )
    assert features[4].related == (
        RelatedWork("ErratumFor", "Lancet. 2000;355:1.", "10000001"),
        RelatedWork("RetractionIn", "Lancet. 2001;357:2."),
    )


def test_history_with_times(features: list[Record]) -> None:
    assert features[0].history == (
        HistoryDate("received", PartialDate(2019, 2, 11)),  # 00:00 means "no time" here
        HistoryDate("accepted", PartialDate(2019, 6, 18)),
        HistoryDate("entrez", PartialDate(2019, 7, 4), 6, 0),
        HistoryDate("pubmed", PartialDate(2019, 7, 4), 6, 0),
        HistoryDate("medline", PartialDate(2020, 1, 16), 6, 0),
    )


def test_unmapped_and_unknown_tags_kept_in_order(features: list[Record]) -> None:
    assert features[0].extra == (
        ("medline:OWN", "NLM"),
        ("medline:STAT", "MEDLINE"),
        ("medline:DCOM", "20200115"),
        ("medline:LR", "20210301"),
        ("medline:SI", "ClinicalTrials.gov/NCT01234567"),
        ("medline:SB", "IM"),
        (
            "medline:SO",
            "PLoS One. 2019 Jul 3;14(7):e0180707. doi: 10.1371/journal.pone.0180707. eCollection 2019.",
        ),
        ("medline:XYZ", "a tag nobody documents"),
    )


# --------------------------------------------------------------------------- books and old records


def test_book_chapter(features: list[Record]) -> None:
    r = features[1]
    assert r.type is WorkType.CHAPTER
    assert r.title == RichText.plain("Feingold Syndrome 1.")
    assert r.container == Container(title="GeneReviews(®)", series="GeneReviews Collection")
    assert r.editors == (Person(family="Adam", given="Margaret P", initials="MP"),)
    assert r.authors == (Person(family="de Brouwer", given="Arjan PM", initials="APM"),)
    assert (r.publisher, r.publisher_place, r.edition) == ("University of Washington, Seattle", "Seattle (WA)", "2nd")
    assert r.ids.isbn == ("978-0-00-000000-2",)
    assert r.ids.others == (("bookaccession", "NBK7050"),)
    # EDAT/CRDT without PHST become history events
    assert r.history == (
        HistoryDate("pubmed", PartialDate(2019, 4, 4)),
        HistoryDate("entrez", PartialDate(2019, 4, 4), 0, 0),
    )


def test_journal_title_of_a_book_is_kept() -> None:
    record = jakcite.read("PMID- 1\nTI  - Chapter.\nBTI - Book\nJT  - Odd Journal\n", MEDLINE)[0]
    assert record.type is WorkType.CHAPTER
    assert record.container == Container(title="Book")
    assert record.extra == (("medline:JT", "Odd Journal"),)
    assert jakcite.read(jakcite.write(record, MEDLINE), MEDLINE)[0] == record


def test_whole_book(features: list[Record]) -> None:
    r = features[2]
    assert r.type is WorkType.BOOK
    assert r.title == RichText.plain("Guide for the Care and Use of Laboratory Animals")
    assert r.container is None
    assert r.authors == (Collective("National Research Council (US) Committee"),)
    assert r.publisher_place == "Washington (DC)"


def test_old_record(features: list[Record]) -> None:
    r = features[3]
    # an AD before any author is the first author's (pre-2014 records)
    assert r.authors == (
        Person(
            family="Smith",
            initials="JR",
            affiliations=("Department of Surgery, Mayo Clinic, Rochester, MN 55905, USA.",),
        ),
        Person(family="van der Berg", initials="A"),
    )
    assert r.pages == Pages("113", "125", "113-25")
    assert r.published == PartialDate(1998, 12, end=PartialDate(1999, 1), literal="1998 Dec-1999 Jan")
    assert r.abstract == Abstract((AbstractSection("Unstructured abstract: with a colon that is not a label."),))
    assert r.history == (
        HistoryDate("pubmed", PartialDate(1998, 12, 1)),
        HistoryDate("medline", PartialDate(1998, 12, 1), 0, 1),
    )
    assert ("medline:DA", "19990315") in r.extra


def test_season_and_copyright_without_abstract(features: list[Record]) -> None:
    r = features[4]
    assert r.published == PartialDate(2000, season=Season.SPRING)
    assert r.abstract is None
    assert r.extra == (("medline:CI", "Copyright 2000 Nobody."),)  # not dropped


# --------------------------------------------------------------------------- encodings and layout


def test_crlf_and_bom_read_the_same(tmp_path: Path, features: list[Record]) -> None:
    data = FEATURES.read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "crlf.nbib"
    path.write_bytes(codecs.BOM_UTF8 + data)
    assert list(jakcite.read(path)) == features  # detected by the .nbib extension


@pytest.mark.parametrize("ending", [b"\r\r\n", b"\r\r"])
def test_doubled_line_ends_read_the_same(ending: bytes, features: list[Record]) -> None:
    # a CRLF file converted once more: a blank line after every line
    data = FEATURES.read_bytes().replace(b"\n", ending)
    records = jakcite.read(data, MEDLINE)
    assert list(records) == features
    assert [d.message for d in records.diagnostics] == [
        "every line end is doubled (a CRLF file converted twice): single blank lines ignored"
    ]


def test_records_without_blank_lines_split_at_pmid() -> None:
    text = "PMID- 1\nTI  - One.\nPMID- 2\nTI  - Two.\n"
    records = jakcite.read(text, MEDLINE)
    assert [(r.ids.pmid, str(r.title)) for r in records] == [("1", "One."), ("2", "Two.")]


def test_continuation_lines_join_with_single_spaces() -> None:
    text = "PMID- 1\nTI  - A title that was \n      wrapped over\n      three lines.\n"
    assert str(jakcite.read(text, MEDLINE)[0].title) == "A title that was wrapped over three lines."


def test_empty_input_gives_no_records() -> None:
    assert list(jakcite.read(b"", MEDLINE)) == []


# --------------------------------------------------------------------------- quirks and errors


def test_jabref_quirks_are_worked_around_with_warnings() -> None:
    path = require_corpus("medline") / "jabref" / "MedlinePlainImporterStringOutOfBounds.txt"
    records = jakcite.read(path, MEDLINE)
    assert [str(r.title) for r in records] == ["This is a test title", "This is also a test title"]
    assert records[0].extra_values("medline:SO") == ["invalid line"]  # kept, not dropped
    assert records[1].extra_values("medline:SO") == ["another invalid line"]
    assert [d.line for d in records.diagnostics] == [3, 8]
    assert all(not d.skipped for d in records.diagnostics)
    assert records[0].provenance.warnings == ("line 3: malformed tag line (no dash after the tag): 'SO  invalid line'",)


def test_jabref_multiple_entries_hand_checked() -> None:
    path = require_corpus("medline") / "jabref" / "MedlinePlainImporterTestMultipleEntries.txt"
    records = jakcite.read(path, MEDLINE)
    assert len(records) == 7
    first, second, third = records[0], records[1], records[2]
    assert first.grants[0] == Grant("/076053/Z/04/Z", None, "Wellcome Trust", "United Kingdom")
    assert first.pages == Pages("454", "481", "454-81")
    assert second.ids.pmid is None and second.ids.pmcid == "PMC22664230"
    assert second.editors == (Person(family="Some Editor"), Person(family="Some test data"))
    assert second.abstract == Abstract((AbstractSection("Old Abstract"), AbstractSection("new abstract")))
    assert second.published == PartialDate(2013, 6, 10)
    assert second.related == (RelatedWork("CommentOn", "First Comment"), RelatedWork("CommentIn", "Different Comment"))
    assert str(third.title) == (
        "This is a Testtitle This title should be appended: This title should also be appended. "
        "Another append to the Title? LastTitle"
    )
    assert third.extra_values("medline:PMCR") == ["20481061"]
    assert records[3].ids.doi == "10.1016/j.cpr.2005.02.002"  # "AID - doi:..." without [doi]
    skipped_paragraph = [d for d in records.diagnostics if "outside any MEDLINE record" in d.message]
    assert [d.line for d in skipped_paragraph] == [53]


def test_bad_pmid_costs_the_pmid_not_the_record() -> None:
    text = "PMID- 1\nTI  - Fine.\n\nTI  - Broken.\nPMID- 12a\n\nPMID- 3\nTI  - Also fine.\n"
    for strict in (True, False):
        records = jakcite.read(text, MEDLINE, strict=strict)
        assert [r.ids.pmid for r in records] == ["1", None, "3"]
        assert records[1].title is not None and ("medline:PMID", "12a") in records[1].extra
        (warning,) = records.diagnostics
        assert (warning.line, warning.record, warning.skipped) == (5, 2, False)  # the PMID line
        assert "PMID" in warning.message and "12a" in warning.message


def test_malformed_identifiers_are_kept_with_a_warning() -> None:
    # real PubMed data has the odd broken DOI or ORCID: the record is kept, the value too
    text = "PMID- 1\nPMC - PMCxyz\nFAU - A, B\nAU  - A B\nAUID- ORCID: 0000-0002-1825-009\nLID - not-a-doi [doi]\n"
    records = jakcite.read(text, MEDLINE)
    record = records[0]
    assert record.ids.doi is None and record.ids.pmcid is None
    assert record.authors == (Person(family="A", given="B", initials="B"),)
    assert record.extra == (
        ("medline:LID", "not-a-doi [doi]"),
        ("medline:AUID", "ORCID: 0000-0002-1825-009"),
        ("medline:PMC", "PMCxyz"),
    )
    assert sorted(d.line for d in records.diagnostics) == [2, 5, 6]


def test_text_that_is_not_medline_is_refused() -> None:
    with pytest.raises(jakcite.ParseError, match="no MEDLINE tag lines"):
        jakcite.read("Just some notes.\nNothing tagged here.\n", MEDLINE)


def test_unreadable_dates_are_kept_not_dropped() -> None:
    record = jakcite.read("PMID- 1\nDP  - undated\nDEP - 2019-13\nPHST- sometime [received]\n", MEDLINE)[0]
    assert record.published is None and record.epublished is None and record.history == ()
    assert record.extra == (
        ("medline:DP", "undated"),
        ("medline:DEP", "2019-13"),
        ("medline:PHST", "sometime [received]"),
    )
    assert len(record.provenance.warnings) == 4  # DEP warns twice: why, and where the value went


# --------------------------------------------------------------------------- value parsers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P41 GM103484/GM/NIGMS NIH HHS/United States", Grant("P41 GM103484", "GM", "NIGMS NIH HHS", "United States")),
        (
            "MR/M012190/1/MRC_/Medical Research Council/United Kingdom",
            Grant("MR/M012190/1", "MRC_", "Medical Research Council", "United Kingdom"),
        ),
        ("076053/Wellcome Trust/United Kingdom", Grant("076053", None, "Wellcome Trust", "United Kingdom")),
        ("Intramural NIH HHS/United States", Grant(None, None, "Intramural NIH HHS", "United States")),
        ("12345", Grant("12345")),
    ],
)
def test_parse_grant(text: str, expected: Grant) -> None:
    assert parse_grant(text) == expected


def test_parse_mesh_and_substance() -> None:
    assert parse_mesh("Women, Working/*history/psychology") == MeshHeading(
        "Women, Working", qualifiers=(MeshQualifier("history", major=True), MeshQualifier("psychology"))
    )
    assert parse_mesh("Bacteria/isolation & purification") == MeshHeading(
        "Bacteria", qualifiers=(MeshQualifier("isolation & purification"),)
    )
    assert parse_substance("0 (Interleukin-6 (IL6))") == Substance("Interleukin-6 (IL6)", "0")
    assert parse_substance("9007-49-2 (DNA)") == Substance("DNA", "9007-49-2")
    assert parse_substance("a name only") == Substance("a name only")


def test_parse_history_forms() -> None:
    assert parse_history("2016 [ecollection]") == HistoryDate("ecollection", PartialDate(2016))
    assert parse_history("2013/02/18 [received]") == HistoryDate("received", PartialDate(2013, 2, 18))
    assert parse_history("2020/10/06 05:32 [entrez]") == HistoryDate("entrez", PartialDate(2020, 10, 6), 5, 32)
    assert parse_history("2020/10/06 00:00 [entrez]") == HistoryDate("entrez", PartialDate(2020, 10, 6), 0, 0)
    with pytest.raises(ValueError):
        parse_history("2020/10/06")


def test_names() -> None:
    assert parse_full_name("Smith, John R Jr") == Person(family="Smith", given="John R", suffix="Jr")
    assert parse_full_name("Smith, John, III") == Person(family="Smith", given="John", suffix="III")
    assert parse_full_name("Selvamani") == Person(family="Selvamani")
    assert parse_short_name("A III", "III") == Person(family="A", suffix="III")
    assert parse_short_name("Kaelin WG Jr") == Person(family="Kaelin", initials="WG", suffix="Jr")


def test_abstract_labels_need_sentence_ends_and_capitals() -> None:
    assert parse_abstract("Aims: lower case is not a label.") == [AbstractSection("Aims: lower case is not a label.")]
    assert parse_abstract("PURPOSE: To test. DESIGN, SETTING, AND PARTICIPANTS: Adults (n=3) MAIN: not split.") == [
        AbstractSection("To test.", "PURPOSE"),
        AbstractSection("Adults (n=3) MAIN: not split.", "DESIGN, SETTING, AND PARTICIPANTS"),
    ]


def test_abstract_label_with_parentheses() -> None:
    assert parse_abstract("AIM(S): To see. PATIENTS/METHODS: Ten.") == [
        AbstractSection("To see.", "AIM(S)"),
        AbstractSection("Ten.", "PATIENTS/METHODS"),
    ]


def test_bracketed_titles() -> None:
    assert bracketed_title("[Study of X].") == ("Study of X.", True)
    assert bracketed_title("[Study of X]") == ("Study of X", True)
    assert bracketed_title("[FeFe]-hydrogenases [review].") == ("[FeFe]-hydrogenases [review].", False)
    assert bracketed_title("Plain.") == ("Plain.", False)


def test_article_numbers() -> None:
    assert is_article_number("e0180707", [])
    assert is_article_number("11788", ["11788"])
    assert not is_article_number("11788", [])
    assert not is_article_number("113-25", [])


# --------------------------------------------------------------------------- sniffing


def test_sniffer() -> None:
    assert sniff("\nPMID- 123\nOWN - NLM\n") >= 0.9
    assert sniff("TI  - A\nFAU - B, C\nDP  - 2019\n") > 0.5
    assert sniff("TY  - JOUR\nTI  - A\nER  - \n") == 0.0  # RIS
    assert sniff("@article{x, title={y}}") == 0.0
    assert sniff("Just text.") == 0.0


def test_detected_from_content_for_txt(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("\nPMID- 123\nTI  - Detected.\n", encoding="utf-8")
    records = jakcite.read(path)
    assert records[0].provenance.format == "medline"


# --------------------------------------------------------------------------- corpus spot checks


def test_kolmogorov_record_by_hand() -> None:
    r = jakcite.read(require_corpus("medline") / "pmidcite" / "pubmed_Kolmogorov2020.txt", MEDLINE)[0]
    assert r.ids.pmid == "33020656"
    assert len(r.authors) == 11
    pevzner = r.authors[-1]
    assert isinstance(pevzner, Person)
    assert (pevzner.family, pevzner.given, pevzner.initials, pevzner.orcid) == (
        "Pevzner",
        "Pavel A",
        "PA",
        "0000-0002-0418-165X",
    )
    assert len(pevzner.affiliations) == 2
    assert r.authors[9] == Person(
        family="Smith",
        given="Timothy P L",
        initials="TPL",
        orcid="0000-0003-1611-6828",
        affiliations=("USDA-ARS US Meat Animal Research Center, Clay Center, NE, USA.",),
    )
    assert r.pages == Pages("1103", "1110", "1103-1110")
    assert r.grants == (Grant("P41 GM103484", "GM", "NIGMS NIH HHS", "United States"),)
    assert r.history[-1] == HistoryDate("entrez", PartialDate(2020, 10, 6), 5, 32)
    assert sum(1 for m in r.mesh if m.is_major) == 5


def test_real_collective_author_and_grant_list() -> None:
    r = jakcite.read(require_corpus("medline") / "user-exports" / "asian_study-citations.nbib", MEDLINE)[0]
    collectives = [a for a in r.authors if isinstance(a, Collective)]
    assert [c.name for c in collectives] == ["Australian Ovarian Cancer Study Group"]
    assert len(r.grants) == 73
    assert Grant("C490/A10124", "CRUK_", "Cancer Research UK", "United Kingdom") in r.grants


def test_real_transliterated_title_and_comments() -> None:
    records = jakcite.read(require_corpus("medline") / "rayyan" / "example1.nbib", MEDLINE)
    by_pmid = {r.ids.pmid: r for r in records}
    assert by_pmid["29952495"].vernacular_title == RichText.plain("Grundlagen, Früherkennung, Diagnostik und Therapie.")
    assert by_pmid["29952495"].container is not None
    assert by_pmid["29952495"].container.series == "Breast Cancer Reviews"
    comments = [r for r in records if r.related]
    assert len(comments) == 1
    assert [c.pmid for c in comments[0].related] == ["20521750", "20527363", "21391514", "21391515"]
    assert comments[0].related[2].citation == "Am Fam Physician. 2011 Mar 1;83(5):502-6; author reply 507."
