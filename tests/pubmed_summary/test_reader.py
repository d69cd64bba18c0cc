"""The Summary (text) reader: the six-record fixture read by hand, the variants PubMed prints, errors.

Expected values are written by hand from reading ``fixtures/pubmed-summary/summary-six-records.txt``
(described in ``fixtures/SOURCES.md``).
"""

from __future__ import annotations

import pytest

import jakcite
from conftest import FIXTURES
from jakcite import Pages, PartialDate, Person, WorkType
from jakcite.builtin_formats.pubmed_summary.sniffer import sniff
from jakcite.model import Collective

SUMMARY = FIXTURES / "pubmed-summary" / "summary-six-records.txt"


@pytest.fixture(scope="module")
def records() -> jakcite.Records:
    return jakcite.read(SUMMARY, "pubmed-summary")


def test_every_record_is_read_with_its_pmid(records: jakcite.Records) -> None:
    assert [r.ids.pmid for r in records] == ["30487607", "30124210", "29636461", "29507620", "29175460", "36233087"]
    assert records.diagnostics == []


def test_a_print_electronic_article(records: jakcite.Records) -> None:
    nature = records[0]
    assert str(nature.title) == "CDK12 regulates DNA repair genes by suppressing intronic polyadenylation."
    assert nature.authors == (
        Person("Dubbury", initials="SJ"),
        Person("Boutz", initials="PL"),
        Person("Sharp", initials="PA"),
    )
    assert not nature.authors_truncated
    assert nature.container is not None and nature.container.title == "Nature"
    assert (nature.published, nature.volume, nature.issue) == (PartialDate(2018, 12), "564", "7734")
    assert nature.pages == Pages("141", "145", "141-145")
    assert nature.ids.doi == "10.1038/s41586-018-0758-y"
    assert nature.epublished == PartialDate(2018, 11, 28)
    assert ("pubmed-summary:access", "Free PMC article") in nature.extra
    assert nature.publication_types == ()


def test_a_translated_title_loses_its_brackets(records: jakcite.Records) -> None:
    chinese = records[1]
    assert chinese.title_translated
    assert str(chinese.title).startswith("Effects of serine/threonine-protein kinase B-Raf-activated")
    assert len(chinese.authors) == 8
    assert chinese.published == PartialDate(2018, 7, 28)
    assert chinese.extra == ()  # no "Free PMC article": none invented


def test_pmcid_on_the_pmid_line_and_a_single_page(records: jakcite.Records) -> None:
    nat_commun = records[2]
    assert nat_commun.ids.pmcid == "PMC5893600"
    # A four-digit single page is a page to the shared citation grammar (as MEDLINE's PG is).
    assert nat_commun.pages == Pages("1368", None, "1368") and nat_commun.article_number is None
    assert len(nat_commun.authors) == 17
    assert nat_commun.authors[3] == Person("Vande Voorde", initials="J")


def test_ecollection_and_a_mononym(records: jakcite.Records) -> None:
    assert ("pubmed-summary:eCollection", "2018") in records[3].extra
    bui = records[4]
    assert Person("Basappa") in bui.authors and len(bui.authors) == 6
    assert bui.publication_types == ("Review",)
    assert bui.volume == "415" and bui.issue is None


def test_the_seed_record_has_its_full_author_list(records: jakcite.Records) -> None:
    richter = records[5]
    assert str(richter.title) == "Why Do We Need JAK Inhibitors in Systemic Lupus Erythematosus?"
    assert [a.family for a in richter.authors if isinstance(a, Person)] == [
        "Richter", "Cardoneanu", "Burlui", "Macovei", "Bratoiu", "Buliga-Finis", "Rezus",
    ]  # fmt: skip
    assert richter.article_number == "11788"
    assert richter.publication_types == ("Review",)


def test_provenance_names_the_format_and_line(records: jakcite.Records) -> None:
    assert [r.provenance.line for r in records] == [1, 6, 11, 16, 21, 26]
    assert {r.provenance.format for r in records} == {"pubmed-summary"}


