"""A journal article: ``PubmedArticle`` (``MedlineCitation`` + ``PubmedData``) to model fields.

The builders return the keyword arguments of a :class:`~jakcite.model.Record`; the
stream driver adds ``extra`` and provenance and builds the record once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
from lxml import etree

from jakcite.builtin_formats.pubmed_xml.inline import all_text, element_rich_text, element_text
from jakcite.builtin_formats.pubmed_xml.parts import (
    IdSet,
    Notes,
    abstract,
    article_ids,
    contributors,
    grants,
    history,
    keywords,
    mesh_headings,
    pub_date,
    references,
    related_works,
    simple_date,
    substances,
    text_of,
)
from jakcite.model import Container, Pages, PartialDate, Person, RichText, Segment, WorkType
from jakcite.util.article_numbers import is_article_number
from jakcite.util.pages import parse_pages
from jakcite.util.titles import translation_bracket

__all__ = ["article_fields", "bracketed_title", "keep_leftovers", "pubmed_data_fields"]

_CITATION_HANDLED = frozenset(
    {
        "PMID",
        "Article",
        "MedlineJournalInfo",
        "ChemicalList",
        "CommentsCorrectionsList",
        "MeshHeadingList",
        "OtherAbstract",
        "KeywordList",
        "CoiStatement",
        "InvestigatorList",
        "DateCompleted",
        "DateRevised",
        "DateCreated",
    }
)
_ARTICLE_HANDLED = frozenset(
    {
        "Journal",
        "ArticleTitle",
        "Pagination",
        "ELocationID",
        "Abstract",
        "AuthorList",
        "Language",
        "GrantList",
        "PublicationTypeList",
        "VernacularTitle",
        "ArticleDate",
        "Affiliation",
    }
)
_DATA_HANDLED = frozenset({"History", "PublicationStatus", "ArticleIdList", "ReferenceList"})


def keep_leftovers(elem: etree._Element | None, handled: frozenset[str], notes: Notes) -> None:
    """Children this reader has no rule for go to ``extra`` (nothing is dropped)."""
    if elem is None:
        return
    for child in elem:
        tag = child.tag
        if not isinstance(tag, str) or tag in handled:
            continue
        notes.keep(tag, _flat(child))


def _flat(elem: etree._Element) -> str:
    """An element's text content, one line, with its attributes as ``name=value``."""
    attributes = " ".join(f"{k!s}={v!s}" for k, v in elem.attrib.items())
    text = " ".join(all_text(elem, " ").split())
    return f"{attributes}: {text}" if attributes and text else attributes or text


def _iso(elem: etree._Element | None, notes: Notes, name: str) -> None:
    date = simple_date(elem, notes, name)
    if date is not None:
        notes.keep(name, date.iso())


def bracketed_title(title: RichText | None) -> tuple[RichText | None, bool]:
    """``[Title in English].`` -> (``Title in English.``, True); other titles unchanged.

    Which titles are bracketed is :func:`~jakcite.util.titles.translation_bracket`'s rule;
    the brackets are cut from the first and last segments, so inline markup is kept.
    """
    if title is None:
        return None, False
    if translation_bracket(title.text) is None:
        return title, False
    segments = list(title.segments)
    first, last = segments[0], segments[-1]
    segments[0] = Segment(first.text[1:], first.marks)
    if len(segments) == 1:
        stripped = segments[0].text
        cut = len(stripped) - (2 if stripped.endswith("].") else 1)
        segments[0] = Segment(stripped[:cut] + stripped[cut + 1 :], first.marks)
    else:
        tail = last.text
        cut = len(tail) - (2 if tail.endswith("].") else 1)
        segments[-1] = Segment(tail[:cut] + tail[cut + 1 :], last.marks)
    return RichText(segments), True


