"""The pubmed-text reader: the two seeds, our fixtures for all three layouts, rejection.

Every expected value below was written by reading the input files by hand.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jakcite
from conftest import FIXTURES, require_corpus
from jakcite.builtin_formats.pubmed_text import PUBMED_TEXT
from jakcite.builtin_formats.pubmed_text.layout import detect_layout
from jakcite.builtin_formats.pubmed_text.sniffer import sniff
from jakcite.errors import ParseError
from jakcite.model import Collective, PartialDate, Person, Record, WorkType
from jakcite.sources import Source
from jakcite.util.citation_lines import parse_citation_line

SEED_000 = FIXTURES / "000_1bb37f4966235449.txt"
SEED_002 = FIXTURES / "002_7103ea8e518ac3d2.txt"
OWN = FIXTURES / "pubmed-text"


def read(path: object) -> jakcite.api.Records:
    return jakcite.read(path, PUBMED_TEXT)


def people(record: Record) -> list[tuple[str | None, str]]:
    return [(a.given, a.family) if isinstance(a, Person) else (None, a.name) for a in record.authors]


# --------------------------------------------------------------------------- seed 000 (abstract view)


def test_seed_000_abstract_view() -> None:
    records = read(SEED_000)
    assert len(records) == 1
    record = records[0]
    assert record.title is not None
    assert (
        record.title.text
        == "Baricitinib for the treatment of rheumatoid arthritis and systemic lupus erythematosus: a 2019 update"
    )
    assert record.container is not None and record.container.abbreviation == "Expert Rev Clin Immunol"
    assert record.container.title == "Expert Rev Clin Immunol"  # the only name the copy gives
    assert record.published == PartialDate(2019, 7)
    assert record.epublished == PartialDate(2019, 4, 25)
    assert (record.volume, record.issue) == ("15", "7")
    assert record.pages is not None and (record.pages.first, record.pages.last, record.pages.printed) == (
        "693",
        "700",
        "693-700",
    )
    assert record.article_number is None
    assert record.ids.doi == "10.1080/1744666X.2019.1608821"
    assert record.ids.pmid is None  # the copied text has none: nothing is invented
    assert record.abstract is not None
    assert [s.label for s in record.abstract.sections] == ["Introduction", "Area covered", "Expert opinion"]
    assert str(record.abstract.sections[1].text).startswith("We provide an overview of the mechanisms")
    assert str(record.abstract.sections[2].text).endswith("biological DMARDs in the future.")
    assert [k.term for k in record.keywords] == ["Baricitinib", "JAK", "STAT", "rheumatoid arthritis", "tofacitinib"]
    assert record.publication_types == ("Research Support, Non-U.S. Gov't", "Review")
    assert record.is_review
    assert [m.descriptor for m in record.mesh] == [
        "Arthritis, Rheumatoid",
        "Azetidines",
        "Clinical Trials, Phase III as Topic",
        "Cytokines",
        "Humans",
        "Janus Kinases",
        "Lupus Erythematosus, Systemic",
        "Signal Transduction",
        "Sulfonamides",
        "TYK2 Kinase",
    ]
    arthritis = record.mesh[0]
    assert [(q.name, q.major) for q in arthritis.qualifiers] == [
        ("drug therapy", True),
        ("immunology", False),
        ("pathology", False),
    ]
    assert not arthritis.major and arthritis.is_major
    assert record.mesh[4].qualifiers == () and not record.mesh[4].is_major  # Humans
    assert [s.name for s in record.substances] == [
        "Azetidines",
        "Cytokines",
        "Sulfonamides",
        "Janus Kinases",
        "TYK2 Kinase",
        "TYK2 protein, human",
        "baricitinib",
    ]


def test_seed_000_has_no_authors_and_says_so() -> None:
    records = read(SEED_000)
    record = records[0]
    assert record.authors == ()
    assert not record.authors_truncated
    assert "authors" in record.provenance.missing
    assert any("no author" in w for w in record.provenance.warnings)
    assert any("no author" in d.message and not d.skipped for d in records.diagnostics)
    with pytest.warns(jakcite.ParseWarning, match="no author"):
        list(jakcite.iter_records(SEED_000, PUBMED_TEXT))


# --------------------------------------------------------------------------- seed 002 (page)


def test_seed_002_page() -> None:
    records = read(SEED_002)
    assert len(records) == 1
    record = records[0]
    assert (
        record.title is not None
        and record.title.text == "Why Do We Need JAK Inhibitors in Systemic Lupus Erythematosus?"
    )
    assert people(record) == [("Patricia", "Richter")]
    assert record.authors_truncated  # "Patricia Richter et al."
    assert record.container is not None and record.container.abbreviation == "Int J Mol Sci"
    assert record.published == PartialDate(2022, 10, 4)
    assert (record.volume, record.issue) == ("23", "19")
    assert record.article_number == "11788" and record.pages is None
    assert record.ids.doi == "10.3390/ijms231911788"
    assert record.publication_types == ("Review",)
    assert record.abstract is not None and len(record.abstract.sections) == 1
    assert record.abstract.sections[0].label is None
    assert str(record.abstract.sections[0].text).startswith("Systemic lupus erythematosus (SLE) is a chronic")
    assert [k.term for k in record.keywords] == [
        "JAK inhibitor",
        "Janus kinases",
        "cytokines",
        "systemic lupus erythematosus",
    ]
    assert record.conflict_of_interest == "The authors declare no conflict of interest."
    assert record.mesh == ()  # the heading is there, the list was not copied
    assert record.provenance.missing == ()


def test_seed_002_references() -> None:
    record = read(SEED_002)[0]
    refs = record.references
    assert len(refs) == 5
    first = refs[0]
    assert first.reference_text is not None and first.reference_text.startswith("Al Khalili A., Dutz J.P.")
    assert [(a.family, a.initials) for a in first.authors if isinstance(a, Person)] == [
        ("Al Khalili", "A"),
        ("Dutz", "JP"),
    ]
    assert (
        first.title is not None
        and first.title.text == "Janus Kinase Inhibition and SLE: Is this a Plausible Treatment Option for SLE?"
    )
    assert first.container is not None and first.container.title == "Curr. Treat. Options Rheumatol."
    assert (first.year, first.volume) == (2020, "6")
    assert first.pages is not None and (first.pages.first, first.pages.last) == ("406", "417")
    assert first.ids.doi == "10.1007/s40674-020-00155-w"
    wallace = refs[2]
    assert len(wallace.authors) == 10 and not wallace.authors_truncated
    assert wallace.container is not None and wallace.container.title == "Lancet"
    assert wallace.ids.doi == "10.1016/S0140-6736(18)31363-1"
    thong = refs[3]
    assert thong.pages is not None and (thong.pages.first, thong.pages.last) == ("i3", "i13")
    assert [r.container.title for r in refs if r.container] == [
        "Curr. Treat. Options Rheumatol.",
        "Best Pr. Res. Clin. Rheumatol.",
        "Lancet",
        "Rheumatology",
        "Arthritis Care Res",
    ]


def _csl_available() -> bool:
    try:
        return jakcite.registry.get_format("csl-json").can_write
    except jakcite.errors.FormatError:
        return False


@pytest.mark.parametrize("seed", [SEED_000, SEED_002])
def test_seeds_against_hand_written_csl_json(seed: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if not _csl_available():
            pytest.skip("the csl-json writer has not landed yet")
    expected = json.loads((OWN / f"{seed.stem}.expected.json").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    written = json.loads(jakcite.write(read(seed), "csl-json") or "[]")
    assert len(written) == len(expected)
    for item, want in zip(written, expected, strict=True):
        for key, value in want.items():
            assert item.get(key) == value, key


# --------------------------------------------------------------------------- our own fixtures


def test_full_page_fixture() -> None:
    records = read(OWN / "page-full.txt")
    assert len(records) == 1 and records.diagnostics == []
    record = records[0]
    assert (
        record.title is not None
        and record.title.text == "Tofacitinib in systemic lupus erythematosus: a randomised, double-blind trial"
    )
    assert people(record) == [
        ("Anna", "Novák"),
        ("Jörg", "Müller"),
        ("Ronald F", "van Vollenhoven"),
        (None, "LUPUS-JAK Investigators"),
    ]
    novak, muller, vollenhoven, group = record.authors
    assert isinstance(novak, Person) and novak.initials == "A"
    assert novak.affiliations == (
        "Department of Rheumatology, Charles University, Prague, Czech Republic.",
        "Institute of Immunology, Charité – Universitätsmedizin Berlin, Berlin, Germany.",
    )
    assert muller.affiliations == ("Institute of Immunology, Charité – Universitätsmedizin Berlin, Berlin, Germany.",)
    assert isinstance(vollenhoven, Person) and vollenhoven.initials == "RF"
    assert isinstance(group, Collective)
    assert record.container is not None and record.container.abbreviation == "Lupus Sci Med"
    assert record.published == PartialDate(2021, 3) and record.epublished == PartialDate(2021, 2, 12)
    assert (record.volume, record.issue, record.article_number, record.pages) == ("8", "1", "e000512", None)
    assert (record.ids.pmid, record.ids.pmcid, record.ids.doi) == (
        "33579723",
        "PMC7883891",
        "10.1136/lupus-2021-000512",
    )
    assert record.abstract is not None
    assert [s.label for s in record.abstract.sections] == [
        "Background",
        "Methods",
        "Results",
        "Conclusions",
        "Trial registration number",
    ]
    assert "5 mg twice daily" in str(record.abstract.sections[1].text)  # the non-breaking space became a space
    assert "“interferon-high”" in str(record.abstract.sections[3].text)
    assert record.abstract.copyright is not None and record.abstract.copyright.startswith("© Author(s)")
    assert [k.term for k in record.keywords] == [
        "JAK inhibitor",
        "interferon",
        "systemic lupus erythematosus",
        "tofacitinib",
    ]
    assert record.conflict_of_interest is not None and record.conflict_of_interest.startswith("Competing interests: AN")
    assert [(r.relation, r.pmid) for r in record.related] == [
        ("CommentIn", "33800001"),
        ("CommentIn", "33800002"),
        ("ErratumIn", "33800003"),
    ]
    assert record.related[1].citation == (
        "Tofacitinib for lupus: the interferon-high patient. Brown K, Lee M. "
        "Lupus Sci Med. 2021 May;8(1):e000541. doi: 10.1136/lupus-2021-000541."
    )
    assert record.publication_types == ("Randomized Controlled Trial", "Research Support, Non-U.S. Gov't")
    lupus = next(m for m in record.mesh if m.descriptor == "Lupus Erythematosus, Systemic")
    assert lupus.major and [(q.name, q.major) for q in lupus.qualifiers] == [("drug therapy", False)]
    jak = next(m for m in record.mesh if m.descriptor == "Janus Kinase Inhibitors")
    assert [(q.name, q.major) for q in jak.qualifiers] == [("adverse effects", False), ("therapeutic use", True)]
    assert len(record.mesh) == 8
    assert [s.name for s in record.substances] == [
        "Janus Kinase Inhibitors",
        "Piperidines",
        "Pyrimidines",
        "tofacitinib",
    ]
    assert [(g.id, g.acronym, g.agency, g.country) for g in record.grants] == [
        ("R01 AR074096", "AR", "NIAMS NIH HHS", "United States"),
        ("ZIA AR041199", "ImNIH", "Intramural NIH HHS", "United States"),
    ]


def test_full_page_references_of_every_kind() -> None:
    refs = read(OWN / "page-full.txt")[0].references
    assert len(refs) == 5
    assert refs[0].ids.doi == "10.4049/jimmunol.1002795" and refs[0].container is not None
    assert refs[0].container.title == "J. Immunol."
    assert refs[1].authors_truncated and len(refs[1].authors) == 3
    assert refs[1].container is not None and refs[1].container.title == "Ann. Rheum. Dis."
    assert refs[2].authors_truncated and len(refs[2].authors) == 10
    assert refs[2].pages is not None and refs[2].pages.first == "3391"  # four digits: read as a page
    chapter = refs[3]
    assert chapter.type is WorkType.CHAPTER
    assert [e.family for e in chapter.editors if isinstance(e, Person)] == [
        "Firestein",
        "Budd",
        "Gabriel",
        "McInnes",
        "O’Dell",
    ]
    assert (
        chapter.container is not None and chapter.container.title == "Kelley and Firestein’s Textbook of Rheumatology"
    )
    assert (chapter.edition, chapter.publisher, chapter.year) == ("10th", "Elsevier", 2017)
    web = refs[4]
    assert web.type is WorkType.WEBPAGE
    assert web.url == "https://www.ema.europa.eu/en/medicines/human/EPAR/xeljanz"
    assert web.accessed == PartialDate(2022, 9, 1)


def test_abstract_text_records() -> None:
    records = read(OWN / "abstract-text.txt")
    assert len(records) == 3
    first, second, third = records
    assert [r.provenance.line for r in records] == [1, 36, 55]
    assert (
        first.title is not None
        and first.title.text == "Tofacitinib in systemic lupus erythematosus: a randomised, double-blind trial."
    )
    assert [(a.family, a.initials) if isinstance(a, Person) else a.name for a in first.authors] == [
        ("Novák", "A"),
        ("Müller", "J"),
        ("van Vollenhoven", "RF"),
        "LUPUS-JAK Investigators",
    ]
    assert first.authors[1].affiliations == (
        "Institute of Immunology, Charité – Universitätsmedizin Berlin, Berlin, Germany.",
    )
    assert [(a.family, a.initials) for a in first.investigators if isinstance(a, Person)] == [
        ("Svoboda", "P"),
        ("Dvořák", "M"),
    ]
    assert first.epublished == PartialDate(2021, 2, 12)  # "Epub" and its date wrapped onto two lines
    assert first.article_number == "e000512"
    assert first.abstract is not None
    assert [s.label for s in first.abstract.sections] == [
        "BACKGROUND",
        "METHODS",
        "RESULTS",
        "CONCLUSIONS",
        "TRIAL REGISTRATION NUMBER",
    ]
    assert str(first.abstract.sections[0].text) == (
        "Janus kinase (JAK) inhibitors block type I interferon signalling, a central pathway in systemic lupus erythematosus (SLE)."
    )
    assert first.abstract.copyright is not None and first.abstract.copyright.endswith("No commercial re-use.")
    assert (first.ids.pmid, first.ids.pmcid, first.ids.doi) == ("33579723", "PMC7883891", "10.1136/lupus-2021-000512")
    assert first.conflict_of_interest == "Competing interests: AN has received consulting fees from Pfizer."

    assert second.title is not None and second.title.text == "Interferon signature in childhood lupus."
    assert second.title_translated and second.languages == ("ger",)
    assert second.authors[0].affiliations == (
        "Klinik für Kinder- und Jugendmedizin, Universitätsklinikum Köln, Köln, Germany.",
    )
    assert second.pages is not None and (second.pages.first, second.pages.last, second.pages.printed) == (
        "3120",
        "3129",
        "3120-9",
    )
    assert second.abstract is None
    assert [(r.relation, r.citation) for r in second.related] == [("ErratumIn", "J Immunol. 2019 Aug 1;203(3):812.")]

    assert third.title is not None and third.title.text.startswith(
        "Baricitinib and the interferon pathway: a narrative"
    )
    assert third.title.text.endswith("phase II trials in systemic lupus erythematosus.")
    assert [(r.relation, r.citation) for r in third.related] == [
        ("CommentOn", "Lancet. 2018 Jul 21;392(10143):222-231.")
    ]
    assert [(a.family, a.initials) for a in third.authors if isinstance(a, Person)] == [("Lee", "YH"), ("Bae", "SC")]
    assert [k.term for k in third.keywords] == ["baricitinib", "interferon", "lupus"]
    assert third.abstract is not None and len(third.abstract.sections) == 1
    assert third.abstract.copyright == "Copyright © 2018 Author(s). Published by BMJ."
    assert third.ids.pmid == "30002222" and third.epublished is None


def test_abstract_view_with_missing_sections() -> None:
    records = read(OWN / "abstract-view-two-records.txt")
    assert len(records) == 2
    first, second = records
    assert people(first) == [("María José", "Fernández-García"), ("Li", "Wei")]
    assert first.published is not None and first.published.literal == "2020 Sep-Oct"
    assert first.published.end == PartialDate(2020, 10)
    assert first.publication_types == ("Clinical Trial",)
    assert [m.descriptor for m in first.mesh] == ["Antibodies, Monoclonal, Humanized", "Humans", "Lupus Nephritis"]
    assert first.substances == ()
    assert (
        second.title is not None
        and second.title.text == "Effects of hydroxychloroquine on flares: an observational study"
    )
    assert second.pages is not None and (second.pages.first, second.pages.last) == ("e157", "e161")
    assert second.authors == () and "authors" in second.provenance.missing
    assert second.abstract is None and second.ids.doi is None


# --------------------------------------------------------------------------- detection and rejection


def test_layouts_are_detected() -> None:
    assert detect_layout(SEED_000.read_text(encoding="utf-8")) == "abstract-view"
    assert detect_layout(SEED_002.read_text(encoding="utf-8")) == "page"
    assert detect_layout((OWN / "abstract-text.txt").read_text(encoding="utf-8")) == "abstract-text"
    assert detect_layout((OWN / "page-full.txt").read_text(encoding="utf-8")) == "page"


def test_sniffer() -> None:
    assert PUBMED_TEXT.sniff is not None
    assert PUBMED_TEXT.sniff(SEED_002.read_text(encoding="utf-8")) > 0.5
    assert PUBMED_TEXT.sniff(SEED_000.read_text(encoding="utf-8")) > 0
    assert PUBMED_TEXT.sniff("PMID- 12345678\nOWN - NLM\nTI  - A title. 2019 Jun;3(2):1-9.\n") == 0
    assert PUBMED_TEXT.sniff((OWN / "not-pubmed.txt").read_text(encoding="utf-8")) == 0


def test_not_pubmed_text_is_rejected_clearly() -> None:
    with pytest.raises(ParseError, match="not PubMed text") as info:
        read(OWN / "not-pubmed.txt")
    assert info.value.line == 1 and str(OWN / "not-pubmed.txt") in str(info.value)
    lenient = jakcite.read(OWN / "not-pubmed.txt", PUBMED_TEXT, strict=False)
    assert list(lenient) == [] and len(lenient.skipped) == 1


def test_medline_file_is_pointed_to_its_reader() -> None:
    with pytest.raises(ParseError, match="MEDLINE"):
        jakcite.read("PMID- 12345678\nOWN - NLM\nTI  - A title.\n", PUBMED_TEXT)


def test_citation_line_grammar() -> None:
    line = parse_citation_line("J Immunol. 2019 Jun 1;202(11):3120-9. doi: 10.4049/jimmunol.1801234. Epub 2019 Apr 22.")
    assert line is not None
    assert (line.journal, line.date, line.volume, line.issue, line.pages) == (
        "J Immunol",
        "2019 Jun 1",
        "202",
        "11",
        "3120-9",
    )
    assert (line.doi, line.epub) == ("10.4049/jimmunol.1801234", "2019 Apr 22")
    orphan = parse_citation_line(". 2022 Oct 4;23(19):11788.")
    assert orphan is not None and orphan.journal is None and orphan.pages == "11788"
    ahead = parse_citation_line(
        "Lancet. 2023 Jan 5:S0140-6736(22)02401-X. doi: 10.1016/S0140-6736(22)02401-X. Online ahead of print."
    )
    assert ahead is not None and ahead.ahead_of_print and ahead.volume is None
    assert parse_citation_line("Milk, eggs, bread.") is None


def test_truncated_inputs_raise_only_parse_errors() -> None:
    text = (OWN / "page-full.txt").read_text(encoding="utf-8") + (OWN / "abstract-text.txt").read_text(encoding="utf-8")
    for cut in range(0, len(text), 97):
        try:
            jakcite.read(text[:cut], PUBMED_TEXT, strict=False)
        except ParseError:
            pass


BROKEN_SECOND_RECORD = """1. Lupus. 2017;26(8):e157-e161. doi: 10.1177/0961203317700000.

