"""The BibTeX reader: the feature fixture read by hand, parse errors, unknown fields, LaTeX decoding, sniffing.

Expected values are written by hand from ``fixtures/bibtex/features.bib``.
"""

from __future__ import annotations

import pytest

import jakcite
from conftest import FIXTURES
from jakcite.builtin_formats.bibtex.latex_decode import latex_to_plain, latex_to_rich
from jakcite.model import (
    Identifiers,
    Mark,
    Pages,
    PartialDate,
    Person,
    Segment,
)

BIBTEX_FIXTURES = FIXTURES / "bibtex"

pytestmark = pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")


def test_reading_the_feature_fixture() -> None:
    records = jakcite.read(BIBTEX_FIXTURES / "features.bib")
    assert [r.key for r in records] == ["richter2022why", "concat2019", "parentbook", "childchapter", "season2000"]
    richter_, concat, parent, child, season = records
    assert richter_.container is not None and richter_.container.title == "Annals of the Rheumatic Diseases"
    assert richter_.published == PartialDate(2022, 10)
    assert richter_.pages == Pages(first="1354", last="1361", printed="1354-1361")
    assert richter_.ids == Identifiers(pmid="36183780", pmcid="PMC9581234", doi="10.1136/ard-2022-222")
    assert richter_.title is not None
    assert richter_.title.text == "Why JAK inhibitors fail in Escherichia coli: IL-6 and CD4+ cells in Zürich"
    # The author braced the whole binomial: it keeps its case (NOCASE), not only its capital.
    assert Segment("Escherichia coli", {Mark.ITALIC, Mark.NOCASE}) in richter_.title.segments
    assert Segment("+", {Mark.SUPERSCRIPT}) in richter_.title.segments
    assert [k.term for k in richter_.keywords] == ["JAK", "lupus"]
    assert richter_.authors_truncated
    assert concat.title is not None and concat.title.text == "Concatenated Annals title"
    assert concat.container is not None and concat.container.title == "Annals of Surgery"
    assert concat.authors == (
        Person(family="Müller", given="Jörg", initials="J"),
        Person(family="Novák", given="Anna", initials="A"),
    )
    assert concat.published == PartialDate(2019, 9, end=PartialDate(2019, 10))
    assert concat.ids.pmid == "31388333" and concat.languages == ("ger",)
    assert child.type.value == "chapter" and child.container is not None and child.container.title == "The Parent Book"
    assert child.publisher == "Springer" and child.publisher_place == "Berlin" and child.published == PartialDate(2001)
    assert [a.display for a in child.authors] == ["Karel Čapek", "Hans Ørsted"]
    assert child.extra == (("bibtex:crossref", "parentbook"),)
    assert parent.editors == (Person(family="Smith", given="Jane", initials="J"),)
    assert season.published == PartialDate(2000, season="spring")
    assert season.note == "Mentions $5 and 50% and &"
    assert records.diagnostics == []


def test_a_block_that_cannot_be_parsed_is_a_parse_error_naming_its_line() -> None:
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read(BIBTEX_FIXTURES / "broken.bib")
    assert info.value.line == 6
    assert "Unexpected block start" in str(info.value)
    lenient = jakcite.read(BIBTEX_FIXTURES / "broken.bib", strict=False)
    assert [r.key for r in lenient] == ["good1", "good2"]
    assert len(lenient.skipped) == 1 and lenient.skipped[0].line == 6


def test_unknown_fields_and_bad_values_go_to_extra_with_a_warning() -> None:
    text = "@article{k, title={T}, doi={not a doi}, foo={Bar {Baz}}, month={Smarch}, year={1999}}\n"
    record = jakcite.read(text, "bibtex")[0]
    assert ("bibtex:doi", "not a doi") in record.extra
    assert ("bibtex:foo", "Bar {Baz}") in record.extra
    assert ("bibtex:month", "Smarch") in record.extra
    assert record.published == PartialDate(1999)
    assert len(record.provenance.warnings) == 2


def test_latex_decoding() -> None:
    assert latex_to_plain(r"{\"O}zt{\"u}rk, Ay{\c{s}}e -- x~y") == "Öztürk, Ayşe – x\u00a0y"
    rich = latex_to_rich(r"H$_2$O and {\it in vivo} \emph{E. coli} $\alpha$")
    assert rich.text == "H2O and in vivo E. coli α"
    assert Segment("2", {Mark.SUBSCRIPT}) in rich.segments
    assert Segment("in vivo", {Mark.ITALIC}) in rich.segments
    # \href keeps both the link text and the address, spaces between arguments or not.
    assert latex_to_plain(r"\href {http://x.org} {link}") == "link <http://x.org>"
    assert latex_to_plain(r"\href{http://x.org}{link}") == "link <http://x.org>"


def test_sniffing_and_extension() -> None:
    fmt = jakcite.formats()["bibtex"]
    assert fmt.sniff is not None and fmt.sniff("% x\n@article{a,\n title={t}}") > 0.5
    assert fmt.sniff("TY  - JOUR\n") == 0.0
    assert ".bib" in fmt.extensions