def _pages(
    pagination: etree._Element | None, location_piis: list[str], notes: Notes
) -> tuple[Pages | None, str | None]:
    """Pages and article number from ``Pagination`` and the ``ELocationID`` piis.

    Without pagination, the first location pii is the article number.  A single
    ``MedlinePgn`` value that is a location pii or has the ``e12345`` form is an article
    number printed as pagination (``e2308706120``), not a page.  The MEDLINE reader
    applies the same rule to ``PG`` and ``LID``, so both forms give the same record.
    """
    if pagination is None:
        return None, location_piis[0] if location_piis else None
    printed = text_of(pagination, "MedlinePgn")
    start, end = text_of(pagination, "StartPage"), text_of(pagination, "EndPage")
    if printed and is_article_number(printed, location_piis):
        return None, printed
    pages = parse_pages(printed) if printed else None
    if pages is None and (start or end):
        return Pages(first=start, last=end), None
    if pages is not None and start and (start != pages.first or (end and end != pages.last)):
        notes.keep("StartPage-EndPage", f"{start}-{end}" if end else start)
    if pages is None:
        return None, location_piis[0] if location_piis else None
    return pages, None


def _container(journal: etree._Element | None, info: etree._Element | None, notes: Notes) -> Container | None:
    if journal is None and info is None:
        return None
    issns: dict[str, str] = {}
    if journal is not None:
        for issn in journal.iterfind("ISSN"):
            kind, value = issn.get("IssnType", ""), element_text(issn)
            if value and kind in ("Print", "Electronic") and kind not in issns:
                issns[kind] = value
            else:
                notes.keep("ISSN", f"{kind} {value}".strip())
    return Container(
        title=text_of(journal, "Title") if journal is not None else None,
        iso_abbreviation=text_of(journal, "ISOAbbreviation") if journal is not None else None,
        nlm_abbreviation=text_of(info, "MedlineTA") if info is not None else None,
        issn_print=issns.get("Print"),
        issn_electronic=issns.get("Electronic"),
        issn_linking=text_of(info, "ISSNLinking") if info is not None else None,
        nlm_unique_id=text_of(info, "NlmUniqueID") if info is not None else None,
        country=text_of(info, "Country") if info is not None else None,
    )


def _locations(article: etree._Element, ids: IdSet, notes: Notes) -> list[str]:
    """``ELocationID``: DOIs and PIIs into the ids (before ``ArticleIdList``, as MEDLINE's LID
    precedes its AID); returns the location piis (candidate article numbers)."""
    location_piis = []
    for eloc in article.iterfind("ELocationID"):
        kind, value = eloc.get("EIdType", ""), element_text(eloc)
        if not value:
            continue
        if eloc.get("ValidYN") == "N":
            notes.keep("ELocationID-invalid", f"{kind} {value}")
        elif kind == "doi":
            ids.set_doi(value, notes)
        elif kind == "pii":
            location_piis.append(value)
            ids.set_pii(value)
        else:
            ids.others.append((kind or "elocation", value))
    return location_piis


def _epublished(article: etree._Element, notes: Notes) -> PartialDate | None:
    found = None
    for date_elem in article.iterfind("ArticleDate"):
        kind = date_elem.get("DateType", "Electronic")
        date = simple_date(date_elem, notes, "ArticleDate")
        if kind == "Electronic" and found is None:
            found = date
        elif date is not None:
            notes.keep(f"ArticleDate-{kind}", date.iso())
    return found


def _old_affiliation(article: etree._Element, authors: list[Any], notes: Notes) -> list[Any]:
    """Pre-2014 records have one ``Affiliation`` per article: the first author's."""
    text = text_of(article, "Affiliation")
    if not text:
        return authors
    if authors and isinstance(authors[0], Person) and not authors[0].affiliations:
        authors = [attrs.evolve(authors[0], affiliations=(text,)), *authors[1:]]
    else:
        notes.keep("Affiliation", text)
    return authors


