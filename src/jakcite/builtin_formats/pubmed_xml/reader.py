"""PubMed XML reader: ``PubmedArticleSet`` (efetch, baseline files) and ``MedlineCitationSet``.

Streaming and safe:

* ``lxml.etree.iterparse`` reads the bytes incrementally; each record element is turned
  into a :class:`~jakcite.model.Record` at its end tag, then cleared and unlinked (with its
  earlier siblings), so memory stays flat however long the file is.
* No external entities, no network, no DTD loading.  A document whose internal DTD
  subset declares entities is refused (PubMed never uses one); libxml2's entity
  amplification guard refuses an expansion bomb; either way the result is a
  :class:`~jakcite.ParseError`, quickly.

Records are ``PubmedArticle``, ``PubmedBookArticle``, a bare ``MedlineCitation`` (legacy
``MedlineCitationSet`` files, or a single citation as the root) and a bare
``BookDocument``.  ``DeleteCitation``/``DeleteDocument`` lists are not records: they are
reported as a diagnostic naming the PMIDs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from jakcite.builtin_formats.pubmed_xml.article import article_fields, pubmed_data_fields
from jakcite.builtin_formats.pubmed_xml.book import book_fields
from jakcite.builtin_formats.pubmed_xml.parts import IdSet, Notes, build_identifiers
from jakcite.model import Identifiers, Record
from jakcite.registry import ReadContext
from jakcite.sources import Source

__all__ = ["KNOWN_ROOTS", "read"]

#: Root elements of the PubMed/MEDLINE XML document types.
KNOWN_ROOTS = frozenset(
    {
        "PubmedArticleSet",
        "PubmedBookArticleSet",
        "MedlineCitationSet",
        "BookDocumentSet",
        "PubmedArticle",
        "PubmedBookArticle",
        "MedlineCitation",
        "BookDocument",
    }
)
_EVENT_TAGS = (
    "PubmedArticle",
    "PubmedBookArticle",
    "MedlineCitation",
    "BookDocument",
    "DeleteCitation",
    "DeleteDocument",
)
_WRAPPED = {"MedlineCitation": "PubmedArticle", "BookDocument": "PubmedBookArticle"}


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """Stream the records of a PubMed XML source (see the module docstring)."""
    stream = source.open_binary()
    try:
        yield from _read(stream, context)
    finally:
        if source.path is not None:  # we opened the file: close it (and the file under a gzip layer)
            inner = getattr(stream, "fileobj", None)
            stream.close()
            if inner is not None:
                inner.close()


def _read(stream: Any, context: ReadContext) -> Iterator[Record]:
    parser = etree.iterparse(
        stream,
        events=("end",),
        tag=_EVENT_TAGS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    index = 0
    dtd_checked = False
    try:
        for _, elem in parser:
            if not dtd_checked:
                dtd_checked = True
                if _declares_entities(elem):
                    context.fail("the document's internal DTD declares entities; refused (entity expansion is unsafe)")
                    return
            tag = elem.tag
            parent = elem.getparent()
            if tag in _WRAPPED and parent is not None and parent.tag == _WRAPPED[tag]:
                continue  # handled with its wrapper
            if tag in ("DeleteCitation", "DeleteDocument"):
                _report_deletions(elem, context)
            else:
                record = _build(elem, context, index)
                index += 1
                if record is not None:
                    yield record
            _release(elem, parent, context)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno and exc.lineno > 0 else None
        context.fail(f"not well-formed XML: {exc.msg}; the rest of the input cannot be read", line=line, record=index)
        return
    root = parser.root
    if index == 0 and (root is None or root.tag not in KNOWN_ROOTS):
        name = root.tag if root is not None else "nothing"
        context.fail(f"not PubMed XML: the root element is <{name}>, expected <PubmedArticleSet> or similar")
        return
    if root is not None and root.tag not in _EVENT_TAGS:
        _report_stray_text(root.text, root, context)
        for child in root:
            _report_stray(child, context)


def source_line(elem: etree._Element) -> int | None:
    """The line of an element's start tag, when lxml knows it."""
    line = elem.sourceline
    return line if isinstance(line, int) else None


