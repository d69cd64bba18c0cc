"""Real-world .bib files and the whole PubMed corpus through the bibtex/biblatex formats.

Entry counts were counted independently of jakcite: ``@type{`` blocks other than
``@string``/``@comment``/``@preamble`` (regex over the decoded text, universal newlines),
checked against the corpus INVENTORY.  Where they differ, BibTeX's own rules explain it:
``%`` is no comment to BibTeX, so a ``%@BOOK{...}`` line *is* an entry (biber-names.bib
has two, Import_error_..._2660.bib one); ``Endnote_should_parse.bib`` has an entry
without a key and ``biber-xdata.bib`` one malformed on purpose: those are skipped in
lenient mode with a diagnostic naming the line, and are ParseErrors in strict mode.
"""

from __future__ import annotations

import re
import warnings

import attrs
import pytest

import jakcite
from conftest import require_corpus
from jakcite.builtin_formats.bibtex import BIBLATEX, BIBTEX
from jakcite.model import Record

pytestmark = [pytest.mark.corpus, pytest.mark.filterwarnings("ignore::jakcite.errors.PluginWarning")]

#: file -> (records read, blocks skipped in lenient mode)
EXPECTED = {
    "bbt-import/Allow_spaces_between_href_arguments_for_import_2504.bib": (4, 0),
    "bbt-import/Author_splitter_failure.bib": (1, 0),
    "bbt-import/BBT_does_not_import_groups_from_JabRef_5.1_1641.bib": (20, 0),
    "bbt-import/Better_BibLaTeX_import_improvements_549.bib": (9, 0),
    "bbt-import/Better_BibTeX.010.bib": (1, 0),
    "bbt-import/Better_BibTeX.015.bib": (1, 0),
    "bbt-import/BibLaTeX_Patent_author_handling_type_1060.bib": (2, 0),
    "bbt-import/BibTeX_import_preamble_with_def_create_problems_732.bib": (1, 0),
    "bbt-import/Child_items_that_use_the_crossref_field_do_not_have_their_parent_fields_imported_2373.bib": (3, 0),
    "bbt-import/Crossrefd_incollection_items_are_missing_date_on_import_3514.bib": (6, 0),
    "bbt-import/Dealing_with_base64-encoded_paths_from_BibDesk_2374.bib": (3, 0),
    "bbt-import/Double_newlines_means_parbreak_2789.bib": (1, 0),
    "bbt-import/Endnote_should_parse.bib": (0, 1),
    "bbt-import/Failure_to_handle_unparsed_author_names_92_.bib": (1, 0),
    "bbt-import/Import_error_with_character_in_BibTeX_field_name_2660.bib": (284, 0),
    "bbt-import/Import_fails_to_perform_String_substitutions_154.bib": (1, 0),
    "bbt-import/Import_of_langle_and_rangle_TeX_commands_1468.bib": (1, 0),
    "bbt-import/Imported_name_suffix_in_family_part_2744.bib": (1, 0),
    "bbt-import/Imported_tags_from_Calibre_bibtex.file_are_a_single_tag_in_Zotero_2743.bib": (1, 0),
    "bbt-import/Issues_with_round_instead_of_curly_braces_do_not_import_correctly_871.bib": (1, 0),
    "bbt-import/Jabref_import_-_groups_lost_1730-5.bib": (4, 0),
    "bbt-import/LaTeX_commands_in_Zotero_should_be_exported_untouched_1380.bib": (1, 0),
    "bbt-import/Literal_names.bib": (1, 0),
    "bbt-import/Math_formatting_lost_on_import_627.bib": (1, 0),
    "bbt-import/Math_markup_to_unicode_not_always_imported_correctly_472.bib": (2, 0),
    "bbt-import/Overline_during_Import_1467.bib": (8, 0),
    "bbt-import/Problem_when_importing_BibTeX_entries_with_percent_sign_95_or_preamble_96.bib": (1, 0),
    "bbt-import/Problem_when_importing_BibTeX_entries_with_square_brackets_94.bib": (1, 0),
    "bbt-import/Qiqqa.bib": (2, 0),
    "bbt-import/Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib": (988, 0),
    "bbt-import/Spaces_lost_when_expanding_string_variables_during_import_1081.bib": (1, 0),
    "bbt-import/Title_of_German_entry_converted_to_lowercase_during_import_1350.bib": (4, 0),
    "bbt-import/Unabbreviate_on_import_1436-1.bib": (506, 0),
    "bbt-import/Wrong_ring-above_import_1115.bib": (1, 0),
    "bbt-import/article_with_entrysubtype.bib": (1, 0),
    "bbt-import/eprinttype_field_dropped_on_import_959.bib": (1, 0),
    "bbt-import/importing_a_title-cased_bib_1246.bib": (2, 0),
    "bbt-import/space_after_citekey_creates_confusion_716.bib": (2, 0),
    "bbt-import/web_page_and_other_mendeley_idiocy.bib": (512, 0),
    "bbt-import/zbb_quietly_chokes_on_this_.bib_664.bib": (1, 0),
    "biber-annotations.bib": (2, 0),
    "biber-bibtex-aliases.bib": (8, 0),
    "biber-crossrefs.bib": (46, 0),
    "biber-dateformats.bib": (34, 0),
    "biber-encoding1.bib": (1, 0),
    "biber-names.bib": (40, 0),
    "biber-papers.bib": (2157, 0),
    "biber-related.bib": (12, 0),
    "biber-sets.bib": (10, 0),
    "biber-skips.bib": (11, 0),
    "biber-translit.bib": (17, 0),
    "biber-tugboat.bib": (3644, 0),
    "biber-xdata.bib": (25, 1),
    "biblatex-examples.bib": (92, 0),
    "bibtexparser-v1-article_comma_first.bib": (2, 0),
    "bibtexparser-v1-article_missing_coma.bib": (4, 0),
    "bibtexparser-v1-article_no_braces.bib": (1, 0),
    "bibtexparser-v1-article_start_with_bom.bib": (1, 0),
    "bibtexparser-v1-article_with_strings.bib": (1, 0),
    "bibtexparser-v1-biber-examples.bib": (118, 0),
    "bibtexparser-v1-comments_percentage.bib": (2, 0),
    "bibtexparser-v1-comments_spaces_and_declarations.bib": (1, 0),
    "bibtexparser-v1-common_strings.bib": (0, 0),
    "bibtexparser-v1-crossref_cascading_cycle.bib": (2, 0),
    "bibtexparser-v1-crossref_entries.bib": (14, 0),
    "bibtexparser-v1-encoding.bib": (1, 0),
    "bibtexparser-v1-features.bib": (1, 0),
    "bibtexparser-v1-multiline_comments.bib": (0, 0),
    "bibtexparser-v1-string.bib": (1, 0),
    "bibtexparser-v1-traps.bib": (1, 0),
    "bibtexparser-v1-wrong.bib": (2, 0),
    "bibtexparser-v1-xref_entries.bib": (8, 0),
    "xampl.bib": (36, 0),
}


