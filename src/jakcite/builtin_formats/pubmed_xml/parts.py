"""Builders shared by journal articles and books: people, dates, identifiers, lists.

Every builder takes the lxml element and a :class:`Notes` collector.  A value that is
present but cannot be put into the model (a malformed DOI, an impossible date) is never
dropped: it goes to ``Record.extra`` and a warning says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs
from lxml import etree

from jakcite.builtin_formats.pubmed_xml.inline import all_text, element_rich_text, element_text, squash
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Contributor,
    Grant,
    HistoryDate,
    Identifiers,
    Keyword,
    MeshHeading,
    MeshQualifier,
    PartialDate,
    Person,
    Record,
    RelatedWork,
    Season,
    Substance,
    WorkType,
    normalize_doi,
    normalize_orcid,
    normalize_pmcid,
    normalize_pmid,
)
from jakcite.util.dates import month_number, parse_date_text

__all__ = [
    "IdSet",
    "Notes",
    "abstract",
    "article_ids",
    "build_identifiers",
    "contributor",
    "contributors",
    "grants",
    "history",
    "keywords",
    "mesh_headings",
    "pub_date",
    "references",
    "related_works",
    "simple_date",
    "substances",
]

PREFIX = "pubmed-xml:"
_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}


@attrs.define
class Notes:
    """What building one record noticed: values kept in ``extra`` and warnings."""

    extra: list[tuple[str, str]] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)

    def keep(self, name: str, value: str | None) -> None:
        """Keep a value with no model slot as ``("pubmed-xml:<name>", value)``."""
        if value:
            self.extra.append((PREFIX + name, value))

    def warn(self, message: str) -> None:
        """Record a problem that was worked around."""
        self.warnings.append(message)


def text_of(parent: etree._Element, path: str) -> str | None:
    """Plain text of the first element at ``path`` under ``parent`` (None when absent/empty)."""
    return element_text(parent.find(path))


def yes(elem: etree._Element, attribute: str) -> bool:
    """True for ``attribute="Y"``."""
    return elem.get(attribute) == "Y"


def checked(normalize: Callable[[str], str], value: str | None, what: str, notes: Notes) -> str | None:
    """``normalize(value)``, or None with a warning and the raw value kept when it is malformed."""
    if not value:
        return None
    try:
        return normalize(value)
    except ValueError as exc:
        notes.warn(f"{what}: {exc}; kept in extra")
        notes.keep(what, value)
        return None


# --------------------------------------------------------------------------- dates


def _date_or_warn(year: int, month: int | None, day: int | None, notes: Notes, what: str) -> PartialDate:
    try:
        return PartialDate(year, month, day)
    except ValueError as exc:
        notes.warn(f"{what}: {exc}; day dropped")
        notes.keep(what, f"{year}-{month}-{day}")
        return PartialDate(year, month) if month else PartialDate(year)


def _year(text: str | None) -> int | None:
    """A ``Year`` element's text as a year the model takes (0-9999); None for anything else."""
    digits = text.strip() if text else ""
    return int(digits) if digits.isdecimal() and len(digits) <= 4 else None


def simple_date(elem: etree._Element | None, notes: Notes, what: str) -> PartialDate | None:
    """A ``Year``/``Month``/``Day`` date element (ArticleDate, PubMedPubDate, DateRevised...)."""
    if elem is None:
        return None
    year_text = month_text = day_text = None
    for child in elem:
        tag = child.tag
        if tag == "Year":
            year_text = child.text
        elif tag == "Month":
            month_text = child.text
        elif tag == "Day":
            day_text = child.text
    year = _year(year_text)
    if year is None:
        notes.warn(f"{what}: no usable year; kept in extra")
        notes.keep(what, " ".join(all_text(elem, " ").split()) or None)
        return None
    month = month_number(month_text)
    if month_text and month is None:
        notes.warn(f"{what}: unknown month {month_text!r}")
        notes.keep(what, " ".join(all_text(elem, " ").split()))
    day = int(day_text) if day_text and day_text.strip().isdecimal() and month else None
    return _date_or_warn(year, month, day, notes, what)


