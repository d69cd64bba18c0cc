"""``--cited``: PubMed's reference citation strings parsed into fields (issue 17)."""

from __future__ import annotations

import subprocess
import sys

import jakcite
from conftest import require_corpus
from jakcite.cited import cited_record
from jakcite.model import Container, Identifiers, PartialDate, Record, WorkType


def test_a_citation_string_becomes_journal_date_volume_and_article_number() -> None:
    reference = Record(
        type=WorkType.OTHER, reference_text="BMJ. 2017 Sep 21;358:j4008", ids=Identifiers(pmid="28931509")
    )
    record = cited_record(reference)
    assert record.type is WorkType.JOURNAL_ARTICLE
    assert record.container is not None and record.container.title == "BMJ"
    assert record.published == PartialDate(2017, 9, 21)
    assert (record.volume, record.article_number) == ("358", "j4008")
    assert record.ids.pmid == "28931509"  # PubMed's identifier kept
    assert record.note == "BMJ. 2017 Sep 21;358:j4008" and record.reference_text == record.note


def test_identifiers_pubmed_gave_win_and_structured_references_stay() -> None:
    text = "Smith J, Doe A. A study of things. J Things. 2020;12(3):45-67. doi:10.1000/parsed"
    record = cited_record(Record(reference_text=text, ids=Identifiers(doi="10.1000/given")))
    assert record.title is not None and record.title.text == "A study of things"
    assert record.ids.doi == "10.1000/given" and record.authors[0].family == "Smith"
    structured = Record(title="Known", container=Container(title="J"), reference_text="Known. J. 2020.")
    assert cited_record(structured) is structured
    assert cited_record(Record(title="No string")).title is not None


def test_cli_cited_writes_parsed_references() -> None:
    path = require_corpus("pubmed-xml") / "agr_literature" / "10022914.xml"
    done = subprocess.run(
        [sys.executable, "-m", "jakcite", "convert", str(path), "--cited", "--to", "csl-json"],
        capture_output=True,
        text=True,
        check=True,
    )
    items = jakcite.read(done.stdout, "csl-json")
    assert len(items) > 5
    assert all(r.container is not None and r.published is not None for r in items)
    assert all(r.note for r in items)  # the citation string, kept
    assert items[0].container is not None and items[0].container.title == "J Mol Biol"
