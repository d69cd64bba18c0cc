"""What CSL-JSON carries of a record: the declared losses and the projection.

``project`` maps a record onto what the writer writes and the reader reads back: a round
trip is correct when ``read(write(r)) == project(r)``.
"""

from __future__ import annotations

import json

import attrs

from jakcite.builtin_formats.csljson.reader import numbers_and_pages, pmid_from_note, split_keywords, split_numbers
from jakcite.builtin_formats.csljson.vocabulary import EXTRA_PREFIX, without_literal
from jakcite.builtin_formats.csljson.writer import (
    abstract_text,
    name_parts,
    note_with_pmid,
    page_and_number,
    record_to_csl,
)
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Contributor,
    Identifiers,
    Mark,
    Pages,
    PartialDate,
    Person,
    Record,
    RichText,
    Segment,
)
from jakcite.registry import Loss
from jakcite.util.languages import bcp47_tag, from_bcp47
from jakcite.util.titles import title_to_write

__all__ = ["LOSSES", "project"]

LOSSES = (
    Loss("title", "lossy", "underline is not CSL markup (citeproc-js prints <u> as text): written without it"),
    Loss("title_translated", "dropped", "CSL has no flag for a bracketed translated title"),
    Loss("transliterated_title", "dropped"),
    Loss("authors_truncated", "dropped", "CSL has no 'et al.' marker"),
    Loss("authors.initials", "lossy", "written as the given name ('A. B.') when there is no given name, else dropped"),
    Loss("authors.orcid", "dropped"),
    Loss("authors.affiliations", "dropped"),
    Loss("authors.equal_contribution", "dropped"),
    Loss("authors.valid", "dropped"),
    Loss(
        "authors.family",
        "lossy",
        "leading lower-case particles are split off ('van der Berg' -> particle 'van der'), as CSL processors do",
    ),
    Loss("container.nlm_unique_id", "dropped"),
    Loss("container.country", "dropped"),
    Loss(
        "container.issn_print",
        "lossy",
        "CSL has one ISSN variable: ISSNs are written comma-separated and read back in order",
    ),
    Loss("container.nlm_abbreviation", "lossy", "kept only when it differs from the ISO abbreviation"),
    Loss("pages.printed", "lossy", "a simple range is written as first-last; other wordings are kept"),
    Loss("number", "lossy", "shares CSL 'number' with the article number; for articles the article number wins"),
    Loss(
        "published.literal",
        "dropped",
        "the original wording ('2019 Sep-Oct') is not written: processors print a CSL literal instead of formatting the date",
    ),
    Loss("published.end.literal", "dropped"),
    Loss("history", "dropped"),
    Loss("ids.pii", "dropped"),
    Loss("ids.nihmsid", "dropped"),
    Loss("ids.mid", "dropped"),
    Loss("ids.others", "dropped"),
    Loss("abstract", "lossy", "written as plain text, sections on separate lines as 'LABEL: text'"),
    Loss("abstract.copyright", "dropped"),
    Loss("other_abstracts", "dropped"),
    Loss("keywords", "lossy", "comma-joined: major flags and owners dropped, terms containing commas split"),
    Loss("mesh", "dropped"),
    Loss("substances", "dropped"),
    Loss("grants", "dropped"),
    Loss("publication_types", "dropped"),
    Loss("languages", "lossy", "CSL has one language: only the first is written, as a BCP 47 tag (eng -> en)"),
    Loss("publication_status", "dropped", "PubMed's status (ppublish, aheadofprint) is not CSL's printed 'status'"),
    Loss("related", "dropped"),
    Loss("conflict_of_interest", "dropped"),
    Loss("references", "dropped"),
    Loss("reference_text", "dropped"),
    Loss("extra", "lossy", "only csl: keys are written; other formats' extras are dropped"),
)


def _person(person: Person, leftover: object) -> Person:
    family, given, particle, dropping = name_parts(person, leftover)
    return Person(family=family, given=given, suffix=person.suffix, particle=particle, dropping_particle=dropping)


