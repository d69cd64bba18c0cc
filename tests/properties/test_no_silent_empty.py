"""No input yields an empty result silently unless it is empty.

For random bytes, random truncations of the fixture files and random text made of each
format's own tokens, every reader (asked by its format name) either returns records or
raises ``jakcite.ParseError`` -- never another exception -- and when it returns no
record, the input is blank, a diagnostic says why, or the input is empty by the format's
own rules:

* CSL-JSON: an empty array ``[]`` is an empty list of items;
* PubMed XML: a document whose root set element holds nothing (``<PubmedArticleSet/>``,
  what efetch returns for no id), with its declaration, doctype and comments;
* BibTeX: text outside entries is a comment, and ``@comment``, ``@preamble`` and
  ``@string`` are no records: input without an entry opening (``@article{``) holds none
  (a truncated ``@artic`` without its brace included);
* PubMed CSV: a header without rows (rows of empty cells are no records).

A file that is only a byte-order mark counts as blank (some readers call it empty,
PubMed XML and PubMed text refuse it as not their format: either is fine here).
``test_robustness`` covers mutated corpus files, encodings and sizes.
"""

from __future__ import annotations

import os
import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jakcite
from conftest import CORPUS, FIXTURES, require_corpus

FIXTURE_FILES = {
    "medline": ["medline/features.nbib", "pubmed-xml/cross-form.nbib"],
    "ris": ["ris/dialects.ris"],
    "csl-json": ["csl-json/quirks.json", "csl-json/lines.jsonl", "csl/items.json"],
    "pubmed-text": ["pubmed-text/abstract-text.txt", "pubmed-text/page-full.txt", "002_7103ea8e518ac3d2.txt"],
    "bibtex": ["bibtex/features.bib", "bibtex/broken.bib"],
    "pubmed-summary": ["pubmed-summary/summary-six-records.txt"],
    "pubmed-csv": ["pubmed-csv/csv-six-records.csv"],
    "pmid-list": ["pmid-list/pmid-six.txt", "pmid-list/mixed-identifiers.txt"],
    "citation-strings": ["citation-strings/cite-styles.txt", "citation-strings/reference-list.txt"],
}
CORPUS_FILES = {"pubmed-xml": ["pubmed-xml/biopython/pubmed4.xml"]}
READ_FORMATS = sorted({*FIXTURE_FILES, *CORPUS_FILES})

#: A small PubMed XML document, so that truncations of XML run without the corpus.
PUBMED_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" "pubmed_190101.dtd">
<PubmedArticleSet>
<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">31000001</PMID>
<Article><Journal><Title>PloS one</Title><JournalIssue><PubDate><Year>2019</Year></PubDate></JournalIssue></Journal>
<ArticleTitle>Tofacitinib in lupus nephritis.</ArticleTitle>
<AuthorList><Author><LastName>Nov\xc3\xa1k</LastName><ForeName>Anna</ForeName></Author></AuthorList></Article>
</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">31000001</ArticleId></ArticleIdList>
</PubmedData></PubmedArticle>
<PubmedArticle><MedlineCitation><PMID Version="1">31000002</PMID><Article><Journal><Title>Lupus</Title></Journal>
<ArticleTitle>A second record.</ArticleTitle></Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>
"""

#: Pieces of each format, to build random text that is almost the format.
TOKENS = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        "  ",
        "      ",
        "TY  - ",
        "ER  - ",
        "JOUR",
        "AU  - ",
        "PMID- ",
        "TI  - ",
        "AU  - Roe J",
        "1.",
        "x",
        "Title",
        "{",
        "}",
        "[",
        "]",
        '"',
        ":",
        ",",
        '"id"',
        '"type"',
        "null",
        "@article",
        "@comment",
        "%",
        "=",
        "<?xml version='1.0'?>",
        "<PubmedArticleSet>",
        "</PubmedArticleSet>",
        "<PubmedArticle>",
        "</PubmedArticle>",
        "<MedlineCitation>",
        "<!-- c -->",
        "PMID: 12345",
        "Lupus. 2019 Jun;12(3):45-9.",
        "Abstract",
        "\ufeff",
        "\r\n",
    ]
)

EXAMPLES = int(os.environ.get("JAKCITE_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def originals(fmt: str) -> list[bytes]:
    """The files whose truncations are read: fixtures, and (for XML) a corpus sample."""
    found = [(FIXTURES / name).read_bytes() for name in FIXTURE_FILES.get(fmt, [])]
    if fmt == "pubmed-xml":
        found.append(PUBMED_XML)
        if CORPUS.exists():
            found += [(require_corpus() / name).read_bytes() for name in CORPUS_FILES[fmt]]
    return found


def _text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def is_blank(data: bytes) -> bool:
    """Nothing but white space and byte-order marks."""
    return not _text(data).replace("\ufeff", "").strip()


_XML_EMPTY_SET = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"(?:<(\w+)\s*/>|<(\w+)>(?:\s|<!--.*?-->)*</\2>)(?:\s|<!--.*?-->)*$",
    re.DOTALL,
)


#: An entry opening (``@article{``, ``@book (``); ``@comment``/``@preamble``/``@string`` are no records.
_BIBTEX_ENTRY = re.compile(r"@\s*(?!(?:comment|preamble|string)\b)\w+\s*[{(]", re.IGNORECASE)
_BIBTEX_COMMENT = re.compile(r"@\s*comment\s*\{(?:[^{}]|\{[^{}]*\})*\}?", re.IGNORECASE)


def empty_by_the_format(fmt: str, data: bytes) -> bool:
    """True for input that holds no record by the format's own rules (see the module docstring)."""
    text = _text(data).replace("\ufeff", "")
    if fmt == "csl-json":
        return re.fullmatch(r"\s*\[\s*\]\s*", text) is not None
    if fmt == "pubmed-xml":
        return _XML_EMPTY_SET.match(text) is not None
    if fmt == "bibtex":
        return _BIBTEX_ENTRY.search(_BIBTEX_COMMENT.sub("", text)) is None
    if fmt == "pubmed-csv":
        return len([line for line in text.splitlines() if line.strip(", \t\r")]) <= 1  # the header and no row
    return False


