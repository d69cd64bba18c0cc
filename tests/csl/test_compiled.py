"""The compiled rendering layer (:mod:`jakcite.csl.compiled`) against the element rendering it replaces.

The compiled functions must give exactly what the element methods give: the same text for
every entry and citation, in every style, on the corrected path (what users get) and on the
stock path (corrections off, which must equal stock citeproc-py).  Corpus records are
formatted both ways and compared entry for entry; the exact join is checked against
citeproc-py's ``join`` on awkward seams.
"""

from __future__ import annotations

import itertools
import random
import warnings
from typing import Any

import citeproc.model as cm
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String, join
from lxml import etree

import jakcite
from conftest import require_corpus
from jakcite.csl import csl_items
from jakcite.csl.compiled import fast_join
from jakcite.csl.items import prepare_items, stock_references
from jakcite.csl.output import render
from jakcite.csl.processor import Processor
from jakcite.csl.styles import resolve_style
from jakcite.errors import WriteError

STYLES = (
    "apa",
    "vancouver",
    "american-medical-association",
    "nature",
    "the-lancet",
    "chicago-author-date",
    "harvard-cite-them-right",
    "ieee",
    "american-chemical-society",
    "elsevier-harvard",
)
SAMPLE = 300


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    """A spread of the corpus aggregate's records as CSL-JSON items."""
    path = require_corpus("pubmed-xml") / "benchmark" / "aggregate-unique-records.xml.gz"
    records = list(jakcite.read(path, "pubmed-xml"))
    stride = max(1, len(records) // SAMPLE)
    return csl_items(records[::stride][:SAMPLE])


def _both(style: str, **options: Any) -> tuple[Processor, Processor]:
    resolved = resolve_style(style)
    return (
        Processor(resolved, "en-US", compiled=True, **options),
        Processor(resolved, "en-US", compiled=False, **options),
    )


@pytest.mark.parametrize("style", STYLES)
def test_compiled_corrected_output_is_the_element_output(style: str, items: list[dict[str, Any]]) -> None:
    fast, slow = _both(style)
    ours = fast.bibliography(prepare_items(items))
    reference = slow.bibliography(prepare_items(items))
    assert [key for key, _ in ours] == [key for key, _ in reference]
    for output in ("text", "html"):
        differing = [
            (key, render(a, output), render(b, output))
            for (key, a), (_, b) in zip(ours, reference, strict=True)
            if render(a, output) != render(b, output)
        ]
        assert not differing, f"{style} {output}: {len(differing)} entries differ, first {differing[0]}"
    cited, _ = fast.citations(prepare_items(items[:60]))
    expected, _ = slow.citations(prepare_items(items[:60]))
    assert cited == expected


@pytest.mark.parametrize("style", STYLES)
def test_compiled_stock_output_is_the_element_output(style: str, items: list[dict[str, Any]]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        references = list(CiteProcJSON(items).values())
    fast, slow = _both(style, corrected=False, formatter=formatter.plain)
    # stock citeproc-py crashes on some records (a date range inside a macro): leave those out
    renderable = [ref for ref in references if _renders(slow, ref)]
    assert len(renderable) > len(references) * 0.9
    assert fast.bibliography(renderable) == slow.bibliography(renderable)


def _renders(processor: Processor, reference: Any) -> bool:
    try:
        processor.bibliography([reference])
    except WriteError:
        return False
    return True


@pytest.mark.parametrize("style", ["apa", "vancouver", "chicago-author-date"])
def test_compiled_stock_output_is_stock_citeproc(style: str, items: list[dict[str, Any]]) -> None:
    sample = items[:120]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON(sample)
        stock_style = CitationStylesStyle(str(resolve_style(style).path), locale="en-US", validate=False)
        bibliography = CitationStylesBibliography(stock_style, source, formatter.plain)
        for item in sample:
            bibliography.register(Citation([CitationItem(str(item["id"]))]))
        bibliography.sort()
        expected = [str(entry) for entry in bibliography.bibliography()]
        references = list(CiteProcJSON(sample).values())
    processor = Processor(resolve_style(style), "en-US", corrected=False, formatter=formatter.plain)
    assert [entry for _, entry in processor.bibliography(references)] == expected


def test_stock_json_reads_items_as_citeproc_json_does(items: list[dict[str, Any]]) -> None:
    extra = [{"id": "X1", "type": "book", "title": 'A <span class="nocase">pH</span> b', "volume": 3, "note": ""}]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = list(CiteProcJSON([*items, *extra]).values())
        ours = stock_references([*items, *extra])
    assert len(ours) == len(expected)
    for mine, theirs in zip(ours, expected, strict=True):
        assert (mine.key, type(mine)) == (theirs.key, type(theirs))
        assert {k: _deep_shape(v) for k, v in mine.items()} == {k: _deep_shape(v) for k, v in theirs.items()}


def _deep_shape(value: Any) -> Any:
    if isinstance(value, (str, MixedString)):
        return _shape(value)
    if isinstance(value, list):
        return [_deep_shape(v) for v in value]
    if isinstance(value, dict):
        return (type(value).__name__, {k: _deep_shape(v) for k, v in value.items()})
    return (type(value).__name__, value)


def _shape(value: Any) -> Any:
    """The structure of a citeproc string: its type and, for a MixedString, its segments'."""
    if isinstance(value, MixedString):
        return ("mixed", [_shape(segment) for segment in value])
    return (type(value).__name__, str(value))


_PIECES = ["", ".", ". ", " ", "  x", "..a", "a.", "b ", ",c", "d,", "?", "e"]


def _values(text: str) -> list[Any]:
    return [
        text,
        String(text),
        NoCase(text),
        MixedString([String(text)]),
        MixedString([String(""), NoCase(text)]),
        MixedString([text, String(".")]),
    ]


def test_fast_join_matches_citeproc_join_object_for_object() -> None:
    rng = random.Random(7)
    candidates = [value for text in _PIECES for value in _values(text)]
    delimiters = ["", ". ", ", ", " ", ".", "; "]
    for _ in range(4000):
        pieces = [rng.choice(candidates) for _ in range(rng.randint(1, 4))]
        delimiter = rng.choice(delimiters)
        assert _shape(fast_join(pieces, delimiter)) == _shape(join(pieces, delimiter)), (pieces, delimiter)
    for left, right in itertools.product(candidates, repeat=2):
        assert _shape(fast_join([left, right], ". ")) == _shape(join([left, right], ". "))
    assert _shape(fast_join([], ", ")) == _shape(join([], ", "))


_DATES: list[Any] = [
    {"date-parts": [[2020]]},
    {"date-parts": [[2020, 4]]},
    {"date-parts": [[2020, 4, 7]]},
    {"date-parts": [[2020, 11, 30]]},
    {"date-parts": [[2020, 1], [2020, 3]]},
    {"date-parts": [[2019, 12, 30], [2020, 1, 2]]},
    {"date-parts": [[999, 2]]},
    {"date-parts": [[2021]], "season": 2},
    {"literal": "Spring 2020"},
]


def _outcome(render: Any) -> Any:
    """What a render gives: the text's structure, or the exception's type."""
    try:
        text = render()
    except Exception as error:  # noqa: BLE001 - both paths must fail alike
        return type(error).__name__
    return None if text is None else _shape(text)


@pytest.mark.parametrize("style", STYLES)
def test_compiled_dates_render_as_the_date_elements(style: str, items: list[dict[str, Any]]) -> None:
    from types import SimpleNamespace

    from jakcite.csl.compiled import FAILED, VariableError
    from jakcite.csl.compiled_dates import compile_date

    synthetic = [
        {"id": f"D{i}", "type": "article-journal", "title": "T", "issued": date, "accessed": date}
        for i, date in enumerate(_DATES)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        references = list(CiteProcJSON([*items, *synthetic]).values())
    processor = Processor(resolve_style(style), "en-US", corrected=False, formatter=formatter.plain)
    processor.bibliography(references[:1])  # locales and formatter in place, as when rendering
    dates = [date for date in processor.root.iter("{http://purl.org/net/xbiblio/csl}date") if not date.is_locale_date()]
    compiled = [(date, fn) for date in dates if (fn := compile_date(date)) is not None]
    if style == "vancouver":
        assert len(compiled) == len(dates)
    for date, fn in compiled:
        for reference in references:
            item = SimpleNamespace(reference=reference)

            def ours(fn: Any = fn, item: Any = item) -> Any:
                text = fn(item, None, "", {})
                if text is FAILED:
                    raise VariableError
                return text

            def theirs(date: Any = date, item: Any = item) -> Any:
                return cm.Date.render(date, item, context=None)

            assert _outcome(ours) == _outcome(theirs), (style, date.attrib, reference.key)


def test_dates_whose_parts_rewrite_the_locale_are_not_compiled() -> None:
    from jakcite.csl.compiled_dates import compile_date

    processor = Processor(resolve_style("vancouver"), "en-US", corrected=False, formatter=formatter.plain)
    root = processor.root
    date = next(d for d in root.iter("{http://purl.org/net/xbiblio/csl}date") if not d.is_locale_date())
    assert compile_date(date) is not None
    part = etree.SubElement(date, "{http://purl.org/net/xbiblio/csl}date-part", name="month", form="numeric")
    assert part is not None
    root.__dict__.pop("_jk_parts_rewritten", None)
    assert compile_date(date) is None


def test_stock_json_reads_dates_as_citeproc_json_does() -> None:
    dates = [*_DATES, {"date-parts": [[2020, 2]], "circa": 1}, {"date-parts": [["2020", "3"]]}, {"raw": "2020"}]
    records = [{"id": f"D{i}", "type": "book", "issued": date} for i, date in enumerate(dates)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = list(CiteProcJSON(records).values())
        ours = stock_references(records)
    for mine, theirs in zip(ours, expected, strict=True):
        assert _deep_shape(mine.get("issued")) == _deep_shape(theirs.get("issued"))
        assert list(mine.get("issued") or {}) == list(theirs.get("issued") or {})  # the keys' order too


_PEOPLE = [{"family": "Smith", "given": "Anna"}, {"family": "Jones", "given": "B. C."}, {"family": "Lee", "given": "D"}]


@pytest.mark.parametrize("style", STYLES)
def test_compiled_names_render_as_the_names_elements(style: str) -> None:
    roles = [
        {"author": _PEOPLE[:1]},
        {"author": _PEOPLE, "editor": _PEOPLE[1:]},
        {"editor": _PEOPLE[:1]},
        {"editor": _PEOPLE[:2], "translator": _PEOPLE[:2]},
        {"translator": _PEOPLE[2:]},
        {"container-author": _PEOPLE[:2], "author": _PEOPLE[2:]},
        {},
    ]
    records = [
        {
            "id": f"N{i}-{kind}",
            "type": kind,
            "title": "A title",
            "container-title": "J",
            "issued": {"date-parts": [[2020]]},
        }
        | names
        for i, names in enumerate(roles)
        for kind in ("article-journal", "book", "chapter")
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        references = list(CiteProcJSON(records).values())
    fast, slow = _both(style, corrected=False, formatter=formatter.plain)
    renderable = [ref for ref in references if _renders(slow, ref)]
    assert renderable
    assert fast.bibliography(renderable) == slow.bibliography(renderable)
