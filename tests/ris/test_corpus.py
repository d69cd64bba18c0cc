"""RIS against the real world: every corpus dialect reads, round trips, and independent readers agree.

* Every file of ``corpus/ris`` reads in strict mode with the record count counted
  independently (``grep -c '^ER  -'``), and spot values read by hand from the files.
* ``read(write(r)) == project(r)`` for every record of the RIS corpus and of the PubMed
  corpus (PubMed XML and MEDLINE), and writing is stable (write, read, write: same text).
* rispy and citation-js parse our output with the same title, authors, journal, date,
  volume, issue, pages and DOI for every record.
"""

from __future__ import annotations

import json
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import jakcite
from conftest import ROOT, require_corpus, require_tool, skip_or_fail
from jakcite import Collective, PartialDate, Person, Record, WorkType
from jakcite.builtin_formats.ris import RIS
from jakcite.builtin_formats.ris.coverage import project as _project
from jakcite.registry import load_formats
from jakcite.util.citekeys import assign_keys


def project(record: Record, **options: Any) -> Record:
    """The RIS projection with the ``ID`` the writer gives the record written alone (its cite key)."""
    return attrs.evolve(_project(record, **options), key=assign_keys([record])[0])


def project_all(records: list[Record]) -> list[Record]:
    """The projections with the cite keys the writer gives these records written together."""
    return [attrs.evolve(_project(r), key=k) for r, k in zip(records, assign_keys(records), strict=True)]


pytestmark = pytest.mark.corpus

#: Records per file, counted with ``grep -c '^ER  \\?-'`` (ER lines; TY counts miss BOM lines).
RECORD_COUNTS = {
    "asreview-baseline_zotero.ris": 100,
    "asreview-embase.ris": 6,
    "asreview-ovid_psycinfo.ris": 6,
    "asreview-ovid_zotero.ris": 6,
    "asreview-proquest.ris": 6,
    "asreview-pubmed_endnote.ris": 6,
    "asreview-pubmed_zotero.ris": 6,
    "asreview-ris_issue_1099.ris": 7,
    "asreview-ris_issue_992.ris": 19,
    "asreview-scopus.ris": 6,
    "asreview-web_of_science.ris": 10,
    "citesource-dimensions_246.ris": 246,
    "citesource-ebsco-crimjust_41.ris": 41,
    "citesource-ebsco-envindex_100.ris": 100,
    "citesource-econlit.ris": 50,
    "citesource-lens_49.ris": 49,
    "citesource-medline_84.ris": 84,
    "citesource-psycinfo_64.ris": 64,
    "citesource-pubmed_46.ris": 46,
    "citesource-scopus_255.ris": 255,
    "citesource-wos_79.ris": 79,
    "jabref-RisImporterTest3.ris": 1,
    "jabref-RisImporterTest5a.ris": 1,
    "jabref-RisImporterTest6.ris": 1,
    "jabref-RisImporterTest8_date.ris": 1,
    "jabref-RisImporterTest9.ris": 1,
    "jabref-RisImporterTestScience.ris": 1,
    "jabref-RisImporterTestScopus.ris": 1,
}


def _ris_dir() -> Path:
    return require_corpus("ris")


@pytest.fixture(scope="module")
def ris_corpus() -> dict[str, jakcite.Records]:
    """Every RIS file of the corpus, read in strict mode."""
    folder = _ris_dir()
    return {name: jakcite.read(folder / name, RIS) for name in RECORD_COUNTS}


@pytest.fixture(scope="module")
def pubmed_corpus() -> list[Record]:
    """Every record of the PubMed XML and MEDLINE corpus (the derived aggregate left out)."""
    corpus = require_corpus()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formats = load_formats()
    missing = [name for name in ("pubmed-xml", "medline") if name not in formats]
    if missing:
        skip_or_fail(f"format module(s) {', '.join(missing)} not available yet: PubMed corpus round trip needs them")
    paths = sorted(p for p in (corpus / "pubmed-xml").rglob("*.xml*") if "aggregate" not in p.name)
    paths += sorted(p for p in (corpus / "medline").rglob("*") if p.is_file())
    records: list[Record] = []
    for path in paths:
        records.extend(jakcite.read(path, strict=False))
    assert len(records) > 1500
    return records


def test_every_corpus_file_is_accounted_for() -> None:
    on_disk = {p.name for p in _ris_dir().glob("*.ris")}
    assert on_disk == set(RECORD_COUNTS) | {"rispy-example_wos.ris"}


def test_every_ris_file_reads_strictly_with_its_record_count(ris_corpus: dict[str, jakcite.Records]) -> None:
    counts = {name: len(records) for name, records in ris_corpus.items()}
    assert counts == RECORD_COUNTS
    assert all(not records.skipped for records in ris_corpus.values())


def test_web_of_science_tagged_file_is_refused() -> None:
    with pytest.raises(jakcite.ParseError, match="Web of Science's own tagged format") as info:
        jakcite.read(_ris_dir() / "rispy-example_wos.ris")
    assert info.value.source is not None and info.value.source.endswith("rispy-example_wos.ris")


