"""Sample records written by hand, shared by the test files that need the same records.

* :func:`every_work_type`: one record of each work type with every field a writer maps
  (the BibTeX writer's round trip, and the real bibtex/biber runs over the same records).
* :func:`pubmed_like_record`: a journal article as a PubMed reader would make it (the
  CSL-JSON writer's hand-written expected item, and citeproc-js rendering that item).

Tests that pin an exact output keep that expected output next to them, written by hand from
the record here.
"""

from __future__ import annotations

from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Identifiers,
    Keyword,
    Mark,
    MeshHeading,
    Pages,
    PartialDate,
    Person,
    Record,
    RichText,
    Segment,
    WorkType,
)


def every_work_type() -> list[Record]:
    """One record of each work type, with every field the writer maps."""
    return [
        Record(
            type=work,
            title=f"A {work.value} on IL-6",
            authors=[Person(family="Adam", given="Margaret")],
            editors=[Person(family="Smith", given="Jane")],
            container=Container(title="Some Container", series="Series"),
            publisher="Publisher",
            publisher_place="Place",
            edition="2",
            number="5",
            volume="3",
            pages=Pages(first="1", last="9"),
            published=PartialDate(2020, 2),
            url="https://example.org/x",
            ids=Identifiers(doi="10.1000/x", pmid="123", pmcid="PMC123", isbn=["9780000000002"]),
        )
        for work in WorkType
    ]


def pubmed_like_record() -> Record:
    """A record as a PubMed reader would make it, written out by hand."""
    title = RichText([Segment("Effect of "), Segment("Staphylococcus aureus", {Mark.ITALIC}), Segment(" on IL-6")])
    return Record(
        type=WorkType.JOURNAL_ARTICLE,
        title=title,
        title_translated=True,
        authors=(
            Person("Novák", initials="A", affiliations=("Charles University, Prague",), orcid="0000-0002-1825-0097"),
            Person("Müller", "Jan Peter", initials="JP"),
            Collective("LUPUS-JAK Investigators"),
        ),
        authors_truncated=True,
        container=Container(
            title="International journal of molecular sciences",
            iso_abbreviation="Int J Mol Sci",
            nlm_abbreviation="Int J Mol Sci",
            issn_print="1661-6596",
            issn_electronic="1422-0067",
            nlm_unique_id="101092791",
        ),
        volume="23",
        issue="19",
        pages=Pages("113", "125", "113-25"),
        article_number="11788",
        published=PartialDate(2019, 9, end=PartialDate(2019, 10), literal="2019 Sep-Oct"),
        epublished=PartialDate(2022, 10, 4),
        ids=Identifiers(pmid="36233091", pmcid="PMC9570001", doi="10.3390/ijms231911788", pii="ijms231911788"),
        abstract=Abstract(
            (
                AbstractSection("JAK inhibitors work.", "BACKGROUND", "BACKGROUND"),
                AbstractSection("They did.", "RESULTS"),
            ),
            copyright="(c) 2022 the authors",
        ),
        keywords=(Keyword("JAK", major=True, owner="NOTNLM"), Keyword("lupus, systemic")),
        mesh=(MeshHeading("Humans", "D006801"),),
        languages=("eng", "ger"),
        publication_status="ppublish",
        extra=(("medline:SO", "Int J Mol Sci. 2022"),),
    )
