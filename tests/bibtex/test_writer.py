"""The BibTeX and BibLaTeX writer: entries, cite keys, escaping, case protection, names, the round trip.

Expected values are written by hand from the records below.
"""

from __future__ import annotations

import gc
import re
import weakref
from collections.abc import Iterator
from functools import partial

import attrs
import bibtexparser
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import jakcite
from jakcite.builtin_formats.bibtex import BIBLATEX, BIBTEX
from jakcite.builtin_formats.bibtex.citekeys import PatternError, ascii_fold, assign_keys, render_pattern
from jakcite.builtin_formats.bibtex.coverage import project as project_record
from jakcite.builtin_formats.bibtex.latex_encode import (
    SAFE_MATH_MACROS,
    SAFE_TEXT_MACROS,
    escape,
    needs_case_protection,
    rich_to_latex,
)
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
    Segment,
)
from jakcite.util.mojibake import repair_mojibake
from samples import every_work_type

pytestmark = pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")

HOSTILE = r"\input{/etc/passwd} \write18{rm -rf /} 100% & $x^2$ #1 a_b ~ ^^5c @comment{ }} { -- `` ''"


def richter() -> Record:
    """A journal article with markup, a collective, particles, a suffix, a truncated list."""
    return Record(
        type="journal-article",
        title=RichText(
            [
                Segment("Why JAK inhibitors fail in SLE: IL-6, mRNA and CD4"),
                Segment("+", {"sup"}),
                Segment(" T cells of "),
                Segment("Escherichia coli", {"i"}),
                Segment(" in Zürich"),
            ]
        ),
        authors=[
            Person(family="Richter", given="Anna Maria", initials="AM", affiliations=["Uni X"]),
            Person(family="van der Berg", given="Jan", suffix="Jr"),
            Collective("LUPUS-JAK Investigators"),
        ],
        authors_truncated=True,
        container=Container(
            title="Annals of the Rheumatic Diseases",
            iso_abbreviation="Ann Rheum Dis",
            issn_print="0003-4967",
            issn_electronic="1468-2060",
        ),
        volume="81",
        issue="10",
        pages=Pages(first="1354", last="1361", printed="1354-61"),
        published=PartialDate(2022, 10, 4),
        ids=Identifiers(pmid="36183780", pmcid="PMC9581234", doi="10.1136/ard-2022-222"),
        abstract=Abstract(
            (
                AbstractSection("JAK matters.", label="BACKGROUND"),
                AbstractSection(
                    RichText([Segment("We used "), Segment("β", {"i"}), Segment("-blockers.")]), label="METHODS"
                ),
            )
        ),
        keywords=[Keyword("JAK"), Keyword("lupus")],
        languages=["eng"],
    )


def variety() -> list[Record]:
    """One record of each kind the writer must place in the right entry type."""
    return [
        richter(),
        Record(type="book", title="A book on lupus", publisher="Springer", published=PartialDate(2000, season="spring"),
               authors=[Person(family="Smith", given="J")]),
        Record(type="chapter", title="GeneReviews chapter", container=Container(title="GeneReviews"),
               published=PartialDate(1993), authors=[Person(family="Adam", given="Margaret P")]),
        Record(type="journal-article", title="Anonymous editorial", container=Container(title="Lancet"),
               volume="400", pages=Pages(first="1"), published=PartialDate(2022, 7)),
        Record(type="journal-article", title="Article number only", authors=[Person(family="Öztürk", given="Ayşe")],
               container=Container(title="PLoS One"), volume="17", article_number="e0270000",
               published=PartialDate(2022, 3, 1), ids=Identifiers(doi="10.1371/journal.pone.0270000")),
        Record(type="journal-article", title="Supplement", authors=[Person(family="Lee", given="K")],
               container=Container(title="J Test"), volume="60 Suppl 1", issue="2", published=PartialDate(2019)),
        Record(type="report", title="A report", authors=[Person(family="Doe", given="Jane")],
               publisher="WHO", published=PartialDate(2010)),
        Record(type="journal-article", title=HOSTILE, authors=[Person(family="O'Hara & Sons", given="{Eve}")],
               container=Container(title="Hacker % Journal"), published=PartialDate(2021)),
    ]  # fmt: skip


# --------------------------------------------------------------------------- writing


