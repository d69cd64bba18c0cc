"""The sections recognised by their headings: abstract, keywords, MeSH, grants, references, links."""

from __future__ import annotations

import re

import attrs

from jakcite.builtin_formats.pubmed_text.draft import Draft
from jakcite.builtin_formats.pubmed_text.vocabulary import LANGUAGES
from jakcite.model import (
    AbstractSection,
    Grant,
    Keyword,
    MeshHeading,
    MeshQualifier,
    Record,
    RelatedWork,
    Substance,
    WorkType,
)
from jakcite.util.citation_lines import AHEAD, ECOLLECTION, EPUB
from jakcite.util.reference_strings import parse_reference


def set_title(line: str, draft: Draft) -> None:
    """The title; ``[A translated title].`` loses its brackets and is marked as translated."""
    title = line.strip()
    if title.startswith("[") and title.rstrip(".").endswith("]"):
        draft.translated = True
        title = title.rstrip(".")[1:-1].strip()
        if line.rstrip().endswith("]."):
            title += "."
    draft.title = title


def same_title(line: str, title: str) -> bool:
    """True when ``line`` repeats ``title`` (the page shows the title twice)."""

    def norm(text: str) -> str:
        return re.sub(r"[\W_]+", " ", text).strip().lower()

    return norm(line) == norm(title)


def read_epub_line(line: str, draft: Draft) -> bool:
    """``Epub 2021 Feb 12.`` / ``eCollection`` / ``Online ahead of print`` on a line of their own."""
    if not re.match(r"^(?:Epub|eCollection|Online ahead of print|Print)\b", line, re.IGNORECASE):
        return False
    if draft.citation is not None:
        epub = EPUB.search(line)
        ecollection = ECOLLECTION.search(line)
        draft.citation = attrs.evolve(
            draft.citation,
            epub=draft.citation.epub or (epub.group("date") if epub else None),
            ecollection=draft.citation.ecollection or (ecollection.group("date") if ecollection else None),
            ahead_of_print=draft.citation.ahead_of_print or bool(AHEAD.search(line)),
        )
    return True


_ID_PART = re.compile(r"\b(PMID|PMCID|DOI|Bookshelf ID):\s*(\S+)", re.IGNORECASE)


def read_id_line(line: str, draft: Draft) -> bool:
    """``PMID: 36233086 PMCID: PMC9570383 DOI: 10.3390/ijms231911788`` (any of them, any order)."""
    if not re.match(r"^(?:PMID|PMCID|DOI|Bookshelf ID):\s*\S", line, re.IGNORECASE):
        return False
    for kind, value in _ID_PART.findall(line):
        kind = kind.upper()
        value = value.rstrip(".,;")
        if kind == "PMID":
            draft.pmid = value  # checked with the other ids: a malformed one is kept in extra
        elif kind == "PMCID":
            draft.pmcid = value
        elif kind == "DOI":
            draft.doi = value
        else:
            draft.extra.append((f"pubmed-text:{kind}", value))
    if re.search(r"\[Indexed for MEDLINE\]", line, re.IGNORECASE):
        draft.extra.append(("pubmed-text:status", "Indexed for MEDLINE"))
    elif re.search(r"\[PubMed[^\]]*\]", line):
        draft.extra.append(("pubmed-text:status", re.search(r"\[(PubMed[^\]]*)\]", line).group(1)))  # type: ignore[union-attr]
    return True


_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z'’/&,\- ]{1,60}?):\s+")


_INLINE_LABEL = re.compile(r"(?<=[.!?])\s+(?P<label>[A-Z][a-z]+(?:[ -](?:[a-z]+|of|and)){0,3}|[A-Z][A-Z/& ]{2,40}):\s+")


def read_abstract_body(body: list[str], draft: Draft) -> None:
    """The lines under ``Abstract``: labelled or plain paragraphs, keywords, copyright."""
    for paragraph in (line for line in body if line):  # the page prints each paragraph on one line
        if not read_keywords(paragraph, draft):
            add_abstract_paragraph(paragraph, draft)


