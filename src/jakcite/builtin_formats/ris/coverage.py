"""What RIS carries of a record: the declared losses and the projection.

:func:`project` maps a record onto exactly what RIS carries, field by field, so that
``read(write(record)) == project(record)`` for every record (the round-trip tests check
it over the PubMed corpus and over every RIS file of the corpus).
"""

from __future__ import annotations

import attrs

from jakcite.builtin_formats.ris.reader import (
    collect_standard_numbers,
    lone_start_page,
    note_and_pmid,
    parse_ris_date,
    parse_ris_name,
)
from jakcite.builtin_formats.ris.vocabulary import NIHMSID, READ_TYPES, WRITE_TYPES, in_tag_order, kept_tag
from jakcite.builtin_formats.ris.writer import (
    fold,
    format_ris_date,
    format_ris_name,
    mesh_keywords,
    sn_values,
    written_ty,
)
from jakcite.model import (
    Abstract,
    AbstractSection,
    Container,
    Contributor,
    Identifiers,
    Keyword,
    Pages,
    PartialDate,
    Record,
    RichText,
    WorkType,
)
from jakcite.registry import Loss
from jakcite.util.pages import expand_page_range
from jakcite.util.titles import title_to_write
from jakcite.util.work_types import PERIODICAL_ARTICLES

__all__ = ["LOSSES", "project"]

LOSSES: tuple[Loss, ...] = (
    Loss("type", "lossy", "Types RIS has no TY for are written as the nearest one (review -> JOUR)."),
    Loss(
        "title",
        "lossy",
        "Plain text: inline markup (italics, sub/superscripts) is dropped; line breaks fold to spaces.",
    ),
    Loss("title_translated", "dropped", "RIS has no flag for a translated title."),
    Loss("vernacular_title", "dropped", "No RIS tag for the original-language title."),
    Loss("transliterated_title", "dropped", "No RIS tag."),
    Loss("authors", "lossy", "`Family, Given, Suffix` only; a group name containing a comma reads back as a person."),
    Loss("authors.orcid", "dropped", "RIS has no per-author identifiers."),
    Loss("authors.affiliations", "dropped", "RIS `AD` is one address list per record, not per author."),
    Loss("authors.initials", "lossy", "Recomputed from the given name on reading."),
    Loss("authors.equal_contribution", "dropped", "No RIS tag."),
    Loss("authors.valid", "dropped", "No RIS tag."),
    Loss("authors_truncated", "dropped", "No RIS tag."),
    Loss("investigators", "dropped", "No RIS role for PubMed investigators."),
    Loss("container.nlm_abbreviation", "lossy", "One abbreviation (`J2`): the ISO one, else the NLM one."),
    Loss(
        "container.issn_*",
        "lossy",
        "ISSNs are written as plain `SN` lines; print/electronic/linking is inferred by order.",
    ),
    Loss("container.nlm_unique_id", "dropped", "No RIS tag."),
    Loss("container.country", "dropped", "No RIS tag."),
    Loss("pages.printed", "lossy", "`SP`/`EP` carry first and last page; an abbreviated printed range is expanded."),
    Loss("edition", "dropped", "For journal articles `ET` is the Epub date (EndNote), so an edition is not written."),
    Loss(
        "number",
        "dropped",
        "Written as `M1` for books, reports...; not for journal articles (EndNote reads M1 as issue).",
    ),
    Loss("epublished", "dropped", "Written as `ET` for journal articles only."),
    Loss("published", "lossy", "Dates before year 0 are not written (RIS years have four digits)."),
    Loss("history", "dropped", "RIS has one publication date (`PY`/`DA`) and no dated history."),
    Loss("ids.pii", "dropped", "No RIS tag."),
    Loss("ids.mid", "dropped", "No RIS tag."),
    Loss("ids.others", "dropped", "No RIS tag."),
    Loss("abstract", "lossy", "One line: structured sections become `LABEL: text` runs; copyright dropped."),
    Loss("other_abstracts", "dropped", "RIS has one abstract."),
    Loss("keywords.major", "dropped", "`KW` is a plain term."),
    Loss("keywords.owner", "dropped", "`KW` is a plain term."),
    Loss("mesh", "lossy", "Written as `KW` `Descriptor/qualifier` terms (option `mesh`) and read back as keywords."),
    Loss("mesh.major", "dropped", "Major-topic flags have no place in `KW`."),
    Loss("mesh.ui", "dropped", "MeSH unique IDs have no RIS tag."),
    Loss("substances", "dropped", "No RIS tag."),
    Loss("grants", "dropped", "No RIS tag."),
    Loss("publication_status", "dropped", "No RIS tag."),
    Loss("related", "dropped", "No RIS tag for comments, errata and retractions."),
    Loss("conflict_of_interest", "dropped", "No RIS tag."),
    Loss("note", "lossy", "One `N1` per line; empty lines and `PMID: ...` lines are not kept as note text."),
    Loss("references", "dropped", "RIS has no cited-reference list."),
    Loss("reference_text", "dropped", "No RIS tag."),
    Loss("extra", "lossy", "Only `ris:XX` pairs (read from RIS) are written back, each as its own tag."),
)


def _text(value: str | None) -> str | None:
    return fold(value) or None if value else None


def _person(person: Contributor) -> Contributor:
    return parse_ris_name(fold(format_ris_name(person)))