def test_bibtex_output_of_a_rich_article_is_exactly_as_documented() -> None:
    text = jakcite.write([richter()], "bibtex")
    assert text == (
        "@article{richter2022why,\n"
        "  author = {Richter, Anna Maria and van der Berg, Jr, Jan and {LUPUS-JAK Investigators} and others},\n"
        "  title = {Why {JAK} inhibitors fail in {SLE:} {IL-6,} {mRNA} and {CD4}\\textsuperscript{+} {T} cells of "
        '\\textit{{Escherichia} coli} in {Z{\\"u}rich}},\n'
        "  journal = {Annals of the Rheumatic Diseases},\n"
        "  year = {2022},\n"
        "  month = oct,\n"
        "  volume = {81},\n"
        "  number = {10},\n"
        "  pages = {1354--1361},\n"
        "  issn = {0003-4967},\n"
        "  doi = {10.1136/ard-2022-222},\n"
        "  pmid = {36183780},\n"
        "  pmcid = {PMC9581234},\n"
        "  language = {eng},\n"
        "  keywords = {JAK, lupus},\n"
        "  abstract = {BACKGROUND: JAK matters. METHODS: We used \\textit{{$\\beta$}}-blockers.},\n"
        "}\n"
    )


def test_biblatex_output_uses_dates_eprint_and_utf8() -> None:
    text = jakcite.write([richter()], "biblatex")
    assert "  journaltitle = {Annals of the Rheumatic Diseases},\n  shortjournal = {Ann Rheum Dis},\n" in text
    assert "  date = {2022-10-04},\n" in text
    assert "  eprint = {36183780},\n  eprinttype = {pubmed},\n  pmcid = {PMC9581234},\n" in text
    assert "  langid = {english},\n" in text
    # For pdflatex: Latin letters stay (inputenc maps them), Greek becomes a command.
    assert "in {Zürich}}" in text and "\\textit{{$\\beta$}}-blockers" in text
    assert "\\textit{β}-blockers" in (jakcite.write([richter()], "biblatex", unicode=True) or "")
    assert "\n  year =" not in text and "\n  month =" not in text and "\n  journal =" not in text


def test_output_is_deterministic_and_fields_keep_their_order() -> None:
    records = variety()
    first = jakcite.write(records, "bibtex")
    assert first == jakcite.write(list(records), "bibtex")
    order = ["author", "title", "journal", "year", "month", "volume", "number", "pages", "issn", "doi", "pmid"]
    block = first.split("\n\n")[0]
    positions = [block.index(f"  {name} = ") for name in order]
    assert positions == sorted(positions)


def test_journal_abbreviation_option() -> None:
    text = jakcite.write([richter()], "bibtex", journal_abbreviation=True)
    assert "  journal = {Ann Rheum Dis},\n" in text
    with pytest.raises(jakcite.FormatError):
        jakcite.write([richter()], "bibtex", no_such_option=True)


def test_entry_types_follow_the_required_fields() -> None:
    text = jakcite.write(variety(), "bibtex")
    heads = re.findall(r"^@(\w+)\{([^,]+),", text, re.MULTILINE)
    assert heads == [
        ("article", "richter2022why"),
        ("book", "smith2000book"),
        ("misc", "adam1993genereviews"),  # no publisher: incollection would warn
        ("article", "anon2022anonymous"),  # no author: still an article (styles warn: the data's)
        ("article", "ozturk2022article"),
        ("article", "lee2019supplement"),
        ("techreport", "doe2010report"),
        ("article", "oharasons2021input"),
    ]
    anonymous = text.split("@article{anon2022anonymous,")[1].split("}\n\n")[0]
    assert "journal = {Lancet}" in anonymous and "howpublished" not in anonymous and "entrysubtype" not in anonymous
    assert "author" not in anonymous
    assert "key = {anon2022anonymous}" in anonymous  # sorting key for styles, as there is no author
    assert "  eid = {e0270000},\n" in text
    assert "  month = {Spring},\n" in text
    assert "  issue = {2},\n" not in text  # volume present: the issue is `number`
    lee = jakcite.write([variety()[5]], "bibtex")
    assert "  number = {2},\n" in lee