def pub_date(elem: etree._Element | None, notes: Notes) -> PartialDate | None:
    """``PubDate``: Year/Month/Day, Year/Season, or free-text ``MedlineDate``."""
    if elem is None:
        return None
    medline_date = elem.findtext("MedlineDate")
    if medline_date is not None:
        parsed = parse_date_text(medline_date)
        if parsed is None:
            notes.warn(f"PubDate: cannot read MedlineDate {medline_date!r}; kept in extra")
            notes.keep("MedlineDate", medline_date.strip())
        return parsed
    season = elem.findtext("Season")
    year = _year(elem.findtext("Year"))
    if season and year is not None:
        word = season.strip()
        if word.lower() in _SEASONS:
            return PartialDate(year, season=Season.AUTUMN if word.lower() == "fall" else Season(word.lower()))
        parsed = parse_date_text(f"{year} {word}")
        if parsed is not None:
            return parsed
        notes.keep("Season", word)
    return simple_date(elem, notes, "PubDate")


def history(parent: etree._Element | None, notes: Notes) -> list[HistoryDate]:
    """``History/PubMedPubDate`` events, with hour and minute when given."""
    if parent is None:
        return []
    events = []
    for item in parent.iterfind("PubMedPubDate"):
        date = simple_date(item, notes, "PubMedPubDate")
        if date is None:
            continue
        hour = minute = None
        for child in item:
            text = child.text
            if child.tag == "Hour" and text and text.strip().isdecimal():
                hour = int(text)
            elif child.tag == "Minute" and text and text.strip().isdecimal():
                minute = int(text)
        status = item.get("PubStatus") or ""
        events.append(HistoryDate(status if status.strip() else "unknown", date, hour, minute))
    return events


# --------------------------------------------------------------------------- people


def _affiliation_info(info: etree._Element, who: str, notes: Notes) -> str | None:
    affiliation = None
    for child in info:
        tag = child.tag
        if tag == "Affiliation" and affiliation is None:
            affiliation = _leaf(child)
        elif tag == "Identifier":
            notes.keep(
                "AffiliationIdentifier", f"{who}: {child.get('Source', '?')} {element_text(child) or ''}".strip()
            )
        elif tag == "Affiliation":
            notes.keep("Affiliation", element_text(child))
    return affiliation


def _leaf(elem: etree._Element) -> str | None:
    """:func:`element_text` with the common case (text only, no markup) inlined."""
    text = elem.text
    if text is not None and not len(elem):
        return squash(text).strip() or None
    return element_text(elem)


def _person(author: etree._Element, notes: Notes) -> Contributor | None:
    family = given = initials = suffix = orcid = None
    collective = None
    affiliations: list[str] = []
    identifiers: list[etree._Element] = []
    for child in author:
        tag = child.tag
        if tag == "LastName":
            family = _leaf(child)
        elif tag == "ForeName":
            given = _leaf(child)
        elif tag == "Initials":
            initials = _leaf(child)
        elif tag == "AffiliationInfo":
            affiliation = _affiliation_info(child, family or "?", notes)
            if affiliation:
                affiliations.append(affiliation)
        elif tag == "Identifier":
            identifiers.append(child)
        elif tag == "Suffix":
            suffix = _leaf(child)
        elif tag == "CollectiveName":
            collective = child
    if not family:
        if collective is not None:
            return _collective(author, collective, notes)
        notes.warn("an author without LastName or CollectiveName; kept in extra")
        notes.keep("Author", " ".join(all_text(author, " ").split()) or None)
        return None
    if collective is not None:
        notes.keep("CollectiveName", element_text(collective))
    for ident in identifiers:
        source, value = ident.get("Source", ""), element_text(ident)
        if source == "ORCID" and orcid is None:
            orcid = checked(normalize_orcid, value, "ORCID", notes)
        else:
            notes.keep("AuthorIdentifier", f"{family}, {given}: {source} {value or ''}".strip())
    return Person(
        family=family,
        given=given,
        initials=initials,
        suffix=suffix,
        orcid=orcid,
        affiliations=affiliations,
        equal_contribution=author.get("EqualContrib") == "Y",
        valid=author.get("ValidYN") != "N",
    )


def _collective(author: etree._Element, collective: etree._Element, notes: Notes) -> Collective | None:
    name = element_text(collective)
    if not name:
        notes.warn("an empty CollectiveName was skipped")
        return None
    affiliations = []
    for info in author.iterfind("AffiliationInfo"):
        affiliation = _affiliation_info(info, name, notes)
        if affiliation:
            affiliations.append(affiliation)
    for ident in author.iterfind("Identifier"):
        notes.keep("AuthorIdentifier", f"{name}: {ident.get('Source', '')} {element_text(ident) or ''}".strip())
    return Collective(name, affiliations)


