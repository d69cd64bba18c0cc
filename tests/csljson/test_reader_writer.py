"""CSL-JSON reader and writer: corpus, schema, round trips, hand-checked fixtures, hostile text."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import jakcite
from conftest import FIXTURES, SHARED, require_corpus, skip_or_fail
from jakcite.builtin_formats.csljson.coverage import project
from jakcite.builtin_formats.csljson.reader import csl_to_record
from jakcite.builtin_formats.csljson.sniffer import sniff
from jakcite.builtin_formats.csljson.writer import record_to_csl
from jakcite.check import check_roundtrip
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Identifiers,
    Keyword,
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
from jakcite.util.citekeys import assign_keys
from jakcite.util.titles import title_to_write
from samples import pubmed_like_record

QUIRKS = FIXTURES / "csl-json" / "quirks.json"


def keyed(records: list[Record]) -> list[Record]:
    """``records`` with the cite keys the writer gives them written together (id = BibTeX key)."""
    return [attrs.evolve(r, key=k) for r, k in zip(records, assign_keys(records), strict=True)]


LINES = FIXTURES / "csl-json" / "lines.jsonl"
SCHEMA = SHARED / "schemas" / "csl-data.json"
#: Items in ../shared/corpus/csl-json, counted by hand-run script and listed in INVENTORY.md.
CORPUS_ITEMS = 732


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        skip_or_fail(f"CSL schema not found at {SCHEMA}")
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def corpus_files() -> list[Path]:
    return sorted(p for p in require_corpus("csl-json").rglob("*.json") if p.is_file())


def read(source: object, **kwargs: Any) -> jakcite.Records:
    return jakcite.read(source, "csl-json", **kwargs)


def write(records: Any, **options: Any) -> str:
    text = jakcite.write(records, "csl-json", **options)
    assert text is not None
    return text


def schema_errors(validator: Any, text: str) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(json.loads(text))]


# --------------------------------------------------------------------------- corpus


def test_every_corpus_file_reads_strictly_and_no_item_is_lost() -> None:
    files = corpus_files()
    assert len(files) >= 300
    total = 0
    for path in files:
        records = read(path)
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert len(records) == (len(raw) if isinstance(raw, list) else 1), path
        total += len(records)
    assert total == CORPUS_ITEMS


def test_corpus_written_items_validate_against_the_schema(validator: Any) -> None:
    for path in corpus_files():
        errors = schema_errors(validator, write(read(path)))
        assert not errors, f"{path.name}: {errors[:3]}"


def test_corpus_read_write_read_gives_equal_models() -> None:
    everything: list[Record] = []
    for path in corpus_files():
        first = read(path)
        again = read(write(first))
        # Keys assigned; a title only in the original language is also written as the title.
        keyed = [
            attrs.evolve(r, key=k, title=title_to_write(r))
            for r, k in zip(first, assign_keys(list(first)), strict=True)
        ]
        assert list(again) == keyed, path.name
        everything.extend(first)
    report = check_roundtrip(everything, "csl-json")
    assert report.ok, report.differences[:5]
    assert report.records == CORPUS_ITEMS and report.fields_compared > 30_000
    # Records read from CSL-JSON are already what the format carries (but for that title).
    assert [project(r) for r in everything] == [attrs.evolve(r, title=title_to_write(r)) for r in everything]


def test_corpus_extras_survive_in_the_right_place() -> None:
    """Crossref's raw fields go to custom; valid CSL variables stay top-level."""
    path = require_corpus("csl-json") / "manubot-crossref-winter-scabs-csl-raw.json"
    (record,) = read(path)
    keys = dict(record.extra)
    assert "csl:custom.indexed" in keys and "csl:source" in keys
    item = json.loads(write(record))[0]
    assert item["source"] == "Crossref"
    assert item["custom"]["indexed"]["date-parts"] == [[2018, 8, 9]]
    assert item["custom"]["author.names"][0]["sequence"] == "first"


# --------------------------------------------------------------------------- fixtures read by hand


@pytest.fixture(scope="module")
def quirks() -> jakcite.Records:
    return read(QUIRKS)


