"""Users' own .bib fields survive a BibTeX -> BibTeX round trip (issue 17).

The fixtures are written by us in the shapes JabRef 5, Zotero's BibTeX export and Better
BibLaTeX write (``fixtures/SOURCES.md``); the expected field lists below are read off them.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import jakcite
from jakcite.check import check_roundtrip

pytestmark = pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bibtex"

#: file -> the fields of its first entry that the model has no slot for, in file order.
OWN_FIELDS = {
    "jabref.bib": ["file", "groups", "owner", "timestamp", "priority", "ranking", "readstatus", "comment"],
    "zotero-export.bib": ["copyright", "annote", "file"],
    "betterbibtex.bib": ["annotation", "file", "addendum", "pubstate"],
}


@pytest.mark.parametrize("name", sorted(OWN_FIELDS))
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_own_fields_are_written_back_in_their_order(name: str, dialect: str) -> None:
    records = jakcite.read(FIXTURES / name, "bibtex")
    assert [key.removeprefix("bibtex:") for key, _ in records[0].extra] == OWN_FIELDS[name]
    text = jakcite.write(records, dialect) or ""
    back = jakcite.read(text, "bibtex")
    assert [r.extra for r in back] == [r.extra for r in records]
    # In the file as the user wrote them, after the fields jakcite writes.
    first = text.split("\n}\n")[0]
    written = [line.split("=")[0].strip() for line in first.splitlines()[1:]]
    assert written[-len(OWN_FIELDS[name]) :] == OWN_FIELDS[name]


def test_jabref_file_and_groups_exactly() -> None:
    text = jakcite.write(jakcite.read(FIXTURES / "jabref.bib"), "bibtex") or ""
    assert "  file = {:Smith2020 - A study of things.pdf:PDF;Supplement:Smith2020_supp.pdf:PDF},\n" in text
    assert "  groups = {Reading list, Important},\n  owner = {jane},\n  timestamp = {2021.03.04},\n" in text
    assert "  comment = {Cited in chapter 2; compare {Doe} 2019.},\n" in text  # the user's LaTeX, unchanged


@pytest.mark.parametrize("name", sorted(OWN_FIELDS))
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_check_calls_no_kept_field_a_loss(name: str, dialect: str) -> None:
    records = jakcite.read(FIXTURES / name, "bibtex")
    report = check_roundtrip(records, dialect)
    assert [d for d in report.differences if d.field.startswith("extra")] == []
    assert report.idempotent


def test_other_formats_extras_are_not_written_as_bibtex_fields() -> None:
    record = jakcite.read(FIXTURES / "jabref.bib")[0]
    foreign = attrs.evolve(record, extra=[("ris:DB", "MEDLINE"), ("bibtex:title", "second title"), *record.extra])
    text = jakcite.write([foreign], "bibtex") or ""
    assert "DB" not in text and "MEDLINE" not in text and "second title" not in text
