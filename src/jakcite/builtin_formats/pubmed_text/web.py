"""The page and abstract-view layouts: the page head, then sections under their headings."""

from __future__ import annotations

import re

import attrs

from jakcite.builtin_formats.pubmed_text.draft import Draft
from jakcite.builtin_formats.pubmed_text.layout import PMID_LINE
from jakcite.builtin_formats.pubmed_text.people import (
    AFFILIATION_LINE,
    read_affiliations,
    read_collaborators,
    read_full_author_line,
    read_short_author_line,
)
from jakcite.builtin_formats.pubmed_text.sections import (
    add_abstract_paragraph,
    add_languages,
    parse_grant,
    read_abstract_body,
    read_epub_line,
    read_id_line,
    read_keywords,
    read_mesh,
    read_references,
    read_related,
    same_title,
    set_title,
)
from jakcite.builtin_formats.pubmed_text.vocabulary import (
    PUBLICATION_TYPES,
    RELATIONS,
    heading_of,
    is_banner,
    journal_name,
)
from jakcite.model import (
    Substance,
)
from jakcite.util.citation_lines import parse_citation_line


def read_web(lines: list[str], draft: Draft, layout: str) -> None:
    """Fill ``draft`` from a page or abstract-view record: the head, then each section."""
    sections: list[tuple[str, list[str]]] = [("top", [])]
    anchored = False  # headings before the citation line are page navigation ("Page navigation", "Display options")
    for line in lines:
        if is_banner(line):
            continue
        anchored = anchored or _is_anchor(line)
        name = heading_of(line)
        if name is not None:
            if anchored:
                sections.append((name, []))
            continue
        current, body = sections[-1]
        if current == "affiliations" and line and not AFFILIATION_LINE.match(line):
            sections[0][1].append(line)  # the page repeats title and author line after a collapsed list
            continue
        if current == "affiliation" and line and body:
            sections[0][1].append(line)
            continue
        body.append(line)
    for name, body in sections:
        _read_section(name, body, draft, layout)


def _is_anchor(line: str) -> bool:
    """The record proper has begun: its citation line or its ``PMID:`` line."""
    if PMID_LINE.match(line):
        return True
    citation = parse_citation_line(line) if re.search(r"\d{4}", line) else None
    return citation is not None and bool(citation.volume or citation.pages or citation.doi or line.startswith("."))


def _read_section(name: str, body: list[str], draft: Draft, layout: str) -> None:
    if name == "top":
        _read_top(body, draft, layout)
    elif name == "abstract":
        read_abstract_body(body, draft)
    elif name in ("affiliations", "affiliation"):
        read_affiliations(body, draft)
    elif name == "collaborators":
        read_collaborators(body, draft)
    elif name == "coi":
        draft.conflict.extend(line for line in body if line)
    elif name == "references":
        read_references(body, draft)
    elif name == "publication_types":
        draft.publication_types.extend(line for line in body if line)
    elif name == "mesh":
        read_mesh(body, draft, trailing_substances=layout == "abstract-view")
    elif name == "substances":
        draft.substances.extend(Substance(line) for line in body if line)
    elif name == "grants":
        draft.grants.extend(parse_grant(line) for line in body if line)
    elif name in RELATIONS:
        read_related(name, body, draft)
    elif name in ("supplementary_concepts", "associated_data"):
        key = "pubmed-text:" + name.replace("_", "-").replace("concepts", "concept")
        draft.extra.extend((key, line) for line in body if line)


def _read_top(body: list[str], draft: Draft, layout: str) -> None:
    """Publication type, journal, citation line, doi, title (maybe twice), author line, ids.

    What no rule recognises is the title, the abstract or page furniture: on the page the
    title follows the citation line (lines before it are buttons and links); in the abstract
    view it comes first.  After the title, such lines are abstract paragraphs.
    """
    leftovers: list[tuple[bool, str]] = []  # (after the citation line?, text)
    pending_journal: str | None = None
    journal_lines = _journal_line_indexes(body)
    for index, line in enumerate(body):
        if not line:
            continue
        if index in journal_lines:
            pending_journal = journal_name(line)
            continue
        if _read_top_line(line, draft, pending_journal):
            if draft.citation is not None:
                pending_journal = None
            continue
        leftovers.append((draft.citation is not None, line))
    if draft.citation is None and pending_journal:
        draft.journal_short = pending_journal
    _read_leftovers(leftovers, draft, layout)


def _read_top_line(line: str, draft: Draft, pending_journal: str | None) -> bool:
    """Recognise one line of the page head; False when no rule knows it."""
    if read_id_line(line, draft):
        return True
    permalink = re.match(r"^https?://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/?$", line)
    if permalink:
        draft.pmid = draft.pmid or permalink.group(1)
        return True
    citation = parse_citation_line(line) if draft.citation is None and re.search(r"\d{4}", line) else None
    if citation is not None and (citation.volume or citation.pages or citation.doi or line.startswith(".")):
        if citation.journal is None and pending_journal:
            citation = attrs.evolve(citation, journal=pending_journal)
        draft.citation = citation
        return True
    if re.match(r"^doi:\s*10\.", line, re.IGNORECASE):
        draft.doi = draft.doi or line.split(":", 1)[1].strip().rstrip(".")
        return True
    if read_epub_line(line, draft):
        return True
    if line.lower() in PUBLICATION_TYPES:
        draft.publication_types.append(line)
        return True
    language = re.match(r"^\[Article in ([^\]]+)\]\.?$", line)
    if language:
        add_languages(language.group(1), draft)
        return True
    if draft.citation is None and draft.title is None:
        return False
    return read_short_author_line(line, draft) or read_full_author_line(line, draft)


def _read_leftovers(leftovers: list[tuple[bool, str]], draft: Draft, layout: str) -> None:
    after = [text for is_after, text in leftovers if is_after]
    before = [text for is_after, text in leftovers if not is_after]
    if layout == "page":
        candidates = after or before[-1:]
        rest = after[1:] if after else []
    else:
        candidates = before or after
        rest = (before[1:] + after) if before else after[1:]
    if not candidates:
        return
    set_title(candidates[0], draft)
    for index, line in enumerate(rest):
        if draft.title is not None and same_title(line, draft.title):
            continue
        if read_short_author_line(line, draft) or read_full_author_line(line, draft, single=index == 0):
            continue
        if not read_keywords(line, draft):
            add_abstract_paragraph(line, draft)


def _journal_line_indexes(body: list[str]) -> set[int]:
    """Lines holding only the journal, right before a citation line that lacks it (``. 2021 Mar;8(1):e1.``)."""
    found: set[int] = set()
    previous: int | None = None
    for index, line in enumerate(body):
        if not line:
            continue
        if line.startswith(".") and previous is not None and parse_citation_line(line) is not None:
            candidate = body[previous]
            if _looks_like_journal(candidate) and candidate.lower() not in PUBLICATION_TYPES:
                found.add(previous)
        previous = index
    return found


def _looks_like_journal(line: str) -> bool:
    words = [w.strip("()[]") for w in line.rstrip(".").split()]
    return 0 < len(words) <= 8 and all(
        w and (w[0].isupper() or w.lower() in {"of", "and", "the", "&", "in"}) for w in words
    )