def test_every_corpus_bib_file_is_listed() -> None:
    folder = require_corpus("bibtex")
    found = {str(p.relative_to(folder)) for p in folder.rglob("*.bib")}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_reads_with_the_counted_entries(name: str) -> None:
    path = require_corpus("bibtex") / name
    count, skipped = EXPECTED[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        records = jakcite.read(path, "bibtex", strict=False)
    assert len(records) == count
    assert len(records.skipped) == skipped
    for diagnostic in records.skipped:
        assert diagnostic.line is not None and diagnostic.line >= 1
    if skipped:
        with pytest.raises(jakcite.ParseError) as info:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                jakcite.read(path, "bibtex")
        assert info.value.line == records.skipped[0].line
    assert all(r.provenance.line for r in records)


def test_corpus_spot_checks() -> None:
    folder = require_corpus("bibtex")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xampl = {r.key: r for r in jakcite.read(folder / "xampl.bib")}
        examples = {r.key: r for r in jakcite.read(folder / "biblatex-examples.bib")}
        latin1 = jakcite.read(folder / "biber-encoding1.bib")
    # xampl.bib: @string macros and month macros; crossref inheritance.
    article = xampl["article-full"]
    assert article.published is not None and article.published.month == 7
    assert article.title is not None and article.title.text.startswith("The Gnats and Gnus Document Preparation System")
    inbook = xampl["inbook-crossref"]
    assert inbook.publisher == "Addison-Wesley"
    # biblatex-examples.bib: eprint/eprinttype, LaTeX accents, dates.
    assert examples["kant:kpv"].authors[0].family == "Kant"
    assert examples["aksin"].authors[0].display == "Özge Aksın"  # the file spells it Aks{\\i}n
    assert examples["aksin"].authors[3].display == "Bekir Çetinkaya"
    assert latin1 and latin1[0].title is not None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("dialect", "project"), [("bibtex", BIBTEX.coverage.project), ("biblatex", BIBLATEX.coverage.project)]
)
def test_pubmed_corpus_round_trip(pubmed_records: list[Record], dialect: str, project: object) -> None:
    assert callable(project)
    text = jakcite.write(pubmed_records, dialect)
    assert text == jakcite.write(pubmed_records, dialect)  # deterministic
    back = jakcite.read(text, "bibtex")
    assert back.diagnostics == []
    assert len(back) == len(pubmed_records)
    mismatches = []
    for original, read in zip(pubmed_records, back, strict=True):
        expected = attrs.evolve(project(original), key=read.key)
        if read != expected:
            fields = [f.name for f in attrs.fields(Record) if getattr(read, f.name) != getattr(expected, f.name)]
            mismatches.append((original.label(), fields))
    assert mismatches == []
    keys = [r.key for r in back]
    assert len(set(keys)) == len(keys)


