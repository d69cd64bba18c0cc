"""Write records as MEDLINE (PubMed ``.nbib``): the form NIH's My Bibliography, Zotero, EndNote
and systematic-review tools import.

Each value is written as ``TAG - value`` (the tag padded to four characters), wrapped at
88 columns with six-space continuation lines as PubMed does, in PubMed's tag order.  Any
record can be written, not only one read from MEDLINE: a DOI becomes ``LID``/``AID``,
an ISSN ``IS``, a book ``BTI``.  What MEDLINE has no slot for is listed in the format's
declared coverage (``jakcite.builtin_formats.medline.coverage``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from jakcite.builtin_formats.medline.vocabulary import (
    ABSTRACT_LABEL,
    NAME_SUFFIXES,
    TAG_BY_RELATION,
    TIMED_STATUSES,
    tag_rank,
)
from jakcite.errors import FormatError, WriteError
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Contributor,
    Grant,
    HistoryDate,
    MeshHeading,
    PartialDate,
    Person,
    Record,
    RelatedWork,
    RichText,
    Substance,
    WorkType,
)
from jakcite.util.article_numbers import is_article_number
from jakcite.util.date_wording import date_words
from jakcite.util.mojibake import repair_mojibake
from jakcite.util.names import initials_of

__all__ = [
    "DEFAULT_WIDTH",
    "as_written",
    "format_abstract",
    "format_compact_date",
    "format_date",
    "format_full_name",
    "format_grant",
    "format_history",
    "format_lines",
    "format_mesh",
    "format_short_name",
    "format_substance",
    "medline_fields",
    "medline_kind",
    "one_line",
    "write",
]

DEFAULT_WIDTH = 88
INDENT = " " * 6
_LABEL = re.compile(rf"^{ABSTRACT_LABEL}$")
_LABEL_SPACING = re.compile(rf"((?:^|(?<=[.!?]) )(?:{ABSTRACT_LABEL}):)\s{{2,}}")
_LINE_BREAKS = re.compile(r"\s*[\r\n\t\f\v\u2028\u2029]\s*")

Line = tuple[str, str]
_COMMAS = re.compile(r"\s*,\s*")


# --------------------------------------------------------------------------- value formats


def one_line(text: str) -> str:
    """A value on one logical line: line breaks and tabs (with the space around them) become one space."""
    return _LINE_BREAKS.sub(" ", text).strip()


def format_date(date: PartialDate) -> str:
    """``DP`` form: ``2019 Sep 3``, ``2000 Spring``, ``2019 Sep-Oct`` (the literal when kept)."""
    if date.literal:
        return date.literal
    text = date_words(date)
    if date.end is not None:
        end = date.end
        end_text = date_words(end)
        if end.year == date.year and (end.month is not None or end.season is not None):
            end_text = end_text.split(" ", 1)[1]
        text = f"{text}-{end_text}"
    return text


def _numbered(date: PartialDate, separator: str) -> str:
    """Year, month and day in digits, as far as the date has them: ``2020/07/16``, ``2020/07``."""
    text = f"{date.year:04d}"
    if date.month is not None:
        text += f"{separator}{date.month:02d}"
        if date.day is not None:
            text += f"{separator}{date.day:02d}"
    return text


def format_compact_date(date: PartialDate) -> str:
    """``DEP`` form: ``20201005`` (``202010``, ``2020`` for partial dates)."""
    return _numbered(date, "")


def _time(entry: HistoryDate) -> str | None:
    if entry.hour is None:
        return None if entry.status in TIMED_STATUSES else "00:00"
    return f"{entry.hour:02d}:{entry.minute or 0:02d}"


def _stamp(entry: HistoryDate) -> str:
    """``2020/07/16 00:00``: the date and, when MEDLINE prints one, the time."""
    time = _time(entry)
    return f"{_numbered(entry.date, '/')}{' ' + time if time else ''}"


def format_history(entry: HistoryDate) -> str:
    """``PHST`` form: ``2020/07/16 00:00 [received]``."""
    return f"{_stamp(entry)} [{entry.status}]"


def _display_date(entry: HistoryDate) -> str | None:
    """``EDAT``/``MHDA``/``CRDT`` form ``2020/10/07 06:00`` (needs a full date)."""
    if entry.date.day is None:
        return None
    return _stamp(entry)


def _name_with_particles(person: Person) -> str:
    name = " ".join(p for p in (person.dropping_particle, person.particle, person.family) if p)
    # The comma parts family from given name in FAU: one inside a family name
    # (``{Hunt, III}`` in BibTeX) would move the rest into the given name.
    return _COMMAS.sub(" ", name).strip()


def _suffix_inline(suffix: str | None) -> bool:
    return suffix is not None and suffix.lower().rstrip(".") in NAME_SUFFIXES


def format_full_name(person: Person) -> str:
    """``FAU`` form: ``Family, Given`` (``Family, Given Jr``; ``Family, Given, III MD`` otherwise)."""
    text = _name_with_particles(person)
    given = (person.given or "").rstrip(", ")  # a trailing comma would read as an empty suffix
    if given:
        text += f", {given}"
    if person.suffix:
        if given and _suffix_inline(person.suffix):
            text += f" {person.suffix}"
        else:
            text += f", {person.suffix}" if given else f", , {person.suffix}"
    return text


def format_short_name(person: Person) -> str:
    """``AU`` form: ``Family GM`` (initials from the given names when none are stored)."""
    initials = person.initials or (initials_of(person.given) if person.given else None)
    suffix = person.suffix
    words = person.given.split() if person.given else []
    if suffix is None and len(words) > 1 and _suffix_inline(words[-1]):
        suffix = words[-1]  # "Jaime Jr" (PubMed XML puts it in ForeName): FAU will read it as the suffix
    parts = [_name_with_particles(person), initials or "", suffix or ""]
    return " ".join(p for p in parts if p)


def format_grant(grant: Grant) -> str:
    """``GR`` form: ``id/acronym/agency/country`` with missing parts left out.

    Spaces around a slash are dropped (``C490/A10124 /CRUK_``): the reader splits at every
    slash and the model trims each part, so they could not survive anyway.
    """
    text = "/".join(p for p in (grant.id, grant.acronym, grant.agency, grant.country) if p)
    return re.sub(r"\s*/\s*", "/", text)


def format_mesh(heading: MeshHeading) -> str:
    """``MH`` form: ``*Descriptor/qualifier/*qualifier``."""
    parts = [("*" if heading.major else "") + heading.descriptor]
    parts += [("*" if q.major else "") + q.name for q in heading.qualifiers]
    return "/".join(parts)


def format_substance(substance: Substance) -> str:
    """``RN`` form: ``registry (name)``; the name alone when there is no registry number."""
    if substance.registry_number is None:
        return substance.name
    return f"{substance.registry_number} ({substance.name})"


def format_related(related: RelatedWork) -> tuple[str, str] | None:
    """``(tag, value)`` for a related work, or None when MEDLINE has no tag for its relation."""
    tag = TAG_BY_RELATION.get(related.relation)
    if tag is None:
        return None
    text = related.citation or ""
    if related.pmid:
        text = f"{text} PMID: {related.pmid}".strip()
    return (tag, text) if text else None


def _sentence_end(text: str) -> bool:
    return text.rstrip()[-1:] in (".", "!", "?")


def format_abstract(sections: Iterable[AbstractSection]) -> list[str]:
    """``AB`` values for an abstract's sections.

    Labelled sections share one ``AB`` (``BACKGROUND: x. METHODS: y.``) as PubMed prints
    them, as long as the reader can split them again: every label upper-case and every
    section but the last ending a sentence.  Otherwise each section gets its own ``AB``.
    """
    parts = list(sections)
    inline = (
        len(parts) > 1
        and all(s.label and _LABEL.match(s.label) for s in parts)
        and all(_sentence_end(str(s.text)) for s in parts[:-1])
    )
    texts = [f"{s.label}: {one_line(str(s.text))}" if s.label else one_line(str(s.text)) for s in parts]
    # Where a reader will split at a label, one space after it: the section it starts
    # begins at its first word, and writing that section gives ``LABEL: word`` again.
    texts = [_LABEL_SPACING.sub(r"\1 ", text) for text in texts]
    return [" ".join(texts)] if inline else texts


def _bracketed(title: str) -> str:
    return f"[{title[:-1]}]." if title.endswith(".") else f"[{title}]"


# --------------------------------------------------------------------------- record -> lines


def _contributor_lines(people: Iterable[Contributor], full: str, short: str, affiliation: str) -> list[Line]:
    lines: list[Line] = []
    for person in people:
        if isinstance(person, Collective):
            lines.append(("CN", person.name) if full == "FAU" else (full, person.name))
            if full != "FAU":
                lines.append((short, person.name))
        else:
            lines.append((full, format_full_name(person)))
            lines.append((short, format_short_name(person)))
            if person.orcid:
                lines.append(("AUID", f"ORCID: {person.orcid}"))
        lines.extend((affiliation, a) for a in person.affiliations)
    return lines


def _keyword_lines(record: Record) -> list[Line]:
    lines: list[Line] = []
    owner: str | None = None
    for keyword in record.keywords:
        if keyword.owner is not None and keyword.owner != owner:
            lines.append(("OTO", keyword.owner))
        owner = keyword.owner if keyword.owner is not None else owner
        lines.append(("OT", ("*" if keyword.major else "") + keyword.term))
    return lines


def _other_abstract_lines(abstracts: Iterable[Abstract]) -> list[Line]:
    lines: list[Line] = []
    for abstract in abstracts:
        lines.append(("OAB", " ".join(format_abstract(abstract.sections))))
        if abstract.language:
            lines.append(("OABL", abstract.language))
    return lines


def _location_id_lines(record: Record) -> list[Line]:
    """``LID`` lines: the location (an article-number pii, the DOI)."""
    lid: list[Line] = []
    location_pii = _location(record)[1]
    if location_pii:
        lid.append(("LID", f"{location_pii} [pii]"))
    if record.ids.doi:
        lid.append(("LID", f"{record.ids.doi} [doi]"))
    return lid


def _article_id_lines(record: Record) -> list[Line]:
    """``AID`` lines: every article identifier (pii, DOI, others)."""
    ids = record.ids
    aid: list[Line] = []
    if ids.pii:
        aid.append(("AID", f"{ids.pii} [pii]"))
    if ids.doi:
        aid.append(("AID", f"{ids.doi} [doi]"))
    aid.extend(("AID", f"{value} [{kind}]") for kind, value in ids.others)
    return aid


def _history_lines(record: Record, extra_tags: set[str]) -> list[Line]:
    lines: list[Line] = []
    for tag, status in (("EDAT", "pubmed"), ("MHDA", "medline"), ("CRDT", "entrez")):
        entry = next((h for h in record.history if h.status == status), None)
        if entry is not None and tag not in extra_tags:
            text = _display_date(entry)
            if text:
                lines.append((tag, text))
    lines.extend(("PHST", format_history(h)) for h in record.history)
    return lines


def medline_kind(record: Record) -> WorkType:
    """What MEDLINE can say the record is: a book (BTI), a chapter (TI and BTI) or an article."""
    if record.type == WorkType.BOOK and record.title:
        return WorkType.BOOK
    if record.type == WorkType.CHAPTER and record.title and record.container and record.container.title:
        return WorkType.CHAPTER
    return WorkType.JOURNAL_ARTICLE


def _title_lines(record: Record) -> list[Line]:
    title = one_line(record.title.text) if record.title else None
    if title and record.title_translated:
        title = _bracketed(title)
    container = record.container
    lines: list[Line] = []
    kind = medline_kind(record)
    if kind == WorkType.BOOK and title:
        lines.append(("BTI", title))
    elif title:
        lines.append(("TI", title))
        if kind == WorkType.CHAPTER and container and container.title:
            lines.append(("BTI", container.title))
    return lines


def _location(record: Record) -> tuple[str | None, str | None]:
    """``(PG value, LID pii)`` as the reader will take them back.

    A single page that is an article number (``e0180707``, or the pii itself) is one; an
    article number that is the pii is said by ``LID - pii [pii]`` alone (PubMed's form for
    articles without pagination), any other by ``PG``.
    """
    pii = record.ids.pii
    text = (record.pages.printed or record.pages.range) if record.pages else None
    number = None if record.pages else record.article_number
    if text and is_article_number(text, [pii] if pii else []):
        number, text = text, None
    if number and number == pii:
        return None, pii
    return text or number, None


def _place(record: Record) -> str | None:
    if medline_kind(record) in (WorkType.BOOK, WorkType.CHAPTER):
        return record.publisher_place
    return record.container.country if record.container else None


def _abstract_lines(record: Record) -> list[Line]:
    if record.abstract is None:
        return []
    lines: list[Line] = [("AB", text) for text in format_abstract(record.abstract.sections)]
    if record.abstract.copyright:
        lines.append(("CI", record.abstract.copyright))
    return lines


def medline_fields(record: Record) -> list[Line]:
    """The ``(tag, value)`` lines of one record, in PubMed's order.

    Each block of lines goes where its anchor tag ranks (in the order of the blocks
    within a rank), and each ``medline:`` extra where its tag ranks, after the blocks.
    """
    extra = [(k.partition(":")[2], v) for k, v in record.extra if k.startswith("medline:")]
    extra_tags = {tag for tag, _ in extra}
    blocks = [
        *_publication_blocks(record),
        *_content_blocks(record),
        *_journal_blocks(record),
        *_indexing_blocks(record, extra_tags),
    ]
    ranked: list[tuple[int, int, Line]] = []
    for order, (anchor, lines) in enumerate(blocks):
        ranked.extend((tag_rank(anchor), order, line) for line in lines)
    tail = len(blocks)
    ranked.extend((tag_rank(tag), tail + i, (tag, value)) for i, (tag, value) in enumerate(extra))
    ranked.sort(key=lambda item: (item[0], item[1]))
    lines = [(tag, as_written(value)) for _, _, (tag, value) in ranked if value]
    return [(tag, value) for tag, value in lines if value]


#: A block of lines and the tag whose rank places it.
_Block = tuple[str, list[Line]]


def _issn_lines(record: Record) -> list[Line]:
    container = record.container
    return [
        ("IS", f"{issn} ({kind})")
        for issn, kind in (
            (container.issn_print if container else None, "Print"),
            (container.issn_electronic if container else None, "Electronic"),
            (container.issn_linking if container else None, "Linking"),
        )
        if issn
    ]


def _publication_blocks(record: Record) -> list[_Block]:
    """PMID, publisher, ISSNs and ISBNs, volume, issue, dates, edition and series."""
    container = record.container
    return [
        ("PMID", [("PMID", record.ids.pmid)] if record.ids.pmid else []),
        ("PB", [("PB", record.publisher)] if record.publisher else []),
        ("IS", _issn_lines(record)),
        ("ISBN", [("ISBN", isbn) for isbn in record.ids.isbn]),
        ("VI", [("VI", record.volume)] if record.volume else []),
        ("IP", [("IP", record.issue)] if record.issue else []),
        ("DP", [("DP", format_date(record.published))] if record.published else []),
        ("EN", [("EN", record.edition)] if record.edition else []),
        ("CTI", [("CTI", container.series)] if container and container.series else []),
    ]


def _content_blocks(record: Record) -> list[_Block]:
    """Title, pagination, location, abstract, people, languages, grants, types, Epub date."""
    return [
        ("TI", _title_lines(record)),
        ("PG", [("PG", p)] if (p := _location(record)[0]) else []),
        ("LID", _location_id_lines(record)),
        ("AB", _abstract_lines(record)),
        ("FED", _contributor_lines(record.editors, "FED", "ED", "AD")),
        ("FAU", _contributor_lines(record.authors, "FAU", "AU", "AD")),
        ("LA", [("LA", lang) for lang in record.languages]),
        ("GR", [("GR", format_grant(g)) for g in record.grants if format_grant(g)]),
        ("PT", [("PT", pt) for pt in record.publication_types]),
        ("DEP", [("DEP", format_compact_date(record.epublished))] if record.epublished else []),
    ]


def _journal_blocks(record: Record) -> list[_Block]:
    """Vernacular title, place, journal abbreviation, title and NLM ID."""
    container = record.container
    book = medline_kind(record) in (WorkType.BOOK, WorkType.CHAPTER)
    vernacular = record.vernacular_title or _plain(record.transliterated_title)
    return [
        ("TT", [("TT", one_line(vernacular.text))] if vernacular else []),
        ("PL", [("PL", pl)] if (pl := _place(record)) else []),
        ("TA", [("TA", ta)] if container and (ta := container.nlm_abbreviation or container.iso_abbreviation) else []),
        ("JT", [("JT", container.title)] if container and container.title and not book else []),
        ("JID", [("JID", container.nlm_unique_id)] if container and container.nlm_unique_id else []),
    ]


def _indexing_blocks(record: Record, extra_tags: set[str]) -> list[_Block]:
    """Substances, relations, MeSH, other abstracts, PMC/MID, keywords, conflicts,
    investigators, history, article IDs and status."""
    ids = record.ids
    return [
        ("RN", [("RN", format_substance(s)) for s in record.substances]),
        ("CON", [line for r in record.related if (line := format_related(r))]),
        ("MH", [("MH", format_mesh(m)) for m in record.mesh]),
        ("OAB", _other_abstract_lines(record.other_abstracts)),
        ("PMC", [("PMC", ids.pmcid)] if ids.pmcid else []),
        ("MID", [("MID", mid)] if (mid := ids.mid or ids.nihmsid) else []),
        ("OTO", _keyword_lines(record)),
        ("COIS", [("COIS", record.conflict_of_interest)] if record.conflict_of_interest else []),
        ("FIR", _contributor_lines(record.investigators, "FIR", "IR", "IRAD")),
        ("EDAT", _history_lines(record, extra_tags)),
        ("AID", _article_id_lines(record)),
        ("PST", [("PST", record.publication_status)] if record.publication_status else []),
    ]


def as_written(value: str) -> str:
    """One line, double-encoded UTF-8 (``Â©``) repaired: as every text reader reads it back."""
    return repair_mojibake(one_line(value))[0]


def _plain(text: str | None) -> RichText | None:
    return RichText.plain(text) if text else None


def format_lines(tag: str, value: str, width: int = DEFAULT_WIDTH) -> Iterator[str]:
    """One value as its tag line and continuation lines, wrapped at ``width`` columns.

    Lines break only at a single space between two words, so that a reader joining the
    lines with one space gets the value back exactly; a word longer than a line stays whole.
    """
    prefix = f"{tag:<4}- "
    if not value:
        yield prefix.rstrip()
        return
    if width <= 0 or len(prefix) + len(value) <= width:
        yield prefix + value
        return
    room = width - len(INDENT)
    rest = value
    first = True
    while rest:
        limit = room
        if len(rest) <= limit:
            yield (prefix if first else INDENT) + rest
            return
        cut = _break_point(rest, limit)
        yield (prefix if first else INDENT) + rest[:cut]
        rest = rest[cut + 1 :]
        first = False


def _single_space(text: str, index: int) -> bool:
    """A space with no other whitespace (``\u2009``, no-break space...) on either side."""
    return 0 < index < len(text) - 1 and not text[index - 1].isspace() and not text[index + 1].isspace()


def _break_point(text: str, limit: int) -> int:
    """Index of a single space (between two non-spaces) at or before ``limit``, else the first one after."""
    index = text.rfind(" ", 0, limit + 1)
    while index > 0:
        if _single_space(text, index):
            return index
        index = text.rfind(" ", 0, index)
    index = text.find(" ", limit + 1)
    while index != -1:
        if _single_space(text, index):
            return index
        index = text.find(" ", index + 1)
    return len(text)


def write(records: Iterable[Record], out: TextIO, /, *, width: int | str = DEFAULT_WIDTH, **options: Any) -> None:
    """Write records as MEDLINE, a blank line before each record (as PubMed does).

    ``width`` is the column at which lines wrap (0: never wrap).
    """
    if options:
        raise TypeError(f"unknown MEDLINE writer options: {', '.join(sorted(options))}")
    try:
        columns = int(width)
    except (TypeError, ValueError):
        raise FormatError(f"medline option width must be a whole number of columns, got {width!r}") from None
    for record in records:
        try:
            lines = medline_fields(record)
        except (ValueError, TypeError, AttributeError) as exc:
            raise WriteError(f"{record.label()}: cannot write as MEDLINE: {exc}") from exc
        if not lines:
            lines = [("TI", "")]  # an empty record stays a record: one empty tag line
        out.write("\n")
        for tag, value in lines:
            for line in format_lines(tag, value, columns):
                out.write(line + "\n")