def test_biblatex_chapter_without_editor_is_inbook() -> None:
    text = jakcite.write([variety()[2]], "biblatex")
    assert text.startswith("@inbook{adam1993genereviews,")
    assert "  booktitle = {{GeneReviews}},\n" in text


def test_hostile_text_cannot_become_a_latex_command() -> None:
    allowed = {"textbackslash", "textbraceleft", "textbraceright", "textasciitilde", "textasciicircum", "textless",
               "textgreater", "textbar", "textit", "textsuperscript", "ensuremath", "beta"}  # fmt: skip
    for dialect in ("bibtex", "biblatex"):
        text = jakcite.write([variety()[-1]], dialect)
        commands = set(re.findall(r"\\([A-Za-z]+)", text))
        assert commands <= allowed, commands - allowed
        assert "\\input" not in text and "\\write18" not in text
        # Braces balance (BibTeX counts every brace) and none comes from the record.
        assert text.count("{") == text.count("}")
        assert "@comment\\textbraceleft{}" in text
        assert "100\\% \\& \\$x\\textasciicircum{}2\\$ \\#1 a\\_b" in text
        assert "-{}-" in text and "`{}`" in text and "'{}'" in text  # no ligatures from data
        assert "O'Hara \\& Sons" in text and "\\textbraceleft{}Eve\\textbraceright{}" in text
        back = jakcite.read(text, "bibtex")[0]
        assert back.title is not None and back.title.text == HOSTILE.replace("  ", " ")


def test_escape_and_ascii_mode() -> None:
    assert escape("50% & $", ascii_only=True) == r"50\% \& \$"
    assert escape("Müller ß", ascii_only=True) == r"M{\"u}ller {\ss}"
    assert escape("Müller", ascii_only=False) == "Müller"
    assert escape("e\u0301", ascii_only=True) == r"{\'e}"  # NFC first
    assert escape("Аб", ascii_only=True) == "??"  # no LaTeX form in a plain document: approximated
    assert escape("a\n\tb", ascii_only=False) == "a b"


@pytest.mark.parametrize("ascii_only", [True, False])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Words LaTeX prints as they are come back untouched...
        ("IL-6", "IL-6"),
        ("O'Hara", "O'Hara"),
        ("(n=12)", "(n=12)"),
        ("[1]", "[1]"),
        # ...but not once a pair would make a ligature, or a special or a space is in them.
        ("1990--1995", "1990-{}-1995"),
        ("''quoted''", "'{}'quoted'{}'"),
        ("?``", "?{}`{}`"),
        ("a_b", r"a\_b"),
        ("a  b", "a b"),
    ],
)
def test_escape_leaves_verbatim_text_alone_and_nothing_else(text: str, expected: str, ascii_only: bool) -> None:
    assert escape(text, ascii_only=ascii_only) == expected


# --------------------------------------------------------------------------- case protection


@pytest.mark.parametrize(
    ("word", "first", "expected"),
    [
        ("JAK", False, True),
        ("JAK", True, True),
        ("mRNA", False, True),
        ("IL-6", False, True),
        ("CD4+", False, True),
        ("BRCA1", False, True),
        ("H2O", False, True),
        ("Escherichia", False, True),
        ("Why", True, False),
        ("inhibitors", False, False),
        ("p53", False, False),
        ("2022", False, False),
        ("inhibitor", True, False),
        ("ɑ-helix", False, False),  # lower-case letters outside ASCII
        ("Ǆ", False, True),  # a title-case letter is a capital
        ("élan", False, False),
        ("Élan", False, True),
    ],
)
def test_case_protection_rule(word: str, first: bool, expected: bool) -> None:
    assert needs_case_protection(word, first=first) is expected


def test_case_protection_can_be_turned_off_and_nocase_is_always_braced() -> None:
    title = RichText([Segment("Effect of "), Segment("lower", {"nocase"}), Segment(" on JAK")])
    assert rich_to_latex(title, ascii_only=False, protect_case=True) == "Effect of {lower} on {JAK}"
    assert rich_to_latex(title, ascii_only=False, protect_case=False) == "Effect of {lower} on JAK"
    text = jakcite.write([richter()], "bibtex", case_protection=False)
    assert "title = {Why JAK inhibitors fail in SLE: IL-6, mRNA and CD4\\textsuperscript{+} T cells" in text


# --------------------------------------------------------------------------- names