def check(data: bytes, fmt: str) -> None:
    """Records, or a ParseError naming its source; no record only for an input that has none."""
    for strict in (True, False):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                records = jakcite.read(data, fmt, strict=strict, name=f"input.{fmt}")
        except jakcite.ParseError as exc:
            assert exc.source == f"input.{fmt}", "a ParseError must name its source"
            continue
        if not records and not records.diagnostics:
            assert is_blank(data) or empty_by_the_format(fmt, data), (
                f"{fmt}: no record, no diagnostic for {data[:120]!r}"
            )


#: Random bytes; a gzip header among them is damaged gzip data, a ParseError like the rest.
RANDOM_BYTES = st.binary(max_size=600)


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_random_bytes_give_records_an_error_or_a_diagnostic(fmt: str) -> None:
    @FUZZ
    @given(RANDOM_BYTES)
    def run(data: bytes) -> None:
        check(data, fmt)

    run()


@pytest.mark.parametrize("data", [b"\x1f\x8b", b"\x1f\x8b\x08\x00"])
def test_truncated_gzip_header_is_a_parse_error(data: bytes) -> None:
    with pytest.raises(jakcite.ParseError):
        jakcite.read(data, "ris")


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_every_truncation_gives_records_an_error_or_a_diagnostic(fmt: str) -> None:
    for original in originals(fmt):
        step = max(1, len(original) // 150)
        for cut in range(1, len(original), step):
            check(original[:cut], fmt)


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_random_truncations_give_records_an_error_or_a_diagnostic(fmt: str) -> None:
    files = originals(fmt)

    @FUZZ
    @given(st.sampled_from(files), st.floats(0, 1), st.floats(0, 1))
    def run(original: bytes, start: float, end: float) -> None:
        low, high = sorted((int(start * len(original)), int(end * len(original))))
        check(original[low:high], fmt)

    run()


@pytest.mark.parametrize("fmt", READ_FORMATS)
def test_random_format_like_text_gives_records_an_error_or_a_diagnostic(fmt: str) -> None:
    @FUZZ
    @given(st.lists(TOKENS, min_size=1, max_size=30))
    def run(tokens: list[str]) -> None:
        check("".join(tokens).encode("utf-8"), fmt)

    run()


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("csl-json", "[]"),
        ("csl-json", " [ ]\n"),
        ("pubmed-xml", '<?xml version="1.0"?>\n<PubmedArticleSet>\n</PubmedArticleSet>\n'),
        ("pubmed-xml", "<PubmedArticleSet/>"),
        ("bibtex", "% only a comment\n"),
        ("ris", "\ufeff\n"),
        ("medline", "\n\n"),
    ],
)
def test_inputs_that_hold_no_record_by_the_format_give_none(fmt: str, text: str) -> None:
    records = jakcite.read(text, fmt)
    assert list(records) == [] and not records.diagnostics


@pytest.mark.parametrize(
    ("fmt", "text", "words"),
    [
        ("ris", "Provider: Ovid\n\n1.\n", "no 'TY  - ' line"),
        ("ris", "AU  - Roe, J\nER  - \n", "TY tag expected"),
        ("medline", "Just notes.\n", "no MEDLINE tag lines"),
        ("csl-json", "[", "invalid JSON"),
        ("csl-json", "[{", "invalid JSON"),
        ("pubmed-xml", "<PubmedArticleSet><PubmedArticle>", "not well-formed"),
        ("pubmed-xml", "<eSearchResult/>", "not PubMed XML"),
        ("pubmed-text", "Search results\n", "not PubMed text"),
    ],
)
def test_content_without_a_record_is_a_parse_error(fmt: str, text: str, words: str) -> None:
    with pytest.raises(jakcite.ParseError, match=re.escape(words)) as info:
        jakcite.read(text, fmt, name="notes.txt")
    assert info.value.source == "notes.txt" and info.value.line in (1, None)


@pytest.mark.parametrize(
    "text",
    [
        "<PubmedArticleSet><Foo>data</Foo></PubmedArticleSet>",
        "<PubmedArticleSet>stray text</PubmedArticleSet>",
    ],
)
def test_xml_content_beside_the_records_is_reported_not_dropped_silently(text: str) -> None:
    records = jakcite.read(text, "pubmed-xml")
    assert list(records) == []
    assert [d.line for d in records.diagnostics] == [1]
    assert any("Foo" in d.message or "stray text" in d.message for d in records.diagnostics)


def test_xml_content_between_records_is_reported_and_the_records_kept() -> None:
    article = PUBMED_XML.decode("utf-8").split("<PubmedArticleSet>\n")[1].split("</PubmedArticleSet>")[0]
    first, second = article.split("</PubmedArticle>\n", 1)
    text = (
        f"<PubmedArticleSet>{first}</PubmedArticle>\n<Note>kept?</Note>tail\n{second}<!-- fine --></PubmedArticleSet>"
    )
    records = jakcite.read(text, "pubmed-xml")
    assert [r.ids.pmid for r in records] == ["31000001", "31000002"]
    messages = [d.message for d in records.diagnostics]
    assert any("<Note>" in m for m in messages) and any("'tail'" in m for m in messages)
    assert len(messages) == 2
