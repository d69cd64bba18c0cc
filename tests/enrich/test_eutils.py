"""E-utilities and Crossref lookups against the local server: batching, the cache at work,
unknown, merged and deleted PMIDs, DOIs PubMed lacks, PMCIDs and titles."""

from __future__ import annotations

from pathlib import Path

import jakcite
from conftest import CORPUS, FIXTURES, require_corpus
from enrich.conftest import Services, library
from jakcite import Identifiers, Record
from jakcite.enrichment import Enricher, fetch


def _corpus_pmids(count: int) -> list[str]:
    require_corpus("pubmed-xml")
    pmids = sorted(p for p in library().articles if p not in ("30987474", "36233087"))
    assert len(pmids) >= count, f"the corpus has only {len(pmids)} PMIDs"
    return pmids[:count]


def test_450_pmids_take_three_efetch_posts_and_none_the_second_time(services: Services, tmp_path: Path) -> None:
    pmids = _corpus_pmids(450)
    seen: list[tuple[int, int]] = []
    records = fetch(pmids, services.config(tmp_path, progress=lambda done, total: seen.append((done, total))))
    assert seen == [(200, 450), (400, 450), (450, 450)]
    posts = [(method, len(params["id"][0].split(","))) for e, method, params, _ in services.log if e == "efetch"]
    assert posts == [("POST", 200), ("POST", 200), ("POST", 50)]
    assert sorted(r.ids.pmid for r in records) == pmids
    again = fetch(pmids, services.config(tmp_path))
    assert services.requests() == 3 and len(again) == 450


def test_the_batch_size_is_configurable(services: Services, tmp_path: Path) -> None:
    fetch(_corpus_pmids(25), services.config(tmp_path, batch_size=10))
    assert services.requests("efetch") == 3


def test_a_fetched_record_is_what_the_reader_gives_for_the_same_xml(services: Services, tmp_path: Path) -> None:
    (record,) = fetch(["36233087"], services.config(tmp_path))
    (expected,) = jakcite.read(FIXTURES / "enrich" / "efetch-36233087.xml")
    assert record == expected
    assert [a.family for a in record.authors] == ["Richter", "Placeholder", "Fixture"]


def test_an_unknown_pmid_is_reported_and_remembered(services: Services, tmp_path: Path) -> None:
    records = fetch(["36233087", "999999999"], services.config(tmp_path))
    assert [r.ids.pmid for r in records] == ["36233087"]
    assert [d.message for d in records.diagnostics] == [
        "PMID 999999999: PubMed has no PMID 999999999 (unknown or deleted)"
    ]
    fetch(["999999999"], services.config(tmp_path))
    assert services.requests() == 1  # the "no such PMID" was cached too


def test_a_merged_pmid_gives_the_surviving_record_and_says_so(services: Services, tmp_path: Path) -> None:
    services.merged["11111111"] = "36233087"
    records = fetch(["11111111", "30987474"], services.config(tmp_path))
    assert [r.ids.pmid for r in records] == ["36233087", "30987474"]
    assert "PMID 11111111 was merged into PMID 36233087" in records.diagnostics[0].message
    # One ID unanswered and one stranger in the answer: the stranger is its record, no second ask.
    assert [len(p["id"][0].split(",")) for e, _, p, _ in services.log if e == "efetch"] == [2]


def test_two_merged_pmids_in_a_batch_are_asked_again_one_by_one(services: Services, tmp_path: Path) -> None:
    services.merged.update({"11111111": "36233087", "22222222": "30987474"})
    records = fetch(["11111111", "22222222"], services.config(tmp_path))
    assert [r.ids.pmid for r in records] == ["36233087", "30987474"]
    assert [len(p["id"][0].split(",")) for e, _, p, _ in services.log if e == "efetch"] == [2, 1, 1]


def test_a_deleted_pmid_completes_nothing(services: Services, tmp_path: Path) -> None:
    services.deleted.add("30987474")
    stub = Record(ids=Identifiers(pmid="30987474"), title="Baricitinib for the treatment of rheumatoid arthritis")
    result = jakcite.enrich([stub], services.config(tmp_path))
    assert list(result) == [stub] and result[0].provenance.filled == ()
    assert result.diagnostics[0].message.endswith("PubMed has no PMID 30987474 (unknown or deleted)")


