"""The identifier-list reader: records holding only their identifier, the enrichment hint, errors."""

from __future__ import annotations

import pytest

import jakcite
from conftest import FIXTURES
from jakcite import Identifiers, WorkType
from jakcite.builtin_formats.pmid_list.sniffer import sniff


def test_each_pmid_is_a_record_holding_only_it() -> None:
    diagnostics: list[jakcite.Diagnostic] = []
    records = list(jakcite.iter_records(FIXTURES / "pmid-list" / "pmid-six.txt", on_diagnostic=diagnostics.append))
    assert [r.ids for r in records] == [
        Identifiers(pmid=p) for p in ("30487607", "30124210", "29636461", "29507620", "29175460", "36233087")
    ]
    assert all(r.title is None and r.authors == () and r.container is None for r in records)
    assert all(r.type is WorkType.OTHER and "title" in r.provenance.missing for r in records)
    assert [r.provenance.line for r in records] == [1, 2, 3, 4, 5, 6]
    (hint,) = diagnostics  # one for the file, not one per record
    assert hint.message == (  # as docs/formats/pmid-list.md shows it
        "the records hold identifiers only (no title, authors or journal): convert with --enrich, "
        "or run `jakcite fetch`, to complete them from PubMed and Crossref"
    )


def test_pmcids_and_dois_too() -> None:
    records = jakcite.read(FIXTURES / "pmid-list" / "mixed-identifiers.txt")
    assert [r.ids for r in records] == [
        Identifiers(pmcid="PMC6328294"),
        Identifiers(doi="10.3390/ijms231911788"),
        Identifiers(doi="10.1080/1744666X.2019.1608821"),
        Identifiers(pmid="29175460"),
    ]


def test_prefixed_and_comma_separated_identifiers() -> None:
    text = "PMID: 30487607, pmid:30124210\nhttps://doi.org/10.1038/s41586-018-0758-y\nPMCID: PMC5893600\n"
    records = jakcite.read(text, "pmid-list")
    assert [r.ids for r in records] == [
        Identifiers(pmid="30487607"),
        Identifiers(pmid="30124210"),
        Identifiers(doi="10.1038/s41586-018-0758-y"),
        Identifiers(pmcid="PMC5893600"),
    ]


def test_a_line_that_is_no_identifier_fails_its_record() -> None:
    with pytest.raises(jakcite.ParseError, match=r":2: not a PMID, PMCID or DOI: 'Smith'"):
        jakcite.read("30487607\nSmith\n", "pmid-list")
    lenient = jakcite.read("30487607\nSmith\n29175460\n", "pmid-list", strict=False)
    assert [r.ids.pmid for r in lenient] == ["30487607", "29175460"]
    assert [d.line for d in lenient.skipped] == [2]


def test_the_sniffer() -> None:
    assert sniff("30487607\n30124210\n") >= 0.9
    assert sniff("PMC6328294\n10.3390/ijms231911788\n") > 0.8
    assert sniff("30487607\nShopping list\n") == 0
    assert sniff("") == 0