def test_spot_values_read_by_hand(ris_corpus: dict[str, jakcite.Records]) -> None:
    dimensions = ris_corpus["citesource-dimensions_246.ris"][0]
    assert (dimensions.ids.pmid, dimensions.ids.pmcid) == ("35957633", "PMC9359172")  # U1 ... [PMID]
    assert dimensions.container is not None and dimensions.container.title == "European Journal of Psychotraumatology"
    assert dimensions.pages is not None and dimensions.pages.first == "2087980"

    embase = ris_corpus["asreview-embase.ris"][0]
    assert embase.authors[:2] == (Person("Liu", given="R.", initials="R"), Person("Adler", given="D.G.", initials="DG"))
    assert embase.publication_types == ("Article",)
    assert embase.container is not None and embase.container.issn_print == "2226-7190"

    endnote = ris_corpus["asreview-pubmed_endnote.ris"][0]
    assert endnote.ids.pmid == "21553931"  # AN + DP NLM
    assert endnote.published == PartialDate(2011, 6)  # DA "Jun" + PY 2011
    assert endnote.epublished == PartialDate(2011, 5, 11)
    assert endnote.keywords[1].term == "Anti-Inflammatory Agents/adverse effects/pharmacokinetics/*pharmacology"

    pmc = ris_corpus["jabref-RisImporterTest6.ris"][0]
    assert (pmc.ids.pmid, pmc.ids.pmcid) == ("23690738", "PMC3654245")
    assert pmc.published == PartialDate(2013, 4, 18)
    assert [(h.status, h.date) for h in pmc.history] == [
        ("received", PartialDate(2013, 2, 15)),
        ("accepted", PartialDate(2013, 3, 14)),
    ]

    scifinder = ris_corpus["jabref-RisImporterTest5a.ris"][0]
    assert scifinder.ids.doi == "10.1016/j.powtec.2012.01.008"  # DO, repeated in M3
    assert scifinder.published == PartialDate(2012)  # PY 2012///
    assert scifinder.publication_types == ()

    ebsco = ris_corpus["citesource-ebsco-crimjust_41.ris"][0]
    assert ebsco.published == PartialDate(2021, 6)  # Y1 2021/06//
    assert ebsco.container is not None and ebsco.container.issn_print == "1606-6359"  # SN 16066359

    rayyan = ris_corpus["asreview-ris_issue_992.ris"][0]
    assert len(rayyan.keywords) == 13  # one KW tag, 12 untagged continuation lines
    assert rayyan.keywords[1].term == "Joint Commission"

    scopus = ris_corpus["asreview-scopus.ris"]
    assert [r.ids.pmid for r in scopus if r.ids.pmid] == ["31421429", "31627144", "31574429", "30704343", "31175206"]

    wos = ris_corpus["citesource-wos_79.ris"][0]
    assert wos.authors[0] == Person("Elton-Marshall", given="T", initials="T")

    ovid = ris_corpus["asreview-ovid_psycinfo.ris"][0]
    (late,) = ovid.extra_values("ris:NL")  # NL comes after ER, with an untagged link line below it
    assert late.startswith("Clin Psychol Psychother Link to the Ovid Full Text or citation: https://")

    science = ris_corpus["jabref-RisImporterTestScience.ris"][0]
    assert science.title is not None and science.title.text.startswith("Phase separation and ω transformation")
    assert science.published == PartialDate(2016, 12)

    lens = ris_corpus["citesource-lens_49.ris"]
    assert lens[0].type is WorkType.OTHER and lens[0].title is not None  # TY GEN (file starts with a BOM)


def _assert_round_trip(records: list[Record]) -> None:
    text = jakcite.write(records, RIS)
    back = jakcite.read(text, RIS)
    assert len(back) == len(records)
    expected = project_all(records)
    wrong = [(r.label(), _differences(e, b)) for r, e, b in zip(records, expected, back, strict=True) if e != b]
    assert wrong == []
    assert jakcite.write(back, RIS) == text


def _differences(expected: Record, actual: Record) -> list[str]:

    return [f.name for f in attrs.fields(Record) if f.eq and getattr(expected, f.name) != getattr(actual, f.name)]


def test_ris_corpus_round_trips(ris_corpus: dict[str, jakcite.Records]) -> None:
    _assert_round_trip([r for records in ris_corpus.values() for r in records])


def test_ris_to_model_to_ris_to_model_is_equal(ris_corpus: dict[str, jakcite.Records]) -> None:
    """Read RIS, write it, read again: the same records, but for the declared history loss.

    (PMC's ``PY  - 2013/02/15/received`` lines are read into ``history``, which RIS
    output does not carry.)
    """
    records = [r for records in ris_corpus.values() for r in records]
    back = jakcite.read(jakcite.write(records, RIS), RIS)
    keys = assign_keys(records)  # records without an ID get their cite key
    changed = [
        (r.label(), _differences(attrs.evolve(r, history=(), key=k), b))
        for r, k, b in zip(records, keys, back, strict=True)
        if attrs.evolve(r, history=(), key=k) != b
    ]
    assert changed == []
    assert sum(1 for r in records if r.history) == 1