def test_a_doi_is_searched_as_aid_and_a_pmcid_converted(services: Services, tmp_path: Path) -> None:
    records = fetch(["10.1080/1744666X.2019.1608821", "PMC9569651"], services.config(tmp_path))
    assert [r.ids.pmid for r in records] == ["30987474", "36233087"]
    terms = [p["term"][0] for e, _, p, _ in services.log if e == "esearch"]
    assert terms == ['"10.1080/1744666x.2019.1608821"[aid]']
    idconv = [p for e, _, p, _ in services.log if e == "idconv"]
    assert idconv[0]["ids"] == ["PMC9569651"] and idconv[0]["format"] == ["json"]


def test_dois_are_searched_fifty_to_a_query(services: Services, tmp_path: Path) -> None:
    require_corpus("pubmed-xml")
    dois = sorted(library().by_doi)[:120]
    records = fetch(dois, services.config(tmp_path))
    assert services.requests("esearch") == 3 and services.requests("efetch") == 1
    assert len(records) == 120


def test_a_doi_pubmed_lacks_comes_from_crossref(services: Services, tmp_path: Path) -> None:
    (record,) = fetch(["10.5555/12345678"], services.config(tmp_path))
    assert [a.family for a in record.authors] == ["Placeholder", "Fixture"]
    assert record.provenance.origin_of("authors") == "Crossref DOI 10.5555/12345678"


def test_a_doi_nobody_knows_is_reported(services: Services, tmp_path: Path) -> None:
    records = fetch(["10.5555/nothing-here"], services.config(tmp_path))
    assert records == []
    assert records.diagnostics[0].message.endswith("neither PubMed nor Crossref knows DOI 10.5555/nothing-here")


def test_a_record_without_identifiers_is_found_by_title_and_year(services: Services, tmp_path: Path) -> None:
    lossy = Record(
        title="Why do we need JAK inhibitors in systemic lupus erythematosus", published=jakcite.PartialDate(2022)
    )
    (result,) = jakcite.enrich([lossy], services.config(tmp_path))
    assert result.ids.pmid == "36233087" and result.provenance.origin_of("ids.pmid") == "PubMed efetch PMID 36233087"
    (term,) = [p["term"][0] for e, _, p, _ in services.log if e == "esearch"]
    assert term == "Why do we need JAK inhibitors in systemic lupus erythematosus[ti] AND 2022[dp]"


def test_an_unknown_pmcid_is_reported(services: Services, tmp_path: Path) -> None:
    records = fetch(["PMC1"], services.config(tmp_path))
    assert records == [] and "the PMC ID converter knows no PMC1" in records.diagnostics[0].message


def test_the_enricher_counts_its_requests_per_host(services: Services, tmp_path: Path) -> None:
    enricher = Enricher(services.config(tmp_path))
    enricher.enrich([Record(ids=Identifiers(pmid="36233087"))])
    assert sum(enricher.client.requests.values()) == services.requests() == 1


def test_a_bare_pmid_of_a_book_gives_a_book(services: Services, tmp_path: Path) -> None:
    require_corpus("pubmed-xml")
    (expected,) = jakcite.read(CORPUS / "pubmed-xml" / "eutils-json" / "efetch.pubmedbook.xml")
    (record,) = fetch([expected.ids.pmid or ""], services.config(tmp_path))
    assert record.type is jakcite.WorkType.BOOK and record.title == expected.title
    assert record.provenance.origin_of("type") == f"PubMed efetch PMID {expected.ids.pmid}"


def test_a_record_its_identifier_contradicts_is_reported_not_completed(services: Services, tmp_path: Path) -> None:
    wrong = Record(
        title="A quite different title", ids=Identifiers(pmid="36233087"), published=jakcite.PartialDate(2022)
    )
    result = jakcite.enrich([wrong], services.config(tmp_path))
    assert list(result) == [wrong] and result[0].provenance.filled == ()
    (diagnostic,) = result.diagnostics
    assert diagnostic.message == (
        "PMID 36233087: not completed from PubMed efetch PMID 36233087: it differs (title 'A quite different title'"
        " vs 'Why Do We Need JAK Inhibitors in Systemic Lupus Erythematosus?')"
    )
