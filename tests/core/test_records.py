"""What a notebook user does with records: look at them, look them up, turn them into data."""

from __future__ import annotations

import json

import attrs
import pytest

import jakcite
from conftest import FIXTURES
from jakcite import Abstract, AbstractSection, Collective, PartialDate, Person, Record, Records, RichText, Season

SEED = FIXTURES / "002_7103ea8e518ac3d2.txt"
NBIB = FIXTURES / "pubmed-xml" / "cross-form.nbib"


def test_a_record_with_references_has_a_one_line_repr() -> None:
    (record,) = jakcite.read(SEED)
    assert record.references  # the repr used to print every one of them
    assert repr(record) == (
        "<Record journal-article · Richter P et al. · 2022 · "
        "'Why Do We Need JAK Inhibitors in Systemic Lupus Erythematos…' · doi:10.3390/ijms231911788 · "
        f"{len(record.references)} references>"
    )


def test_records_repr_shows_count_format_and_the_first_records() -> None:
    records = jakcite.read(NBIB)
    lines = repr(records).splitlines()
    assert lines[0] == "<Records: 3 records from medline>"
    assert lines[1] == (
        "  [0] journal-article · Olivero JM · 1990 · "
        "'The treatment of AIDS behind the walls of correctional faci…' · PMID 12091962"
    )
    assert len(lines) == 4


def test_a_long_list_says_how_many_more() -> None:
    records = Records([Record(title=f"T{i}") for i in range(25)])
    assert repr(records).splitlines()[-1] == "  ... 15 more"
    assert "<p>… 15 more</p>" in records._repr_html_()


def test_the_html_table_escapes_and_lists_identifiers() -> None:
    records = Records(
        [Record(title="a <b> & c", authors=[Person("Novák", given="Jan")], ids=jakcite.Identifiers(pmid="123"))]
    )
    table = records._repr_html_()
    assert "<td>a &lt;b&gt; &amp; c</td>" in table and "<td>Jan Novák</td>" in table and "<td>123</td>" in table


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Person("Berg", given="Pieter", particle="van der"), "Pieter van der Berg"),
        (Collective("LUPUS-JAK Investigators"), "LUPUS-JAK Investigators"),
        (PartialDate(2020, 3), "2020-03"),
        (PartialDate(2019, season=Season.WINTER), "2019 winter"),
        (PartialDate(1991, end=PartialDate(1992)), "1991/1992"),
        (PartialDate(2001, literal="2001 Dec-2002 Jan"), "2001 Dec-2002 Jan"),
        (Abstract((AbstractSection("Text.", label="BACKGROUND"), AbstractSection("More."))), "BACKGROUND: Text. More."),
        (RichText.plain("Plain"), "Plain"),
    ],
)
def test_str_of_model_values_is_readable_text(value: object, text: str) -> None:
    assert str(value) == text


def test_to_dict_is_json_safe_and_round_trips() -> None:
    (record,) = jakcite.read(SEED)
    data = json.loads(json.dumps(record.to_dict()))
    assert data["type"] == "journal-article" and data["ids"] == {"doi": "10.3390/ijms231911788"}
    assert data["authors"][0]["family"] == "Richter" and data["authors_truncated"] is True
    assert Record.from_dict(data) == record


def test_to_dict_keeps_markup_and_tells_groups_from_people() -> None:
    title = RichText(("Why ", jakcite.Segment("E. coli", {"i"}), " swims"))
    record = Record(title=title, authors=[Person("Smith", given="A"), Collective("Group")])
    data = record.to_dict()
    assert data["title"] == [
        {"text": "Why ", "marks": []},
        {"text": "E. coli", "marks": ["i"]},
        {"text": " swims", "marks": []},
    ]
    assert data["authors"] == [{"family": "Smith", "given": "A"}, {"name": "Group"}]
    assert data["type"] == "journal-article"  # the default type is still said
    assert Record.from_dict(data) == record


def test_from_dict_runs_the_validators() -> None:
    with pytest.raises(ValueError, match="month"):
        Record.from_dict({"published": {"year": 2020, "month": 13}})


def test_find_and_by_id_look_up_by_any_identifier() -> None:
    records = jakcite.read(NBIB)
    third = records[2]
    assert records.find(pmid="26407462") is records[1]
    assert records.find(doi="https://doi.org/10.1128/aem.01408-19") is third
    assert records.find(pmid="1") is None
    assert records.by_id("31540984") is third and records.by_id("10.1128/AEM.01408-19") is third
    with pytest.raises(KeyError):
        records.by_id("999")
    with pytest.raises(TypeError, match="pmid, pmcid, doi or key"):
        records.find(title="x")


def test_filter_and_slices_are_records_with_the_diagnostics() -> None:
    records = jakcite.read(NBIB)
    records.diagnostics.append(jakcite.Diagnostic("a note", source="x"))
    recent = records.filter(lambda r: (r.year or 0) > 2000)
    assert isinstance(recent, Records) and [r.ids.pmid for r in recent] == ["26407462", "31540984"]
    assert recent.diagnostics == records.diagnostics
    assert isinstance(records[:2], Records) and records[:2].diagnostics == records.diagnostics
    assert records.filter(pmid="12091962")[0] is records[0]


def test_to_dataframe_has_one_row_per_record_and_stable_columns() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is the optional extra jakcite[pandas]")
    records = jakcite.read(NBIB)
    frame = records.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == list(jakcite.records.DATAFRAME_COLUMNS)
    assert len(frame) == 3 and frame.loc[2, "doi"] == "10.1128/AEM.01408-19"
    assert frame.loc[0, "authors"] == ["J Michael Olivero"] and frame.loc[2, "authors"][:2] == [
        "Silvia Hüttner",
        "Anikó Várnai",
    ]
    assert frame.loc[1, "year"] == 2015


def test_attrs_asdict_still_shows_everything() -> None:
    (record,) = jakcite.read(SEED)
    assert len(attrs.asdict(record)["references"]) == len(record.references)
