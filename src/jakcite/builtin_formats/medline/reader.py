"""Read MEDLINE / PubMed ``.nbib`` files (``PMID- 12345``, 4-column tags, continuation lines).

A record is a run of tag lines (``TAG - value``, the tag padded to four characters) and
continuation lines (indented by six spaces, joined to the value with single spaces).
Records are separated by blank lines, or start at a second ``PMID-`` line.  Every tag
NLM documents is mapped onto the model (see ``docs/formats/medline.md``); a tag with no
model slot is kept in ``Record.extra`` as ``("medline:TAG", value)``.

Real files have quirks (JabRef's test files, hand edits): empty values, a missing space
after the dash (``PMID-123``, ``TI  -Title``), a tag with no dash at all, a stray paragraph
between records, a repeated single-valued tag.  Each is worked around with a warning, never
silently: the value is kept, in its field or in ``extra``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator

import attrs

from jakcite.builtin_formats.medline.vocabulary import (
    ABSTRACT_LABEL,
    HISTORY_TAGS,
    NAME_SUFFIXES,
    RELATION_BY_TAG,
    TAG_ORDER,
    TIMED_STATUSES,
    tag_rank,
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
    Substance,
    WorkType,
    normalize_doi,
    normalize_orcid,
    normalize_pmcid,
    normalize_pmid,
)
from jakcite.registry import ReadContext
from jakcite.sources import Source
from jakcite.util.article_numbers import is_article_number
from jakcite.util.dates import parse_date_text
from jakcite.util.names import initials_of, parse_medline_short_name
from jakcite.util.pages import parse_pages
from jakcite.util.titles import unbracket_title

__all__ = [
    "Field",
    "RawRecord",
    "bracketed_title",
    "build_record",
    "history_entry",
    "parse_abstract",
    "parse_compact_date",
    "parse_full_name",
    "parse_grant",
    "parse_history",
    "parse_mesh",
    "parse_related",
    "parse_short_name",
    "parse_substance",
    "read",
    "sort_extra",
    "split_full_name",
    "split_records",
    "split_short_name",
]

KNOWN_TAGS = frozenset(TAG_ORDER)
# A tag line: a tag of 2-4 characters, padding, a dash and (usually) one space.
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{1,3}) {0,3}-(?: (.*)|)$")
# Quirk forms accepted for known tags only: no space after the dash, or no dash at all.
_TAG_NO_SPACE = re.compile(r"^([A-Z][A-Z0-9]{1,3}) {0,3}-(\S.*)$")
_TAG_NO_DASH = re.compile(r"^([A-Z][A-Z0-9]{1,3})  +(\S.*)$")
# Single-valued tags whose repeats are joined (JabRef splits long titles over lines).
_JOINED_WHEN_REPEATED = frozenset({"TI", "BTI", "TT"})
_SINGLE_VALUED = {
    "VI": "volume",
    "IP": "issue",
    "JT": "journal",
    "TA": "nlm_abbreviation",
    "JID": "nlm_unique_id",
    "PL": "place",
    "PST": "publication_status",
    "COIS": "conflict_of_interest",
    "PB": "publisher",
    "EN": "edition",
    "CTI": "series",
    "PMC": "pmcid",
    "MID": "mid",
    "DP": "published",
    "DEP": "epublished",
    "PG": "pages",
    "CI": "copyright",
    "TI": "title",
    "BTI": "book_title",
    "TT": "vernacular_title",
}


@attrs.frozen
class Field:
    """One tag and its value (continuations joined), with the line it started on."""

    tag: str
    value: str
    line: int


@attrs.frozen
class RawRecord:
    """The fields of one record in file order, the line it starts on and lexing notes."""

    line: int
    fields: tuple[Field, ...]
    #: ``(line, message)`` for each quirk met while lexing.
    warnings: tuple[tuple[int, str], ...] = ()


# --------------------------------------------------------------------------- lexing


@attrs.define
class _Pending:
    tag: str
    parts: list[str]
    line: int

    def field(self) -> Field:
        return Field(self.tag, " ".join(p for p in self.parts if p), self.line)


def _classify(line: str) -> tuple[str, str | None, str, str | None]:
    """``(kind, tag, value, warning)`` for one line: kind is tag, cont, blank or stray."""
    if not line.strip():
        return "blank", None, "", None
    if line[0] in " \t":
        return "cont", None, line.strip(), None
    match = _TAG_LINE.match(line)
    if match:
        return "tag", match.group(1), (match.group(2) or "").strip(), None
    for pattern, what in ((_TAG_NO_SPACE, "no space after the dash"), (_TAG_NO_DASH, "no dash after the tag")):
        quirk = pattern.match(line)
        if quirk and quirk.group(1) in KNOWN_TAGS:
            return "tag", quirk.group(1), quirk.group(2).strip(), f"malformed tag line ({what}): {line.strip()!r}"
    return "stray", None, line.strip(), None


def split_records(lines: Iterable[str], context: ReadContext | None = None) -> Iterator[RawRecord]:
    """Group lines into records of :class:`Field` values, joining continuation lines.

    Records end at a blank line (at two, when every line end is doubled: see
    :func:`_doubled_line_ends`) or at a second ``PMID`` line.  A stray paragraph (no tag
    line at all) between records is reported to ``context`` and skipped; a stray line
    inside a record is joined to the field before it, with a warning.
    """
    iterator = iter(lines)
    head = list(itertools.islice(iterator, _HEAD_LINES))
    doubled = _doubled_line_ends(head)
    if doubled and context is not None:
        context.warn("every line end is doubled (a CRLF file converted twice): single blank lines ignored", line=2)
    grouper = _Grouper(context)
    blank_run = 0
    for number, raw in enumerate(itertools.chain(head, iterator), start=1):
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        kind, tag, value, warning = _classify(line)
        if kind == "blank":
            blank_run += 1
            if not doubled:
                yield from grouper.flush()
            continue
        if doubled and blank_run >= 2:
            yield from grouper.flush()
        blank_run = 0
        if kind == "tag":
            assert tag is not None
            yield from grouper.tag_line(tag, value, warning, number)
        else:
            grouper.untagged_line(kind, value, number)
    yield from grouper.flush()


@attrs.define
class _Grouper:
    """The record being gathered: its finished fields, the field still taking
    continuation lines, its lexing notes, and untagged text met before any tag."""

    context: ReadContext | None
    fields: list[Field] = attrs.Factory(list)
    warnings: list[tuple[int, str]] = attrs.Factory(list)
    pending: _Pending | None = None
    start: int = 0
    stray: list[tuple[int, str]] = attrs.Factory(list)

    def flush(self) -> Iterator[RawRecord]:
        """End the record: yield it if it has fields, else report stray text; start afresh."""
        if self.pending is not None:
            self.fields.append(self.pending.field())
            self.pending = None
        if self.fields:
            yield RawRecord(self.start, tuple(self.fields), tuple(self.warnings))
        elif self.stray and self.context is not None:
            line_no, text = self.stray[0]
            self.context.warn(f"text outside any MEDLINE record ignored: {text[:60]!r}", line=line_no)
        self.fields, self.warnings, self.stray = [], [], []

    def tag_line(self, tag: str, value: str, warning: str | None, number: int) -> Iterator[RawRecord]:
        """A tag line starts a field (and, a second ``PMID``, a record: the one before is yielded)."""
        if tag == "PMID" and _has_pmid(self.fields, self.pending):
            yield from self.flush()
        if self.pending is not None:
            self.fields.append(self.pending.field())
        elif not self.fields:
            self.start = number
        if self.stray and not self.fields and self.pending is None:
            self.warnings.append((self.stray[0][0], f"text before the first tag ignored: {self.stray[0][1][:60]!r}"))
            self.stray = []
        self.pending = _Pending(tag, [value], number)
        if warning:
            self.warnings.append((number, warning))

    def untagged_line(self, kind: str, value: str, number: int) -> None:
        """A continuation or stray line: joined to the open field, or set aside before any tag."""
        if self.pending is None:
            self.stray.append((number, value))
            return
        if kind == "stray":
            self.warnings.append((number, f"untagged line joined to {self.pending.tag}: {value[:60]!r}"))
        self.pending.parts.append(value)


_HEAD_LINES = 200


def _doubled_line_ends(head: list[str]) -> bool:
    """True when no two non-blank lines are ever adjacent: every line end was doubled.

    A CRLF file whose line ends were converted once more (``\r\r\n``) reads as text with
    a blank line after every line; real MEDLINE records always have adjacent lines.
    """
    filled = [bool(line.strip()) for line in head]
    tags = [m.group(1) for line in head if (m := _TAG_LINE.match(line.rstrip("\r\n")))]
    if len(tags) < 5 or any(a and b for a, b in itertools.pairwise(filled)):
        return False
    # One-line records separated by blank lines look the same: a tag that a record has
    # once (two DP lines, two TI lines) shows they are several records, unless records are
    # parted by the three blank lines a doubled record separator becomes.
    repeated = any(tags.count(tag) > 1 for tag in _ONCE_PER_RECORD)
    separators = any(not any(filled[i : i + 3]) for i in range(len(filled) - 2))
    return separators or not repeated


#: Tags a MEDLINE record carries at most once.
_ONCE_PER_RECORD = frozenset(_SINGLE_VALUED) | {"PMID"}


def _has_pmid(fields: list[Field], pending: _Pending | None) -> bool:
    return (pending is not None and pending.tag == "PMID") or any(f.tag == "PMID" for f in fields)


# --------------------------------------------------------------------------- value parsers

_LABEL_START = re.compile(rf"^({ABSTRACT_LABEL}): ")
_LABEL_SPLIT = re.compile(rf"(?<=[.!?]) ({ABSTRACT_LABEL}): ")


def parse_abstract(text: str) -> list[AbstractSection]:
    """One ``AB`` value as sections: ``BACKGROUND: x. METHODS: y.`` has two labelled ones.

    Only a value that starts with an upper-case label is split, and only at an upper-case
    label that follows the end of a sentence, so ordinary colons stay in the text.
    """
    first = _LABEL_START.match(text)
    if not first:
        return [AbstractSection(text)]
    sections: list[AbstractSection] = []
    label = first.group(1)
    pos = first.end()
    for match in _LABEL_SPLIT.finditer(text, pos):
        sections.append(AbstractSection(text[pos : match.start()], label=label))
        label, pos = match.group(1), match.end()
    sections.append(AbstractSection(text[pos:], label=label))
    return sections


_GRANT_ACRONYM = re.compile(r"^(?:[A-Z]{2}|[A-Z][A-Za-z0-9]*_)$")


def parse_grant(text: str) -> Grant:
    """``GR`` value ``id/acronym/agency/country`` (parts may be missing; ids may hold ``/``).

    Read from the right: the last part is the country and the one before it the agency
    (when there are at least two parts); the next one is the acronym when it has the form
    NLM gives acronyms (two capitals for NIH institutes, ``WT_`` style for others); the
    rest, slashes and all, is the grant ID.
    """
    parts = text.split("/")
    if len(parts) == 1:
        return Grant(id=parts[0])
    country, agency = parts[-1], parts[-2]
    rest = parts[:-2]
    acronym = None
    if rest and _GRANT_ACRONYM.match(rest[-1].strip()):
        acronym = rest.pop().strip()
    grant_id = "/".join(rest) if rest else None
    return Grant(id=grant_id, acronym=acronym, agency=agency, country=country)


def parse_mesh(text: str) -> MeshHeading:
    """``MH`` value: ``*Descriptor/qualifier/*qualifier`` (``*`` marks a major topic)."""
    descriptor, *qualifiers = text.split("/")
    major = descriptor.startswith("*")
    return MeshHeading(
        descriptor.lstrip("*"),
        major=major,
        qualifiers=tuple(MeshQualifier(q.lstrip("*"), major=q.startswith("*")) for q in qualifiers),
    )


_SUBSTANCE = re.compile(r"^(\S+(?: [\d.\-]+)?) \((.*)\)$")


def parse_substance(text: str) -> Substance:
    """``RN`` value: ``0 (Bacterial Proteins)``, ``EC 2.7.10.2 (Protein-Tyrosine Kinases)``."""
    match = _SUBSTANCE.match(text)
    if match:
        return Substance(match.group(2), registry_number=match.group(1))
    return Substance(text)


_RELATED_PMID = re.compile(r"^(.*?)\s*PMID:\s*(\d+)\s*$")


def parse_related(tag: str, text: str) -> RelatedWork:
    """``CIN``/``EIN``/... value: ``Citation text. PMID: 12345`` (the PMID may be absent)."""
    match = _RELATED_PMID.match(text)
    if match:
        return RelatedWork(RELATION_BY_TAG[tag], citation=match.group(1), pmid=match.group(2))
    return RelatedWork(RELATION_BY_TAG[tag], citation=text)


_HISTORY = re.compile(r"^(\d{4})(?:/(\d{1,2})(?:/(\d{1,2}))?)?(?:\s+(\d{1,2}):(\d{2}))?\s*\[([^\]]+)\]$")


def parse_history(text: str) -> HistoryDate:
    """``PHST`` value ``2020/07/16 00:00 [received]`` (time and day may be absent).

    MEDLINE prints ``00:00`` both for midnight and for no time at all; PubMed gives a real
    time only for the ``entrez`` and ``medline`` events, so ``00:00`` means "no time" for
    every other status (the XML agrees).
    """
    match = _HISTORY.match(text.strip())
    if not match:
        raise ValueError(f"not a history date: {text!r}")
    year, month, day, hour, minute, status = match.groups()
    date = PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    return history_entry(status.strip(), date, hour, minute)


def history_entry(status: str, date: PartialDate, hour: str | None, minute: str | None) -> HistoryDate:
    """A history entry, ``00:00`` read as "no time" except for timed statuses."""
    h = int(hour) if hour is not None else None
    m = int(minute) if minute is not None else None
    if h == 0 and m == 0 and status not in TIMED_STATUSES:
        h = m = None
    return HistoryDate(status, date, h, m)


_DISPLAY_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$")


def _parse_display_date(status: str, text: str) -> HistoryDate:
    match = _DISPLAY_DATE.match(text.strip())
    if not match:
        raise ValueError(f"not a date: {text!r}")
    year, month, day, hour, minute = match.groups()
    return history_entry(status, PartialDate(int(year), int(month), int(day)), hour, minute)


_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})?(\d{2})?$")


def parse_compact_date(text: str) -> PartialDate:
    """``DEP`` value ``20201005`` (or ``202010``, ``2020``)."""
    match = _COMPACT_DATE.match(text.strip())
    if not match:
        raise ValueError(f"not a YYYYMMDD date: {text!r}")
    year, month, day = match.groups()
    return PartialDate(int(year), int(month) if month else None, int(day) if day else None)


def split_full_name(text: str) -> tuple[str, str | None, str | None]:
    """``FAU``/``FED``/``FIR`` value as ``(family, given, suffix)``.

    Forms: ``Family, Given``, ``Family, Given Jr`` or ``Family, Given, Suffix``.
    """
    parts = [p.strip() for p in text.split(",")]
    family = parts[0] or text.strip()
    given = parts[1] if len(parts) > 1 and parts[1] else None
    suffix = ", ".join(p for p in parts[2:] if p) or None
    if given and suffix is None:
        words = given.split()
        if len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
            given, suffix = " ".join(words[:-1]), words[-1]
    return family, given, suffix


def parse_full_name(text: str) -> Person:
    """``FAU``/``FED``/``FIR`` value as a person (see :func:`split_full_name`)."""
    family, given, suffix = split_full_name(text)
    return Person(family=family, given=given, suffix=suffix)


def split_short_name(
    text: str, suffix: str | None = None, family: str | None = None
) -> tuple[str, str | None, str | None]:
    """``AU``/``ED``/``IR`` value ``Family AB`` (``Family AB Jr``) as ``(family, initials, suffix)``.

    ``suffix`` and ``family`` are what the full name (``FAU``) already gave: the suffix is
    taken off the end first, so that ``A III`` (family A, suffix III) is not read as the
    initials ``III``, and what follows the known family name is the initials (``van A``
    is the family name "van A" with no initials, not "van" with the initial A).
    """
    if suffix and text.endswith(" " + suffix):
        text = text[: -len(suffix) - 1]
    else:
        suffix = None
    if family and (text == family or text.startswith(family + " ")):
        return family, text[len(family) :].strip() or None, suffix
    person = parse_medline_short_name(text)
    return person.family, person.initials, suffix or person.suffix


def parse_short_name(text: str, suffix: str | None = None, family: str | None = None) -> Person:
    """``AU``/``ED``/``IR`` value as a person (see :func:`split_short_name`)."""
    family, initials, suffix = split_short_name(text, suffix, family)
    return Person(family=family, initials=initials, suffix=suffix)


_ID_WITH_TYPE = re.compile(r"^(.*?)\s*\[([^\]]+)\]$")


def bracketed_title(title: str | None) -> tuple[str | None, bool]:
    """``[Title in English].`` -> (``Title in English.``, True): NLM's mark of a translated
    title (see :func:`~jakcite.util.titles.unbracket_title`); other titles unchanged."""
    if not title:
        return title, False
    translated = unbracket_title(title)
    return (title, False) if translated is None else (translated, True)


# --------------------------------------------------------------------------- building


@attrs.define
class _PersonDraft:
    family: str | None = None
    given: str | None = None
    initials: str | None = None
    suffix: str | None = None
    orcid: str | None = None
    affiliations: list[str] = attrs.Factory(list)
    has_full: bool = False
    has_short: bool = False
    collective: bool = False

    def build(self) -> Contributor:
        assert self.family is not None
        if self.collective:
            return Collective(self.family, tuple(self.affiliations))
        initials = self.initials
        if initials is None and self.has_full and not self.has_short and self.given:
            initials = initials_of(self.given)  # no short form given: derive it as PubMed does
        return Person(
            family=self.family,
            given=self.given,
            initials=initials,
            suffix=self.suffix,
            orcid=self.orcid,
            affiliations=tuple(self.affiliations),
        )


@attrs.define
class _Builder:
    """Collects one record's fields; :meth:`record` assembles the model object."""

    warnings: list[tuple[int, str]] = attrs.Factory(list)
    single: dict[str, Field] = attrs.Factory(dict)
    extra: list[tuple[str, str]] = attrs.Factory(list)
    authors: list[_PersonDraft] = attrs.Factory(list)
    editors: list[_PersonDraft] = attrs.Factory(list)
    investigators: list[_PersonDraft] = attrs.Factory(list)
    current: _PersonDraft | None = None
    orphan_affiliations: list[str] = attrs.Factory(list)
    sections: list[AbstractSection] = attrs.Factory(list)
    other_abstracts: list[list[str | None]] = attrs.Factory(list)
    keywords: list[Keyword] = attrs.Factory(list)
    keyword_owner: str | None = None
    mesh: list[MeshHeading] = attrs.Factory(list)
    substances: list[Substance] = attrs.Factory(list)
    grants: list[Grant] = attrs.Factory(list)
    languages: list[str] = attrs.Factory(list)
    publication_types: list[str] = attrs.Factory(list)
    related: list[RelatedWork] = attrs.Factory(list)
    history: list[HistoryDate] = attrs.Factory(list)
    display_dates: list[Field] = attrs.Factory(list)
    pmid: str | None = None
    doi: str | None = None
    piis: list[str] = attrs.Factory(list)
    location_piis: list[str] = attrs.Factory(list)
    isbn: list[str] = attrs.Factory(list)
    other_ids: list[tuple[str, str]] = attrs.Factory(list)
    issn: dict[str, str] = attrs.Factory(dict)

    def keep(self, tag: str, value: str) -> None:
        """Keep a value with no model slot in ``extra``."""
        self.extra.append((f"medline:{tag}", value))

    def warn(self, field: Field, message: str) -> None:
        self.warnings.append((field.line, f"{field.tag}: {message}"))

    # ------------------------------------------------------------------ dispatch

    def add(self, field: Field) -> None:
        """Route one field to its handler."""
        tag, value = field.tag, field.value
        if not value:
            self.warn(field, "empty value ignored")
            return
        handler = _HANDLERS.get(tag)
        if handler is not None:
            handler(self, field)
        elif tag in RELATION_BY_TAG:
            self.related.append(parse_related(tag, value))
        elif tag in HISTORY_TAGS:
            self.display_dates.append(field)
        elif tag in _SINGLE_VALUED:
            self.add_single(field)
        else:
            self.keep(tag, value)

    def add_single(self, field: Field) -> None:
        previous = self.single.get(field.tag)
        if previous is None:
            self.single[field.tag] = field
        elif field.tag in _JOINED_WHEN_REPEATED:
            self.warn(field, "repeated; joined to the first value")
            self.single[field.tag] = Field(field.tag, f"{previous.value} {field.value}", previous.line)
        else:
            self.warn(field, "repeated; later value kept in extra")
            self.keep(field.tag, field.value)

    # ------------------------------------------------------------------ contributors

    def _people(self, tag: str) -> list[_PersonDraft]:
        if tag in ("FED", "ED"):
            return self.editors
        if tag in ("FIR", "IR"):
            return self.investigators
        return self.authors

    def _new(self, people: list[_PersonDraft], draft: _PersonDraft) -> None:
        if people is self.authors and self.orphan_affiliations:
            draft.affiliations.extend(self.orphan_affiliations)
            self.orphan_affiliations.clear()
        people.append(draft)
        self.current = draft

    def full_name(self, field: Field) -> None:
        """``FAU``/``FED``/``FIR``: ``Family, Given`` starts a person."""
        family, given, suffix = split_full_name(field.value)
        draft = _PersonDraft(family, given, None, suffix, has_full=True)
        self._new(self._people(field.tag), draft)

    def short_name(self, field: Field) -> None:
        """``AU``/``ED``/``IR``: ``Family AB`` gives the initials of the person just started."""
        people = self._people(field.tag)
        draft = self.current
        follows_full = draft is not None and people and people[-1] is draft and draft.has_full and not draft.has_short
        known = draft if follows_full else None
        family, initials, suffix = split_short_name(
            field.value, known.suffix if known else None, known.family if known else None
        )
        if follows_full and draft is not None:
            draft.has_short = True
            draft.initials = initials
            if draft.suffix is None:
                draft.suffix = suffix
            return
        self._new(people, _PersonDraft(family, None, initials, suffix, has_short=True))

    def collective(self, field: Field) -> None:
        """``CN``: a corporate author."""
        self._new(self.authors, _PersonDraft(field.value, collective=True))

    def affiliation(self, field: Field) -> None:
        """``AD``/``IRAD``: an affiliation of the contributor just named."""
        if self.current is None:
            if field.tag == "AD":
                self.orphan_affiliations.append(field.value)
            else:
                self.warn(field, "investigator affiliation before any investigator kept in extra")
                self.keep(field.tag, field.value)
            return
        self.current.affiliations.append(field.value)

    def author_id(self, field: Field) -> None:
        """``AUID``: ``ORCID: 0000-...`` of the contributor just named."""
        source, _, ident = field.value.partition(":")
        draft = self.current
        if source.strip().upper() == "ORCID" and draft is not None and not draft.collective and draft.orcid is None:
            try:
                draft.orcid = normalize_orcid(ident.strip())
            except ValueError as exc:
                self.warn(field, f"{exc}; kept in extra")
                self.keep(field.tag, field.value)
        else:
            self.keep(field.tag, field.value)

    # ------------------------------------------------------------------ lists

    def abstract_text(self, field: Field) -> None:
        """``AB``: a (possibly labelled) abstract; a second ``AB`` adds sections."""
        self.sections.extend(parse_abstract(field.value))

    def other_abstract(self, field: Field) -> None:
        """``OAB`` starts another abstract; ``OABL`` gives its language."""
        if field.tag == "OAB":
            self.other_abstracts.append([field.value, None])
        elif self.other_abstracts and self.other_abstracts[-1][1] is None:
            self.other_abstracts[-1][1] = field.value
        else:
            self.keep(field.tag, field.value)

    def keyword(self, field: Field) -> None:
        """``OTO`` sets the owner of the ``OT`` keywords that follow it."""
        if field.tag == "OTO":
            self.keyword_owner = field.value
            return
        term = field.value
        # One leading ``*`` marks a major keyword; a lone ``*`` is the keyword itself.
        major = term.startswith("*") and bool(term[1:].strip())
        self.keywords.append(Keyword(term[1:] if major else term, major=major, owner=self.keyword_owner))

    def mesh_heading(self, field: Field) -> None:
        """``MH``: ``Descriptor/qualifier`` with ``*`` majors."""
        self.mesh.append(parse_mesh(field.value))

    def substance(self, field: Field) -> None:
        """``RN``: registry number and name."""
        self.substances.append(parse_substance(field.value))

    def grant(self, field: Field) -> None:
        """``GR``: grant parts."""
        self.grants.append(parse_grant(field.value))

    def language(self, field: Field) -> None:
        """``LA``."""
        self.languages.append(field.value)

    def publication_type(self, field: Field) -> None:
        """``PT``."""
        self.publication_types.append(field.value)

    def history_date(self, field: Field) -> None:
        """``PHST``: one dated event."""
        try:
            self.history.append(parse_history(field.value))
        except ValueError as exc:
            self.warn(field, f"{exc}; kept in extra")
            self.keep(field.tag, field.value)

    # ------------------------------------------------------------------ identifiers

    def pubmed_id(self, field: Field) -> None:
        """``PMID``: a PMID that is not a positive number is kept in extra, with a warning."""
        if self.pmid is not None:
            self.warn(field, "second PMID kept in extra")
            self.keep(field.tag, field.value)
            return
        try:
            self.pmid = normalize_pmid(field.value)
        except ValueError as exc:
            self.warn(field, f"{exc}; kept in extra")
            self.keep(field.tag, field.value)

    def pmc_id(self, field: Field) -> None:
        """``PMC``: checked here, so that a malformed one is kept (in extra) with its line."""
        try:
            normalize_pmcid(field.value)
        except ValueError as exc:
            self.warn(field, f"{exc}; kept in extra")
            self.keep(field.tag, field.value)
            return
        self.add_single(field)

    def issn_line(self, field: Field) -> None:
        """``IS``: ``1234-5678 (Print)``, ``(Electronic)`` or ``(Linking)``."""
        match = re.match(r"^(\S+)\s*\((Print|Electronic|Linking)\)$", field.value)
        if match and match.group(2) not in self.issn:
            self.issn[match.group(2)] = match.group(1)
        else:
            self.keep(field.tag, field.value)

    def isbn_line(self, field: Field) -> None:
        """``ISBN``."""
        self.isbn.append(field.value)

    def article_id(self, field: Field) -> None:
        """``LID``/``AID``: ``value [doi]``, ``value [pii]``, ``value [bookaccession]``..."""
        match = _ID_WITH_TYPE.match(field.value)
        if match:
            value, kind = match.group(1).strip(), match.group(2).strip().lower()
        else:
            value, kind = field.value, "doi" if _looks_like_doi(field.value) else ""
            if kind:
                self.warn(field, "identifier without [type] read as a DOI")
        if kind == "doi":
            try:
                doi = normalize_doi(value)
            except ValueError as exc:
                self.warn(field, f"{exc}; kept in extra")
                self.keep(field.tag, field.value)
                return
            if self.doi is None:
                self.doi = doi
            elif doi != self.doi and ("doi", doi) not in self.other_ids:
                self.other_ids.append(("doi", doi))  # a further DOI, as PubMed XML's reader keeps it
        elif kind == "pii":
            if field.tag == "LID":
                self.location_piis.append(value)
            if not self.piis:
                self.piis.append(value)
            elif value != self.piis[0] and ("pii", value) not in self.other_ids:
                self.other_ids.append(("pii", value))
        elif kind:
            if (kind, value) not in self.other_ids:
                self.other_ids.append((kind, value))
        else:
            self.keep(field.tag, field.value)

    # ------------------------------------------------------------------ assembly

    def record(self) -> Record:
        """The model record from everything collected."""
        for text in self.orphan_affiliations:
            self.keep("AD", text)
        value = self._value
        kind, title, container_title = self._kind_and_titles()
        title, translated = bracketed_title(title)
        is_book = kind in (WorkType.BOOK, WorkType.CHAPTER)
        place = value("PL")
        container = self._container(container_title, None if is_book else place)
        pages, article_number = self._pages()
        return Record(
            type=kind,
            title=title,
            title_translated=translated,
            vernacular_title=value("TT"),
            authors=tuple(d.build() for d in self.authors),
            editors=tuple(d.build() for d in self.editors),
            investigators=tuple(d.build() for d in self.investigators),
            container=container,
            volume=value("VI"),
            issue=value("IP"),
            pages=pages,
            article_number=article_number,
            publisher=value("PB"),
            publisher_place=place if is_book else None,
            edition=value("EN"),
            published=self._date("DP", parse_date_text),
            epublished=self._date("DEP", parse_compact_date),
            history=self._history(),
            ids=Identifiers(
                pmid=self.pmid,
                pmcid=value("PMC"),
                doi=self.doi,
                pii=self.piis[0] if self.piis else None,
                mid=value("MID"),
                isbn=tuple(self.isbn),
                others=tuple(self.other_ids),
            ),
            abstract=self._abstract(),
            other_abstracts=tuple(
                Abstract((AbstractSection(text),), language=lang) for text, lang in self.other_abstracts if text
            ),
            keywords=tuple(self.keywords),
            mesh=tuple(self.mesh),
            substances=tuple(self.substances),
            grants=tuple(self.grants),
            publication_types=tuple(self.publication_types),
            languages=tuple(self.languages),
            publication_status=value("PST"),
            related=tuple(self.related),
            conflict_of_interest=value("COIS"),
            extra=sort_extra(self.extra),
        )

    def _kind_and_titles(self) -> tuple[WorkType, str | None, str | None]:
        """``(type, title, container title)``: ``BTI`` alone is a book, ``TI`` + ``BTI`` a chapter."""
        title, book_title, journal = self._value("TI"), self._value("BTI"), self._value("JT")
        if book_title and journal:
            self.keep("JT", journal)  # a book has no journal: keep the value, not the slot
        if book_title and title:
            return WorkType.CHAPTER, title, book_title
        if book_title:
            return WorkType.BOOK, book_title, None
        return WorkType.JOURNAL_ARTICLE, title, journal

    def _container(self, title: str | None, country: str | None) -> Container | None:
        container = Container(
            title=title,
            nlm_abbreviation=self._value("TA"),
            issn_print=self.issn.get("Print"),
            issn_electronic=self.issn.get("Electronic"),
            issn_linking=self.issn.get("Linking"),
            nlm_unique_id=self._value("JID"),
            country=country,
            series=self._value("CTI"),
        )
        return container if any(attrs.astuple(container, recurse=False)) else None

    def _value(self, tag: str) -> str | None:
        field = self.single.get(tag)
        return field.value if field is not None else None

    def _date(self, tag: str, parse: Callable[[str], PartialDate | None]) -> PartialDate | None:
        field = self.single.get(tag)
        if field is None:
            return None
        try:
            date = parse(field.value)
        except ValueError as exc:
            date = None
            self.warn(field, f"{exc}")
        if date is None:
            self.warn(field, "no date could be read; value kept in extra")
            self.keep(tag, field.value)
        return date

    def _pages(self) -> tuple[Pages | None, str | None]:
        text = self._value("PG")
        if text is None:
            # No pagination: the location pii is the article number (as PubMed XML's ELocationID).
            return None, self.location_piis[0] if self.location_piis else None
        if is_article_number(text, self.location_piis or self.piis):
            return None, text
        return parse_pages(text), None

    def _abstract(self) -> Abstract | None:
        copyright_text = self._value("CI")
        if not self.sections:
            if copyright_text:
                self.keep("CI", copyright_text)
            return None
        return Abstract(tuple(self.sections), copyright=copyright_text)

    def _history(self) -> tuple[HistoryDate, ...]:
        """PHST events, plus EDAT/MHDA/CRDT when they add an event PHST lacks."""
        history = list(self.history)
        for field in self.display_dates:
            status = HISTORY_TAGS[field.tag]
            try:
                entry = _parse_display_date(status, field.value)
            except ValueError as exc:
                self.warn(field, f"{exc}; kept in extra")
                self.keep(field.tag, field.value)
                continue
            same = [h for h in history if h.status == status]
            if not same:
                history.append(entry)
            elif entry not in same:
                self.keep(field.tag, field.value)
        return tuple(history)


def _looks_like_doi(text: str) -> bool:
    try:
        normalize_doi(text)
    except ValueError:
        return False
    return True


def sort_extra(extra: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """``medline:`` extras in PubMed tag order (stable within a tag; unknown tags last, in order)."""
    return tuple(sorted(extra, key=lambda kv: tag_rank(kv[0].partition(":")[2])))


_HANDLERS = {
    "PMID": _Builder.pubmed_id,
    "PMC": _Builder.pmc_id,
    "FAU": _Builder.full_name,
    "FED": _Builder.full_name,
    "FIR": _Builder.full_name,
    "AU": _Builder.short_name,
    "ED": _Builder.short_name,
    "IR": _Builder.short_name,
    "CN": _Builder.collective,
    "AD": _Builder.affiliation,
    "IRAD": _Builder.affiliation,
    "AUID": _Builder.author_id,
    "AB": _Builder.abstract_text,
    "OAB": _Builder.other_abstract,
    "OABL": _Builder.other_abstract,
    "OTO": _Builder.keyword,
    "OT": _Builder.keyword,
    "MH": _Builder.mesh_heading,
    "RN": _Builder.substance,
    "GR": _Builder.grant,
    "LA": _Builder.language,
    "PT": _Builder.publication_type,
    "PHST": _Builder.history_date,
    "IS": _Builder.issn_line,
    "ISBN": _Builder.isbn_line,
    "LID": _Builder.article_id,
    "AID": _Builder.article_id,
}


def build_record(raw: RawRecord) -> tuple[Record, list[tuple[int, str]]]:
    """The record for one group of fields, and the warnings met building it.

    A bad value costs its field, not the record: a value the model refuses (a PMID that
    is not a number, an empty MeSH descriptor, a related work's PMID 0) is kept in
    ``extra`` as ``("medline:TAG", value)`` with a warning naming the tag and line.
    Raises ``ValueError`` only when the fields cannot make a record at all.
    """
    builder = _Builder(warnings=list(raw.warnings))
    for field in raw.fields:
        try:
            builder.add(field)
        except (ValueError, TypeError) as exc:
            builder.warn(field, f"{exc}; kept in extra")
            builder.keep(field.tag, field.value)
    try:
        record = builder.record()
    except TypeError as exc:
        raise ValueError(str(exc)) from exc
    return record, builder.warnings


def read(source: Source, context: ReadContext) -> Iterator[Record]:
    """Stream the records of a MEDLINE file; a bad value is kept in extra with a warning."""
    seen_tag = False
    index = 0
    with source.open_text() as stream:
        for raw in split_records(stream, context):
            seen_tag = True
            try:
                record, warnings = build_record(raw)
            except ValueError as exc:
                context.fail(f"bad value: {exc}", line=raw.line, record=index)
                index += 1
                continue
            for line, warning in warnings:
                context.warn(warning, line=line, record=index)
            yield attrs.evolve(
                record,
                provenance=context.provenance(
                    line=raw.line, index=index, warnings=tuple(f"line {line}: {text}" for line, text in warnings)
                ),
            )
            index += 1
    if not seen_tag and context.diagnostics:
        raise context.error("no MEDLINE tag lines found (expected lines such as 'PMID- 12345')", line=1)