def test_quirks_first_item_expected_values(quirks: jakcite.Records) -> None:
    first = quirks[0]
    assert first.key == "bbt-strings"
    assert first.type is WorkType.JOURNAL_ARTICLE
    assert first.title is not None
    assert first.title.text == "Tofacitinib in lupus: CD4+ T cells and H2O2 in the NZB/W mouse"
    marked = {(s.text, tuple(sorted(m.value for m in s.marks))) for s in first.title.segments if s.marks}
    assert marked == {("lupus", ("i",)), ("+", ("sup",)), ("2", ("sub",)), ("NZB/W", ("nocase",))}
    assert first.authors == (
        Person("Berg", "Anna Maria", particle="van der"),
        Person("Humboldt", "Alexander", dropping_particle="von"),
        Person("de Gaulle", "Charles"),  # parse-names: false keeps the particle in the family name
        Person("King", "Martin Luther", suffix="Jr."),
        Collective("LUPUS-JAK Investigators"),
    )
    assert first.container == Container(
        title="Journal of Autoimmunity",
        iso_abbreviation="J Autoimmun",
        nlm_abbreviation="J. Autoimmun.",
        issn_print="0896-8411",
        issn_electronic="1095-9157",
    )
    assert (first.volume, first.issue) == ("42", "3")
    assert first.article_number == "e1001" and first.pages is None  # page only echoed the number
    assert first.published == PartialDate(2019, 9, 5)
    assert first.epublished == PartialDate(2019, 8)
    assert first.ids == Identifiers(pmid="30712345", pmcid="PMC6543210", doi="10.1016/J.JAUT.2019.01.001")
    assert [k.term for k in first.keywords] == ["JAK inhibitors", "lupus", "tofacitinib"]
    assert first.languages == ("en-US",)
    assert first.abstract is not None and first.abstract.text == "BACKGROUND: One.\nRESULTS: Two & three."
    assert first.extra_values("csl:citation-key") == ['"berg2019"']
    assert first.provenance.line == 2 and first.provenance.index == 0


def test_quirks_seasons_and_kept_variables(quirks: jakcite.Records) -> None:
    second = quirks[1]
    assert second.key == "7"  # a number id becomes text
    assert second.type is WorkType.WEBPAGE and second.extra_values("csl:type") == ['"post-weblog"']
    assert second.published == PartialDate(2000, season=Season.SUMMER)
    assert second.accessed == PartialDate(1999, season=Season.SPRING, end=PartialDate(2001, season=Season.WINTER))
    assert second.short_title == "Seasons!" and second.extra_values("csl:shortTitle") == ['"Seas."']
    assert second.extra_values("csl:original-date") == ['{"date-parts": [[1850, 15]]}']
    assert second.extra_values("csl:event-place") == ['"Bern"']
    item = json.loads(write(second))[0]
    assert item["type"] == "post-weblog"
    assert item["issued"] == {"date-parts": [[2000]], "season": 2}
    assert item["accessed"] == {"date-parts": [[1999, 13], [2001, 16]]}


def test_quirks_odd_dates_are_read_or_kept_with_warnings(quirks: jakcite.Records) -> None:
    third = quirks[2]
    assert third.published == PartialDate(2018, 10, 21)
    assert third.extra_values("csl:issued.circa") == ["true"]
    assert third.accessed is None
    assert third.epublished == PartialDate(2017, 3, 4)  # from "raw"
    assert third.extra_values("csl:available-date.raw") == ['"2017-03-04"']
    assert third.extra_values("csl:submitted") == ['{"literal": "13th century"}']
    assert third.pages == Pages("1", "5", "1-5, 9")
    assert third.number == "TR-5" and third.article_number is None
    assert third.edition == "2"
    assert third.extra_values("csl:custom.reviewed") == ["true"]
    assert third.extra_values("csl:custom.title") == ['"kept in custom"']
    warnings = third.provenance.warnings
    assert any("more than year, month, day" in w for w in warnings)
    assert any("accessed: empty date parts" in w for w in warnings)
    item = json.loads(write(third))[0]
    assert item["issued"] == {"date-parts": [[2018, 10, 21]], "circa": True}
    assert item["custom"]["title"] == "kept in custom" and "title" not in item
    assert item["page"] == "1-5, 9"