def test_names_particles_suffixes_collectives_and_others() -> None:
    text = jakcite.write([richter()], "biblatex")
    assert "author = {Richter, Anna Maria and van der Berg, Jr, Jan and {LUPUS-JAK Investigators} and others}" in text
    back = jakcite.read(text, "bibtex")[0]
    assert back.authors == (
        Person(family="Richter", given="Anna Maria", initials="AM"),
        Person(family="Berg", particle="van der", given="Jan", initials="J", suffix="Jr"),
        Collective("LUPUS-JAK Investigators"),
    )
    assert back.authors_truncated is True


def test_initials_only_and_names_with_and() -> None:
    record = Record(
        title="T",
        authors=[Person(family="Novák", initials="AB"), Collective("Smith and Nephew Study Group")],
        published=PartialDate(2020),
        container=Container(title="J"),
    )
    text = jakcite.write([record], "bibtex")
    assert "author = {Nov{\\'a}k, A. B. and {Smith and Nephew Study Group}}" in text


# --------------------------------------------------------------------------- cite keys


def test_default_key_is_family_year_first_significant_word_ascii_folded() -> None:
    record = Record(
        title="The Über-effect of JAK", authors=[Person(family="Müller-Świątek")], published=PartialDate(2021)
    )
    assert render_pattern(record) == "mullerswiatek2021uber"
    assert render_pattern(record, "[auth][year]") == "MullerSwiatek2021"
    assert render_pattern(record, "pmid[pmid]-[shorttitle]") == "pmid-UberEffectJAK"
    assert render_pattern(Record()) == "anonnduntitled"
    assert ascii_fold("Łódź Ærø straße") == "Lodz AEro strasse"
    with pytest.raises(PatternError):
        render_pattern(record, "[nosuch]")
    with pytest.raises(jakcite.WriteError):
        jakcite.write([record], "bibtex", key_pattern="[auth:shout]")


def _same_base(pmid: str, title: str = "Why lupus") -> Record:
    return Record(
        title=title, authors=[Person(family="Richter")], published=PartialDate(2022), ids=Identifiers(pmid=pmid)
    )


def test_keys_are_unique_and_stable_under_reordering_and_unrelated_additions() -> None:
    a, b, c = _same_base("300"), _same_base("100"), _same_base("200")
    other = Record(title="Other", authors=[Person(family="Zeta")], published=PartialDate(1999))
    keys = dict(zip(["a", "b", "c"], assign_keys([a, b, c]), strict=True))
    # Ordered by PMID, not by position: 100 keeps the bare key, 200 gets a, 300 gets b.
    assert keys == {"a": "richter2022whyb", "b": "richter2022why", "c": "richter2022whya"}
    assert assign_keys([c, other, b, a]) == ["richter2022whya", "zeta1999other", "richter2022why", "richter2022whyb"]
    assert assign_keys([other, a]) == ["zeta1999other", "richter2022why"]


def test_keys_from_the_input_are_kept_and_never_reused() -> None:
    keyed = attrs.evolve(_same_base("5"), key="richter2022why")
    fresh = _same_base("1")
    assert assign_keys([fresh, keyed]) == ["richter2022whya", "richter2022why"]
    duplicate = attrs.evolve(_same_base("6"), key="richter2022why")
    assert assign_keys([keyed, duplicate]) == ["richter2022why", "richter2022whya"]


def test_colliding_keys_without_pmid_or_doi_are_ordered_by_the_rest_of_what_records_are() -> None:
    # Same bare key and no PMID or DOI to tell them apart: the writer fetches the full
    # identity (title first) back from its spill, and the input order still does not count.
    lupus = Record(title="Why lupus", authors=[Person(family="Richter")], published=PartialDate(2022))
    cancer = attrs.evolve(lupus, title="Why cancer")
    tagged = _same_base("7")  # title "Why lupus", PMID 7: PMIDs sort before records without
    expected = {
        "richter2022why": ("Why lupus", "7"),
        "richter2022whya": ("Why cancer", ""),
        "richter2022whyb": ("Why lupus", ""),
    }
    for order in ([lupus, cancer, tagged], [tagged, cancer, lupus], [cancer, tagged, lupus]):
        keys = assign_keys(order)
        assert {
            k: (r.title.text if r.title else "", r.ids.pmid or "") for k, r in zip(keys, order, strict=True)
        } == expected
        entries = bibtexparser.parse_string(jakcite.write(order, "bibtex")).entries
        assert [e.key for e in entries] == keys
        assert {
            e.key: (e["title"], e.fields_dict["pmid"].value if "pmid" in e.fields_dict else "") for e in entries
        } == expected


