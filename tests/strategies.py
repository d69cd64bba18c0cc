"""Hypothesis strategies that generate arbitrary valid Records.

The text is deliberately hostile: LaTeX specials, RIS-tag look-alikes, quotes, markup
characters, non-Latin scripts and combining accents, so that a round trip proves escaping
as well as mapping.  Whitespace is normalised (single spaces, no line breaks inside a
value), because every format is entitled to normalise it.
"""

from __future__ import annotations

from hypothesis import strategies as st

from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Grant,
    Identifiers,
    Keyword,
    Mark,
    MeshHeading,
    MeshQualifier,
    Pages,
    PartialDate,
    Person,
    Record,
    RichText,
    Season,
    Segment,
    Substance,
    WorkType,
)

HOSTILE = [
    "\\input{/etc/passwd}",
    "\\write18{rm -rf /}",
    "}",
    "{",
    "%",
    "&",
    "$x$",
    "#1",
    "_",
    "~",
    "^",
    "@comment{",
    "ER  - ",
    "TY  - JOUR",
    '"quoted"',
    "'apos'",
    "<i>not markup</i>",
    "a < b > c",
    "α-synuclein",
    "Müller",
    "Çelik",
    "北京",
    "e\u0301",
    "IL-6",
    "CD4+",
    "mRNA",
    "Na+/K+-ATPase",
    "100%",
]

_alphabet = st.characters(
    categories=("Lu", "Ll", "Nd", "Pd", "Po", "Sm"),
    # Â Ã Ä Å â start the mojibake sequences jakcite repairs on reading ("RenstrÃ¶m");
    # generated text must not look like mojibake, or the repair would be a false "loss".
    exclude_characters="\\{}%&$#_~^<>@\"'`|ÂÃÄÅâ",
)
_word = st.one_of(st.text(_alphabet, min_size=1, max_size=10), st.sampled_from(HOSTILE))


@st.composite
def plain_text(draw: st.DrawFn, min_words: int = 1, max_words: int = 8) -> str:
    """Single-spaced text of words, some of them hostile."""
    words = draw(st.lists(_word, min_size=min_words, max_size=max_words))
    return " ".join(words)


@st.composite
def rich_text(draw: st.DrawFn) -> RichText:
    """Text with occasional italics, super- and subscripts."""
    parts = draw(
        st.lists(
            st.tuples(
                plain_text(1, 3),
                st.sampled_from([(), (Mark.ITALIC,), (Mark.SUPERSCRIPT,), (Mark.SUBSCRIPT,), (Mark.BOLD,)]),
            ),
            min_size=1,
            max_size=4,
        )
    )
    segments = []
    for i, (text, marks) in enumerate(parts):
        segments.append(Segment((" " if i else "") + text if not marks else text, marks))
        if marks:
            segments.append(Segment(" "))
    return RichText(segments).strip()


names = st.text(st.characters(categories=("Lu", "Ll"), exclude_characters="ÂÃÄÅâ"), min_size=1, max_size=12)


@st.composite
def people(draw: st.DrawFn) -> Person:
    """A person with optional given name, particle and suffix."""
    given = draw(st.one_of(st.none(), names, st.builds(lambda a, b: f"{a} {b}", names, names)))
    return Person(
        family=draw(st.one_of(names, st.builds(lambda a, b: f"{a}-{b}", names, names))),
        given=given,
        particle=draw(st.one_of(st.none(), st.sampled_from(["van", "van der", "de", "von"]))),
        suffix=draw(st.one_of(st.none(), st.sampled_from(["Jr", "III"]))),
    )


collectives = st.builds(Collective, st.builds(lambda t: f"{t} Investigators", plain_text(1, 3)))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """Year; year-month; full dates; or a season."""
    year = draw(st.integers(1900, 2030))
    kind = draw(st.sampled_from(["y", "ym", "ymd", "season"]))
    if kind == "y":
        return PartialDate(year)
    if kind == "season":
        return PartialDate(year, season=draw(st.sampled_from(list(Season))))
    month = draw(st.integers(1, 12))
    if kind == "ym":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, 28)))


@st.composite
def identifiers(draw: st.DrawFn) -> Identifiers:
    """Any subset of PMID, PMCID, DOI (with hostile-ish suffixes), PII."""
    doi_suffix = draw(st.text(st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=127), min_size=1, max_size=12))
    return Identifiers(
        pmid=draw(st.one_of(st.none(), st.integers(1, 40_000_000).map(str))),
        pmcid=draw(st.one_of(st.none(), st.integers(1, 12_000_000).map(lambda n: f"PMC{n}"))),
        doi=draw(st.one_of(st.none(), st.just(f"10.1000/{doi_suffix}"), st.just(f"10.1016/S0140-6736({doi_suffix})"))),
    )


