"""The PubMed CSV reader: the six-row fixture read by hand, checked identifiers, the header, errors.

Expected values are written by hand from reading ``fixtures/pubmed-csv/csv-six-records.csv``
(described in ``fixtures/SOURCES.md``).
"""

from __future__ import annotations

import csv
import io

import pytest

import jakcite
from conftest import FIXTURES
from jakcite import HistoryDate, Pages, PartialDate, Person
from jakcite.builtin_formats.pubmed_csv.sniffer import sniff

CSV = FIXTURES / "pubmed-csv" / "csv-six-records.csv"
HEADER = "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n"


@pytest.fixture(scope="module")
def records() -> jakcite.Records:
    return jakcite.read(CSV, "pubmed-csv")


def test_every_row_is_a_record(records: jakcite.Records) -> None:
    assert [r.ids.pmid for r in records] == ["30487607", "30124210", "29636461", "29507620", "29175460", "36233087"]
    assert records.diagnostics == []


def test_all_columns_are_read(records: jakcite.Records) -> None:
    nature = records[0]
    assert str(nature.title) == "CDK12 regulates DNA repair genes by suppressing intronic polyadenylation."
    assert nature.authors == (
        Person("Dubbury", initials="SJ"),
        Person("Boutz", initials="PL"),
        Person("Sharp", initials="PA"),
    )
    assert nature.container is not None and nature.container.title == "Nature"
    assert (nature.published, nature.epublished) == (PartialDate(2018, 12), PartialDate(2018, 11, 28))
    assert (nature.volume, nature.issue, nature.pages) == ("564", "7734", Pages("141", "145", "141-145"))
    assert (nature.ids.pmcid, nature.ids.nihmsid, nature.ids.doi) == (
        "PMC6328294",
        "NIHMS1509550",
        "10.1038/s41586-018-0758-y",
    )
    assert nature.history == (HistoryDate("entrez", PartialDate(2018, 11, 30)),)


def test_empty_columns_give_no_values(records: jakcite.Records) -> None:
    chinese, richter = records[1], records[5]
    assert chinese.ids.pmcid is None and chinese.ids.nihmsid is None and chinese.title_translated
    assert richter.history == ()  # no Create Date in the row: none invented
    assert len(richter.authors) == 7 and richter.article_number == "11788"


def test_a_doi_run_into_the_next_field_costs_the_field_with_a_warning() -> None:
    row = '36233087,Why?,"Richter P, Rezus E.",Int J Mol Sci. 2022 Oct 4;23(19):11788.,Richter P,Int J Mol Sci,2022,,,,"10.3390/ijms231911788.,Richter"\n'
    diagnostics: list[jakcite.Diagnostic] = []
    (record,) = jakcite.iter_records(HEADER + row, "pubmed-csv", on_diagnostic=diagnostics.append)
    assert record.ids.doi is None
    assert ("pubmed-csv:doi", "10.3390/ijms231911788.,Richter") in record.extra
    assert [d.message for d in diagnostics if "DOI" in d.message] != []
    assert record.ids.pmid == "36233087"  # the rest of the record stands


def test_a_malformed_pmcid_is_not_accepted() -> None:
    row = "1,T.,Smith J.,Lancet. 2019;393(10170):100-9.,Smith J,Lancet,2019,2019/01/02,PMX12,,\n"
    (record,) = jakcite.read(HEADER + row, "pubmed-csv", strict=False)
    assert record.ids.pmcid is None and ("pubmed-csv:pmcid", "PMX12") in record.extra


def test_first_author_alone_is_a_cut_short_list() -> None:
    row = "1,T.,,Lancet. 2019;393(10170):100-9.,Smith J,Lancet,2019,,,,\n"
    (record,) = jakcite.read(HEADER + row, "pubmed-csv", strict=False)
    assert record.authors == (Person("Smith", initials="J"),) and record.authors_truncated


def test_a_publication_year_that_disagrees_is_kept_not_merged() -> None:
    row = "1,T.,Smith J.,Lancet. 2019;393(10170):100-9.,Smith J,Lancet,2020,,,,\n"
    (record,) = jakcite.read(HEADER + row, "pubmed-csv", strict=False)
    assert record.published == PartialDate(2019)
    assert ("pubmed-csv:Publication Year", "2020") in record.extra


def test_a_header_without_pubmed_columns_is_an_error() -> None:
    with pytest.raises(jakcite.ParseError, match="lacks Authors, Citation"):
        jakcite.read("PMID,Title\n1,T\n", "pubmed-csv")


def test_the_sniffer_needs_pubmed_columns() -> None:
    assert sniff(CSV.read_text(encoding="utf-8")) >= 0.9
    assert sniff("\ufeff" + HEADER) >= 0.9
    assert sniff("name,year\nSmith,2019\n") == 0
    assert sniff("PMID- 123\nTI  - x\n") == 0


def test_a_file_resaved_with_semicolons_is_read() -> None:
    text = CSV.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    resaved = "\ufeff" + out.getvalue()
    assert sniff(resaved) >= 0.9
    records = jakcite.read(resaved.encode("utf-8"))
    assert [r.ids.pmid for r in records] == [r.ids.pmid for r in jakcite.read(CSV)]
    assert records[0].authors == jakcite.read(CSV)[0].authors
