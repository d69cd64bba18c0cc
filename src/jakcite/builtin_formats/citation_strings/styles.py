"""PubMed's Cite styles read by their grammar; other strings go to the free-text parser.

* NLM and AMA: ``Authors. Title. Journal. 2022 Oct 4;23(19):11788. doi: ... PMID: ...;
  PMCID: ...`` (AMA: ``Journal. 2022;23(19):11788. Published 2022 Oct 4. doi:...``): the
  citation line is found by its grammar after a sentence end, the authors are taken off
  the start, and the title is what lies between.
* MLA: ``Family, Given et al. “Title.” Journal vol. 23,19 11788. 4 Oct. 2022, doi:...``.
* APA: ``Family, I. I., & Family, I. (2022). Title. Journal, 23(19), 11788. https://doi.org/...``.
* Every other reference: :func:`jakcite.util.reference_strings.parse_reference`.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from jakcite.builtin_formats.citation_strings.vocabulary import AMA_PUBLISHED, APA, EXTRA_PREFIX, MLA, NLM_IDS
from jakcite.model import Container, Contributor, Person
from jakcite.util.author_lists import parse_author_list
from jakcite.util.citation_lines import CitationLine, is_article_number, journal_citation_fields, parse_citation_line
from jakcite.util.dates import parse_date_text
from jakcite.util.names import parse_inverted_name
from jakcite.util.pages import parse_pages
from jakcite.util.reference_strings import split_authors
from jakcite.util.titles import unbracket_title

__all__ = ["StyleFields", "read_apa", "read_mla", "read_nlm"]

#: ``(fields, identifiers)``: what a style parser gives before the identifiers are checked.
StyleFields = tuple[dict[str, Any], dict[str, str | None]]

_SENTENCE_END = re.compile(r"[.?!]\s+")


def read_nlm(text: str) -> StyleFields | None:
    """An NLM or AMA string (a PubMed citation line after the title), or None."""
    ids: dict[str, str | None] = {}
    core = text
    found = NLM_IDS.search(core)
    if found:
        ids.update(pmid=found.group("pmid"), pmcid=found.group("pmcid"))
        core = core[: found.start()]
    published = AMA_PUBLISHED.search(core)
    if published:
        core = core[: published.start()] + core[published.end() :]
    located = _citation_in(core)
    if located is None:
        return None
    start, citation = located
    authors, truncated, title = _nlm_authors(core[:start].strip())
    fields, extra = journal_citation_fields(citation, None, extra_prefix=EXTRA_PREFIX)
    if published and "epublished" not in fields:
        fields["epublished"] = parse_date_text(published.group("date"))
    fields.update(authors=authors, authors_truncated=truncated, extra=tuple(extra))
    if title.strip():
        fields.update(_title_fields(title))
    ids["doi"] = citation.doi
    return fields, ids


def _citation_in(text: str) -> tuple[int, CitationLine] | None:
    """Where the citation line starts (after a sentence end), and the line, or None."""
    for boundary in _SENTENCE_END.finditer(text):
        citation = parse_citation_line(text[boundary.end() :])
        if citation is None or citation.journal is None or not _journal_like(citation.journal):
            continue
        if citation.volume or citation.pages or citation.doi:
            return boundary.end(), citation
    return None


def _journal_like(name: str) -> bool:
    """An NLM journal abbreviation (``Int J Mol Sci``, no full stops), not a title run into one."""
    return not re.search(r"[,;.\"“”?!:]", name) and len(name.split()) <= 14


def _nlm_authors(head: str) -> tuple[tuple[Contributor, ...], bool, str]:
    """``Bui NL, Basappa, Lobie PE; Group. Title.``: PubMed's MEDLINE-form list up to the first
    full stop (its initials carry none), else whatever author list the free-text parser reads."""
    end = head.find(". ")
    listed = parse_author_list(head[:end]) if end > 0 else None
    if listed is not None:
        return listed.authors, listed.truncated, head[end + 2 :]
    return split_authors(head)


def _title_fields(text: str) -> dict[str, Any]:
    """The title, a ``[bracketed]`` one being NLM's mark of a translation."""
    title = _title(text)
    translated = unbracket_title(title)
    return {"title": translated, "title_translated": True} if translated is not None else {"title": title}