def _contributors(record: Record, role: str, people: tuple[Contributor, ...]) -> tuple[Contributor, ...]:
    """Contributors as CSL names carry them (per-name ``parse-names`` kept by the reader honoured)."""
    leftovers: list[object] = []
    for key, value in record.extra:
        if key == f"{EXTRA_PREFIX}{role}.names":
            loaded = json.loads(value)
            leftovers = loaded if isinstance(loaded, list) else []
    return tuple(
        Collective(p.name) if isinstance(p, Collective) else _person(p, leftovers[i] if i < len(leftovers) else None)
        for i, p in enumerate(people)
    )


def _container(container: Container | None) -> Container | None:
    if container is None:
        return None
    iso = container.iso_abbreviation or container.nlm_abbreviation
    nlm = container.nlm_abbreviation if container.nlm_abbreviation != iso else None
    issns = list(container.issns)
    projected = Container(
        title=container.title,
        iso_abbreviation=iso,
        nlm_abbreviation=nlm,
        issn_print=issns[0] if issns else None,
        issn_electronic=issns[1] if len(issns) > 1 else None,
        issn_linking=issns[2] if len(issns) > 2 else None,
        series=container.series,
    )
    return projected if any(attrs.astuple(projected)) else None


def _date(date: PartialDate | None) -> PartialDate | None:
    return without_literal(date) if date is not None else None


def _rich(text: RichText | None) -> RichText | None:
    if text is None:
        return None
    return RichText([Segment(seg.text, seg.marks - {Mark.UNDERLINE}) for seg in text.segments]).strip() or None


def _abstract(abstract: Abstract | None) -> Abstract | None:
    if abstract is None:
        return None
    text = abstract_text(abstract)
    return Abstract(sections=(AbstractSection(RichText.plain(text)),)) if text.strip() else None


def _numbers(record: Record) -> tuple[str | None, str | None, Pages | None]:
    """(article number, number, pages) as the writer puts them and the reader takes them back."""
    return numbers_and_pages(record.type, *page_and_number(record))


def project(record: Record) -> Record:
    """The record as CSL-JSON carries it: ``read(write(record))`` equals ``project(record)``."""
    ids = record.ids
    key = record.key  # the writer's cite key (see Coverage.keys)
    article_number, number, pages = _numbers(record)
    csl_type = record_to_csl(record)["type"]
    note, read_ids = pmid_from_note(note_with_pmid(record.note, ids.pmid, csl_type), ids, csl_type)
    keywords = ", ".join(k.term for k in record.keywords)
    return attrs.evolve(
        record,
        key=key,
        title=_rich(title_to_write(record)),
        vernacular_title=_rich(record.vernacular_title),
        title_translated=False,
        transliterated_title=None,
        authors=_contributors(record, "author", record.authors),
        authors_truncated=False,
        editors=_contributors(record, "editor", record.editors),
        investigators=_contributors(record, "contributor", record.investigators),
        container=_container(record.container),
        published=_date(record.published),
        epublished=_date(record.epublished),
        accessed=_date(record.accessed),
        history=(),
        note=note,
        ids=Identifiers(pmid=read_ids.pmid, pmcid=ids.pmcid, doi=ids.doi, isbn=split_numbers(" ".join(ids.isbn))),
        abstract=_abstract(record.abstract),
        other_abstracts=(),
        keywords=split_keywords(keywords) if keywords else (),
        mesh=(),
        substances=(),
        grants=(),
        publication_types=(),
        languages=tuple(from_bcp47(bcp47_tag(language)) for language in record.languages[:1]),
        publication_status=None,
        related=(),
        conflict_of_interest=None,
        references=(),
        reference_text=None,
        extra=sorted(kv for kv in record.extra if kv[0].startswith(EXTRA_PREFIX)),
        article_number=article_number,
        number=number,
        pages=pages,
    )