def test_quirks_ranges_literals_and_mononyms(quirks: jakcite.Records) -> None:
    fourth, fifth = quirks[3], quirks[4]
    assert fourth.type is WorkType.CHAPTER
    assert fourth.editors == (Person("Smith", "J."),)
    assert fourth.extra_values("csl:custom.editor.names") == ['[{"sequence": "first"}]']
    item = json.loads(write(fourth))[0]
    assert item["accessed"] == {"literal": "Spring 2009"}
    assert item["issued"] == {"date-parts": [[2014, 12, 31], [0, 0, 0]]}
    assert fourth.container == Container(title="The Book", series="Methods in Things")
    assert fourth.published == PartialDate(2014, 12, 31, end=PartialDate(0))  # open-ended range
    assert fourth.accessed == PartialDate(2009, season=Season.SPRING)
    assert fourth.extra_values("csl:accessed.literal") == ['"Spring 2009"']
    assert fourth.pages == Pages("113", "125")
    assert fourth.ids.isbn == ("0-943396-04-2", "0-85131-041-9")
    assert (fourth.publisher, fourth.publisher_place) == ("Press", "Oxford")
    assert fifth.key is None and fifth.type is WorkType.OTHER
    assert fifth.authors == (Collective("Banksy"),)
    assert "type" in " ".join(fifth.provenance.warnings)
    assert fifth.provenance.missing == ("published",)


def test_quirks_round_trip_and_validate(quirks: jakcite.Records, validator: Any) -> None:
    text = write(quirks)
    assert not schema_errors(validator, text)
    assert list(read(text)) == keyed(list(quirks))
    assert write(read(text)) == text


def test_json_lines_are_read_with_their_lines() -> None:
    records = read(LINES)
    assert [r.key for r in records] == ["a", "b", "c"]
    assert [r.provenance.line for r in records] == [1, 2, 4]
    assert records[2].url == "https://example.org/?a=1&b=2"


# --------------------------------------------------------------------------- writer by hand


EXPECTED_ITEM = {
    "id": "pmid:36233091",
    "type": "article-journal",
    "title": "Effect of <i>Staphylococcus aureus</i> on IL-6",
    "author": [
        {"family": "Novák", "given": "A."},
        {"family": "Müller", "given": "Jan Peter"},
        {"literal": "LUPUS-JAK Investigators"},
    ],
    "container-title": "International journal of molecular sciences",
    "container-title-short": "Int J Mol Sci",
    "journalAbbreviation": "Int J Mol Sci",
    "ISSN": "1661-6596, 1422-0067",
    "volume": "23",
    "issue": "19",
    "page": "113-125",
    "number": "11788",
    "issued": {"date-parts": [[2019, 9], [2019, 10]]},
    "available-date": {"date-parts": [[2022, 10, 4]]},
    "DOI": "10.3390/ijms231911788",
    "PMID": "36233091",
    "PMCID": "PMC9570001",
    "language": "en",
    "keyword": "JAK, lupus, systemic",
    "abstract": "BACKGROUND: JAK inhibitors work.\nRESULTS: They did.",
}


def test_writer_maps_a_pubmed_record_as_written_by_hand(validator: Any) -> None:
    record = pubmed_like_record()
    item = record_to_csl(record)
    assert item == EXPECTED_ITEM
    assert list(item) == list(EXPECTED_ITEM)  # the fixed variable order
    assert not schema_errors(validator, json.dumps([item]))
    back = csl_to_record(item)
    assert back == attrs.evolve(project(record), key="pmid:36233091")  # the engine's id, read as the key
    report = check_roundtrip([record], "csl-json")
    assert report.ok, report.differences


def test_article_number_is_page_when_there_is_no_range() -> None:
    record = attrs.evolve(pubmed_like_record(), pages=None)
    item = record_to_csl(record)
    assert (item["page"], item["number"]) == ("11788", "11788")
    assert csl_to_record(item).pages is None and csl_to_record(item).article_number == "11788"


