"""What MEDLINE carries of a record: the declared losses and the projection.

:func:`project` gives what reading a record's MEDLINE form gives back, built from the
writer's formatting and the reader's parsing of each value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from jakcite.builtin_formats.medline.reader import (
    bracketed_title,
    parse_abstract,
    parse_compact_date,
    parse_full_name,
    parse_grant,
    parse_history,
    parse_related,
    parse_short_name,
    parse_substance,
    sort_extra,
)
from jakcite.builtin_formats.medline.writer import (
    as_written,
    format_abstract,
    format_compact_date,
    format_date,
    format_full_name,
    format_grant,
    format_history,
    format_related,
    format_short_name,
    format_substance,
    medline_kind,
    one_line,
)
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Contributor,
    Grant,
    HistoryDate,
    Identifiers,
    Keyword,
    MeshHeading,
    MeshQualifier,
    Pages,
    PartialDate,
    Person,
    Record,
    RelatedWork,
    RichText,
    Substance,
    WorkType,
)
from jakcite.registry import Loss
from jakcite.util.article_numbers import is_article_number
from jakcite.util.dates import parse_date_text
from jakcite.util.names import initials_of
from jakcite.util.pages import parse_pages

__all__ = ["LOSSES", "project"]


LOSSES: tuple[Loss, ...] = (
    Loss("key", "dropped", "MEDLINE has no cite key."),
    Loss(
        "type",
        "lossy",
        "Only journal article, book (BTI) and chapter (TI + BTI) exist; other types are written as articles.",
    ),
    Loss("title", "lossy", "Plain text: italics, super/subscripts are dropped (also vernacular_title)."),
    Loss(
        "transliterated_title",
        "lossy",
        "Written as TT when there is no vernacular_title (TT is PubMed's VernacularTitle).",
    ),
    Loss("short_title", "dropped", "No tag."),
    Loss("authors_truncated", "dropped", "No tag."),
    Loss("authors.particle", "lossy", "Particles are written as part of the family name (FAU 'van der Berg, Anna')."),
    Loss("authors.equal_contribution", "dropped", "No tag (PubMed XML has EqualContrib)."),
    Loss("authors.valid", "dropped", "No tag (PubMed XML has ValidYN)."),
    Loss("authors.initials", "lossy", "AU gives initials; derived from the given names when a record has none."),
    Loss("editors", "lossy", "Collective editors become FED names; editor ORCIDs are kept."),
    Loss("investigators", "lossy", "Collective investigators become FIR names."),
    Loss(
        "container.iso_abbreviation",
        "lossy",
        "Only the NLM abbreviation (TA) exists; an ISO abbreviation is written as TA when there is none.",
    ),
    Loss("container.title", "lossy", "For a book, JT does not exist; for a chapter the container title is BTI."),
    Loss(
        "container.country",
        "lossy",
        "PL is the journal's country for articles and the publisher's place for books; the other is dropped.",
    ),
    Loss("publisher_place", "lossy", "Written (as PL) for books and chapters only."),
    Loss("pages", "lossy", "PG is re-read: abbreviated ranges are expanded and printed forms kept."),
    Loss(
        "article_number",
        "lossy",
        "Written as PG when there are no pages; read back as an article number only in the e12345 form or when it is the pii.",
    ),
    Loss("number", "dropped", "No tag."),
    Loss("published", "lossy", "DP text; what DP cannot say (a day range without its literal) comes back as parsed."),
    Loss("epublished", "lossy", "DEP is YYYYMMDD: seasons and ranges are dropped."),
    Loss("accessed", "dropped", "No tag."),
    Loss(
        "history",
        "lossy",
        "PHST has no season or range; a time of 00:00 reads as no time except for entrez/medline events.",
    ),
    Loss("ids.nihmsid", "lossy", "Written as MID when there is no mid."),
    Loss("ids.others", "lossy", "AID value [type]: identifier types come back lower-cased."),
    Loss("url", "dropped", "No tag."),
    Loss("abstract.sections.category", "dropped", "MEDLINE prints labels, not NLM categories."),
    Loss(
        "abstract.sections",
        "lossy",
        "Plain text; labels survive when upper-case (otherwise each section gets its own AB).",
    ),
    Loss("abstract.type", "dropped", "No tag for the main abstract."),
    Loss("abstract.language", "dropped", "No tag for the main abstract."),
    Loss("other_abstracts", "lossy", "OAB text (sections joined) and OABL language; type and copyright dropped."),
    Loss("mesh.ui", "dropped", "MEDLINE prints names only (also qualifier UIs)."),
    Loss("mesh.type", "dropped", "No tag."),
    Loss("substances.ui", "dropped", "No tag."),
    Loss("grants", "lossy", "GR id/acronym/agency/country: a grant missing parts may be re-read with parts shifted."),
    Loss(
        "related",
        "lossy",
        "Only relations with a MEDLINE tag (CIN, CON, EIN, EFR, RIN, ROF, UIN, UOF, ...) are written; notes dropped.",
    ),
    Loss("keywords.term", "lossy", "A keyword starting with '*' reads back as a major keyword (OT  - *term)."),
    Loss(
        "keywords.owner",
        "lossy",
        "OTO applies to the OT lines after it; keywords without an owner after owned ones inherit it.",
    ),
    Loss("note", "dropped", "GN is kept verbatim in extra; the model's note is not written."),
    Loss("references", "dropped", "MEDLINE does not list cited references."),
    Loss("reference_text", "dropped", "No tag."),
    Loss(
        "extra", "lossy", "Only medline: extras are written (in PubMed tag order); other formats' extras are dropped."
    ),
    Loss(
        "*",
        "lossy",
        "Text is one line (line breaks, tabs become spaces); double-encoded UTF-8 (Â©) is repaired on reading.",
    ),
)


def _line(text: str | None) -> str | None:
    return one_line(text) if text else None


def _rich_line(text: RichText | None) -> RichText | None:
    return RichText.plain(one_line(text.text)) if text else None


def _project_person(person: Contributor, with_affiliations: bool = True) -> Person:
    if isinstance(person, Collective):
        full = parse_full_name(one_line(person.name))
        return Person(full.family, full.given, initials_of(full.given) if full.given else None, full.suffix)
    full = parse_full_name(one_line(format_full_name(person)))
    short = parse_short_name(one_line(format_short_name(person)), full.suffix, full.family)
    return Person(
        family=full.family,
        given=full.given,
        initials=short.initials,
        suffix=full.suffix or short.suffix,
        orcid=person.orcid,
        affiliations=tuple(one_line(a) for a in person.affiliations if one_line(a)) if with_affiliations else (),
    )


def _project_author(author: Contributor) -> Contributor:
    if isinstance(author, Collective):
        return Collective(one_line(author.name), tuple(one_line(a) for a in author.affiliations if one_line(a)))
    return _project_person(author)


def _project_date(date: PartialDate | None) -> PartialDate | None:
    return parse_date_text(format_date(date)) if date else None


def _project_history(entries: tuple[HistoryDate, ...]) -> tuple[HistoryDate, ...]:
    return tuple(parse_history(format_history(h)) for h in entries)


def _project_abstract(abstract: Abstract | None) -> Abstract | None:
    if abstract is None:
        return None
    sections = [s for text in format_abstract(abstract.sections) for s in parse_abstract(one_line(text))]
    return Abstract(tuple(sections), copyright=_line(abstract.copyright))


def _project_keywords(keywords: tuple[Keyword, ...]) -> tuple[Keyword, ...]:
    owner: str | None = None
    result = []
    for keyword in keywords:
        owner = keyword.owner if keyword.owner is not None else owner
        term = one_line(keyword.term)
        if not keyword.major and term.startswith("*") and term[1:].strip():
            # Written as ``OT  - *term``, which is how MEDLINE marks a major keyword.
            result.append(Keyword(term[1:], major=True, owner=owner))
        else:
            result.append(Keyword(term, major=keyword.major, owner=owner))
    return tuple(result)


def _project_related(related: tuple[RelatedWork, ...]) -> tuple[RelatedWork, ...]:
    result = []
    for item in related:
        line = format_related(item)
        if line is not None:
            result.append(parse_related(line[0], one_line(line[1])))
    return tuple(result)


def _project_substance(substance: Substance) -> Substance:
    return parse_substance(one_line(format_substance(substance)))


def _project_grants(grants: tuple[Grant, ...]) -> tuple[Grant, ...]:
    return tuple(parse_grant(one_line(format_grant(g))) for g in grants if format_grant(g))


def _project_container(record: Record, kind: WorkType) -> Container | None:
    container = record.container or Container()
    book = kind in (WorkType.BOOK, WorkType.CHAPTER)
    projected = Container(
        title=_line(container.title) if kind == WorkType.JOURNAL_ARTICLE or kind == WorkType.CHAPTER else None,
        nlm_abbreviation=_line(container.nlm_abbreviation or container.iso_abbreviation),
        issn_print=container.issn_print,
        issn_electronic=container.issn_electronic,
        issn_linking=container.issn_linking,
        nlm_unique_id=container.nlm_unique_id,
        country=None if book else _line(container.country),
        series=_line(container.series),
    )
    return projected if any(attrs.astuple(projected, recurse=False)) else None


def _project_pages(record: Record) -> tuple[Pages | None, str | None]:
    piis = [record.ids.pii] if record.ids.pii else []
    if record.pages:
        text = one_line(record.pages.printed or record.pages.range or "")
        if is_article_number(text, piis):
            return None, text  # PG e510: MEDLINE cannot tell this page from an article number
        return parse_pages(text), None
    number = record.article_number
    if number is None:
        return None, None
    if is_article_number(one_line(number), piis):
        return None, one_line(number)
    return parse_pages(one_line(number)), None


def _map_text(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with ``change`` applied to every string inside it (attrs objects, tuples)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, tuple):
        return tuple(_map_text(item, change) for item in value)
    if attrs.has(type(value)):
        return attrs.evolve(
            value, **{f.alias: _map_text(getattr(value, f.name), change) for f in attrs.fields(type(value)) if f.eq}
        )
    return value


def project(record: Record) -> Record:
    """``record`` reduced to what MEDLINE carries: what reading its MEDLINE form gives back.

    Text is read back the way every text format reads it: mojibake (``Â©``) is repaired.
    """
    projected: Record = _map_text(_project_fields(record), as_written)
    return projected


def _project_title(record: Record) -> tuple[RichText | None, bool]:
    """The title line; a title written in brackets reads back as NLM's translated title."""
    title = _rich_line(record.title)
    if title is None or record.title_translated:
        return title, title is not None and record.title_translated
    text, translated = bracketed_title(title.text)
    return (RichText.plain(text) if translated and text else title), translated