def contributor(author: etree._Element, notes: Notes) -> Contributor | None:
    """An ``Author`` or ``Investigator`` element: a person or a collective."""
    return _person(author, notes)


def contributors(elements: Iterable[etree._Element], notes: Notes) -> list[Contributor]:
    """Contributors in order, skipping (with a warning) those without any name."""
    found = []
    for author in elements:
        person = contributor(author, notes)
        if person is not None:
            found.append(person)
    return found


# --------------------------------------------------------------------------- identifiers


@attrs.define
class IdSet:
    """Identifiers gathered from ArticleIdList/ELocationID, before building the model object."""

    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    pii: str | None = None
    mid: str | None = None
    isbn: list[str] = attrs.Factory(list)
    others: list[tuple[str, str]] = attrs.Factory(list)

    def set_record_pmid(self, value: str | None, notes: Notes) -> None:
        """The record's own ``PMID``; a different one gathered before it goes to ``others``."""
        pmid = checked(normalize_pmid, value, "PMID", notes)
        if pmid:
            if self.pmid and self.pmid != pmid:
                self.others.append(("pubmed", self.pmid))
            self.pmid = pmid

    def set_doi(self, value: str | None, notes: Notes) -> None:
        """First DOI wins; a different further DOI goes to ``others``."""
        doi = checked(normalize_doi, value, "doi", notes)
        if doi is None:
            return
        if self.doi is None:
            self.doi = doi
        elif doi.lower() != self.doi.lower():
            self.others.append(("doi", doi))

    def set_pii(self, value: str | None) -> None:
        """First PII wins; a different further PII goes to ``others``."""
        if not value:
            return
        if self.pii is None:
            self.pii = value
        elif value != self.pii:
            self.others.append(("pii", value))


def article_ids(parent: etree._Element | None, ids: IdSet, notes: Notes) -> None:
    """Every ``ArticleId`` of an ``ArticleIdList`` into ``ids`` (unknown types in ``others``)."""
    if parent is None:
        return
    for item in parent.iterfind("ArticleId"):
        kind, value = (item.get("IdType") or "unknown").strip(), element_text(item)
        if not value:
            continue
        if kind == "pubmed":
            pmid = checked(normalize_pmid, value, "pubmed", notes)
            if pmid and ids.pmid and pmid != ids.pmid:
                ids.others.append(("pubmed", pmid))
            elif pmid:
                ids.pmid = pmid
        elif kind == "doi":
            ids.set_doi(value, notes)
        elif kind == "pii":
            ids.set_pii(value)
        elif kind in ("pmc", "pmcid"):
            pmcid = checked(normalize_pmcid, value, kind, notes)
            if pmcid and ids.pmcid is None:
                ids.pmcid = pmcid
            elif pmcid and pmcid != ids.pmcid:
                ids.others.append((kind, pmcid))
        elif kind == "mid" and ids.mid is None:
            ids.mid = value
        else:
            ids.others.append((kind, value))


# --------------------------------------------------------------------------- lists


def abstract(elem: etree._Element | None) -> Abstract | None:
    """An ``Abstract`` or ``OtherAbstract``: labelled sections, copyright, type, language."""
    if elem is None:
        return None
    sections = []
    for part in elem.iterfind("AbstractText"):
        text = element_rich_text(part)
        label = part.get("Label")
        if text or label:
            sections.append(AbstractSection(text, label, part.get("NlmCategory")))
    if not sections:
        return None
    return Abstract(sections, text_of(elem, "CopyrightInformation"), elem.get("Type"), elem.get("Language"))


def mesh_headings(parent: etree._Element | None) -> list[MeshHeading]:
    """``MeshHeadingList``: descriptors with UI, major flag, type and qualifiers."""
    if parent is None:
        return []
    headings = []
    for heading in parent.iterfind("MeshHeading"):
        descriptor = None
        qualifiers = []
        for part in heading:
            if part.tag == "DescriptorName":
                descriptor = part
            elif part.tag == "QualifierName" and (q_name := _leaf(part)):
                qualifiers.append(MeshQualifier(q_name, part.get("UI"), part.get("MajorTopicYN") == "Y"))
        name = _leaf(descriptor) if descriptor is not None else None
        if descriptor is None or not name:
            continue
        headings.append(
            MeshHeading(name, descriptor.get("UI"), yes(descriptor, "MajorTopicYN"), qualifiers, descriptor.get("Type"))
        )
    return headings