def test_dates_ranges_are_padded_and_literals_kept_as_the_source_had_them() -> None:
    record = Record(
        key="d",
        published=PartialDate(2019, 9, 5, end=PartialDate(2019, 10), literal="5 Sep-Oct 2019"),
        accessed=PartialDate(2014, 12, 31, end=PartialDate(0)),
    )
    item = record_to_csl(record)
    assert item["issued"] == {"date-parts": [[2019, 9, 5], [2019, 10, 0]]}  # the model's wording is not written
    assert item["accessed"] == {"date-parts": [[2014, 12, 31], [0, 0, 0]]}
    back = csl_to_record(item)
    assert back.published == PartialDate(2019, 9, 5, end=PartialDate(2019, 10))
    assert back.accessed == PartialDate(2014, 12, 31, end=PartialDate(0))
    # A CSL literal that says what its parts say is written alone; one that does not keeps both.
    alone = csl_to_record({"id": "x", "type": "book", "issued": {"literal": "Spring 2009"}})
    assert alone.published == PartialDate(2009, season=Season.SPRING)
    assert record_to_csl(alone)["issued"] == {"literal": "Spring 2009"}
    both = csl_to_record({"id": "y", "type": "book", "issued": {"date-parts": [[2001]], "literal": "about 1999"}})
    assert both.published == PartialDate(2001)
    assert record_to_csl(both)["issued"] == {"date-parts": [[2001]], "literal": "about 1999"}


def test_ids_derived_without_a_key_are_deterministic() -> None:
    bare = Record(type=WorkType.BOOK, title="A book")
    first = record_to_csl(bare)["id"]
    assert first.startswith("item-") and first == record_to_csl(bare)["id"]
    assert record_to_csl(attrs.evolve(bare, title="Another book"))["id"] != first
    assert record_to_csl(attrs.evolve(bare, ids=Identifiers(doi="10.1000/x")))["id"] == "doi:10.1000/x"
    assert record_to_csl(attrs.evolve(bare, key="mykey"))["id"] == "mykey"


# --------------------------------------------------------------------------- output forms


def test_output_forms_indent_compact_and_lines(quirks: jakcite.Records) -> None:
    pretty = write(quirks)
    assert pretty.startswith('[\n  {\n    "id": "bbt-strings",') and pretty.endswith("\n]\n")
    items = [record_to_csl(r, k, pmid_note=True) for r, k in zip(quirks, assign_keys(list(quirks)), strict=True)]
    assert json.loads(pretty) == items
    assert pretty == json.dumps(items, indent=2, ensure_ascii=False) + "\n"
    compact = write(quirks, indent=0)
    assert "\n" not in compact.rstrip("\n") and json.loads(compact) == json.loads(pretty)
    lines = write(quirks, lines=True)
    assert len(lines.splitlines()) == len(quirks)
    assert list(read(lines)) == keyed(list(quirks))
    assert write([]) == "[]\n" and write([], indent=0) == "[]\n" and write([], lines=True) == ""
    assert write(quirks) == pretty  # deterministic


def test_unknown_option_is_rejected() -> None:
    with pytest.raises(jakcite.FormatError, match="no option"):
        jakcite.write([], "csl-json", pretty=True)


# --------------------------------------------------------------------------- hostile text


HOSTILE_TITLES = [
    'He said "no" \\ and left',
    "Line one\nline two\ttabbed",
    "The </i> tag and <i> and <sup>x</sup> as text",
    "AT&T, &amp; and &copy 2019 and &#169;",
    "a < b > c <span> {braces} % $x$",
    "\u2028 separator and emoji \U0001f9ec",
]


@pytest.mark.parametrize("text", HOSTILE_TITLES)
def test_hostile_text_stays_valid_json_and_round_trips(text: str, validator: Any) -> None:
    record = Record(
        type=WorkType.JOURNAL_ARTICLE,
        key="k",
        title=RichText([Segment(text), Segment(" italic", {Mark.ITALIC})]),
        authors=(Person(text.replace("\n", " ")),),
        note=text,
        abstract=Abstract((AbstractSection(text),)),
    )
    out = write(record)
    assert not schema_errors(validator, out)
    (back,) = read(out)
    assert back == project(record)
    assert back.title is not None and back.title.segments[0].text == text.strip()
    assert back.note == text.strip()


def test_markup_like_text_is_escaped_minimally() -> None:
    item = record_to_csl(Record(title=RichText([Segment("AT&T <i>x</i> "), Segment("y", {Mark.BOLD})])))
    assert item["title"] == "AT&T &lt;i>x&lt;/i> <b>y</b>"


# --------------------------------------------------------------------------- sniffing and errors


def test_sniffer() -> None:
    assert sniff('[\n  {"id": "a", "type": "book", "title": "x"}]') >= 0.9
    assert sniff('\ufeff{"type": "book", "issued": {"date-parts": [[2000]]}}') >= 0.9
    assert sniff("[]") > 0
    assert sniff('{"name": "pkg", "version": "1.0"}') == 0.0
    assert sniff("TY  - JOUR\nER  - \n") == 0.0
    assert sniff("@article{a, title={x}}") == 0.0


