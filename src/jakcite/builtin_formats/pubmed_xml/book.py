"""A book or book chapter: ``PubmedBookArticle`` (``BookDocument`` + ``PubmedBookData``).

A ``BookDocument`` with an ``ArticleTitle`` (or a ``LocationLabel``) is a chapter or
section of the book in ``Book``; without one it is the whole book.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from jakcite.builtin_formats.pubmed_xml.article import bracketed_title, keep_leftovers
from jakcite.builtin_formats.pubmed_xml.inline import element_rich_text, element_text
from jakcite.builtin_formats.pubmed_xml.parts import (
    IdSet,
    Notes,
    abstract,
    article_ids,
    contributors,
    grants,
    keywords,
    pub_date,
    references,
    simple_date,
    text_of,
)
from jakcite.model import Container, Contributor, WorkType
from jakcite.util.pages import parse_pages

__all__ = ["book_fields"]

_DOCUMENT_HANDLED = frozenset(
    {
        "PMID",
        "ArticleIdList",
        "Book",
        "LocationLabel",
        "ArticleTitle",
        "VernacularTitle",
        "Pagination",
        "Language",
        "AuthorList",
        "InvestigatorList",
        "PublicationType",
        "Abstract",
        "Sections",
        "KeywordList",
        "ContributionDate",
        "DateRevised",
        "GrantList",
        "ItemList",
        "ReferenceList",
    }
)
_BOOK_HANDLED = frozenset(
    {
        "Publisher",
        "BookTitle",
        "PubDate",
        "BeginningDate",
        "EndingDate",
        "AuthorList",
        "InvestigatorList",
        "Volume",
        "VolumeTitle",
        "Edition",
        "CollectionTitle",
        "Isbn",
        "ELocationID",
        "Medium",
        "ReportNumber",
    }
)


def _people(lists: list[etree._Element], kind: str, notes: Notes) -> list[Contributor]:
    """Contributors of the ``AuthorList`` elements of one ``Type`` (authors when untyped)."""
    found: list[Contributor] = []
    for author_list in lists:
        if (author_list.get("Type") or "authors") == kind:
            found.extend(contributors(author_list.iterfind("Author"), notes))
    return found


def _sections(parent: etree._Element | None, notes: Notes, depth: int = 0) -> None:
    """The table of contents (``Sections``) goes to extra, one entry per section."""
    if parent is None:
        return
    for section in parent.iterfind("Section"):
        label = text_of(section, "LocationLabel")
        title = text_of(section, "SectionTitle")
        entry = " ".join(p for p in (label, title) if p)
        notes.keep("Section", ("  " * depth + entry) if entry else None)
        _sections(section, notes, depth + 1)


def _book_extras(document: etree._Element, book: etree._Element | None, notes: Notes) -> None:
    for label in document.iterfind("LocationLabel"):
        notes.keep("LocationLabel", " ".join(p for p in (label.get("Type"), element_text(label)) if p))
    _sections(document.find("Sections"), notes)
    for item_list in document.iterfind("ItemList"):
        for item in item_list.iterfind("Item"):
            notes.keep(f"Item-{item_list.get('ListType', 'list')}", element_text(item))
    for name in ("ContributionDate", "DateRevised"):
        date = simple_date(document.find(name), notes, name)
        if date is not None:
            notes.keep(name, date.iso())
    keep_leftovers(document, _DOCUMENT_HANDLED, notes)
    if book is None:
        return
    for name in ("BeginningDate", "EndingDate"):
        date = simple_date(book.find(name), notes, name)
        if date is not None:
            notes.keep(name, date.iso())
    for name in ("VolumeTitle", "Medium"):
        notes.keep(name, text_of(book, name))
    keep_leftovers(book, _BOOK_HANDLED, notes)


def _book_locations(book: etree._Element, ids: IdSet, notes: Notes) -> None:
    for isbn in book.iterfind("Isbn"):
        value = element_text(isbn)
        if value and value not in ids.isbn:
            ids.isbn.append(value)
    for eloc in book.iterfind("ELocationID"):
        kind, value = eloc.get("EIdType", ""), element_text(eloc)
        if kind == "doi":
            ids.set_doi(value, notes)
        elif kind == "pii":
            ids.set_pii(value)
        elif value:
            ids.others.append((kind or "elocation", value))


def book_fields(document: etree._Element, notes: Notes, ids: IdSet) -> dict[str, Any]:
    """Record fields from a ``BookDocument`` (``ids`` may already hold PubmedBookData ids)."""
    ids.set_record_pmid(text_of(document, "PMID"), notes)
    article_ids(document.find("ArticleIdList"), ids, notes)
    book = document.find("Book")
    _book_extras(document, book, notes)
    fields = _work(document, book, notes)
    vernacular = document.find("VernacularTitle")
    investigators = document.find("InvestigatorList")
    if investigators is None and book is not None:
        investigators = book.find("InvestigatorList")
    if book is not None:
        fields.update(_publication(book, ids, notes))
    printed = text_of(document, "Pagination/MedlinePgn")
    fields.update(
        vernacular_title=element_rich_text(vernacular) if vernacular is not None else None,
        investigators=contributors(investigators.iterfind("Investigator"), notes) if investigators is not None else (),
        pages=parse_pages(printed) if printed else None,
        abstract=abstract(document.find("Abstract")),
        keywords=keywords(document.iterfind("KeywordList")),
        grants=grants(document.find("GrantList")),
        publication_types=[t for t in (element_text(e) for e in document.iterfind("PublicationType")) if t],
        languages=[t for t in (element_text(e) for e in document.iterfind("Language")) if t],
        references=references(document.iterfind("ReferenceList"), notes),
    )
    return fields


def _work(document: etree._Element, book: etree._Element | None, notes: Notes) -> dict[str, Any]:
    """Type, title, authors, editors and container: a chapter's or the whole book's."""
    title_elem = document.find("ArticleTitle")
    is_chapter = title_elem is not None or document.find("LocationLabel") is not None
    book_title_elem = book.find("BookTitle") if book is not None else None
    book_lists = list(book.iterfind("AuthorList")) if book is not None else []
    document_lists = list(document.iterfind("AuthorList"))
    fields: dict[str, Any] = {"type": WorkType.CHAPTER if is_chapter else WorkType.BOOK}
    for located, name in ((title_elem, "ArticleTitle"), (book_title_elem, "BookTitle")):
        if located is not None and located.attrib:  # NCBI Bookshelf locators: book="gene" part="cms"
            notes.keep(f"{name}-locator", " ".join(f"{k!s}={v!s}" for k, v in located.attrib.items()))
    series = text_of(book, "CollectionTitle") if book is not None else None
    if is_chapter:
        title, translated = bracketed_title(element_rich_text(title_elem) if title_elem is not None else None)
        fields["authors"] = _people(document_lists, "authors", notes)
        for person in _people(book_lists, "authors", notes):
            notes.keep("BookAuthor", person.display)
        fields["container"] = Container(title=element_text(book_title_elem), series=series)
    else:
        title, translated = bracketed_title(element_rich_text(book_title_elem) if book_title_elem is not None else None)
        fields["authors"] = _people(book_lists + document_lists, "authors", notes)
        fields["container"] = Container(series=series) if series else None
    fields.update(title=title, title_translated=translated)
    fields["editors"] = _people(book_lists + document_lists, "editors", notes)
    return fields


def _publication(book: etree._Element, ids: IdSet, notes: Notes) -> dict[str, Any]:
    """The ``Book``'s ISBNs and locations (into ``ids``), publisher, date, volume, edition, report number."""
    _book_locations(book, ids, notes)
    publisher = book.find("Publisher")
    return {
        "publisher": text_of(publisher, "PublisherName") if publisher is not None else None,
        "publisher_place": text_of(publisher, "PublisherLocation") if publisher is not None else None,
        "published": pub_date(book.find("PubDate"), notes),
        "volume": text_of(book, "Volume"),
        "edition": text_of(book, "Edition"),
        "number": text_of(book, "ReportNumber"),
    }