def test_record_variants_group_author_pmcid_forms_and_no_author_line() -> None:
    text = (
        "1. Dexamethasone in Hospitalized Patients with Covid-19.\n"
        "RECOVERY Collaborative Group; Horby P, Lim WS.\n"
        "N Engl J Med. 2021 Feb 25;384(8):693-704. doi: 10.1056/NEJMoa2021436. Epub 2020 Jul 17.\n"
        "PMID: 32678530. PMCID: PMC7383595. Free PMC article. Clinical Trial.\n"
        "\n"
        "2. Proceedings of a workshop.\n"
        "Lancet. 2019;393(10170):e12.\n"
        "PMID: 31000002 No abstract available.\n"
    )
    diagnostics: list[jakcite.Diagnostic] = []
    first, second = jakcite.iter_records(text, "pubmed-summary", on_diagnostic=diagnostics.append)
    # "Group; persons" is not PubMed's order: the line is kept, not guessed at.
    assert (
        first.authors == ()
        and ("pubmed-summary:authors", "RECOVERY Collaborative Group; Horby P, Lim WS.") in first.extra
    )
    assert first.ids.pmcid == "PMC7383595" and first.publication_types == ("Clinical Trial",)
    assert second.authors == () and "authors" in second.provenance.missing
    assert ("pubmed-summary:abstract", "No abstract available") in second.extra
    assert any("no authors" in d.message for d in diagnostics)


def test_group_authors_after_persons() -> None:
    text = "1. T.\nHorby P, Lim WS; RECOVERY Collaborative Group.\nN Engl J Med. 2021 Feb 25;384(8):693-704.\nPMID: 32678530\n"
    (record,) = jakcite.read(text, "pubmed-summary")
    assert record.authors == (
        Person("Horby", initials="P"),
        Person("Lim", initials="WS"),
        Collective("RECOVERY Collaborative Group"),
    )


def test_a_book_source_is_kept_in_note() -> None:
    text = (
        "1. Alpha-Thalassemia.\n"
        "Tamary H, Dgany O.\n"
        "In: Adam MP, Feldman J, Mirzaa GM, editors. GeneReviews® [Internet]. Seattle (WA): University of Washington, Seattle; 1993-2025. 2005 Nov 1 [updated 2020 Oct 1].\n"
        "PMID: 20301608 Free Books & Documents. Review.\n"
    )
    diagnostics: list[jakcite.Diagnostic] = []
    (record,) = jakcite.iter_records(text, "pubmed-summary", on_diagnostic=diagnostics.append)
    assert record.type is WorkType.CHAPTER
    assert record.note is not None and record.note.startswith("In: Adam MP")
    assert record.ids.pmid == "20301608" and record.publication_types == ("Review",)
    assert ("pubmed-summary:access", "Free Books & Documents") in record.extra
    assert any("free-text reference" in d.message for d in diagnostics)


def test_the_sniffer_tells_summary_from_abstract_text() -> None:
    assert sniff(SUMMARY.read_text(encoding="utf-8")) >= 0.9
    assert sniff((FIXTURES / "pubmed-text" / "abstract-text.txt").read_text(encoding="utf-8")) == 0
    assert sniff("1. Shopping list\nMilk.\nEggs.\n") == 0


def test_the_legacy_order_authors_before_title() -> None:
    # The PubMed site before 2020 printed the authors first and a status after the PMID.
    text = (
        "1. Dubbury SJ, Boutz PL, Sharp PA.\n"
        "CDK12 regulates DNA repair genes by suppressing intronic polyadenylation.\n"
        "Nature. 2018 Dec;564(7734):141-145. doi: 10.1038/s41586-018-0758-y. Epub 2018 Nov 28.\n"
        "PMID: 30487607 [PubMed - indexed for MEDLINE] Free PMC Article\n"
    )
    (record,) = jakcite.read(text)
    assert record.provenance.format == "pubmed-summary"
    assert str(record.title).startswith("CDK12 regulates") and len(record.authors) == 3
    assert ("pubmed-summary:status", "PubMed - indexed for MEDLINE") in record.extra
    assert ("pubmed-summary:access", "Free PMC Article") in record.extra and record.publication_types == ()
