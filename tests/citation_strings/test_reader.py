"""The citation-strings reader: PubMed's four Cite styles, free-text reference lists, what cannot be parsed.

Expected values are written by hand from reading ``fixtures/citation-strings/`` (described
in ``fixtures/SOURCES.md``).
"""

from __future__ import annotations

import pytest

import jakcite
from conftest import FIXTURES
from jakcite import Pages, PartialDate, Person, WorkType
from jakcite.builtin_formats.citation_strings.sniffer import sniff

STYLES = FIXTURES / "citation-strings" / "cite-styles.txt"
TITLE = "Why Do We Need JAK Inhibitors in Systemic Lupus Erythematosus?"
DOI = "10.3390/ijms231911788"


@pytest.fixture(scope="module")
def records() -> jakcite.Records:
    return jakcite.read(STYLES, "citation-strings")


def test_one_record_per_line(records: jakcite.Records) -> None:
    assert len(records) == 7 and records.diagnostics == []
    assert [r.provenance.line for r in records] == [1, 2, 3, 4, 5, 6, 7]
    assert all(r.reference_text for r in records)


def test_nlm_keeps_pmid_and_pmcid(records: jakcite.Records) -> None:
    nlm = records[0]
    assert str(nlm.title) == TITLE
    assert len(nlm.authors) == 7 and nlm.authors[5] == Person("Buliga-Finis", initials="ON")
    assert nlm.container is not None and nlm.container.title == "Int J Mol Sci"
    assert (nlm.published, nlm.volume, nlm.issue, nlm.article_number) == (PartialDate(2022, 10, 4), "23", "19", "11788")
    assert (nlm.ids.pmid, nlm.ids.pmcid, nlm.ids.doi) == ("36233087", "PMC9569651", DOI)


def test_ama_published_date_and_et_al(records: jakcite.Records) -> None:
    ama = records[1]
    assert str(ama.title) == TITLE  # "Title?." loses the style's full stop
    assert len(ama.authors) == 3 and ama.authors_truncated
    assert ama.published == PartialDate(2022) and ama.epublished == PartialDate(2022, 10, 4)
    assert ama.ids.doi == DOI


def test_apa_and_mla(records: jakcite.Records) -> None:
    apa, mla = records[2], records[3]
    assert str(apa.title) == TITLE and len(apa.authors) == 7 and apa.authors[2] == Person("Burlui", initials="AM")
    assert apa.container is not None and apa.container.title == "International journal of molecular sciences"
    assert (apa.volume, apa.issue, apa.article_number, apa.ids.doi) == ("23", "19", "11788", DOI)
    assert (
        str(mla.title) == TITLE
        and mla.authors == (Person("Richter", given="Patricia", initials="P"),)
        and mla.authors_truncated
    )
    assert (mla.published, mla.volume, mla.issue, mla.ids.doi) == (PartialDate(2022, 10, 4), "23", "19", DOI)


def test_nlm_with_epub_and_apa_with_a_mononym(records: jakcite.Records) -> None:
    nature, bui = records[4], records[6]
    assert nature.epublished == PartialDate(2018, 11, 28) and nature.pages == Pages("141", "145", "141-145")
    assert (nature.ids.pmid, nature.ids.pmcid) == ("30487607", "PMC6328294")
    assert [a.family for a in bui.authors if isinstance(a, Person)] == [
        "Bui",
        "Pandey",
        "Zhu",
        "Ma",
        "Basappa",
        "Lobie",
    ]
    assert bui.container is not None and bui.container.title == "Cancer letters"


def test_a_numbered_wrapped_reference_list() -> None:
    diagnostics: list[jakcite.Diagnostic] = []
    wallace, seed, note = jakcite.iter_records(
        FIXTURES / "citation-strings" / "reference-list.txt", on_diagnostic=diagnostics.append
    )
    assert len(wallace.authors) == 10 and wallace.ids.doi == "10.1016/S0140-6736(18)31363-1"
    assert wallace.container is not None and wallace.container.title == "Lancet"
    assert seed.authors == () and seed.ids.doi == "10.1080/1744666X.2019.1608821"
    assert str(seed.title).startswith("Baricitinib for the treatment of rheumatoid arthritis")
    # What is not a reference is kept whole, with a warning, never dropped.
    assert note.type is WorkType.OTHER and note.note == "Supplementary data are available at the journal's website."
    assert [d.line for d in diagnostics] == [8] and "kept whole in note" in diagnostics[0].message


def test_a_pmid_in_an_unparsable_string_is_kept() -> None:
    (record,) = jakcite.read("Personal communication from the trial office. PMID: 31000004\n", "citation-strings")
    assert record.ids.pmid == "31000004" and record.note is not None


def test_the_sniffer() -> None:
    assert sniff(STYLES.read_text(encoding="utf-8")) > 0
    assert sniff("Shopping list\n\nMilk, eggs, bread.\nCall the plumber on Tuesday.\n") == 0
    assert sniff("TY  - JOUR\nAU  - Smith, J\nPY  - 2019\nER  - \n") == 0
    assert sniff("PMID,Title,Authors,Citation\n1,T,Smith J,Lancet. 2019;1:1.\n") == 0