def test_format_is_detected_from_content_and_extension(tmp_path: Path) -> None:
    data = '[{"id": "x", "type": "book", "title": "Detected"}]'
    assert [r.title.text for r in jakcite.read(data) if r.title] == ["Detected"]
    path = tmp_path / "refs.json"
    path.write_text(data, encoding="utf-8")
    assert jakcite.read(path)[0].provenance.format == "csl-json"


def test_non_csl_json_is_a_parse_error() -> None:
    with pytest.raises(jakcite.ParseError, match="not a CSL item") as info:
        read(
            '[\n{"id": "ok", "type": "book"},\n{"name": "pkg", "version": "1.0", "author": "Me <me@example.org>"}\n]',
            name="pkg.json",
        )
    assert info.value.line == 3 and info.value.record == 2
    assert str(info.value).startswith("pkg.json:3: not a CSL item")
    with pytest.raises(jakcite.ParseError, match="must be a JSON object"):
        read('["just", "strings"]')
    custom = read('[{"id": "a", "type": "book", "custom": 3}]')  # a bad field costs the field only
    assert custom[0].extra == (("csl:custom.custom", "3"),) and "custom" in custom.diagnostics[0].message


def test_json_syntax_errors_name_the_line() -> None:
    with pytest.raises(jakcite.ParseError) as info:
        read('[\n  {"id": "a", "type": "book"},\n  {"id": "b", "type": }\n]')
    assert info.value.line == 3 and "invalid JSON" in info.value.message
    with pytest.raises(jakcite.ParseError) as info:
        read('[\n  {"id": "a", "type": "book"}\n  {"id": "b"}\n]')
    assert info.value.line == 3 and "expected ',' or ']'" in info.value.message


def test_lenient_mode_skips_bad_lines_and_reports_them() -> None:
    text = '{"id": "a", "type": "book"}\n{"id": broken}\n{"name": "not csl"}\n{"id": "c", "type": "book"}\n'
    records = read(text, strict=False)
    assert [r.key for r in records] == ["a", "c"]
    assert [(d.line, d.skipped) for d in records.skipped] == [(2, True), (3, True)]


def test_single_object_and_empty_inputs() -> None:
    (record,) = read('{"id": "solo", "type": "thesis", "title": "One"}')
    assert record.type is WorkType.THESIS
    assert list(read("[]")) == []
    assert list(read("[ ]\n")) == []


def test_reader_streams_from_a_binary_file_object() -> None:
    data = '\ufeff[{"id": "s", "type": "book", "title": "Stream"}]'.encode()
    (record,) = jakcite.read(io.BytesIO(data), "csl-json")
    assert record.key == "s" and record.title is not None and record.title.text == "Stream"


# --------------------------------------------------------------------------- from PubMed sources


@pytest.mark.parametrize(
    ("sub", "fmt"),
    [
        ("pubmed-xml/user-exports/qi29-pubmed_result.xml", "pubmed-xml"),
        ("pubmed-xml/user-exports/sk8erjs69-pubmed_result.xml", "pubmed-xml"),
        ("medline", "medline"),
    ],
)
def test_pubmed_sources_through_csl_json(sub: str, fmt: str, validator: Any) -> None:
    """Real PubMed records: schema-valid items, and nothing lost beyond the declared losses."""
    if fmt not in jakcite.formats():
        skip_or_fail(f"format {fmt} not available")
    root = require_corpus(sub)
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    records: list[Record] = []
    for path in paths:
        records.extend(jakcite.read(path, fmt, strict=False))
    assert len(records) >= 30
    text = write(records)
    assert not schema_errors(validator, text)
    report = check_roundtrip(records, "csl-json")
    assert report.ok, report.differences[:5]
    items = json.loads(text)
    assert all(item["type"] for item in items)
    with_pmid = [item for item in items if "PMID" in item]
    assert len(with_pmid) >= len(items) * 0.9
    ids = [item["id"] for item in items]
    assert len(set(ids)) == len(ids)  # one cite key each, unique in the file
    assert all(item["citation-key"] == item["id"] for item in items if "citation-key" not in records[0].extra)


# --------------------------------------------------------------------------- property: arbitrary records


