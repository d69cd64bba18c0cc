"""The two seeds through ``jakcite convert --enrich`` against the local server, the command
without ``--enrich`` (as before, and not one request), ``format --enrich``, ``--dedupe``,
``--offline`` and ``jakcite fetch``."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from conftest import FIXTURES
from enrich.conftest import Services
from jakcite.cli import main

SEED_PAGE = str(FIXTURES / "000_1bb37f4966235449.txt")  # no authors at all
SEED_ETAL = str(FIXTURES / "002_7103ea8e518ac3d2.txt")  # "Patricia Richter et al."


@pytest.fixture
def pointed(services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    """The command's environment pointed at the local server, with its own cache."""
    monkeypatch.setenv("JAKCITE_EUTILS_URL", services.url + "eutils/")
    monkeypatch.setenv("JAKCITE_IDCONV_URL", services.url + "idconv/")
    monkeypatch.setenv("JAKCITE_CROSSREF_URL", services.url + "crossref/")
    monkeypatch.setenv("JAKCITE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    return services


def _csl(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["convert", SEED_PAGE, SEED_ETAL, "--to", "csl-json", *args]) == 0
    items: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return items


def test_both_seeds_get_full_author_lists_and_keys_from_the_first_author(
    pointed: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", SEED_PAGE, SEED_ETAL, "--to", "bibtex", "--enrich"]) == 0
    out = capsys.readouterr().out
    assert "@article{placeholder2019baricitinib," in out
    assert "author = {Placeholder, Ann and Fixture, Ben and Sample, Cy}," in out
    assert "@article{richter2022why," in out
    assert "author = {Richter, Patricia and Placeholder, Ann and Fixture, Ben}," in out
    assert "pmid = {30987474}" in out and "pmid = {36233087}" in out
    # One esearch for both DOIs, one efetch for both PMIDs.
    assert [e for e, *_ in pointed.log] == ["esearch", "efetch"]


def test_enriched_csl_json_names_the_source_of_each_filled_field(
    pointed: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    page, etal = _csl(capsys, "--enrich")
    assert [a["family"] for a in page["author"]] == ["Placeholder", "Fixture", "Sample"]  # type: ignore[index]
    assert [a["family"] for a in etal["author"]] == ["Richter", "Placeholder", "Fixture"]  # type: ignore[index]
    assert page["PMID"] == "30987474" and etal["PMCID"] == "PMC9569651"
    assert (
        page["title"]
        == "Baricitinib for the treatment of rheumatoid arthritis and systemic lupus erythematosus: a 2019 update"
    )


def test_provenance_says_which_fields_came_from_where(pointed: Services) -> None:
    import jakcite

    records = jakcite.enrich(jakcite.read(SEED_ETAL))
    (record,) = records
    filled = dict(record.provenance.filled)
    assert filled["authors"] == "PubMed efetch PMID 36233087"
    assert filled["ids.pmid"] == filled["ids.pmcid"] == "PubMed efetch PMID 36233087"
    assert "title" not in filled and "abstract" not in filled  # the page had them: kept
    assert record.provenance.format == "pubmed-text" and record.provenance.source == SEED_ETAL


def test_without_enrich_the_seeds_convert_as_before_and_nothing_is_asked(
    pointed: Services, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a network connection without --enrich")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert main(["convert", SEED_PAGE, SEED_ETAL, "--to", "bibtex"]) == 0
    out = capsys.readouterr().out
    assert "@article{anon2019baricitinib," in out
    assert "author = {Richter, Patricia and others}," in out
    assert "pmid" not in out
    assert main(["format", SEED_PAGE, SEED_ETAL]) == 0
    assert main(["convert", SEED_PAGE, "--to", "ris", "--dedupe"]) == 0  # dedupe is local too
    assert pointed.requests() == 0


def test_format_enrich_prints_every_author(pointed: Services, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["format", SEED_ETAL, "--enrich"]) == 0
    out = capsys.readouterr().out
    assert "Richter P, Placeholder A, Fixture B." in out


def test_offline_uses_the_cache_only(pointed: Services, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", SEED_ETAL, "--to", "bibtex", "--offline"]) == 0
    first = capsys.readouterr()
    assert "Placeholder" not in first.out and "not in the cache (offline)" in first.err
    assert pointed.requests() == 0
    assert main(["convert", SEED_ETAL, "--to", "bibtex", "--enrich"]) == 0
    capsys.readouterr()
    asked = pointed.requests()
    assert main(["convert", SEED_ETAL, "--to", "bibtex", "--offline"]) == 0
    assert "author = {Richter, Patricia and Placeholder, Ann and Fixture, Ben}," in capsys.readouterr().out
    assert pointed.requests() == asked


def test_dedupe_merges_a_page_and_its_fetched_record(
    pointed: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xml = FIXTURES / "enrich" / "efetch-36233087.xml"
    assert main(["convert", SEED_ETAL, str(xml), "--to", "bibtex", "--dedupe"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("@article{") == 1 and "Placeholder, Ann" in captured.out
    assert "warning: merged record 2 (PMID 36233087) into record 1" in captured.err


def test_fetch_by_pmid_pmcid_and_doi(pointed: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "ids.txt"
    listing.write_text("# saved from PubMed\n36233087\n\nPMC9569651\n", encoding="utf-8")
    out = tmp_path / "out.bib"
    code = main(["fetch", "10.1080/1744666X.2019.1608821", "-i", str(listing), "--dedupe", "-o", str(out)])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("@article{") == 2
    assert "@article{placeholder2019baricitinib," in text and "@article{richter2022why," in text


def test_fetch_says_what_it_could_not_find(pointed: Services, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "36233087", "999999999", "--to", "csl-json"]) == 1
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 1
    assert "999999999: warning: PMID 999999999: PubMed has no PMID 999999999 (unknown or deleted)" in captured.err


def test_fetch_refuses_what_is_no_identifier(pointed: Services, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "not-an-id"]) == 2
    assert capsys.readouterr().err == "jakcite: error: 'not-an-id' is not a PMID, PMCID or DOI\n"
    assert main(["fetch"]) == 2
    assert pointed.requests() == 0


def test_a_server_that_keeps_failing_is_a_warning_not_a_traceback(
    pointed: Services, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pointed.fault("esearch", *["500"] * 10)
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    assert main(["convert", SEED_ETAL, "--to", "bibtex", "--enrich"]) == 0
    captured = capsys.readouterr()
    assert "jakcite: warning: enrichment stopped: 127.0.0.1" in captured.err and "Traceback" not in captured.err
    assert "author = {Richter, Patricia and others}," in captured.out  # the record as read, still written


def test_a_pmid_list_converts_through_fetching(
    pointed: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # PubMed's Save -> PMID file: identifiers only, completed by --enrich (docs/formats/pmid-list.md).
    pmids = tmp_path / "pmid-set.txt"
    pmids.write_text("30987474\n36233087\n", encoding="utf-8")
    assert main(["convert", str(pmids), "--from", "pmid-list", "--to", "bibtex", "--enrich"]) == 0
    out = capsys.readouterr().out
    assert out.count("@article{") == 2 and "@misc" not in out
    assert "@article{richter2022why," in out and "journal = {International journal of molecular sciences}" in out
    assert [e for e, *_ in pointed.log] == ["efetch"]  # one batch for both