def _citation_extras(citation: etree._Element, notes: Notes) -> None:
    for attribute in ("Owner", "Status", "IndexingMethod", "VersionID", "VersionDate"):
        notes.keep(attribute, citation.get(attribute))
    for name in ("DateCompleted", "DateRevised", "DateCreated"):
        _iso(citation.find(name), notes, name)
    keep_leftovers(citation, _CITATION_HANDLED, notes)


def article_fields(citation: etree._Element, notes: Notes, ids: IdSet) -> dict[str, Any]:
    """Record fields from a ``MedlineCitation`` (``ids`` may already hold PubmedData ids)."""
    ids.set_record_pmid(text_of(citation, "PMID"), notes)
    _citation_extras(citation, notes)
    article = citation.find("Article")
    if article is None:
        raise ValueError("MedlineCitation has no Article")
    journal = article.find("Journal")
    journal_issue = journal.find("JournalIssue") if journal is not None else None
    if journal_issue is not None:
        notes.keep("CitedMedium", journal_issue.get("CitedMedium"))
    notes.keep("PubModel", article.get("PubModel"))
    keep_leftovers(article, _ARTICLE_HANDLED, notes)
    title_elem = article.find("ArticleTitle")
    title, translated = bracketed_title(element_rich_text(title_elem) if title_elem is not None else None)
    vernacular = article.find("VernacularTitle")
    author_list = article.find("AuthorList")
    authors = contributors(author_list.iterfind("Author") if author_list is not None else (), notes)
    pages, article_number = _pages(article.find("Pagination"), _locations(article, ids, notes), notes)
    investigators = citation.find("InvestigatorList")
    other_abstracts = [a for a in (abstract(o) for o in citation.iterfind("OtherAbstract")) if a is not None]
    return {
        "type": WorkType.JOURNAL_ARTICLE,
        "title": title,
        "title_translated": translated,
        "vernacular_title": element_rich_text(vernacular) if vernacular is not None else None,
        "authors": _old_affiliation(article, authors, notes),
        "authors_truncated": author_list is not None and author_list.get("CompleteYN") == "N",
        "investigators": contributors(investigators.iterfind("Investigator"), notes)
        if investigators is not None
        else (),
        "container": _container(journal, citation.find("MedlineJournalInfo"), notes),
        "volume": text_of(journal_issue, "Volume") if journal_issue is not None else None,
        "issue": text_of(journal_issue, "Issue") if journal_issue is not None else None,
        "pages": pages,
        "article_number": article_number,
        "published": pub_date(journal_issue.find("PubDate") if journal_issue is not None else None, notes),
        "epublished": _epublished(article, notes),
        "abstract": abstract(article.find("Abstract")),
        "other_abstracts": other_abstracts,
        "keywords": keywords(citation.iterfind("KeywordList")),
        "mesh": mesh_headings(citation.find("MeshHeadingList")),
        "substances": substances(citation.find("ChemicalList")),
        "grants": grants(article.find("GrantList")),
        "publication_types": _texts(article.iterfind("PublicationTypeList/PublicationType")),
        "languages": _texts(article.iterfind("Language")),
        "related": related_works(citation.find("CommentsCorrectionsList"), notes),
        "conflict_of_interest": text_of(citation, "CoiStatement"),
    }


def _texts(elements: Iterable[etree._Element]) -> list[str]:
    return [t for t in (element_text(e) for e in elements) if t]


def pubmed_data_fields(data: etree._Element | None, notes: Notes, ids: IdSet) -> dict[str, Any]:
    """Record fields from ``PubmedData``/``PubmedBookData``: history, status, ids, references."""
    if data is None:
        return {}
    article_ids(data.find("ArticleIdList"), ids, notes)
    keep_leftovers(data, _DATA_HANDLED, notes)
    return {
        "history": history(data.find("History"), notes),
        "publication_status": text_of(data, "PublicationStatus"),
        "references": references(data.iterfind("ReferenceList"), notes),
    }
