"""The MEDLINE writer: canonical output from any record, wrapping, round trips, real PubMed records."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings

import jakcite
from conftest import FIXTURES, require_corpus
from jakcite.builtin_formats.medline import MEDLINE
from jakcite.builtin_formats.medline.coverage import project
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    HistoryDate,
    Identifiers,
    Keyword,
    Mark,
    Pages,
    PartialDate,
    Person,
    Record,
    RelatedWork,
    RichText,
    Segment,
    Substance,
    WorkType,
)
from jakcite.util.mojibake import repair_mojibake
from strategies import records as any_records

FOREIGN = Record(
    type=WorkType.JOURNAL_ARTICLE,
    key="berg2019",
    title=RichText((Segment("Effect of "), Segment("JAK1", frozenset({Mark.ITALIC})), Segment(" blockade"))),
    authors=(
        Person(
            family="Berg",
            given="Anna",
            particle="van der",
            orcid="https://orcid.org/0000-0002-1825-0097",
            affiliations=("Univ A.",),
        ),
        Collective("LUPUS Group"),
    ),
    container=Container(title="Lupus Science & Medicine", iso_abbreviation="Lupus Sci Med", issn_print="2053-8790"),
    volume="6",
    issue="1",
    pages=Pages("113", "125", "113-25"),
    published=PartialDate(2019, 9, end=PartialDate(2019, 10), literal="2019 Sep-Oct"),
    epublished=PartialDate(2019, 8, 1),
    ids=Identifiers(pmid="31000002", doi="10.1136/lupus-2019-000001"),
    abstract=Abstract((AbstractSection("First part.", "Background"), AbstractSection("Second.", "Methods"))),
    keywords=(Keyword("lupus"), Keyword("JAK", owner="NOTNLM")),
    url="https://example.org/x",
)

# Written by hand from the record above, in PubMed's tag order.
FOREIGN_MEDLINE = """
PMID- 31000002
IS  - 2053-8790 (Print)
VI  - 6
IP  - 1
DP  - 2019 Sep-Oct
TI  - Effect of JAK1 blockade
PG  - 113-25
LID - 10.1136/lupus-2019-000001 [doi]
AB  - Background: First part.
AB  - Methods: Second.
FAU - van der Berg, Anna
AU  - van der Berg A
AUID- ORCID: 0000-0002-1825-0097
AD  - Univ A.
CN  - LUPUS Group
DEP - 20190801
TA  - Lupus Sci Med
JT  - Lupus Science & Medicine
OT  - lupus
OTO - NOTNLM
OT  - JAK
AID - 10.1136/lupus-2019-000001 [doi]
"""


def test_record_from_another_format_is_written_canonically() -> None:
    assert jakcite.write(FOREIGN, MEDLINE) == FOREIGN_MEDLINE


def test_record_from_another_format_round_trips_to_its_projection() -> None:
    again = jakcite.read(FOREIGN_MEDLINE, MEDLINE)[0]
    assert again == project(FOREIGN)
    # what the projection takes away, spelled out
    assert again.key is None and again.url is None
    assert again.title == RichText.plain("Effect of JAK1 blockade")
    author = again.authors[0]
    assert isinstance(author, Person)
    assert (author.family, author.particle, author.initials) == ("van der Berg", None, "A")
    assert again.container == Container(
        title="Lupus Science & Medicine", nlm_abbreviation="Lupus Sci Med", issn_print="2053-8790"
    )
    # mixed-case labels cannot be told from text: each section keeps its label as text
    assert again.abstract == Abstract((AbstractSection("Background: First part."), AbstractSection("Methods: Second.")))
    assert again.keywords == (Keyword("lupus"), Keyword("JAK", owner="NOTNLM"))


def test_upper_case_labels_share_one_ab_line() -> None:
    record = Record(
        abstract=Abstract((AbstractSection("Why.", "BACKGROUND"), AbstractSection("How.", "METHODS")), "(c) Us.")
    )
    assert jakcite.write(record, MEDLINE) == "\nAB  - BACKGROUND: Why. METHODS: How.\nCI  - (c) Us.\n"
    assert jakcite.read(jakcite.write(record, MEDLINE), MEDLINE)[0] == record


def test_books_chapters_and_relations() -> None:
    chapter = Record(
        type=WorkType.CHAPTER,
        title="A chapter.",
        container=Container(title="A Book", series="A Series"),
        editors=(Person(family="Adam", given="Margaret P"),),
        publisher="Press",
        publisher_place="Seattle (WA)",
        ids=Identifiers(isbn=("978-0-00-000000-2",), others=(("bookaccession", "NBK1"),)),
        related=(RelatedWork("ErratumIn", "J. 2020;1:2.", "123"), RelatedWork("Cites", "not in MEDLINE")),
        substances=(Substance("DNA", "9007-49-2"),),
        history=(
            HistoryDate("received", PartialDate(2019, 1, 2)),
            HistoryDate("entrez", PartialDate(2019, 2, 3), 6, 5),
        ),
    )
    assert jakcite.write(chapter, MEDLINE) == (
        "\nPB  - Press\nISBN- 978-0-00-000000-2\nCTI - A Series\nTI  - A chapter.\nBTI - A Book\n"
        "FED - Adam, Margaret P\nED  - Adam MP\nPL  - Seattle (WA)\nRN  - 9007-49-2 (DNA)\n"
        "EIN - J. 2020;1:2. PMID: 123\nCRDT- 2019/02/03 06:05\nPHST- 2019/01/02 00:00 [received]\n"
        "PHST- 2019/02/03 06:05 [entrez]\nAID - NBK1 [bookaccession]\n"
    )
    again = jakcite.read(jakcite.write(chapter, MEDLINE), MEDLINE)[0]
    assert again == project(chapter)
    assert again.type is WorkType.CHAPTER
    assert again.related == (RelatedWork("ErratumIn", "J. 2020;1:2.", "123"),)  # "Cites" has no tag: declared loss


def test_article_number_is_pg_or_location_pii() -> None:
    plain = Record(article_number="e0180707")
    assert jakcite.write(plain, MEDLINE) == "\nPG  - e0180707\n"
    with_pii = Record(article_number="S0090-8258(19)30133-7", ids=Identifiers(pii="S0090-8258(19)30133-7"))
    text = jakcite.write(with_pii, MEDLINE)
    assert text == "\nLID - S0090-8258(19)30133-7 [pii]\nAID - S0090-8258(19)30133-7 [pii]\n"
    assert jakcite.read(text, MEDLINE)[0] == with_pii


def test_long_values_wrap_at_88_columns_and_read_back_exactly() -> None:
    words = " ".join(f"word{i}" for i in range(60))
    url = "https://example.org/" + "x" * 120
    title = f"{words} {url} end  with  double  spaces."
    record = Record(title=title)
    text = jakcite.write(record, MEDLINE)
    assert text is not None
    lines = text.strip("\n").split("\n")
    assert lines[0].startswith("TI  - word0 word1")
    assert all(line.startswith("      ") and not line.startswith("       ") for line in lines[1:])
    assert all(len(line) <= 88 for line in lines if url not in line)
    assert any(line == "      " + url for line in lines)  # an unbreakable word stays whole
    assert jakcite.read(text, MEDLINE)[0].title == RichText.plain(title)


@pytest.mark.parametrize("space", ["  ", " \u2009", "\u00a0 ", " \u00a0 "])
def test_wrapping_never_breaks_next_to_other_whitespace(space: str) -> None:
    # real abstracts in the XML benchmark file have such runs ("miR-367" + a space + a thin space)
    words = [f"miR-{i}{space}expression" for i in range(40)]
    record = Record(abstract=Abstract((AbstractSection(" ".join(words)),)))
    text = jakcite.write(record, MEDLINE)
    assert text is not None
    assert jakcite.read(text, MEDLINE)[0] == record


def test_line_breaks_inside_values_become_spaces() -> None:
    record = Record(title="Two\nlines", abstract=Abstract((AbstractSection("A\r\nB\tC"),)))
    text = jakcite.write(record, MEDLINE)
    assert text == "\nTI  - Two lines\nAB  - A B C\n"
    assert jakcite.read(text, MEDLINE)[0] == project(record)


def test_width_option_and_unknown_options() -> None:
    record = Record(title="x " * 60)
    text = jakcite.write(record, MEDLINE, width=0)
    assert text is not None and text.count("\n") == 2
    with pytest.raises(jakcite.FormatError, match="no option"):
        jakcite.write(record, MEDLINE, colour="red")
    assert jakcite.write(record, MEDLINE, width="0") == text  # as given on the command line (-O width=0)
    with pytest.raises(jakcite.FormatError, match="whole number"):
        jakcite.write(record, MEDLINE, width="wide")


def test_empty_record_stays_a_record() -> None:
    text = jakcite.write([Record(), Record(title="B")], MEDLINE)
    assert text == "\nTI  -\n\nTI  - B\n"
    assert [str(r.title) if r.title else None for r in jakcite.read(text, MEDLINE)] == [None, "B"]


def test_writer_is_deterministic_on_the_fixture() -> None:
    records = jakcite.read(FIXTURES / "medline" / "features.nbib", MEDLINE)
    assert jakcite.write(records, MEDLINE) == jakcite.write(list(records), MEDLINE)


# --------------------------------------------------------------------------- property-based


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(any_records())
def test_any_record_round_trips_to_its_projection(record: Record) -> None:
    text = jakcite.write(record, MEDLINE)
    assert text is not None
    back = list(jakcite.read(text, MEDLINE))
    assert back == [project(record)]
    assert jakcite.write(back, MEDLINE) == text  # idempotent


# --------------------------------------------------------------------------- real PubMed records


def test_pubmed_xml_records_round_trip_through_medline() -> None:
    """Records read by the PubMed XML reader (another form) survive MEDLINE as declared."""
    xml = require_corpus("pubmed-xml")
    files = sorted(p for p in xml.rglob("*.xml*") if "benchmark" not in p.parts)[:25]
    count = 0
    for path in files:
        records = list(jakcite.read(path, "pubmed-xml"))
        back = list(jakcite.read(jakcite.write(records, MEDLINE), MEDLINE))
        assert len(back) == len(records)
        for original, again in zip(records, back, strict=True):
            assert again == project(original), f"{path.name} PMID {original.ids.pmid}"
            count += 1
    assert count >= 25


def test_pubmed_xml_benchmark_sample_is_faithful_and_idempotent() -> None:
    """300 real records (books, MathML, article numbers, investigators...) through MEDLINE."""
    path = require_corpus("pubmed-xml") / "benchmark" / "aggregate-unique-records.xml.gz"
    records = list(itertools.islice(jakcite.iter_records(path, "pubmed-xml"), 300))
    text = jakcite.write(records, MEDLINE)
    assert text is not None
    back = list(jakcite.read(text, MEDLINE))
    assert back == [project(r) for r in records]
    # writing again changes nothing but the double-encoded UTF-8 the reader repairs ("Â©")
    assert jakcite.write(back, MEDLINE) == repair_mojibake(text)[0]