def test_pubmed_corpus_round_trips(pubmed_corpus: list[Record]) -> None:
    _assert_round_trip(pubmed_corpus)


# --------------------------------------------------------------------------- independent readers


def _expected_names(record: Record) -> list[tuple[str, str, str | None]]:
    """Names as (family or group name, given, suffix); no given name and an empty one are alike."""
    names: list[tuple[str, str, str | None]] = []
    for person in record.authors:
        if isinstance(person, Collective):
            names.append((person.name, "", None))
        else:
            names.append((person.family, person.given or "", person.suffix))
    return names


def _date_parts(date: PartialDate | None) -> list[int] | None:
    if date is None:
        return None
    return [part for part in (date.year, date.month, date.day if date.month else None) if part is not None]


def _page_text(record: Record) -> str | None:
    pages = record.pages
    if pages is None:
        return record.article_number
    if pages.first and pages.last and pages.last != pages.first:
        return f"{pages.first}-{pages.last}"
    return pages.first or pages.last


def _expected(record: Record) -> dict[str, Any]:
    """What any reader should find in our RIS for this record (from what RIS carries of it)."""
    carried = _project(record)
    return {
        "title": carried.title.text if carried.title else None,
        "authors": _expected_names(carried),
        "journal": carried.container.title if carried.container else None,
        "date": _date_parts(carried.published),
        "volume": carried.volume,
        "issue": carried.issue,
        "pages": _page_text(carried),
        "doi": carried.ids.doi,
    }


def _rispy_view(entry: dict[str, Any]) -> dict[str, Any]:
    names: list[tuple[str, str, str | None]] = []
    for text in entry.get("authors", []):
        parts = [p.strip() for p in text.split(",")] + ["", ""]
        names.append((parts[0], parts[1], parts[2] or None))
    date_text = entry.get("date")
    date = None
    if date_text:
        numbers = [int(p) for p in date_text.split("/")[:3] if p]
        date = numbers
    first, last = entry.get("start_page"), entry.get("end_page")
    return {
        "title": entry.get("title"),
        "authors": names,
        "journal": entry.get("secondary_title"),
        "date": date,
        "volume": entry.get("volume"),
        "issue": entry.get("number"),
        "pages": f"{first}-{last}" if first and last else first,
        "doi": entry.get("doi"),
    }


def _citation_js_view(item: dict[str, Any]) -> dict[str, Any]:
    names: list[tuple[str, str, str | None]] = []
    for name in item.get("author", []):
        if "literal" in name:
            names.append((name["literal"], "", None))
        else:
            names.append((name.get("family", ""), name.get("given", ""), name.get("suffix")))
    issued = item.get("issued", {}).get("date-parts")
    return {
        "title": item.get("title"),
        "authors": names,
        "journal": item.get("container-title"),
        "date": [int(p) for p in issued[0]] if issued else None,
        "volume": item.get("volume"),
        "issue": item.get("issue"),
        # The RIS specification makes SP the number of pages for books and theses.
        "pages": item.get("page") or item.get("number-of-pages"),
        "doi": item.get("DOI"),
    }


#: Types for which the RIS specification (and so citation-js) takes the date from PY (the
#: year) alone, while DA is "Date" of another kind: only the year can agree there.
_YEAR_ONLY_TYPES = frozenset({WorkType.CHAPTER, WorkType.NEWSPAPER_ARTICLE, WorkType.SOFTWARE})


def _disagreements(
    records: list[Record], views: list[dict[str, Any]], *, year_only: frozenset[WorkType] = frozenset()
) -> Iterator[tuple[str, str, Any, Any]]:
    assert len(views) == len(records)
    for record, view in zip(records, views, strict=True):
        expected = _expected(record)
        if record.type in year_only and expected["date"]:
            expected["date"] = expected["date"][:1]
        for key, value in expected.items():
            if view[key] != value:
                yield record.label(), key, value, view[key]


@pytest.mark.tools
def test_rispy_reads_our_output_the_same(pubmed_corpus: list[Record]) -> None:
    try:
        import rispy
    except ImportError:
        skip_or_fail("rispy is not installed")
    records = pubmed_corpus
    entries = rispy.loads(jakcite.write(records, RIS))
    assert list(_disagreements(records, [_rispy_view(e) for e in entries])) == []


@pytest.mark.tools
def test_citation_js_reads_our_output_the_same(pubmed_corpus: list[Record]) -> None:
    node = require_tool("node")
    js = ROOT / "tests" / "js"
    if not (js / "node_modules" / "@citation-js" / "plugin-ris").exists():
        skip_or_fail("tests/js/node_modules missing: run `npm ci` in tests/js")
    records = pubmed_corpus
    done = subprocess.run(
        [node, "ris_parse.js"],
        input=jakcite.write(records, RIS),
        capture_output=True,
        text=True,
        cwd=js,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    views = [_citation_js_view(i) for i in items]
    assert list(_disagreements(records, views, year_only=_YEAR_ONLY_TYPES)) == []
