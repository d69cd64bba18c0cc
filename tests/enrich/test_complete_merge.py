"""Completing a lossy record, merging two records of one work, and deduplicating a list."""

from __future__ import annotations

import attrs

import jakcite
from jakcite import Container, Identifiers, PartialDate, Person, Provenance, Record
from jakcite.enrichment import complete, same_work

FULL = Record(
    title="Why Do We Need JAK Inhibitors in Systemic Lupus Erythematosus?",
    authors=[Person("Richter", "Patricia"), Person("Placeholder", "Ann"), Person("Fixture", "Ben")],
    container=Container(title="International journal of molecular sciences", issn_electronic="1422-0067"),
    volume="23",
    published=PartialDate(2022, 10, 4),
    ids=Identifiers(pmid="36233087", doi="10.3390/ijms231911788"),
    provenance=Provenance(format="pubmed-xml", source="efetch"),
)
LOSSY = Record(
    title="Why do we need JAK inhibitors in systemic lupus erythematosus",
    authors=[Person("Richter", "Patricia")],
    authors_truncated=True,
    container=Container(title="Int J Mol Sci"),
    published=PartialDate(2022),
    ids=Identifiers(doi="10.3390/ijms231911788"),
    provenance=Provenance(format="pubmed-text", source="page.txt", missing=("volume",)),
)


def test_missing_fields_are_filled_and_present_ones_kept() -> None:
    done = complete(LOSSY, FULL, "PubMed efetch PMID 36233087")
    record = done.record
    assert record.volume == "23" and record.ids.pmid == "36233087"
    assert record.title == LOSSY.title and record.published == PartialDate(2022)  # never overwritten
    assert record.container == Container(title="Int J Mol Sci", issn_electronic="1422-0067")
    assert [a.family for a in record.authors] == ["Richter", "Placeholder", "Fixture"]
    assert not record.authors_truncated
    assert set(done.filled) == {"volume", "ids.pmid", "container.issn_electronic", "authors"}
    assert dict(record.provenance.filled) == dict.fromkeys(done.filled, "PubMed efetch PMID 36233087")
    assert record.provenance.missing == () and record.provenance.source == "page.txt"


def test_a_full_author_list_is_not_replaced() -> None:
    shorter = attrs.evolve(FULL, authors=FULL.authors[:2])
    done = complete(attrs.evolve(LOSSY, authors=FULL.authors, authors_truncated=False), shorter, "x")
    assert len(done.record.authors) == 3 and "authors" not in done.filled


def test_a_conflict_is_reported_and_nothing_merged() -> None:
    for change, word in (
        ({"title": "Another work entirely"}, "title"),
        ({"published": PartialDate(2019)}, "year"),
        ({"authors": [Person("Novak", "Anna")]}, "first author"),
    ):
        done = complete(LOSSY, attrs.evolve(FULL, **change), "PubMed")
        assert done.record is LOSSY and done.filled == ()
        assert len(done.conflicts) == 1 and done.conflicts[0].startswith(word)


def test_an_electronic_year_that_differs_from_the_print_year_is_no_conflict() -> None:
    epub = attrs.evolve(FULL, published=PartialDate(2023, 1), epublished=PartialDate(2022, 10, 4))
    assert complete(LOSSY, epub, "PubMed").conflicts == ()


def test_same_work_by_identifier_or_by_title_year_and_first_author() -> None:
    assert same_work(LOSSY, FULL) == "same DOI"
    bare = attrs.evolve(LOSSY, ids=Identifiers())
    assert same_work(bare, FULL) == "same title, year and first author"
    assert same_work(bare, attrs.evolve(FULL, published=PartialDate(2020))) is None
    other_doi = attrs.evolve(LOSSY, ids=Identifiers(doi="10.1000/other"))
    assert same_work(other_doi, attrs.evolve(FULL, ids=Identifiers(doi="10.1000/else"))) is None


def test_merge_keeps_the_richer_fields_and_both_provenances() -> None:
    merged = jakcite.merge(LOSSY, FULL)
    assert [a.family for a in merged.authors] == ["Richter", "Placeholder", "Fixture"]
    assert merged.published == PartialDate(2022, 10, 4)  # the more precise date
    assert merged.title == LOSSY.title  # a tie: the first record's
    assert merged.ids == Identifiers(pmid="36233087", doi="10.3390/ijms231911788")
    assert merged.provenance.source == "page.txt"
    assert [p.source for p in merged.provenance.merged] == ["efetch"]
    assert merged.provenance.origin_of("volume") == "merged from PMID 36233087 (efetch)"


def test_dedupe_merges_each_work_once_in_first_seen_order() -> None:
    other = Record(title="A different work", published=PartialDate(2020), ids=Identifiers(pmid="1"))
    bare = attrs.evolve(LOSSY, ids=Identifiers(), provenance=Provenance(source="copy.txt"))
    result = jakcite.dedupe([LOSSY, other, FULL, bare])
    assert len(result) == 2
    assert result[1] is other
    assert result[0].volume == "23" and len(result[0].authors) == 3
    assert [p.source for p in result[0].provenance.merged] == ["efetch", "copy.txt"]
    messages = [d.message for d in result.diagnostics]
    assert messages == [
        "merged record 3 (PMID 36233087) into record 1 (doi:10.3390/ijms231911788): same DOI",
        "merged record 4 (Why do we need JAK inhibitors in systemi...) into record 1 (PMID 36233087):"
        " same title, year and first author",
    ]


def test_dedupe_does_not_merge_records_whose_identifiers_disagree() -> None:
    a = attrs.evolve(FULL, ids=Identifiers(pmid="1"))
    b = attrs.evolve(FULL, ids=Identifiers(pmid="2"))
    assert len(jakcite.dedupe([a, b])) == 2


def test_what_counts_as_an_absent_value() -> None:
    from jakcite import Pages, RichText
    from jakcite.enrichment.complete import is_empty

    absent = [None, (), "", RichText(), Pages(), Identifiers()]
    present = [False, True, (1,), "a", RichText.plain("x"), Identifiers(pmid="1"), PartialDate(2020), Container()]
    assert [is_empty(v) for v in absent] == [True] * len(absent)
    assert [is_empty(v) for v in present] == [False] * len(present)