def add_abstract_paragraph(paragraph: str, draft: Draft) -> None:
    """A copyright line, or abstract sections (split at their labels)."""
    if re.match(r"^(?:Copyright\b|©|\(c\)\s|Published by\b)", paragraph, re.IGNORECASE):
        draft.copyright = paragraph
    else:
        draft.abstract.extend(split_abstract(paragraph))


_LINE_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9'’/&,()\- ]{1,60}?):\s+")
_SENTENCE_STARTERS = {"they", "these", "this", "we", "it", "there", "those", "our", "in", "for", "to", "as", "at", "by"}


def labelled_lines(block: list[str]) -> list[AbstractSection]:
    """An abstract printed one section per line (``BACKGROUND: ...``, wrapped): split at line-start labels.

    A block whose first line has no label is one unlabelled section; ``ABSTRACT:`` is not
    a section label (NLM keeps it in the text).
    """
    first = _LINE_LABEL.match(block[0])
    if first and (first.group("label").lower() == "abstract" or len(first.group("label").split()) > 6):
        return [AbstractSection(" ".join(block))]
    upper = first.group("label").isupper() if first else True
    opens = first is not None and _starts_section(first.group("label"), "", upper)
    sections: list[tuple[str | None, list[str]]] = [] if opens else [(None, [])]
    previous = ""
    for line in block:
        match = _LINE_LABEL.match(line)
        if match and _starts_section(match.group("label"), previous, upper):
            sections.append((match.group("label"), [line[match.end() :]]))
        else:
            sections[-1][1].append(line)
        previous = line
    return [AbstractSection(" ".join(lines), label=label) for label, lines in sections]


def _starts_section(label: str, previous: str, upper: bool) -> bool:
    """A line-start label opens a section: same case as the first label, and a full NLM-style
    label (``RESULTS``) or one after a finished sentence (not ``(95%`` / ``CI: ...``)."""
    words = label.split()
    if len(words) > 6 or words[0].lower() in _SENTENCE_STARTERS or label.isupper() != upper:
        return False
    if not previous or re.search(r"[.!?][)\]\"”’]?$", previous):
        return True
    # "METHOD: Case-report" ends without a full stop; a wrapped full line does not end a section
    return upper and sum(c.isalpha() for c in label) >= 3 and len(previous) < 60


def split_abstract(text: str) -> list[AbstractSection]:
    """``Introduction: ... Area covered: ...`` -> labelled sections; unlabelled text stays whole.

    Only a paragraph that starts with a label is split, and only at a label that follows
    the end of a sentence, so ordinary colons stay in the text.
    """
    first = _LABEL.match(text)
    if not first or len(first.group("label").split()) > 6 or first.group("label").lower() == "abstract":
        return [AbstractSection(text)]
    sections: list[AbstractSection] = []
    label, pos = first.group("label"), first.end()
    for match in _INLINE_LABEL.finditer(text, pos):
        if match.group("label").split()[0].lower() in _SENTENCE_STARTERS:
            continue  # "They were: ..." is a sentence, not a section
        sections.append(AbstractSection(text[pos : match.start()], label=label))
        label, pos = match.group("label").strip(), match.end()
    sections.append(AbstractSection(text[pos:], label=label))
    return sections


def read_keywords(paragraph: str, draft: Draft) -> bool:
    """``Keywords: a; b; c.`` into keywords; False when the paragraph is something else."""
    match = re.match(r"^Keywords?:\s*(.*)$", paragraph, re.IGNORECASE)
    if not match:
        return False
    terms = match.group(1).strip().rstrip(".")
    draft.keywords.extend(Keyword(term) for term in re.split(r"\s*;\s*", terms) if term.strip())
    return True