def test_the_writer_lets_each_record_go_before_reading_the_next() -> None:
    # Memory must not grow with the input: only a record's key basis outlives its entry.
    alive: list[weakref.ref[Record]] = []

    def records() -> Iterator[Record]:
        for n in range(1, 200):
            gc.collect()
            assert sum(ref() is not None for ref in alive) <= 1, f"records held while reading record {n}"
            record = _same_base(str(n), title=f"Why lupus {n}")
            alive.append(weakref.ref(record))
            yield record
            del record

    text = jakcite.write(records(), "bibtex")
    assert len(re.findall(r"^@misc\{", text, flags=re.M)) == 199
    assert re.findall(r"@misc\{(richter2022why[a-z]*),", text)[:3] == [
        "richter2022why",
        "richter2022whya",
        "richter2022whyb",
    ]


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize(
    ("dialect", "project"), [("bibtex", BIBTEX.coverage.project), ("biblatex", BIBLATEX.coverage.project)]
)
def test_round_trip_equals_projection(dialect: str, project: object) -> None:
    records = variety() + every_work_type()
    text = jakcite.write(records, dialect)
    back = jakcite.read(text, "bibtex")
    assert len(back) == len(records)
    for original, read in zip(records, back, strict=True):
        assert callable(project)
        assert read == attrs.evolve(project(original), key=read.key)


# --------------------------------------------------------------------------- properties

_ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc", "Co", "Cn"),
    whitelist_characters="\\{}%&$#_~^<>|@\"'`-",
)
_TEXT = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip())
_MARKS = st.frozensets(st.sampled_from([Mark.ITALIC, Mark.BOLD, Mark.SUPERSCRIPT, Mark.SUBSCRIPT]), max_size=2)


@settings(max_examples=300, deadline=None)
@given(
    title=st.lists(st.tuples(_TEXT, _MARKS), min_size=1, max_size=4),
    family=_TEXT,
    given_name=st.one_of(st.none(), _TEXT),
    journal=_TEXT,
    dialect=st.sampled_from(["bibtex", "biblatex", "biblatex-unicode"]),
)
def test_any_text_round_trips_to_its_projection_and_stays_inert(
    title: list[tuple[str, frozenset[Mark]]], family: str, given_name: str | None, journal: str, dialect: str
) -> None:
    unicode = dialect == "biblatex-unicode"
    dialect = "biblatex" if unicode else dialect
    record = Record(
        title=RichText([Segment(text, marks) for text, marks in title]),
        authors=[Person(family=family, given=given_name)],
        container=Container(title=journal),
        published=PartialDate(2020, 1),
    )
    text = jakcite.write([record], dialect, **({"unicode": True} if unicode else {})) or ""
    # jakcite's sources repair UTF-8 read as Windows-1252 ("RenstrÃ¶m"); such text is not data here.
    assume(repair_mojibake(text)[0] == text)
    commands = set(re.findall(r"\\([A-Za-z]+)", text))
    data_commands = commands - {
        "textbackslash", "textbraceleft", "textbraceright", "textasciitilde", "textasciicircum", "textless",
        "textgreater", "textbar", "textit", "textbf", "textsuperscript", "textsubscript",
    }  # fmt: skip
    if unicode:
        assert data_commands == set()
    else:  # characters' commands only, all in a plain pdflatex document
        assert data_commands <= SAFE_TEXT_MACROS | SAFE_MATH_MACROS
    assert text.count("{") == text.count("}")
    project = (BIBTEX if dialect == "bibtex" else BIBLATEX).coverage.project
    if unicode:
        project = partial(project_record, dialect="biblatex", unicode=True)
    back = jakcite.read(text, "bibtex")[0]
    assert back == attrs.evolve(project(record), key=back.key)


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_what_bibtex_never_writes_does_not_change_the_output(dialect: str) -> None:
    """The writer holds records without these fields (memory): they must not matter."""
    from jakcite.model import Grant, MeshHeading

    plain = richter()
    loaded = attrs.evolve(
        plain,
        references=[Record(title="A cited work", reference_text="Cited A. A cited work. 2001.")],
        mesh=[MeshHeading("Lupus Erythematosus, Systemic", major=True)],
        grants=[Grant(id="R01 AI000000", agency="NIAID")],
        extra=[("medline:SB", "IM")],
        authors=[
            attrs.evolve(a, affiliations=("Department of Rheumatology, Somewhere.",)) if isinstance(a, Person) else a
            for a in plain.authors
        ],
    )
    assert jakcite.write([loaded], dialect) == jakcite.write([plain], dialect)


