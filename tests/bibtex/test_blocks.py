"""Every block of a .bib file is read or reported: heads BibTeX accepts, BibTeX's quoting rules, lines.

The inputs are written by hand; expected values are read off them.
"""

from __future__ import annotations

import pytest

import jakcite
from jakcite.builtin_formats.bibtex.blocks import read_entry_body, scan_blocks
from jakcite.model import PartialDate, WorkType

pytestmark = pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")

HEADS = """\
@book{first, title = {First}, year = 2001}

@COMMENTED{Palandt,
  author = {Palandt, Otto},
  title = {B{\\"u}rgerliches Gesetzbuch},
  year = 2010,
}

@FAKE-ENTRY {fake1,
  title = {Fake},
}
@
MaNuAl (scribe,
  title = "Scribe",
  year = 1984
)
@article
{broken-head, title = {Broken head}, journal = {J}, year = 1999}
@book{last, title = {Last}, year = 2002}
"""


def test_entry_heads_bibtex_accepts_are_all_read_at_their_lines() -> None:
    records = jakcite.read(HEADS, "bibtex")
    assert [(r.key, r.provenance.line) for r in records] == [
        ("first", 1),
        ("Palandt", 3),
        ("fake1", 9),
        ("scribe", 12),
        ("broken-head", 17),
        ("last", 19),
    ]
    assert records.diagnostics == []


def test_an_unknown_entry_type_is_read_as_other_work_with_its_type_kept() -> None:
    palandt, fake = jakcite.read(HEADS, "bibtex")[1:3]
    assert palandt.type is WorkType.OTHER and ("bibtex:entrytype", "commented") in palandt.extra
    assert palandt.title is not None and palandt.title.text == "Bürgerliches Gesetzbuch"
    assert palandt.authors[0].family == "Palandt" and palandt.published == PartialDate(2010)
    assert ("bibtex:entrytype", "fake-entry") in fake.extra and fake.title is not None


def test_a_parenthesised_entry_after_a_lone_at_sign_is_read() -> None:
    scribe, article = jakcite.read(HEADS, "bibtex")[3:5]
    assert scribe.type is jakcite.read("@manual{m, title={M}}", "bibtex")[0].type
    assert scribe.title is not None and scribe.title.text == "Scribe" and scribe.published == PartialDate(1984)
    assert article.type is WorkType.JOURNAL_ARTICLE and article.published == PartialDate(1999)


QUOTED = """\
@book{a, title = {First}, year = 2001}
@book{b, remark = "{a "the Art, Band 3". b}.", title = "Second", year = 2002,}
@book{c, title = {Third}, year = 2003}
"""


def test_a_quote_inside_braces_in_a_quoted_value_does_not_end_it() -> None:
    records = jakcite.read(QUOTED, "bibtex")  # strict: nothing refused
    assert [r.key for r in records] == ["a", "b", "c"]
    assert records[1].extra_values("bibtex:remark") == ['{a "the Art, Band 3". b}.']
    assert records[1].title is not None and records[1].title.text == "Second"
    assert records[1].published == PartialDate(2002)


BROKEN_AFTER_LONG = (
    QUOTED
    + "".join(f"@misc{{m{i},\n  title = {{Filler {i}}},\n  year = 2000,\n}}\n" for i in range(30))
    + "@article{bad title = {No comma after the key}}\n"
    + "@book{after, title = {After}}\n"
)


def test_an_error_names_the_line_of_the_block_that_failed() -> None:
    bad_line = BROKEN_AFTER_LONG.splitlines().index("@article{bad title = {No comma after the key}}") + 1
    assert bad_line == 4 + 30 * 4
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read(BROKEN_AFTER_LONG, "bibtex")
    assert info.value.line == bad_line
    lenient = jakcite.read(BROKEN_AFTER_LONG, "bibtex", strict=False)
    assert len(lenient) == 3 + 30 + 1 and lenient[-1].key == "after"
    assert [s.line for s in lenient.skipped] == [bad_line]


def test_a_block_never_closed_is_reported_and_the_next_block_read() -> None:
    text = "@article{open,\n  title = {Never closed,\n  year = 2002\n\n@book{next, title = {Next}}\n"
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read(text, "bibtex")
    assert info.value.line == 1 and "@book" in str(info.value)
    lenient = jakcite.read(text, "bibtex", strict=False)
    assert [r.key for r in lenient] == ["next"] and [s.line for s in lenient.skipped] == [1]


def test_a_line_starting_with_an_at_sign_inside_a_value_stays_in_the_value() -> None:
    text = "@misc{k,\n  note = {mail us at\n@home (or not)},\n  year = 2020\n}\n@misc{j, year = 2021}\n"
    records = jakcite.read(text, "bibtex")
    assert [r.key for r in records] == ["k", "j"]
    assert records[0].note == "mail us at @home (or not)" and records[0].published == PartialDate(2020)


def test_comments_as_biber_reads_them() -> None:
    """A delimited @comment hides what it holds; a bare ``@comment`` is only the word."""
    text = "@comment{@article{hidden, title = {Hidden}}}\n@comment not a block\n@misc{shown, title = {Shown}}\n"
    assert [r.key for r in jakcite.read(text, "bibtex")] == ["shown"]


def test_strings_and_concatenation_in_blocks_read_by_bibtex_rules() -> None:
    text = '@string {pub = "Pub"}\n@FAKE-ENTRY{k, publisher = pub # " {"Inc"}", year = "1999"}\n'
    record = jakcite.read(text, "bibtex")[0]
    assert record.publisher == 'Pub "Inc"' and record.published == PartialDate(1999)


def test_the_scan_finds_every_block_with_its_line() -> None:
    text = 'junk @ x\n@string{a = "b"}\n@\n  Type\n  (k, f = ")")\n@comment{c}\n@e{k2}'
    found = [(b.kind, b.opener, b.line, b.closed) for b in scan_blocks(text)]
    assert found == [("string", "{", 1, True), ("type", "(", 2, True), ("comment", "{", 5, True), ("e", "{", 6, True)]
    assert [b.body for b in scan_blocks(text)][1] == 'k, f = ")"'


def test_an_entry_body_by_bibtex_rules() -> None:
    assert read_entry_body(' k , a = {x, {y}} # m, b = "q{"}r",c=12,') == (
        "k",
        [("a", "{x, {y}} # m"), ("b", '"q{"}r"'), ("c", "12")],
    )
    assert read_entry_body("key-only") == ("key-only", [])
    for bad in ("no key = {x}", "k, a = {x", 'k, a = "x', "k, a {x}", "k, a = {x} b = {y}"):
        with pytest.raises(ValueError):
            read_entry_body(bad)
