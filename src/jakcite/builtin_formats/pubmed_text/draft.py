"""The fields collected for one record, and the record built from them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Contributor,
    Grant,
    Identifiers,
    Keyword,
    MeshHeading,
    Person,
    Record,
    RelatedWork,
    Substance,
)
from jakcite.util.citation_lines import CitationLine, citation_record_fields


@attrs.define
class Draft:
    """Fields collected for one record before the model object is built."""

    title: str | None = None
    translated: bool = False
    citation: CitationLine | None = None
    journal_short: str | None = None
    authors: list[Contributor] = attrs.Factory(list)
    author_affiliation_keys: list[list[str]] = attrs.Factory(list)
    truncated: bool = False
    investigators: list[Contributor] = attrs.Factory(list)
    affiliations: dict[str, str] = attrs.Factory(dict)
    pmid: str | None = None
    pmcid: str | None = None
    doi: str | None = None
    abstract: list[AbstractSection] = attrs.Factory(list)
    copyright: str | None = None
    keywords: list[Keyword] = attrs.Factory(list)
    publication_types: list[str] = attrs.Factory(list)
    mesh: list[MeshHeading] = attrs.Factory(list)
    substances: list[Substance] = attrs.Factory(list)
    grants: list[Grant] = attrs.Factory(list)
    related: list[RelatedWork] = attrs.Factory(list)
    references: list[Record] = attrs.Factory(list)
    conflict: list[str] = attrs.Factory(list)
    languages: list[str] = attrs.Factory(list)
    extra: list[tuple[str, str]] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)


def finish(draft: Draft) -> tuple[Record, list[str], list[str]]:
    """Build the record: ``(record, warnings, missing fields)``; absent authors, title or journal are reported."""
    fields: dict[str, Any] = {}
    citation = draft.citation
    journal = (citation.journal if citation else None) or draft.journal_short
    if journal:
        # PubMed names the journal only by its abbreviation: it is the title the source gives
        # (writers need one for @article / container-title) and the ISO abbreviation.
        fields["container"] = Container(title=journal, iso_abbreviation=journal)
    if citation is not None:
        fields.update(_citation_fields(citation, draft))
    authors = _link_affiliations(draft)
    ids = _identifiers(draft, citation)
    missing: list[str] = []
    notes = list(draft.notes)
    if not authors:
        missing.append("authors")
        notes.append("no author line found: the record has no authors")
    if draft.title is None:
        missing.append("title")
        notes.append("no title found")
    if journal is None:
        missing.append("container")
        notes.append("no journal name found (the copied citation line lacks it)")
    abstract = Abstract(tuple(draft.abstract), copyright=draft.copyright) if draft.abstract else None
    record = Record(
        title=draft.title,
        title_translated=draft.translated,
        authors=authors,
        authors_truncated=draft.truncated,
        investigators=draft.investigators,
        ids=ids,
        abstract=abstract,
        keywords=draft.keywords,
        mesh=draft.mesh,
        substances=draft.substances,
        grants=draft.grants,
        publication_types=_dedupe(draft.publication_types),
        languages=draft.languages,
        related=draft.related,
        conflict_of_interest=" ".join(draft.conflict) or None,
        references=draft.references,
        extra=draft.extra,
        **fields,
    )
    return record, notes, missing


def _identifiers(draft: Draft, citation: CitationLine | None) -> Identifiers:
    """The record's ids; a malformed one is kept in ``extra`` with a warning instead of failing the record."""
    values = {"pmid": draft.pmid, "pmcid": draft.pmcid, "doi": draft.doi or (citation.doi if citation else None)}
    good: dict[str, str] = {}
    for kind, value in values.items():
        if value is None:
            continue
        try:
            Identifiers(**{kind: value})
        except ValueError as exc:
            draft.extra.append((f"pubmed-text:{kind}", value))
            draft.notes.append(f"malformed {kind.upper()} kept as extra data: {exc}")
            continue
        good[kind] = value
    return Identifiers(**good)


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _citation_fields(citation: CitationLine, draft: Draft) -> dict[str, Any]:
    fields, extra = citation_record_fields(citation, draft.doi, extra_prefix="pubmed-text")
    draft.extra.extend(extra)
    return fields


def _link_affiliations(draft: Draft) -> list[Contributor]:
    if not draft.affiliations:
        return draft.authors
    linked: list[Contributor] = []
    single = list(draft.affiliations.values()) if list(draft.affiliations) == [""] else None
    for i, author in enumerate(draft.authors):
        keys = draft.author_affiliation_keys[i] if i < len(draft.author_affiliation_keys) else []
        texts = single or [draft.affiliations[k] for k in keys if k in draft.affiliations]
        if texts and isinstance(author, Person):
            author = attrs.evolve(author, affiliations=tuple(texts))
        elif texts and isinstance(author, Collective):
            author = attrs.evolve(author, affiliations=tuple(texts))
        linked.append(author)
    return linked