def _title(text: str) -> str:
    """``Title?.`` (the style's full stop after a question mark) -> ``Title?``; other titles lose their full stop."""
    title = text.strip()
    if re.search(r"[?!]\.$", title):
        return title[:-1]
    return title.rstrip(".").strip() if not title.endswith("..") else title


def read_mla(text: str) -> StyleFields | None:
    """An MLA string as PubMed prints it, or None."""
    match = MLA.match(text)
    if match is None:
        return None
    date = parse_date_text(match.group("date").strip())
    if date is None:
        return None
    authors, truncated = _mla_authors(match.group("authors"))
    fields: dict[str, Any] = {
        **_title_fields(match.group("title")),
        "authors": authors,
        "authors_truncated": truncated,
        "container": Container(title=match.group("journal").strip()),
        "volume": match.group("volume"),
        "issue": match.group("issue"),
        "published": date,
    }
    pages, doi = match.group("pages"), match.group("doi")
    if pages:
        fields["article_number" if is_article_number(pages, doi) else "pages"] = (
            pages if is_article_number(pages, doi) else parse_pages(pages)
        )
    if match.group("rest"):
        fields["extra"] = ((f"{EXTRA_PREFIX}:unparsed", match.group("rest")),)
    return fields, {"doi": doi.rstrip(".") if doi else None}


def _mla_authors(text: str) -> tuple[tuple[Contributor, ...], bool]:
    """``Richter, Patricia et al.``, ``Tanaka, Yoshiya, and Kazuyoshi Saito.``"""
    body = text.strip().rstrip(".")
    truncated = bool(re.search(r"\s+et al$", body))
    body = re.sub(r"\s+et al$", "", body)
    first, _, second = body.partition(", and ")
    people: list[Contributor] = [parse_inverted_name(first)]
    if second:
        given, _, family = second.strip().rpartition(" ")
        people.append(Person(family=family, given=given or None))
    return tuple(people), truncated


def read_apa(text: str) -> StyleFields | None:
    """An APA string as PubMed prints it (``Family, I. I., & Family, I. (2022). Title. Journal, 23(19), 11788. https://doi.org/...``)."""
    match = APA.match(text)
    if match is None:
        return None
    authors, truncated = _apa_authors(match.group("authors"))
    if not authors:
        return None
    fields: dict[str, Any] = {
        **_title_fields(match.group("title")),
        "authors": authors,
        "authors_truncated": truncated,
        "container": Container(title=match.group("journal").strip()),
        "volume": match.group("volume"),
        "issue": match.group("issue"),
        "published": parse_date_text(match.group("year")),
    }
    pages, doi = match.group("pages"), match.group("doi")
    if pages:
        if is_article_number(pages, doi):
            fields["article_number"] = pages
        else:
            fields["pages"] = parse_pages(pages)
    return fields, {"doi": doi.rstrip(".") if doi else None}


_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV|2nd|3rd|4th)\.?$")
_APA_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.\s?-?\s?)+$")


def _apa_authors(text: str) -> tuple[tuple[Contributor, ...], bool]:
    """``Bui, N. L., Pandey, V., Basappa, & Lobie, P. E.``: initials follow their family name;
    a name followed by another name is a mononym; ``. . .`` (the middle authors left out) cuts the list."""
    truncated = bool(re.search(r"\.\s\.\s\.|…", text))
    body = re.sub(r"\.\s\.\s\.|…", ",", text).replace("&", ",")
    tokens = [token.strip() for token in body.split(",") if token.strip()]
    people: list[Contributor] = []
    for token in tokens:
        if _SUFFIX.match(token) and people and isinstance(people[-1], Person):
            people[-1] = attrs.evolve(people[-1], suffix=token.rstrip("."))
        elif _APA_INITIALS.match(token) and people and isinstance(people[-1], Person) and people[-1].initials is None:
            people[-1] = Person(family=people[-1].family, initials=re.sub(r"[^A-Z]", "", token))
        elif not _APA_INITIALS.match(token):
            people.append(Person(family=token))
        else:
            return (), False
    return tuple(people), truncated