# MeSH is a controlled vocabulary: real descriptors and qualifiers, not arbitrary text.
MESH_DESCRIPTORS = [
    "Arthritis, Rheumatoid",
    "Janus Kinase Inhibitors",
    "Lupus Erythematosus, Systemic",
    "Humans",
    "Azetidines",
    "Purines",
    "Pyrazoles",
    "Sulfonamides",
    "Receptors, Interleukin-6",
    "Alzheimer Disease",
    "Down Syndrome",
    "Hodgkin's Disease",
    "STAT Transcription Factors",
]
MESH_QUALIFIERS = ["drug therapy", "immunology", "pathology", "therapeutic use", "pharmacology", "genetics"]


@st.composite
def records(draw: st.DrawFn) -> Record:
    """A journal article, book, chapter or web page with a random subset of fields."""
    kind = draw(
        st.sampled_from(
            [WorkType.JOURNAL_ARTICLE, WorkType.JOURNAL_ARTICLE, WorkType.BOOK, WorkType.CHAPTER, WorkType.WEBPAGE]
        )
    )
    article_number = draw(st.one_of(st.none(), st.sampled_from(["e000512", "11788", "e0180707"])))
    first = draw(st.integers(1, 5000))
    pages = (
        None
        if article_number
        else draw(st.one_of(st.none(), st.just(Pages(str(first), str(first + draw(st.integers(0, 40)))))))
    )
    container_title = draw(st.one_of(st.none(), plain_text(1, 5)))
    return Record(
        type=kind,
        title=draw(st.one_of(st.none(), rich_text())),
        authors=draw(st.lists(st.one_of(people(), people(), collectives), max_size=5)),
        authors_truncated=draw(st.booleans()),
        editors=draw(st.lists(people(), max_size=2)) if kind is WorkType.CHAPTER else (),
        container=Container(title=container_title, iso_abbreviation=draw(st.one_of(st.none(), plain_text(1, 3))))
        if container_title
        else None,
        volume=draw(st.one_of(st.none(), st.integers(1, 400).map(str))),
        issue=draw(st.one_of(st.none(), st.integers(1, 12).map(str))),
        pages=pages,
        article_number=article_number,
        publisher=draw(st.one_of(st.none(), plain_text(1, 3))) if kind in (WorkType.BOOK, WorkType.CHAPTER) else None,
        published=draw(st.one_of(st.none(), partial_dates())),
        epublished=draw(st.one_of(st.none(), partial_dates())),
        ids=draw(identifiers()),
        abstract=draw(
            st.one_of(
                st.none(),
                st.builds(
                    lambda secs: Abstract(tuple(secs)),
                    st.lists(
                        st.builds(
                            AbstractSection,
                            rich_text(),
                            st.one_of(st.none(), st.sampled_from(["Background", "Methods", "Results"])),
                        ),
                        min_size=1,
                        max_size=3,
                    ),
                ),
            )
        ),
        keywords=draw(st.lists(st.builds(Keyword, plain_text(1, 3)), max_size=4, unique_by=lambda k: k.term)),
        mesh=draw(
            st.lists(
                st.builds(
                    MeshHeading,
                    st.sampled_from(MESH_DESCRIPTORS),
                    major=st.booleans(),
                    qualifiers=st.lists(
                        st.builds(MeshQualifier, st.sampled_from(MESH_QUALIFIERS), major=st.booleans()),
                        max_size=2,
                        unique_by=lambda q: q.name,
                    ),
                ),
                max_size=3,
                unique_by=lambda m: m.descriptor,
            )
        ),
        substances=draw(
            st.lists(st.builds(Substance, plain_text(1, 3), st.sampled_from(["0", "50-78-2"])), max_size=2)
        ),
        grants=draw(
            st.lists(
                st.builds(
                    Grant,
                    st.sampled_from(["R01 AI012345", "MR/X/1"]),
                    st.none(),
                    plain_text(1, 3),
                    st.sampled_from(["United States", "United Kingdom"]),
                ),
                max_size=2,
            )
        ),
        languages=draw(st.lists(st.sampled_from(["eng", "ger", "fre"]), max_size=1)),
        url=draw(st.one_of(st.none(), st.just("https://example.org/a?b=1&c=2"))),
    )