def substances(parent: etree._Element | None) -> list[Substance]:
    """``ChemicalList``: substance names with registry number and UI."""
    if parent is None:
        return []
    found = []
    for chemical in parent.iterfind("Chemical"):
        name_elem = chemical.find("NameOfSubstance")
        name = element_text(name_elem)
        if name_elem is not None and name:
            found.append(Substance(name, text_of(chemical, "RegistryNumber"), name_elem.get("UI")))
    return found


def keywords(lists: Iterable[etree._Element]) -> list[Keyword]:
    """Every ``KeywordList`` (each with its ``Owner``), keywords with their major flag."""
    found = []
    for keyword_list in lists:
        owner = keyword_list.get("Owner")
        for item in keyword_list.iterfind("Keyword"):
            term = element_text(item)
            if term:
                found.append(Keyword(term, yes(item, "MajorTopicYN"), owner))
    return found


def grants(parent: etree._Element | None) -> list[Grant]:
    """``GrantList``: grant number, acronym, agency and country."""
    if parent is None:
        return []
    return [
        Grant(text_of(g, "GrantID"), text_of(g, "Acronym"), text_of(g, "Agency"), text_of(g, "Country"))
        for g in parent.iterfind("Grant")
    ]


def related_works(parent: etree._Element | None, notes: Notes) -> list[RelatedWork]:
    """``CommentsCorrectionsList``: comments, errata, retractions, updates..."""
    if parent is None:
        return []
    found = []
    for item in parent.iterfind("CommentsCorrections"):
        relation = item.get("RefType") or ""
        relation = relation if relation.strip() else "Unknown"
        pmid = checked(normalize_pmid, text_of(item, "PMID"), f"CommentsCorrections {relation} PMID", notes)
        found.append(RelatedWork(relation, text_of(item, "RefSource"), pmid, text_of(item, "Note")))
    return found


def references(lists: Iterable[etree._Element], notes: Notes) -> list[Record]:
    """Every ``Reference`` of every (possibly nested) ``ReferenceList`` as a cited record."""
    found = []
    for reference_list in lists:
        title = text_of(reference_list, "Title")
        if title:
            notes.keep("ReferenceListTitle", title)
        for reference in reference_list.iterfind("Reference"):
            cited = _reference(reference, notes)
            if cited is not None:
                found.append(cited)
        found.extend(references(reference_list.iterfind("ReferenceList"), notes))
    return found


_SIMPLE_REFERENCE_IDS = {"pubmed": "pmid", "doi": "doi", "pmc": "pmcid", "pii": "pii"}


def _reference(reference: etree._Element, notes: Notes) -> Record | None:
    text = None
    id_list = None
    for child in reference:
        tag = child.tag
        if tag == "Citation":
            text = element_text(child)
        elif tag == "ArticleIdList":
            id_list = child
    if id_list is None:
        return Record(type=WorkType.OTHER, reference_text=text) if text else None
    simple: dict[str, str] = {}
    for item in id_list:
        slot = _SIMPLE_REFERENCE_IDS.get(item.get("IdType") or "")
        value = item.text
        if slot is None or slot in simple or not value or len(item):
            break  # anything unusual: take the careful path below
        simple[slot] = value
    else:
        try:
            return Record(type=WorkType.OTHER, reference_text=text, ids=Identifiers(**simple))
        except ValueError:
            pass  # a malformed id: the careful path keeps it in extra with a warning
    ids = IdSet()
    ref_notes = Notes()
    article_ids(id_list, ids, ref_notes)
    for warning in ref_notes.warnings:
        notes.warn(f"cited reference: {warning}")
    if not text and not (ids.pmid or ids.doi or ids.pmcid or ids.others):
        return None
    return Record(type=WorkType.OTHER, reference_text=text, ids=build_identifiers(ids), extra=ref_notes.extra)


def build_identifiers(ids: IdSet) -> Identifiers:
    """The model's :class:`Identifiers` from what was gathered."""
    if not (ids.pmcid or ids.doi or ids.pii or ids.mid or ids.isbn or ids.others):
        return Identifiers(pmid=ids.pmid)
    return Identifiers(
        pmid=ids.pmid,
        pmcid=ids.pmcid,
        doi=ids.doi,
        pii=ids.pii,
        mid=ids.mid,
        isbn=ids.isbn,
        others=ids.others,
    )