# --------------------------------------------------------------------------- issue 17: pdflatex, verbatim fields

_PDFLATEX_HOSTILE = "α-synuclein at 10\u2009mg: V\u0307A/Q\u0307 \u237a \u221a2 5\u2032 p\u202f<\u202f0.05 Zürich"


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_characters_pdflatex_lacks_become_latex_commands(dialect: str) -> None:
    record = Record(title=_PDFLATEX_HOSTILE, container=Container(title="J"), published=PartialDate(2020))
    text = jakcite.write([record], dialect) or ""
    for form in (r"{$\alpha$}-synuclein", r"10\,mg", r"{\.{{V}}}A/{\.{{Q}}}", r"{$\surd$}2"):
        assert form in text, form
    assert r"5{$\prime$}" in text and r"p\,\textless{}\,0.05" in text
    assert ("Zürich" in text) is (dialect == "biblatex")  # inputenc maps Latin letters itself
    assert "\u2009" not in text and "α" not in text and "\u0307" not in text
    title = jakcite.read(text, "bibtex")[0].title
    assert title is not None
    assert title.text == "α-synuclein at 10\u2009mg: V\u0307A/Q\u0307 α √2 5′ p\u2009<\u20090.05 Zürich"


def test_biblatex_unicode_option_keeps_utf8() -> None:
    record = Record(title=_PDFLATEX_HOSTILE, container=Container(title="J"), published=PartialDate(2020))
    text = jakcite.write([record], "biblatex", unicode=True) or ""
    assert "α-synuclein at 10\u2009mg" in text and "\u237a" in text
    title = jakcite.read(text, "bibtex")[0].title
    assert title is not None and title.text == _PDFLATEX_HOSTILE


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_verbatim_fields_are_not_latex_escaped(dialect: str) -> None:
    url = "https://example.org/a_b%20c?x=1&y=2#frag~u"
    record = Record(
        title="T", container=Container(title="J"), published=PartialDate(2020), url=url,
        ids=Identifiers(doi="10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2"),
    )  # fmt: skip
    text = jakcite.write([record], dialect) or ""
    assert f"  url = {{{url}}},\n" in text
    assert "  doi = {10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2},\n" in text
    back = jakcite.read(text, "bibtex")[0]
    assert back.url == url and back.ids.doi == record.ids.doi


def test_unbalanced_braces_in_a_url_are_percent_encoded() -> None:
    record = Record(title="T", url="https://example.org/{a}/b}c", published=PartialDate(2020))
    text = jakcite.write([record], "biblatex") or ""
    assert "  url = {https://example.org/%7Ba%7D/b%7Dc},\n" in text
    assert jakcite.read(text, "bibtex")[0].url == "https://example.org/%7Ba%7D/b%7Dc"
    balanced = jakcite.write([attrs.evolve(record, url="https://example.org/{a}")], "biblatex") or ""
    assert "  url = {https://example.org/{a}},\n" in balanced


def test_old_style_escaped_verbatim_fields_read_unescaped() -> None:
    text = (
        "@misc{k, title = {T}, url = {https://example.org/a\\_b\\%20c?x=1\\&y=2\\#frag\\textasciitilde{}u},\n"
        "  doi = {10.1000/a\\_b}, eprint = {x\\_y}, eprinttype = {arxiv}}\n"
    )
    record = jakcite.read(text, "bibtex")[0]
    assert record.url == "https://example.org/a_b%20c?x=1&y=2#frag~u"
    assert record.ids.doi == "10.1000/a_b"
    assert record.ids.others == (("arxiv", "x_y"),)