def _date(date: PartialDate | None, tag: str, demoted: list[tuple[str, str]]) -> PartialDate | None:
    """What reading ``format_ris_date(date)`` gives; an unabsorbed fourth part goes to extra."""
    if date is None or date.year < 0:
        return None  # RIS years have four digits: not written
    text = format_ris_date(date)
    parsed, other = parse_ris_date(text)
    if other is not None:
        demoted.append((tag, text))
    return parsed


def _type_and_tag(record: Record) -> tuple[WorkType, str]:
    ty = written_ty(record)
    return READ_TYPES.get(ty, WorkType.OTHER), ty


def _standard_numbers(record: Record, demoted: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """ISSNs and ISBNs as the written ``SN`` lines read back; the rest is kept in extra."""
    issns, isbns, unclassified = collect_standard_numbers(fold(value) for value in sn_values(record))
    demoted.extend(("SN", value) for value in unclassified)
    return [issn for issn, _ in issns], isbns


def _container(record: Record, issns: list[str]) -> Container | None:
    container = record.container or Container()
    roles = [*issns, None, None, None]
    projected = Container(
        title=_text(container.title),
        iso_abbreviation=_text(container.abbreviation),
        issn_print=roles[0],
        issn_electronic=roles[1],
        issn_linking=roles[2],
        series=_text(container.series),
    )
    return projected if any(attrs.astuple(projected)) else None


def _pages(record: Record, demoted: list[tuple[str, str]]) -> Pages | None:
    """First and last page; what a lone ``SP`` (a page, a range, a list) reads back as."""
    pages = record.pages
    article = _text(record.article_number)
    if pages is None:
        return None
    first, last = _text(pages.first), _text(pages.last)
    if first and last and last != first:
        return Pages(first=first, last=expand_page_range(first, last))
    if last and not first:
        return Pages(last=last)
    start = first or _text(pages.printed)
    if not start or (article and start == article) or not any(c.isalnum() for c in start):
        return None
    projected, listed = lone_start_page(start)
    if listed:
        demoted.append(("SP", start))
    return projected


def _ids(record: Record, isbns: list[str], demoted: list[tuple[str, str]]) -> Identifiers:
    ids = record.ids
    nihmsid = _text(ids.nihmsid)
    if nihmsid and not NIHMSID.match(nihmsid):
        demoted.append(("C6", nihmsid))
        nihmsid = None
    return Identifiers(pmid=ids.pmid, pmcid=ids.pmcid, doi=ids.doi, nihmsid=nihmsid, isbn=isbns)


def _abstract(record: Record) -> Abstract | None:
    if record.abstract is None:
        return None
    text = fold(record.abstract.text)
    return Abstract(sections=[AbstractSection(text=text)]) if text else None


def _note(record: Record, pmid: str | None) -> tuple[str | None, str | None]:
    """Note lines as read back, and the PMID a ``PMID: ...`` note line gives a record without one."""
    return note_and_pmid((fold(line) for line in (record.note or "").split("\n")), pmid)


def _keywords(record: Record, mesh: str) -> list[Keyword]:
    terms = [fold(k.term) for k in record.keywords] + [fold(t) for t in mesh_keywords(record.mesh, mesh)]
    return [Keyword(term) for term in terms if term]


def _extra(record: Record, work_type: WorkType, ty: str, demoted: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``ris:`` pairs in the order the writer puts them (its tag order, other tags last)."""
    pairs = list(demoted)
    for key, value in record.extra:
        tag = kept_tag(key)
        if tag is not None and fold(value):
            pairs.append((tag, fold(value)))
    projected = [(f"ris:{tag}", value) for tag, value in in_tag_order(pairs)]
    if WRITE_TYPES.get(work_type) != ty:
        projected.insert(0, ("ris:TY", ty))
    return projected


def project(record: Record, *, mesh: str = "qualified") -> Record:
    """The record reduced to what RIS carries (see :data:`LOSSES`)."""
    work_type, ty = _type_and_tag(record)
    journal_like = work_type in PERIODICAL_ARTICLES
    demoted: list[tuple[str, str]] = []
    published = _date(record.published, "DA", demoted)
    epublished = _date(record.epublished, "ET", demoted) if journal_like else None
    if journal_like and record.epublished is not None and demoted and demoted[-1][0] == "ET":
        epublished = None  # an ET the reader cannot take as a date stays in extra
    accessed = _date(record.accessed, "Y2", demoted)
    issns, isbns = _standard_numbers(record, demoted)
    ids = _ids(record, isbns, demoted)
    note, pmid = _note(record, ids.pmid)
    ids = attrs.evolve(ids, pmid=pmid)
    if record.accessed is not None and demoted and demoted[-1][0] == "Y2":
        accessed = None
    return Record(
        type=work_type,
        key=_text(record.key),
        title=RichText.plain(fold(title.text)) if (title := title_to_write(record)) else None,
        short_title=_text(record.short_title),
        authors=[_person(p) for p in record.authors],
        editors=[_person(p) for p in record.editors],
        container=_container(record, issns),
        volume=_text(record.volume),
        issue=_text(record.issue),
        pages=_pages(record, demoted),
        article_number=_text(record.article_number),
        publisher=_text(record.publisher),
        publisher_place=_text(record.publisher_place),
        edition=None if journal_like else _text(record.edition),
        number=None if journal_like else _text(record.number),
        published=published,
        epublished=epublished,
        accessed=accessed,
        ids=ids,
        url=_text(record.url),
        abstract=_abstract(record),
        keywords=_keywords(record, mesh),
        languages=[fold(language) for language in record.languages],
        publication_types=[fold(t) for t in record.publication_types],
        note=note,
        extra=_extra(record, work_type, ty, demoted),
    )
