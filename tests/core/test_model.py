"""The model validates at construction and normalises at the boundary."""

from __future__ import annotations

import attrs
import pytest

from jakcite.markup import from_html, to_html
from jakcite.model import (
    Collective,
    Identifiers,
    Mark,
    Pages,
    PartialDate,
    Person,
    Record,
    RichText,
    Season,
    Segment,
    WorkType,
)


class TestIdentifiers:
    def test_doi_prefixes_are_stripped_and_shape_checked(self) -> None:
        assert Identifiers(doi="https://doi.org/10.3390/ijms231911788").doi == "10.3390/ijms231911788"
        assert Identifiers(doi="doi: 10.1080/1744666X.2019.1608821.").doi == "10.1080/1744666X.2019.1608821"
        with pytest.raises(ValueError, match="malformed DOI"):
            Identifiers(doi="not a doi")

    def test_pmid_must_be_numeric(self) -> None:
        assert Identifiers(pmid=" 31003678 ").pmid == "31003678"
        assert Identifiers(pmid=31003678).pmid == "31003678"
        with pytest.raises(ValueError, match="PMID must be a positive number"):
            Identifiers(pmid="31003678a")

    def test_pmcid_gets_its_prefix(self) -> None:
        assert Identifiers(pmcid="9562927").pmcid == "PMC9562927"
        assert Identifiers(pmcid="pmc9562927").pmcid == "PMC9562927"
        with pytest.raises(ValueError):
            Identifiers(pmcid="PMC12X")

    def test_empty_strings_are_absent_values(self) -> None:
        assert Identifiers(doi="", pmid=" ") == Identifiers()
        assert not Identifiers()

    @pytest.mark.parametrize(
        ("field", "given", "expected"),
        [
            # Normal forms come back as they are (the converters' fast path)...
            ("pmid", "31003678", "31003678"),
            ("doi", "10.1080/1744666X.2019.1608821", "10.1080/1744666X.2019.1608821"),
            ("pmcid", "PMC9562927", "PMC9562927"),
            # ...and near-normal forms still go through the whole normalisation.
            ("pmid", "031003678", "31003678"),
            ("pmid", "\u0663\u0661", "31"),  # Arabic-Indic digits are digits to int()
            ("doi", "10.1000/abc.", "10.1000/abc"),
            ("doi", "10.1000/abc\n", "10.1000/abc"),
            ("doi", "10.1000/ab c", "10.1000/abc"),
            ("pmcid", " PMC9562927 ", "PMC9562927"),
        ],
    )
    def test_normal_forms_and_near_misses(self, field: str, given: str, expected: str) -> None:
        assert getattr(Identifiers(**{field: given}), field) == expected

    @pytest.mark.parametrize(("field", "given"), [("pmid", "0"), ("pmid", "00"), ("pmcid", "PMC"), ("doi", "10.1/x")])
    def test_malformed_identifiers_are_refused(self, field: str, given: str) -> None:
        with pytest.raises(ValueError):
            Identifiers(**{field: given})


class TestPartialDate:
    def test_month_and_day_are_validated(self) -> None:
        with pytest.raises(ValueError, match="month must be 1-12"):
            PartialDate(2020, 13)
        with pytest.raises(ValueError, match="day must be 1-29"):
            PartialDate(2020, 2, 30)
        with pytest.raises(ValueError, match="a day needs a month"):
            PartialDate(2020, None, 3)

    def test_season_and_month_exclude_each_other(self) -> None:
        assert PartialDate(2000, season="Fall").season is Season.AUTUMN
        with pytest.raises(ValueError):
            PartialDate(2000, 3, season="spring")

    def test_iso(self) -> None:
        assert PartialDate(2022, 10, 4).iso() == "2022-10-04"
        assert PartialDate(2019, 7).iso() == "2019-07"


class TestRichText:
    def test_equal_text_with_equal_marks_compares_equal_however_split(self) -> None:
        a = RichText([Segment("IL-"), Segment("6", {Mark.SUPERSCRIPT}), Segment(" levels")])
        b = RichText([Segment("I"), Segment("L-"), Segment("6", [Mark.SUPERSCRIPT]), Segment(" level"), Segment("s")])
        assert a == b
        assert a.text == "IL-6 levels"

    def test_html_round_trip_keeps_nesting_and_escapes(self) -> None:
        source = "Role of <i>BRCA1</i> in <b>Ca<sup>2+</sup></b> &amp; <sub>x</sub> 1 < 2"
        rich = from_html(source)
        assert rich.text == "Role of BRCA1 in Ca2+ & x 1 < 2"
        assert from_html(to_html(rich)) == rich
        assert to_html(rich) == "Role of <i>BRCA1</i> in <b>Ca<sup>2+</sup></b> &amp; <sub>x</sub> 1 &lt; 2"

    def test_unknown_tags_stay_text(self) -> None:
        assert from_html("a <x> b").text == "a <x> b"


class TestRecord:
    def test_defaults_and_converters(self) -> None:
        record = Record(title="  A title  ", authors=[Person("Novák", "Anna"), Collective("LUPUS-JAK Investigators")])
        assert record.type is WorkType.JOURNAL_ARTICLE
        assert record.title == RichText.plain("A title")
        assert isinstance(record.authors, tuple)
        assert Record(title="   ").title is None

    def test_provenance_does_not_take_part_in_equality(self) -> None:
        from jakcite.model import Provenance

        a = Record(title="x", provenance=Provenance(format="ris", line=3))
        b = Record(title="x", provenance=Provenance(format="bibtex", line=9))
        assert a == b

    def test_person_needs_a_family_name(self) -> None:
        with pytest.raises(ValueError, match="family must not be empty"):
            Person(" ")

    def test_records_are_frozen_and_evolve(self) -> None:
        record = Record(volume="23")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.volume = "24"  # type: ignore[misc]
        assert attrs.evolve(record, volume="24").volume == "24"

    def test_empty_pages_become_none(self) -> None:
        assert Record(pages=Pages()).pages is None
        assert Record(pages=Pages("693", "700")).pages == Pages("693", "700")

    def test_extra_keeps_order_and_duplicates(self) -> None:
        record = Record(extra=[("medline:SI", "a"), ("medline:SI", "b"), ("x", "c")])
        assert record.extra_values("medline:SI") == ["a", "b"]

    def test_orcid_normalised(self) -> None:
        assert Person("X", orcid="https://orcid.org/0000-0002-1825-0097").orcid == "0000-0002-1825-0097"
        with pytest.raises(ValueError, match="ORCID"):
            Person("X", orcid="12345")