def _name_objects(value: object) -> list[dict[str, Any]]:
    """Every dict inside an author/editor/... list, anywhere in a decoded CSL file."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        for key, member in value.items():
            if isinstance(member, list) and key in ("author", "editor", "contributor", "translator"):
                found += [n for n in member if isinstance(n, dict)]
            else:
                found += _name_objects(member)
    elif isinstance(value, list):
        for member in value:
            found += _name_objects(member)
    return found


def test_simple_names_read_as_the_full_name_reader_reads_them() -> None:
    """Plain ``family``/``given`` names skip the full name reader (speed): same person, nothing left over."""
    from jakcite.builtin_formats.csljson.reader import _read_name, _simple_person

    names = [
        {"family": "Lev", "given": "S"},
        {"family": "van der Berg", "given": "Anna"},
        {"family": "Humboldt", "given": "Alexander von"},
        {"family": "d'Alembert", "given": "Jean"},
        {"family": " Lev ", "given": "  "},
        {"family": "Lev", "given": ""},
        {"family": "", "given": "S"},
        {"family": "\u00e9mile", "given": "Zola"},
        {"family": "Lev", "given": "S", "suffix": "Jr"},
    ]
    for path in corpus_files():
        try:
            names += _name_objects(json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            continue  # JSON lines or broken files: their names are in the other files' kinds
    checked = 0
    for name in names:
        simple = _simple_person(name)
        if simple is not None:
            assert (simple, {}) == _read_name(name), name
            checked += 1
    assert checked > 200


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_words = st.text(st.characters(categories=("Lu", "Ll", "Nd"), exclude_characters="\x00"), min_size=1, max_size=8)
_text = st.lists(
    st.one_of(_words, st.sampled_from([*HOSTILE_TITLES, "&amp;", "<i>", "a, b", "O'Brien"])), min_size=1, max_size=5
).map(" ".join)


@st.composite
def _dates(draw: st.DrawFn, *, allow_range: bool = True) -> PartialDate:
    year = draw(st.integers(-50, 2100))
    kind = draw(st.sampled_from(["y", "ym", "ymd", "season"]))
    month = draw(st.integers(1, 12)) if kind in ("ym", "ymd") else None
    day = draw(st.integers(1, 28)) if kind == "ymd" else None
    season = draw(st.sampled_from(list(Season))) if kind == "season" else None
    end = draw(st.one_of(st.none(), _dates(allow_range=False))) if allow_range else None
    literal = draw(st.one_of(st.none(), _text))
    return PartialDate(year, month, day, season, end=end, literal=literal)


_particles = st.sampled_from([None, "van", "van der", "de la", "d'"])
_family = st.one_of(
    _words.map(str.capitalize), st.sampled_from(["van der Berg", "de Gaulle", "d'Alembert", "Smith Jones", "Ng"])
)
_people = st.builds(
    Person,
    family=_family,
    given=st.one_of(st.none(), _words, st.sampled_from(["Alexander von", "Anna Maria", "J. R."])),
    initials=st.one_of(st.none(), st.sampled_from(["A", "JR", "ÉM"])),
    suffix=st.one_of(st.none(), st.just("Jr")),
    particle=_particles,
    orcid=st.one_of(st.none(), st.just("0000-0002-1825-0097")),
    affiliations=st.lists(_text, max_size=2),
)
_contributors = st.lists(st.one_of(_people, st.builds(Collective, _text)), max_size=4)


@st.composite
def _records(draw: st.DrawFn) -> Record:
    pages = draw(
        st.one_of(
            st.none(),
            st.builds(
                Pages, st.sampled_from(["113", "e157", "S1", "iii"]), st.sampled_from([None, "25", "125", "e161"])
            ),
            st.builds(lambda p: Pages(printed=p, first=p.split("-")[0]), st.sampled_from(["1-5, 9", "113-25", "12"])),
        )
    )
    container = draw(
        st.one_of(
            st.none(),
            st.builds(
                Container,
                title=st.one_of(st.none(), _text),
                iso_abbreviation=st.one_of(st.none(), _words),
                nlm_abbreviation=st.one_of(st.none(), _words),
                issn_print=st.one_of(st.none(), st.just("1661-6596")),
                issn_electronic=st.one_of(st.none(), st.just("1422-0067"), st.just("1661-6596")),
                nlm_unique_id=st.one_of(st.none(), st.just("101092791")),
                series=st.one_of(st.none(), _text),
            ),
        )
    )
    sections = st.builds(AbstractSection, _text, st.one_of(st.none(), st.sampled_from(["BACKGROUND", "RESULTS"])))
    return Record(
        type=draw(st.sampled_from(list(WorkType))),
        key=draw(st.one_of(st.none(), _words)),
        title=draw(
            st.one_of(
                st.none(),
                st.builds(
                    lambda a, b, marks: RichText([Segment(a), Segment(b, marks)]),
                    _text,
                    _text,
                    st.sets(st.sampled_from(list(Mark)), max_size=2),
                ),
            )
        ),
        title_translated=draw(st.booleans()),
        vernacular_title=draw(st.one_of(st.none(), _text)),
        short_title=draw(st.one_of(st.none(), _text)),
        authors=draw(_contributors),
        editors=draw(_contributors),
        investigators=draw(_contributors),
        authors_truncated=draw(st.booleans()),
        container=container,
        volume=draw(st.one_of(st.none(), _words)),
        issue=draw(st.one_of(st.none(), _words)),
        pages=pages,
        article_number=draw(st.one_of(st.none(), st.sampled_from(["e000512", "11788"]))),
        number=draw(st.one_of(st.none(), st.sampled_from(["TR-5", "11788"]))),
        publisher=draw(st.one_of(st.none(), _text)),
        edition=draw(st.one_of(st.none(), st.just("2"))),
        published=draw(st.one_of(st.none(), _dates())),
        epublished=draw(st.one_of(st.none(), _dates())),
        accessed=draw(st.one_of(st.none(), _dates())),
        ids=Identifiers(
            pmid=draw(st.one_of(st.none(), st.just("36233091"))),
            doi=draw(st.one_of(st.none(), st.just("10.3390/ijms231911788"))),
            pii=draw(st.one_of(st.none(), st.just("S0140-6736(20)30183-5"))),
            isbn=draw(st.lists(st.sampled_from(["0-943396-04-2", "978 3 16 148410 0"]), max_size=2)),
        ),
        url=draw(st.one_of(st.none(), st.just("https://example.org/a?b=1&c=2"))),
        abstract=draw(
            st.one_of(
                st.none(), st.builds(Abstract, st.lists(sections, min_size=1, max_size=3), st.one_of(st.none(), _text))
            )
        ),
        keywords=draw(st.lists(st.builds(Keyword, _text, st.booleans()), max_size=3)),
        languages=draw(st.lists(st.sampled_from(["eng", "ger", "en-US"]), max_size=2)),
        publication_status=draw(st.one_of(st.none(), st.just("ppublish"))),
        note=draw(st.one_of(st.none(), _text)),
        extra=draw(st.lists(st.tuples(st.sampled_from(["medline:SO", "ris:N1"]), _text), max_size=2)),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(_records())
def test_arbitrary_records_round_trip_through_csl_json(record: Record) -> None:
    """``read(write(r)) == project(r)``, the output is schema-valid, and writing again gives the same text."""
    text = write(record)
    (back,) = read(text)
    assert back == keyed([project(record)])[0]
    assert write(back) == text
    assert project(back) == back


def test_a_record_keeps_its_own_key_even_one_that_looks_derived() -> None:
    record = Record(key="pmid:123", ids=Identifiers(pmid="123"), title="x")
    (back,) = read(write(record))
    assert back.key == "pmid:123" and project(record).key == "pmid:123"
    assert check_roundtrip([record], "csl-json").ok


def test_span_closing_tags_close_their_span() -> None:
    """``</span>`` carries no style: it must still close the small-caps or nocase span it ends."""
    from jakcite.markup import from_html

    rich = from_html('My <span style="font-variant: small-caps;">small</span> and <span class="nocase">iOS</span> end')
    assert [(s.text, sorted(m.value for m in s.marks)) for s in rich.segments] == [
        ("My ", []),
        ("small", ["sc"]),
        (" and ", []),
        ("iOS", ["nocase"]),
        (" end", []),
    ]


# The writer's own indenting encoder must be json.dumps(indent=...) exactly, on any JSON.
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(blacklist_categories=["Cs"])),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=5), children, max_size=4)
        | st.dictionaries(st.integers(), children, min_size=1, max_size=2)
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(value=_JSON, step=st.integers(min_value=1, max_value=4))
def test_indented_json_is_the_standard_librarys_indentation(value: Any, step: int) -> None:
    from jakcite.builtin_formats.csljson.writer import indented_json

    pad = " " * step
    expected = "\n".join(pad + line for line in json.dumps(value, ensure_ascii=False, indent=step).split("\n"))
    assert pad + indented_json(value, pad, pad) == expected


def test_unknown_keys_survive_a_csl_json_round_trip() -> None:
    """Issue 17: fixtures/csl-json/unknown-keys.json (written by us): CSL variables the model
    has no slot for stay where they were; keys CSL does not define are kept under ``custom``."""
    from conftest import FIXTURES
    from jakcite.check import check_roundtrip

    records = jakcite.read(FIXTURES / "csl-json" / "unknown-keys.json", "csl-json")
    text = jakcite.write(records, "csl-json") or ""
    items = json.loads(text)
    assert items[0]["archive"] == "Things Archive" and items[0]["archive_location"] == "Box 12"
    assert items[0]["call-number"] == "QA76.9"
    assert items[0]["custom"] == {
        "_zotero_key": "ABCD1234", "priority": 1, "tags": ["reading-list"], "x-reading-status": "read",
    }  # fmt: skip
    assert items[1]["custom"] == {"x-shelf": 4}
    back = jakcite.read(text, "csl-json")
    assert [r.extra for r in back] == [r.extra for r in records]
    report = check_roundtrip(records, "csl-json")
    assert [d for d in report.differences if d.field.startswith("extra")] == []


def test_one_key_per_record_in_every_format() -> None:
    """Issue 17: the BibTeX key is the CSL-JSON ``id`` and ``citation-key`` and the RIS ``ID``;
    two records with the same PMID get different ids."""
    import re

    record = pubmed_like_record()
    twin = attrs.evolve(record, title=RichText.plain("Another paper with the same PMID"))
    records = [record, twin, record]
    bib_keys = re.findall(r"^@\w+\{([^,]+),", jakcite.write(records, "bibtex") or "", re.MULTILINE)
    items = json.loads(write(records))
    ris_ids = re.findall(r"^ID  - (.*)$", jakcite.write(records, "ris") or "", re.MULTILINE)
    assert [i["id"] for i in items] == bib_keys == ris_ids == [i["citation-key"] for i in items]
    assert len(set(bib_keys)) == 3 and bib_keys[0] == "novak2019effect"
    assert [r.key for r in read(write(records))] == bib_keys


def test_language_is_written_as_a_bcp47_tag_and_both_forms_are_read() -> None:
    """Issue 17: citeproc-js and pandoc title-case only English (``en``); PubMed says ``eng``."""
    record = attrs.evolve(pubmed_like_record(), languages=("eng", "ger"))
    (item,) = json.loads(write(record))
    assert item["language"] == "en"
    assert read(write(record))[0].languages == ("eng",)
    for written, model in (("en", "eng"), ("eng", "eng"), ("de", "ger"), ("en-US", "en-US"), ("English", "eng")):
        (back,) = read(json.dumps([{"id": "a", "type": "book", "title": "T", "language": written}]))
        assert back.languages == (model,), written
    assert json.loads(write(attrs.evolve(record, languages=("en-GB",))))[0]["language"] == "en-GB"


def test_a_book_or_chapter_carries_its_pmid_as_zotero_keeps_it_in_the_note() -> None:
    """Issue 17: Zotero's CSL JSON import keeps a PMID only for journal articles."""
    chapter = Record(type=WorkType.CHAPTER, title="C", ids=Identifiers(pmid="20301347"), note="Seen")
    (item,) = json.loads(write(chapter))
    assert item["PMID"] == "20301347" and item["note"] == "Seen\nPMID: 20301347"
    (back,) = read(write(chapter))
    assert back.ids.pmid == "20301347" and back.note == "Seen"
    article = attrs.evolve(chapter, type=WorkType.JOURNAL_ARTICLE)
    assert json.loads(write(article))[0]["note"] == "Seen"
    (zotero,) = read(json.dumps([{"id": "z", "type": "book", "title": "B", "note": "PMID: 123"}]))
    assert zotero.ids.pmid == "123" and zotero.note is None
    assert check_roundtrip([chapter, article, zotero], "csl-json").ok