def _project_fields(record: Record) -> Record:
    kind = medline_kind(record)
    vernacular = record.vernacular_title or (
        RichText.plain(record.transliterated_title) if record.transliterated_title else None
    )
    pages, article_number = _project_pages(record)
    book = kind in (WorkType.BOOK, WorkType.CHAPTER)
    title, translated = _project_title(record)
    published = _project_date(record.published)
    return Record(
        type=kind,
        title=title,
        title_translated=translated,
        vernacular_title=_rich_line(vernacular),
        authors=tuple(_project_author(a) for a in record.authors),
        editors=tuple(_project_person(e) for e in record.editors),
        investigators=tuple(_project_person(i) for i in record.investigators),
        container=_project_container(record, kind),
        volume=_line(record.volume),
        issue=_line(record.issue),
        pages=pages,
        article_number=article_number,
        publisher=_line(record.publisher),
        publisher_place=_line(record.publisher_place) if book else None,
        edition=_line(record.edition),
        published=published,
        epublished=parse_compact_date(format_compact_date(record.epublished)) if record.epublished else None,
        history=_project_history(record.history),
        ids=_project_ids(record.ids),
        abstract=_project_abstract(record.abstract),
        other_abstracts=_project_other_abstracts(record.other_abstracts),
        keywords=_project_keywords(record.keywords),
        mesh=_project_mesh(record.mesh),
        substances=tuple(_project_substance(s) for s in record.substances),
        grants=_project_grants(record.grants),
        publication_types=record.publication_types,
        languages=record.languages,
        publication_status=record.publication_status,
        related=_project_related(record.related),
        conflict_of_interest=_line(record.conflict_of_interest),
        extra=_project_extra(record, published),
    )


