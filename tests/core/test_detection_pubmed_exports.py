"""Every PubMed export is detected as its own format and told apart from the others (issue 18).

A copied page, the abstract view, "Abstract (text)", "Summary (text)", CSV, MEDLINE, XML, a
PMID list and the Cite button's strings: each sample must be claimed by its format alone
(every other reader's sniffer gives it 0, so extension and order cannot decide it), whatever
name PubMed gives the saved file; and a text no format recognises is an error that says
what it looks like.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jakcite
from conftest import FIXTURES, require_corpus
from jakcite.registry import detect_format, load_formats
from jakcite.sources import Source

#: (sample, the format it is, the file name PubMed or the user gives it)
SAMPLES = [
    ("000_1bb37f4966235449.txt", "pubmed-text", "abstract-view.txt"),
    ("002_7103ea8e518ac3d2.txt", "pubmed-text", "page.txt"),
    ("pubmed-text/page-full.txt", "pubmed-text", "page.txt"),
    ("pubmed-text/page-with-navigation.txt", "pubmed-text", "page.txt"),
    ("pubmed-text/abstract-text.txt", "pubmed-text", "abstract-pubmed-set.txt"),
    ("pubmed-text/abstract-view-two-records.txt", "pubmed-text", "copied.txt"),
    ("pubmed-summary/summary-six-records.txt", "pubmed-summary", "pubmed-lupus-set.txt"),
    ("pubmed-csv/csv-six-records.csv", "pubmed-csv", "csv-lupus-set.csv"),
    ("pmid-list/pmid-six.txt", "pmid-list", "pmid-lupus-set.txt"),
    ("pmid-list/mixed-identifiers.txt", "pmid-list", "ids.txt"),
    ("citation-strings/cite-styles.txt", "citation-strings", "cited.txt"),
    ("citation-strings/reference-list.txt", "citation-strings", "references.txt"),
    ("medline/features.nbib", "medline", "pubmed-lupus-set.nbib"),
    ("pubmed-xml/cross-form.nbib", "medline", "pubmed-lupus-set.txt"),
]

XML = (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">\n<PubmedArticleSet>\n<PubmedArticle>'
    '<MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">30487607</PMID><Article PubModel="Print-Electronic">'
    "<Journal><JournalIssue><Volume>564</Volume><PubDate><Year>2018</Year></PubDate></JournalIssue><Title>Nature</Title></Journal>"
    "<ArticleTitle>CDK12 regulates DNA repair genes by suppressing intronic polyadenylation.</ArticleTitle>"
    "</Article></MedlineCitation></PubmedArticle>\n</PubmedArticleSet>\n"
)


def _readers() -> list[str]:
    return [name for name, fmt in load_formats().items() if fmt.reader is not None and fmt.sniff is not None]


@pytest.mark.parametrize(("sample", "expected", "saved_as"), SAMPLES)
def test_each_export_is_claimed_by_its_own_format_alone(sample: str, expected: str, saved_as: str) -> None:
    head = (FIXTURES / sample).read_text(encoding="utf-8-sig")
    claims = {name: load_formats()[name].sniff(head) for name in _readers()}  # type: ignore[misc]
    assert claims[expected] > 0
    others = {name: score for name, score in claims.items() if name != expected and score > 0}
    assert others == {}, f"{sample} is also claimed by {others}"


@pytest.mark.parametrize(("sample", "expected", "saved_as"), SAMPLES)
def test_each_export_is_detected_whatever_its_file_name(
    sample: str, expected: str, saved_as: str, tmp_path: Path
) -> None:
    path = tmp_path / saved_as
    path.write_bytes((FIXTURES / sample).read_bytes())
    assert detect_format(Source.from_any(path)).name == expected
    assert detect_format(Source.from_any((FIXTURES / sample).read_bytes())).name == expected


def test_pubmed_xml_is_claimed_by_its_reader_alone() -> None:
    claims = {name: load_formats()[name].sniff(XML) for name in _readers()}  # type: ignore[misc]
    assert {name for name, score in claims.items() if score > 0} == {"pubmed-xml"}
    assert detect_format(Source.from_any(XML.encode())).name == "pubmed-xml"


def test_the_corpus_user_exports_are_detected_as_what_they_are() -> None:
    for folder, expected in (("pubmed-xml/user-exports", "pubmed-xml"), ("medline/user-exports", "medline")):
        for path in sorted(require_corpus(folder).iterdir()):
            assert detect_format(Source.from_any(path)).name == expected, path.name


def test_pubmed_text_claims_nothing_without_a_page_landmark() -> None:
    sniff = load_formats()["pubmed-text"].sniff
    assert sniff is not None
    for sample, expected, _ in SAMPLES:
        if expected != "pubmed-text":
            assert sniff((FIXTURES / sample).read_text(encoding="utf-8-sig")) == 0, sample
    # A citation line alone between blank lines under a title is the abstract view's landmark ...
    assert sniff("A title\n\nLancet. 2019;393(10170):100-9.\n\nAbstract text.\n") > 0
    # ... an author list run into it (a pasted NLM string between paragraphs) is not.
    assert sniff("x\n\nSmith J, Doe A. A title. Lancet. 2019;393(10170):100-9.\n\ny\n") == 0


def test_a_summary_save_is_no_longer_one_misc_record() -> None:
    # The bug of issue 18: two records became one @misc titled with the whole text, PMIDs lost.
    records = jakcite.read(FIXTURES / "pubmed-summary" / "summary-six-records.txt")
    assert len(records) == 6 and all(r.ids.pmid for r in records)


def test_text_that_no_format_places_is_an_error_saying_what_it_looks_like(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list\n\nMilk, eggs, bread.\nCall the plumber on Tuesday.\n", encoding="utf-8")
    with pytest.raises(jakcite.FormatError) as info:
        jakcite.read(path)
    message = str(info.value)
    assert "cannot tell the format" in message
    assert "it looks like plain text (3 lines, starting 'Shopping list')" in message


def test_the_new_readers_claim_no_file_of_the_corpus() -> None:
    # The corpus holds BibTeX, CSL-JSON, MEDLINE, PubMed XML and RIS (Web of Science too): none of these.
    corpus = require_corpus()
    new = [load_formats()[name] for name in ("pubmed-summary", "pubmed-csv", "pmid-list", "citation-strings")]
    claimed = []
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            head = Source.from_any(path).head_text()
            claimed += [f"{fmt.name}: {path.relative_to(corpus)}" for fmt in new if fmt.sniff and fmt.sniff(head) > 0]
    assert claimed == []


@pytest.mark.parametrize(
    ("page", "records"), [("pubmed-summary", 2), ("pubmed-csv", 2), ("pmid-list", 6), ("citation-strings", 4)]
)
def test_each_docs_page_sample_is_detected_and_read(page: str, records: int) -> None:
    text = (FIXTURES.parent / "docs" / "formats" / f"{page}.md").read_text(encoding="utf-8")
    sample = text.split("```text\n", 1)[1].split("```", 1)[0]
    assert detect_format(Source.from_any(sample.encode())).name == page
    read = jakcite.read(sample, page)
    assert len(read) == records and read.skipped == []


def test_cite_strings_pasted_as_paragraphs_are_not_a_page() -> None:
    text = (
        "Dubbury SJ, Boutz PL, Sharp PA. CDK12 regulates DNA repair genes by suppressing intronic polyadenylation. "
        "Nature. 2018 Dec;564(7734):141-145. doi: 10.1038/s41586-018-0758-y. Epub 2018 Nov 28. PMID: 30487607; "
        "PMCID: PMC6328294.\n\n"
        "Takada T. Surgery for carcinoma of the pancreas in Japan. Digestion. 1999;60 Suppl 1:114-9.\n\n"
        "Meiser J, Schuster A, Pietzke M, et al. Increased formate overflow is a hallmark of oxidative cancer. "
        "Nat Commun. 2018;9(1):1368. Published 2018 Apr 10. doi:10.1038/s41467-018-03777-w\n"
    )
    assert load_formats()["pubmed-text"].sniff(text) == 0  # type: ignore[misc]
    assert detect_format(Source.from_any(text.encode())).name == "citation-strings"
    assert [r.ids.pmid for r in jakcite.read(text.encode())] == ["30487607", None, None]


#: Text built from the pieces the new readers look for, so that random input reaches their grammar.
PIECES = st.sampled_from(
    ["1. ", "PMID: 123", "PMCID: PMC1", "\n", "\n\n", ", ", "Smith J", "et al.", "Lancet. 2019;1(2):3-4.", "doi: 10.1/x",
     '"', "“", "vol. 2,3", "(2019). ", "PMID,Title,Authors,Citation\n", "Free PMC article.", ";", "In: "]
)  # fmt: skip


@pytest.mark.parametrize("name", ["pubmed-summary", "pubmed-csv", "pmid-list", "citation-strings"])
def test_random_text_gives_records_or_parse_errors(name: str) -> None:
    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)))
    def check(text: str) -> None:
        try:
            jakcite.read(text.encode("utf-8", "surrogatepass"), name, strict=False)
        except jakcite.ParseError:
            pass

    check()