Effects of hydroxychloroquine on flares.

Wei L.

PMID: 28000001


2. Unknown. 2019 is the year of this broken line


3. Lupus. 2018;27(2):301-9.

A later study.

Wei L, Chen X.

PMID: 28000003
"""


def test_unreadable_record_strict_and_lenient() -> None:
    with pytest.raises(ParseError) as info:
        jakcite.read(BROKEN_SECOND_RECORD, PUBMED_TEXT)
    assert info.value.line == 10 and info.value.record == 2
    lenient = jakcite.read(BROKEN_SECOND_RECORD, PUBMED_TEXT, strict=False)
    assert [r.ids.pmid for r in lenient] == ["28000001", "28000003"]
    assert [(d.line, d.record) for d in lenient.skipped] == [(10, 2)]
    assert lenient[1].pages is not None and lenient[1].pages.last == "309"


def test_malformed_doi_is_kept_not_fatal() -> None:
    text = "A title\n\nLupus. 2017;26(8):e157-e161. doi: 10.1177/0961203317700000.\n\nPMID: 28000001 PMCID: PMC12X\n"
    records = jakcite.read(text, PUBMED_TEXT)
    assert len(records) == 1 and records[0].ids.pmid == "28000001" and records[0].ids.pmcid is None
    assert ("pubmed-text:pmcid", "PMC12X") in records[0].extra
    assert any("malformed PMCID" in d.message for d in records.diagnostics)


def test_page_with_navigation_buttons_and_footer() -> None:
    """A whole-page copy: account menu, display options, page navigation and footer are furniture."""
    records = read(OWN / "page-with-navigation.txt")
    assert len(records) == 2
    first, second = records
    assert (
        first.title is not None
        and first.title.text == "Hydroxychloroquine blood levels and flares in systemic lupus erythematosus"
    )
    assert first.container is not None and first.container.abbreviation == "Rheumatology (Oxford)"
    assert first.published == PartialDate(2018, 1, 1)
    assert first.pages is not None and (first.pages.first, first.pages.last, first.pages.printed) == (
        "113",
        "125",
        "113-25",
    )
    assert (first.ids.pmid, first.ids.doi) == ("29100001", "10.1093/rheumatology/kex301")
    assert people(first) == [("Émilie", "Dupont"), ("Karl-Heinz", "Schmidt"), ("Ana", "de la Cruz")]
    assert isinstance(first.authors[1], Person) and first.authors[1].suffix == "Jr"
    assert first.authors[2].affiliations == ("Service de Rhumatologie, Hôpital Cochin, Paris, France.",)
    assert first.abstract is not None
    assert [s.label for s in first.abstract.sections] == ["Objectives", "Methods", "Results", "Conclusion"]
    assert [k.term for k in first.keywords] == ["adherence", "hydroxychloroquine", "lupus"]
    assert len(first.references) == 2  # "Show all 38 references" is a button, not a reference
    assert first.references[0].authors_truncated and first.references[0].ids.doi == "10.1002/art.22156"
    assert first.publication_types == ("Comparative Study", "Research Support, Non-U.S. Gov't")
    assert [(m.descriptor, [(q.name, q.major) for q in m.qualifiers]) for m in first.mesh] == [
        ("Antirheumatic Agents", [("blood", True)]),
        ("Humans", []),
        ("Hydroxychloroquine", [("blood", True)]),
    ]
    assert first.substances == () and first.related == ()
    assert first.extra_values("pubmed-text:supplementary-concept") == ["Lupus Erythematosus, Cutaneous, Subacute"]

    assert second.title is not None and second.title.text == "Hydroxychloroquine shortage during the pandemic."
    assert second.title_translated
    assert second.ids.pmid == "30200002"  # from the permalink: the page had no PMID line
    assert people(second) == [("Marek", "Nowak")] and second.authors_truncated
    assert second.container is not None and second.container.abbreviation == "J Rheumatol"
    assert second.published is not None and second.published.literal == "2019 Sep-Oct"
    assert second.epublished == PartialDate(2019, 1, 15)
    assert (second.volume, second.issue, second.article_number, second.pages) == ("46", "5", "e12", None)
    assert second.abstract is None and second.publication_types == ("Letter",)
    assert records.diagnostics == []


def test_sniffer_claims_no_file_of_another_format_in_the_corpus() -> None:
    corpus = require_corpus()
    claimed = []
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            head = Source.from_any(path).head_text()
            if sniff(head) > 0:
                claimed.append(str(path.relative_to(corpus)))
    assert claimed == []


def test_formats_are_detected_without_being_named() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in (SEED_000, SEED_002, OWN / "abstract-text.txt", OWN / "page-with-navigation.txt"):
            assert jakcite.read(path)[0].provenance.format == "pubmed-text"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_random_text_gives_records_or_parse_errors(text: str) -> None:
    try:
        jakcite.read(text, PUBMED_TEXT, strict=False)
    except ParseError:
        pass


def test_cited_references_reach_the_command_output(capsys: pytest.CaptureFixture[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if "ris" not in jakcite.formats():
            pytest.skip("the RIS writer has not landed yet")
        from jakcite.cli import main

        assert main(["convert", str(SEED_002), "--to", "ris", "--cited"]) in (0, None)
    out = capsys.readouterr().out
    assert out.count("TY  - ") == 5
    for doi in ("10.1007/s40674-020-00155-w", "10.1016/j.berh.2017.10.003", "10.1002/acr.22173"):
        assert f"DO  - {doi}" in out


def test_cited_works_inside_a_record_do_not_start_records() -> None:
    records = read(OWN / "abstract-view-with-lists.txt")
    assert [r.title.text if r.title else None for r in records] == ["First record title here", "Second record title"]
    first, second = records
    assert [r.citation for r in first.related] == [
        "Lancet. 2018 Jul 21;392(10143):222-231.",
        "Another comment. Ann Rheum Dis. 2019;78:1-2.",
    ]
    assert len(first.references) == 1 and first.references[0].pages is not None
    assert first.references[0].pages.last == "105"
    assert second.provenance.line == 16
    assert second.pages is not None and second.pages.last == "309"
    assert second.related == () and second.references == ()


def test_a_translated_title_may_open_the_file() -> None:
    text = "[Interferon signature in childhood lupus].\n\nJ Immunol. 2019 Jun 1;202(11):3120-9.\n\nAbstract text.\n"
    record = jakcite.read(text, PUBMED_TEXT)[0]
    assert record.title is not None and record.title.text == "Interferon signature in childhood lupus."
    assert record.title_translated
    assert PUBMED_TEXT.sniff is not None and PUBMED_TEXT.sniff(text) > 0
    assert PUBMED_TEXT.sniff('[{"title": "Lancet. 2019;1:2-3."}]') == 0


def test_slash_season_and_author_reply_in_the_citation_line() -> None:
    text = "1. BMJ. 2019 Sep/Oct;318(7179):327; author reply 328.\n\nA letter.\n\nSmith J.\n\nPMID: 10075463\n"
    record = jakcite.read(text, PUBMED_TEXT)[0]
    assert record.published is not None
    assert (record.published.month, record.published.end, record.published.literal) == (
        9,
        PartialDate(2019, 10),
        "2019 Sep/Oct",
    )
    assert record.pages is not None and (record.pages.first, record.pages.printed) == ("327", "327; author reply 328")


def test_text_above_the_first_record_is_reported_not_read() -> None:
    text = "Search results\nItems: 1 to 2 of 2\n\n" + BROKEN_SECOND_RECORD.replace(
        "2. Unknown. 2019 is the year of this broken line", ""
    )
    records = jakcite.read(text, PUBMED_TEXT)
    assert [r.ids.pmid for r in records] == ["28000001", "28000003"]
    assert [r.provenance.index for r in records] == [0, 1]
    assert [r.provenance.line for r in records] == [4, 16]
    assert any("text before the first record" in d.message and d.line == 1 for d in records.diagnostics)


def test_a_large_file_streams(tmp_path: Path) -> None:
    one = (OWN / "abstract-text.txt").read_text(encoding="utf-8").split("\n\n\n2. ")[0]
    body = "\n\n\n".join(one.replace("1. ", f"{n}. ", 1) for n in range(1, 2001))
    path = tmp_path / "many.txt"
    path.write_text(body, encoding="utf-8")
    seen = 0
    for record in jakcite.iter_records(path, PUBMED_TEXT):
        seen += 1
        assert record.ids.pmid == "33579723"
    assert seen == 2000


def test_blank_lines_inside_a_page_mesh_list_do_not_make_substances() -> None:
    text = (OWN / "page-full.txt").read_text(encoding="utf-8").replace("    Adult\n", "    Adult\n\n")
    record = jakcite.read(text, PUBMED_TEXT)[0]
    assert len(record.mesh) == 8
    assert [s.name for s in record.substances] == [
        "Janus Kinase Inhibitors",
        "Piperidines",
        "Pyrimidines",
        "tofacitinib",
    ]


@pytest.mark.parametrize(
    ("short_line", "authors", "truncated"),
    [
        ("Patricia Richter. Int J Mol Sci. 2022.", [("Patricia", "Richter")], False),
        (
            "Patricia Richter, Anca Cardoneanu. Int J Mol Sci. 2022.",
            [("Patricia", "Richter"), ("Anca", "Cardoneanu")],
            False,
        ),
    ],
)
def test_short_author_line_without_et_al(short_line: str, authors: list[tuple[str, str]], truncated: bool) -> None:
    text = SEED_002.read_text(encoding="utf-8").replace("Patricia Richter\u00a0et al. Int J Mol Sci. .", short_line)
    record = jakcite.read(text, PUBMED_TEXT)[0]
    assert people(record) == authors and record.authors_truncated is truncated
    assert record.container is not None and record.container.abbreviation == "Int J Mol Sci"
    assert record.abstract is not None and str(record.abstract.sections[0].text).startswith("Systemic lupus")


def test_ahead_of_print_citation_with_a_pii() -> None:
    text = (
        "1. Respir Physiol Neurobiol. 2012 Oct 29:S1569-9048(12)00312-6. doi:\n10.1016/j.resp.2012.10.011. "
        "Online ahead of print.\n\nA title.\n\nMori K.\n\nPMID: 23117106\n"
    )
    record = jakcite.read(text, PUBMED_TEXT)[0]
    assert (record.pages, record.article_number, record.volume) == (None, "S1569-9048(12)00312-6", None)
    assert record.publication_status == "aheadofprint" and record.published == PartialDate(2012, 10, 29)
    assert record.ids.doi == "10.1016/j.resp.2012.10.011"
