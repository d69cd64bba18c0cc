"""The "Abstract (text)" layout (efetch ``rettype=abstract``): blank-line separated blocks."""

from __future__ import annotations

import re

from jakcite.builtin_formats.pubmed_text.draft import Draft
from jakcite.builtin_formats.pubmed_text.layout import NUMBERED_CITATION
from jakcite.builtin_formats.pubmed_text.people import read_author_information, read_collaborators, read_medline_authors
from jakcite.builtin_formats.pubmed_text.sections import (
    add_languages,
    labelled_lines,
    read_id_line,
    read_keywords,
    read_related,
    set_title,
)
from jakcite.builtin_formats.pubmed_text.vocabulary import RELATIONS, heading_of
from jakcite.util.citation_lines import parse_citation_line


def read_abstract_text(lines: list[str], draft: Draft) -> None:
    """Fill ``draft`` from one numbered record: citation, title, authors, affiliations, abstract, ids."""
    blocks = _blocks(lines)
    if not blocks:
        return
    header = blocks.pop(0)
    numbered = NUMBERED_CITATION.match(header[0])
    citation_text = " ".join([numbered.group(2) if numbered else header[0], *header[1:]])
    draft.citation = parse_citation_line(citation_text)
    if draft.citation is None:
        draft.notes.append(f"citation line not understood: {citation_text[:80]}")
    state = "title"
    for block in blocks:
        joined = " ".join(block)
        if _read_abstract_text_block(block, joined, draft, state):
            state = "body" if state == "title" and draft.title is not None else state
            continue
        if state == "title":
            set_title(joined, draft)
            state = "authors"
        elif state == "authors" and read_medline_authors(joined, draft):
            state = "body"
        else:
            state = "body"
            if read_keywords(joined, draft):
                continue
            if _is_copyright(joined):
                draft.copyright = joined
            else:
                draft.abstract.extend(labelled_lines(block))


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _read_abstract_text_block(block: list[str], joined: str, draft: Draft, state: str) -> bool:
    """Blocks recognised by their first words, wherever they stand."""
    first = block[0]
    language = re.match(r"^\[Article in ([^\]]+)\]\.?$", joined)
    if language:
        add_languages(language.group(1), draft)
        return True
    if first.startswith("Author information:"):
        read_author_information(block, draft)
        return True
    if first.startswith("Collaborators:"):
        read_collaborators([joined], draft)
        return True
    if re.match(r"^Conflict of interest statement:", first, re.IGNORECASE):
        draft.conflict.append(joined.split(":", 1)[1].strip())
        return True
    heading = heading_of(first)
    if heading is not None and heading in RELATIONS:
        read_related(heading, block[1:], draft)
        return True
    if all(re.match(r"^(?:PMID|PMCID|DOI|Bookshelf ID):", line, re.IGNORECASE) for line in block):
        for line in block:
            read_id_line(line, draft)
        return True
    if state != "title" and re.match(r"^Keywords?:", first, re.IGNORECASE):
        return read_keywords(joined, draft)
    return False


def _is_copyright(text: str) -> bool:
    """``Copyright © 2018 ...``, ``© The Author(s) 2021.``, ``Wiley Periodicals, Inc. © 2019 ILAE.``"""
    return bool(
        re.match(r"^(?:Copyright\b|©|\(c\)\s|Published by\b)", text, re.IGNORECASE)
        or (len(text) < 400 and ("©" in text or re.search(r"\ball rights reserved\.?$", text, re.IGNORECASE)))
    )