def test_latex_decoded_in_pieces_equals_one_walk_over_the_whole_value() -> None:
    """Only a value's LaTeX runs are walked (speed): the result must be that of one walk.

    An unescaped ``&`` (a TeX alignment character, common in .bib titles) is the one
    difference: pylatexenc drops it; a plain run keeps it, as values with no LaTeX always did.
    """
    from jakcite.builtin_formats.bibtex.latex_decode import _decode, _pieces

    corpus = require_corpus("bibtex")
    checked = 0
    for path in sorted(corpus.rglob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for value in set(re.findall(r"=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}", text)):
            if len(_pieces(value)) < 2:
                continue  # one piece is one walk
            for nocase in (False, True):
                pieces, whole = _decode(value, nocase_groups=nocase), _decode(value, nocase_groups=nocase, whole=True)
                checked += 1
                if re.search(r"(?<!\\)&", value):
                    assert _without_ampersands(pieces.text) == _without_ampersands(whole.text), value
                else:
                    assert pieces == whole, value
    assert checked > 1000


def test_braced_characters_read_without_the_walker_as_the_walker_reads_them() -> None:
    """``{JAK}`` and ``\\textit{in vitro}`` pieces skip the walker (speed): same segments, same state."""
    from jakcite.builtin_formats.bibtex.latex_decode import _pieces, _simple_group, _walk_piece

    corpus = require_corpus("bibtex")
    checked = 0
    for path in sorted(corpus.rglob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        pieces = {p for v in re.findall(r"=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}", text) for p in _pieces(v)}
        for _, piece in pieces:
            for nocase in (False, True):
                for seen_word in (False, True):
                    simple = _simple_group(piece, nocase, seen_word)
                    if simple is not None:
                        assert simple == _walk_piece(piece, nocase, seen_word), (piece, nocase, seen_word)
                        checked += 1
    assert checked > 1000


def _runs_by_words(value: str) -> list[tuple[bool, str]] | None:
    """The definition of the LaTeX runs: part every word of ``value``, join neighbours of a kind.

    None when the value is walked whole (a declaration, a comment, unbalanced braces or math).
    """
    from jakcite.builtin_formats.bibtex.latex_decode import _COMMENT, _DECLARATION, _LATEX_WORD

    if _DECLARATION.search(value) or _COMMENT.search(value):
        return None
    words: list[str] = []
    depth, math, start = 0, False, 0
    for match in re.finditer(r"\\.|[{}$]|\s+", value, re.DOTALL):
        token, index = match.group(), match.start()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return None
        elif token == "$":
            math = not math
        elif token[0].isspace() and depth == 0 and not math and index > start:
            if not re.compile(r"\\[A-Za-z]+$").search(value, start, index):
                words.append(value[start:index])
                start = index
    if depth or math:
        return None
    words.append(value[start:])
    runs: list[tuple[bool, str]] = []
    for word in words:
        is_latex = bool(_LATEX_WORD.search(word))
        if runs and runs[-1][0] == is_latex:
            runs[-1] = (is_latex, runs[-1][1] + word)
        else:
            runs.append((is_latex, word))
    return runs


_TRICKY_VALUES = [
    "plain words only",
    " leading space and \\% trailing ",
    "\\textit {x} and \\href {a} {b} end",
    "a\\ b \\\\ c\\  d {x y} $a b$ e",
    "{Group of HGNC consultants} word {x}{y} z\\",
    "\\beta\\gamma  x --- y ``q'' ~ z",
    "unbalanced } brace",
    "open { brace",
    "\u00a0nbsp\u00a0\\%\u00a0x",
    "tab\tand\nnewline \\% x",
]


def test_latex_runs_found_around_the_latex_equal_parting_every_word() -> None:
    """:func:`_pieces` looks only at the words around the LaTeX (speed); the runs must be those of parting every word."""
    from jakcite.builtin_formats.bibtex.latex_decode import _pieces, _split_runs, needs_decoding

    corpus = require_corpus("bibtex")
    values = set(_TRICKY_VALUES)
    for path in sorted(corpus.rglob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        values.update(re.findall(r"=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}", text))
        values.update(re.findall(r'=\s*"([^"]*)"', text))
    checked = 0
    for value in sorted(v for v in values if needs_decoding(v)):  # the only values decoded in pieces
        runs = _runs_by_words(value)
        assert _pieces(value) == ([(True, value)] if runs is None else _split_runs(runs)), value
        checked += 1
    assert checked > 2000


def test_simple_inverted_names_are_split_as_bibtexparser_splits_them() -> None:
    """``Family, Given`` names skip bibtexparser's name parser (speed): the parts must be its parts."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    from jakcite.builtin_formats.bibtex.reader import simple_inverted_name

    corpus = require_corpus("bibtex")
    names = {
        "Lev, S",
        "Lev , S  J",
        "Lev,S",
        "van Gogh, V",
        "Lev, S, Jr",
        "Lev,",
        ", S",
        "{Lev}, S",
        "L\\'e, S",
        "Lev, S~J",
    }
    for path in sorted(corpus.rglob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for value in re.findall(r"(?i)(?:author|editor)\s*=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}", text):
            names.update(name.strip() for name in split_multiple_persons_names(value))
    checked = 0
    for raw in sorted(names):
        simple = simple_inverted_name(raw)
        if simple is None:
            continue
        parts = parse_single_name_into_parts(raw, strict=False)
        assert (parts.last, parts.first, parts.von, parts.jr) == ([simple[0]], simple[1].split(" "), [], []), raw
        checked += 1
    assert checked > 1000


def _without_ampersands(text: str) -> str:
    return " ".join(text.replace("&", " ").split())


def test_a_title_only_in_the_original_language_is_the_title_everywhere() -> None:
    """Issue 17: PMID 28304499 has an empty ``<ArticleTitle/>`` and a ``<VernacularTitle>``."""
    path = require_corpus("pubmed-xml") / "agr_literature" / "28304499.xml"
    (record,) = jakcite.read(path, "pubmed-xml")
    assert record.title is None and record.vernacular_title is not None
    german = "Embryonale Entwicklungsstörungen bei Defizienz"
    # German nouns are capitalised: case-protected for styles that lower-case titles.
    assert 'title = {Embryonale {Entwicklungsst{\\"o}rungen} bei {Defizienz}' in (
        jakcite.write([record], "bibtex") or ""
    )
    assert "title = {Embryonale {Entwicklungsstörungen} bei {Defizienz}" in (jakcite.write([record], "biblatex") or "")
    assert f"TI  - {german}" in (jakcite.write([record], "ris") or "")
    assert f'"title": "{german}' in (jakcite.write([record], "csl-json") or "")
    from jakcite.csl import bibliography

    (entry,) = bibliography([record], style="vancouver")
    assert german in entry