def _project_ids(ids: Identifiers) -> Identifiers:
    """MEDLINE's identifiers: a NIHMSID as MID when there is no MID; other types lower-cased."""
    return Identifiers(
        pmid=ids.pmid,
        pmcid=ids.pmcid,
        doi=ids.doi,
        pii=ids.pii,
        mid=ids.mid or ids.nihmsid,
        isbn=ids.isbn,
        others=tuple((k.lower(), v) for k, v in ids.others),
    )


def _project_other_abstracts(abstracts: tuple[Abstract, ...]) -> tuple[Abstract, ...]:
    """One ``OAB`` text (sections joined) and its language per other abstract."""
    return tuple(
        Abstract((AbstractSection(" ".join(format_abstract(a.sections))),), language=a.language) for a in abstracts
    )


def _project_mesh(mesh: tuple[MeshHeading, ...]) -> tuple[MeshHeading, ...]:
    """Headings with names and major flags only (``MH`` prints no unique IDs or types)."""
    return tuple(
        MeshHeading(
            m.descriptor,
            major=m.major,
            qualifiers=tuple(MeshQualifier(q.name, major=q.major) for q in m.qualifiers),
        )
        for m in mesh
    )


def _project_extra(record: Record, published: PartialDate | None) -> tuple[tuple[str, str], ...]:
    """The ``medline:`` extras on one line, in tag order, with a DP the reader cannot parse."""
    return sort_extra(
        [(k, one_line(v)) for k, v in record.extra if k.startswith("medline:") and one_line(v)]
        + _unreadable_date(record.published, published)
    )


def _unreadable_date(date: PartialDate | None, read_back: PartialDate | None) -> list[tuple[str, str]]:
    """A DP the reader cannot parse (year 0 or before) is kept in extra as written."""
    if date is None or read_back is not None:
        return []
    return [("medline:DP", format_date(date))]