def _declares_entities(elem: etree._Element) -> bool:
    dtd = elem.getroottree().docinfo.internalDTD
    return dtd is not None and any(True for _ in dtd.iterentities())  # type: ignore[attr-defined]


def _release(elem: etree._Element, parent: etree._Element | None, context: ReadContext) -> None:
    """Free a finished record: clear it and unlink it and everything before it.

    What is unlinked without having been read (an element that is not a record, text
    between records) is reported, so that no content is dropped silently.
    """
    _report_stray_text(elem.tail, elem, context)
    elem.clear()
    if parent is not None:
        while elem.getprevious() is not None:
            _report_stray(parent[0], context)
            del parent[0]


def _report_stray(elem: etree._Element, context: ReadContext) -> None:
    """Warn about an element beside the records that is none and holds none (comments aside)."""
    if not isinstance(elem.tag, str) or elem.tag in _EVENT_TAGS or any(True for _ in elem.iter(*_EVENT_TAGS)):
        return
    context.warn(f"<{elem.tag}> is not a PubMed record (nor holds one); ignored", line=source_line(elem))
    _report_stray_text(elem.tail, elem, context)


def _report_stray_text(text: str | None, after: etree._Element, context: ReadContext) -> None:
    if text and text.strip():
        context.warn(f"text outside any record ignored: {' '.join(text.split())[:60]!r}", line=source_line(after))


def _report_deletions(elem: etree._Element, context: ReadContext) -> None:
    pmids = [p.text.strip() for p in elem.iterfind("PMID") if p.text and p.text.strip()]
    context.warn(
        f"<{elem.tag}> lists {len(pmids)} PMID(s) to delete (not records): {', '.join(pmids)}", line=source_line(elem)
    )


def _fields(elem: etree._Element, notes: Notes, ids: IdSet) -> dict[str, Any]:
    tag = elem.tag
    if tag == "PubmedArticle":
        citation = elem.find("MedlineCitation")
        if citation is None:
            raise ValueError("PubmedArticle has no MedlineCitation")
        fields = article_fields(citation, notes, ids)
        return {**fields, **pubmed_data_fields(elem.find("PubmedData"), notes, ids)}
    if tag == "MedlineCitation":
        return article_fields(elem, notes, ids)
    if tag == "PubmedBookArticle":
        document = elem.find("BookDocument")
        if document is None:
            raise ValueError("PubmedBookArticle has no BookDocument")
        fields = book_fields(document, notes, ids)
        data = pubmed_data_fields(elem.find("PubmedBookData"), notes, ids)
        fields["references"] = [*fields["references"], *data.pop("references", [])]
        return {**fields, **data}
    return book_fields(elem, notes, ids)


def _drop_reference_lists(elem: etree._Element) -> None:
    # The largest cost of a record (16,418 cited references in the 1,066-record aggregate),
    # for a conversion whose writer writes none of them.
    for reference_list in list(elem.iter("ReferenceList")):
        parent = reference_list.getparent()
        if parent is not None:
            parent.remove(reference_list)


def _build(elem: etree._Element, context: ReadContext, index: int) -> Record | None:
    """One record; a value the model refuses fails the record (strict) or skips it."""
    line = source_line(elem)
    notes = Notes()
    ids = IdSet()
    if "references" in context.skip:
        _drop_reference_lists(elem)
    try:
        fields = _fields(elem, notes, ids)
        identifiers: Identifiers = build_identifiers(ids)
        missing = tuple(name for name in ("title",) if fields.get("title") is None)
        return Record(
            **fields,
            ids=identifiers,
            extra=notes.extra,
            provenance=context.provenance(line=line, index=index, warnings=notes.warnings, missing=missing),
        )
    except (ValueError, TypeError) as exc:
        pmid = f"PMID {ids.pmid}: " if ids.pmid else ""
        context.fail(f"{pmid}{exc}", line=line, record=index)
        return None
    finally:
        for warning in notes.warnings:
            context.warn(f"PMID {ids.pmid}: {warning}" if ids.pmid else warning, line=line, record=index)