def read_mesh(body: list[str], draft: Draft, *, trailing_substances: bool = False) -> None:
    """``Descriptor / qualifier*`` lines.

    With ``trailing_substances`` (the abstract view), a second list after a blank line is
    the substance list, which that view prints without its heading.
    """
    by_descriptor: dict[str, MeshHeading] = {}
    order: list[str] = []
    seen_blank_after_items = False
    for line in body:
        if not line:
            seen_blank_after_items = trailing_substances and bool(order)
            continue
        if seen_blank_after_items:
            draft.substances.append(Substance(line))
            continue
        descriptor, *qualifiers = [part.strip() for part in line.split(" / ")]
        major = descriptor.endswith("*")
        descriptor = descriptor.rstrip("*").strip()
        heading = by_descriptor.get(descriptor) or MeshHeading(descriptor)
        heading = attrs.evolve(
            heading,
            major=heading.major or major,
            qualifiers=heading.qualifiers
            + tuple(MeshQualifier(q.rstrip("*").strip(), major=q.endswith("*")) for q in qualifiers),
        )
        if descriptor not in by_descriptor:
            order.append(descriptor)
        by_descriptor[descriptor] = heading
    draft.mesh.extend(by_descriptor[d] for d in order)


def parse_grant(line: str) -> Grant:
    """``R01 AR012345/AR/NIAMS NIH HHS/United States`` (the MEDLINE ``GR`` form, as the page shows it)."""
    parts = [p.strip() for p in line.split("/")]
    if len(parts) >= 4:
        return Grant(id="/".join(parts[:-3]), acronym=parts[-3], agency=parts[-2], country=parts[-1])
    if len(parts) == 3:
        return Grant(id=parts[0], agency=parts[1], country=parts[2])
    return Grant(id=line) if re.search(r"\d", line) else Grant(agency=line)


_REFERENCE_START = re.compile(r"^(?:\[?(\d{1,4})[.)\]]\s+)(\S.*)$")


#: The page's link buttons after a reference (``- DOI - PMC - PubMed``): not part of the reference.
_LINK_WORDS = re.compile(r"(?:\s+-\s+(?:DOI|PMC|PubMed|Free PMC article|Free article|Google Scholar))+\s*$")


def read_references(body: list[str], draft: Draft) -> None:
    """Numbered reference lines, each parsed; a string that cannot be parsed is kept as text."""
    items: list[str] = []
    for line in body:
        if not line:
            continue
        match = _REFERENCE_START.match(line)
        if match:
            items.append(match.group(2))
        elif items:
            items[-1] += " " + line
        else:
            items.append(line)
    for item in (_LINK_WORDS.sub("", item) for item in items):
        try:
            draft.references.append(parse_reference(item))
        except (ValueError, TypeError) as exc:  # never drop a cited work: keep its text
            draft.references.append(Record(type=WorkType.OTHER, reference_text=item))
            draft.notes.append(f"reference not parsed, kept as text: {exc}")


def read_related(relation: str, body: list[str], draft: Draft) -> None:
    """One item per line in the text layout; on the page an item runs over lines up to its ``PMID:``."""
    if not any(re.search(r"\bPMID:\s*\d+", line) for line in body):
        for line in body:
            if line:
                _add_related(relation, line, draft)
        return
    pending: list[str] = []
    for line in body:
        if not line:
            continue
        pending.append(line)
        if re.search(r"\bPMID:\s*\d+", line):
            _add_related(relation, " ".join(pending), draft)
            pending = []
    if pending:
        _add_related(relation, " ".join(pending), draft)


def _add_related(relation: str, text: str, draft: Draft) -> None:
    """One related work; with a PMID the model refuses (``PMID: 0``) it is kept whole in extra."""
    pmid = re.search(r"\bPMID:\s*(\d+)", text)
    citation = re.sub(r"\s*\bPMID:\s*\d+.*$", "", text).strip() or text
    try:
        draft.related.append(RelatedWork(relation, citation=citation, pmid=pmid.group(1) if pmid else None))
    except ValueError as exc:
        draft.extra.append((f"pubmed-text:{relation}", text))
        draft.notes.append(f"{relation}: {exc}; the item is kept as extra data")


def add_languages(text: str, draft: Draft) -> None:
    """``German`` -> ``ger``; an unknown language name is kept in ``extra``."""
    for name in re.split(r"\s*(?:,\s*|\band\b)\s*", text):
        name = name.strip().rstrip(".")
        if not name:
            continue
        code = LANGUAGES.get(name.lower())
        if code:
            draft.languages.append(code)
        else:
            draft.extra.append(("pubmed-text:language", name))
