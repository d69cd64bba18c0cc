"""The central bibliographic model: small frozen attrs classes, no format knowledge.

Every reader produces :class:`Record` objects and every writer consumes them.  The model
is rich enough for everything PubMed says about a work, so that no reader has to throw
data away; anything a source carries that has no slot here goes into ``Record.extra``.

Validators reject impossible values (month 13, malformed DOI, non-numeric PMID) when an
object is built; converters normalise at the boundary (``"PMC123"`` and ``"123"`` are the
same PMCID, ``"https://doi.org/10.1/x"`` is the DOI ``"10.1/x"``).  Change an object with
:func:`attrs.evolve`.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from attrs import field, frozen

__all__ = [
    "Abstract",
    "AbstractSection",
    "Collective",
    "Container",
    "Contributor",
    "Grant",
    "HistoryDate",
    "Identifiers",
    "Keyword",
    "Mark",
    "MeshHeading",
    "MeshQualifier",
    "Pages",
    "PartialDate",
    "Person",
    "Provenance",
    "Record",
    "RelatedWork",
    "RichText",
    "Season",
    "Segment",
    "Substance",
    "WorkType",
    "normalize_doi",
    "normalize_pmcid",
    "normalize_pmid",
]


# --------------------------------------------------------------------------- helpers


def _tuple(value: Iterable[Any] | None) -> tuple[Any, ...]:
    """Converter: any iterable (or None) to a tuple, so frozen records stay hashable."""
    # Converters run for every field of every record, defaults included (a PubMed record
    # cites some fifteen works, each a record): the common cases come first and cost one test.
    if type(value) is tuple:
        return value
    if value is None:
        return ()
    if isinstance(value, (str, bytes)):
        raise TypeError(f"expected a sequence, got a string: {value!r}")
    return tuple(value)


def _opt_str(value: object) -> str | None:
    """Converter: strip strings; empty strings become None (an absent value, not '')."""
    if value is None:
        return None
    text = value.strip() if type(value) is str else str(value).strip()
    return text or None


def _strip(value: str) -> str:
    return value.strip() if type(value) is str else str(value).strip()


def _non_empty(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value or not value.strip():
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must not be empty")


# --------------------------------------------------------------------------- rich text


class Mark(enum.Enum):
    """Inline formatting a span of title or abstract text can carry."""

    ITALIC = "i"
    BOLD = "b"
    SUPERSCRIPT = "sup"
    SUBSCRIPT = "sub"
    UNDERLINE = "u"
    SMALL_CAPS = "sc"
    #: Text that must keep its case (CSL ``nocase``, BibTeX braces around a word).
    NOCASE = "nocase"


def _marks(value: Iterable[Mark | str]) -> frozenset[Mark]:
    if not value:
        return _NO_MARKS
    return frozenset(Mark(m) for m in value)


_NO_MARKS: frozenset[Mark] = frozenset()


@frozen
class Segment:
    """A run of text with one set of marks."""

    text: str
    marks: frozenset[Mark] = field(default=frozenset(), converter=_marks)


def _segments(value: Iterable[Segment | str]) -> tuple[Segment, ...]:
    """Normalise: strings become plain segments, empty runs vanish, equal neighbours merge.

    This makes equality meaningful: the same text with the same marks compares equal
    however a reader happened to split it.
    """
    merged: list[Segment] = []
    for item in value:
        seg = Segment(item) if isinstance(item, str) else item
        if not seg.text:
            continue
        if merged and merged[-1].marks == seg.marks:
            merged[-1] = Segment(merged[-1].text + seg.text, seg.marks)
        else:
            merged.append(seg)
    return tuple(merged)


@frozen
class RichText:
    """Text with inline markup (italics, super/subscript...), in a format-neutral form.

    Writers turn it into LaTeX, HTML or plain text (see :mod:`jakcite.markup`).
    ``str(rich)`` is the plain text.
    """

    segments: tuple[Segment, ...] = field(default=(), converter=_segments)

    @classmethod
    def plain(cls, text: str) -> RichText:
        """Rich text with no markup."""
        return cls((Segment(text),))

    @property
    def text(self) -> str:
        """The plain text, markup dropped."""
        return "".join(s.text for s in self.segments)

    @property
    def has_markup(self) -> bool:
        """True when any segment carries a mark."""
        return any(s.marks for s in self.segments)

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.segments)

    def strip(self) -> RichText:
        """The same text without leading and trailing whitespace."""
        segments = self.segments
        if not segments or not (segments[0].text[0].isspace() or segments[-1].text[-1].isspace()):
            return self  # segments are never empty, so nothing to strip (the common case)
        segs = list(segments)
        while segs and not segs[0].text.strip():
            segs.pop(0)
        while segs and not segs[-1].text.strip():
            segs.pop()
        if not segs:
            return RichText()
        segs[0] = attrs.evolve(segs[0], text=segs[0].text.lstrip())
        segs[-1] = attrs.evolve(segs[-1], text=segs[-1].text.rstrip())
        return RichText(segs)


def _rich_required(value: RichText | str | None) -> RichText:
    return _rich(value) or RichText()


def _rich(value: RichText | str | None) -> RichText | None:
    """Converter: plain strings become unmarked rich text; empty text becomes None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return RichText.plain(text) if text else None
    return value.strip() or None


# --------------------------------------------------------------------------- dates


class Season(enum.Enum):
    """A season in place of a month, as journals print them."""

    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"
    WINTER = "winter"


def _season(value: Season | str | None) -> Season | None:
    if value is None or isinstance(value, Season):
        return value
    text = value.strip().lower()
    return Season("autumn" if text == "fall" else text)


@frozen
class PartialDate:
    """A date that may lack its month or day, or carry a season instead of a month.

    ``literal`` keeps the original wording for dates the parts cannot say exactly
    (``"2019 Sep-Oct"``, ``"1998 Dec-1999 Jan"``); ``end`` is the end of a range.
    """

    year: int = field()
    month: int | None = field(default=None)
    day: int | None = field(default=None)
    season: Season | None = field(default=None, converter=_season)
    end: PartialDate | None = None
    literal: str | None = field(default=None, converter=_opt_str)

    @year.validator
    def _check_year(self, _: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not -9999 <= value <= 9999:
            raise ValueError(f"year must be an integer between -9999 and 9999, got {value!r}")

    @month.validator
    def _check_month(self, _: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and not 1 <= value <= 12:
            raise ValueError(f"month must be 1-12, got {value!r}")

    @day.validator
    def _check_day(self, _: attrs.Attribute[int | None], value: int | None) -> None:
        if value is None:
            return
        if self.month is None:
            raise ValueError("a day needs a month")
        last = calendar.monthrange(self.year if self.year > 0 else 2000, self.month)[1]
        if not 1 <= value <= last:
            raise ValueError(f"day must be 1-{last} for {self.year}-{self.month:02d}, got {value}")

    @season.validator
    def _check_season(self, _: attrs.Attribute[Season | None], value: Season | None) -> None:
        if value is not None and self.month is not None:
            raise ValueError("a date has a month or a season, not both")

    def __str__(self) -> str:
        """The literal when the source gave one, else ISO (``2020-03``), with a season or a range."""
        if self.literal:
            return self.literal
        text = self.iso()
        if self.season is not None:
            text = f"{text} {self.season.value}"
        return f"{text}/{self.end}" if self.end is not None else text

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the season is not representable)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


@frozen
class HistoryDate:
    """A dated event in a record's history (received, accepted, pubmed, medline...)."""

    status: str = field(validator=_non_empty)
    date: PartialDate
    hour: int | None = None
    minute: int | None = None


# --------------------------------------------------------------------------- identifiers

_DOI_RE = re.compile(r"^10\.\d{3,9}(\.\d+)*/\S+$")
_DOI_PREFIXES = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE)
_ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def normalize_doi(value: str) -> str:
    """Strip ``doi:``/resolver prefixes and trailing punctuation; validate the shape.

    The ``10.`` prefix is always lower-case; the suffix keeps its case (DOIs compare
    case-insensitively, but people read the registered form).
    """
    if _DOI_RE.fullmatch(value) and value[-1] not in ".,;":
        return value  # already in normal form (readers normalise once, the model checks again)
    text = _DOI_PREFIXES.sub("", value.strip()).strip().rstrip(".,;")
    text = re.sub(r"\s+", "", text)
    if text[:3].lower() == "10.":
        text = "10." + text[3:]
    if not _DOI_RE.match(text):
        raise ValueError(f"malformed DOI {value!r} (expected 10.NNNN/suffix)")
    return text


def normalize_pmid(value: str | int) -> str:
    """A PMID is a positive integer; kept as its decimal string."""
    if type(value) is str and value.isascii() and value.isdigit() and value[0] != "0":
        return value  # already in normal form, the common case
    text = str(value).strip()
    if text.lower().startswith("pmid:"):
        text = text[5:].strip()
    if not text.isdigit() or int(text) == 0:
        raise ValueError(f"PMID must be a positive number, got {value!r}")
    return str(int(text))


_PMCID = re.compile(r"PMC\d+")


def normalize_pmcid(value: str | int) -> str:
    """``PMC`` followed by digits; a bare number gets the prefix."""
    if type(value) is str and _PMCID.fullmatch(value):
        return value  # already in normal form
    text = str(value).strip().upper()
    if text.startswith("PMCID:"):
        text = text[6:].strip()
    if text.isdigit():
        text = "PMC" + text
    if not _PMCID.fullmatch(text):
        raise ValueError(f"PMCID must look like PMC1234567, got {value!r}")
    return text


def normalize_orcid(value: str) -> str:
    """The 16-character ORCID iD, without resolver prefix."""
    text = value.strip()
    text = re.sub(r"^(?:https?://)?(?:www\.)?orcid\.org/", "", text, flags=re.IGNORECASE)
    compact = text.replace("-", "").replace(" ", "").upper()
    if len(compact) == 16:
        text = "-".join(compact[i : i + 4] for i in range(0, 16, 4))
    if not _ORCID_RE.match(text):
        raise ValueError(f"malformed ORCID {value!r}")
    return text


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _opt_doi(value: str | None) -> str | None:
    return None if value is None or _is_blank(value) else normalize_doi(value)


def _opt_pmid(value: str | int | None) -> str | None:
    return None if value is None or _is_blank(value) else normalize_pmid(value)


def _opt_pmcid(value: str | int | None) -> str | None:
    return None if value is None or _is_blank(value) else normalize_pmcid(value)


def _opt_orcid(value: str | None) -> str | None:
    return None if value is None or _is_blank(value) else normalize_orcid(value)


@frozen
class Identifiers:
    """Identifiers of a work, each normalised and validated.

    ``others`` keeps any further identifier as ``(type, value)`` pairs (``("isbn", ...)``,
    ``("arxiv", ...)``), in source order.
    """

    pmid: str | None = field(default=None, converter=_opt_pmid)
    pmcid: str | None = field(default=None, converter=_opt_pmcid)
    doi: str | None = field(default=None, converter=_opt_doi)
    pii: str | None = field(default=None, converter=_opt_str)
    nihmsid: str | None = field(default=None, converter=_opt_str)
    mid: str | None = field(default=None, converter=_opt_str)
    isbn: tuple[str, ...] = field(default=(), converter=_tuple)
    others: tuple[tuple[str, str], ...] = field(default=(), converter=_tuple)

    def __bool__(self) -> bool:
        return any(attrs.astuple(self, recurse=False))


# --------------------------------------------------------------------------- people


@frozen
class Person:
    """A named person. ``family`` is required; everything else is optional.

    ``particle`` is a non-dropping particle that stays with the family name in sorting
    (``van der`` in "van der Berg"); ``dropping_particle`` one that a style may drop
    (``de`` in "Charles de Gaulle" under some styles).
    """

    family: str = field(converter=_strip, validator=_non_empty)
    given: str | None = field(default=None, converter=_opt_str)
    initials: str | None = field(default=None, converter=_opt_str)
    suffix: str | None = field(default=None, converter=_opt_str)
    particle: str | None = field(default=None, converter=_opt_str)
    dropping_particle: str | None = field(default=None, converter=_opt_str)
    orcid: str | None = field(default=None, converter=_opt_orcid)
    affiliations: tuple[str, ...] = field(default=(), converter=_tuple)
    equal_contribution: bool = False
    #: False for names PubMed marks ``ValidYN="N"`` (a misspelling kept for the record).
    valid: bool = True

    @property
    def display(self) -> str:
        """``Given particle Family, Suffix`` for messages and plain listings."""
        parts = [p for p in (self.given, self.dropping_particle, self.particle, self.family) if p]
        text = " ".join(parts)
        return f"{text}, {self.suffix}" if self.suffix else text

    def __str__(self) -> str:
        return self.display


@frozen
class Collective:
    """A group or corporate author (``LUPUS-JAK Investigators``)."""

    name: str = field(converter=_strip, validator=_non_empty)
    affiliations: tuple[str, ...] = field(default=(), converter=_tuple)

    @property
    def display(self) -> str:
        """The name itself."""
        return self.name

    def __str__(self) -> str:
        return self.display


Contributor = Person | Collective


# --------------------------------------------------------------------------- container


@frozen
class Container:
    """Where a work appeared: a journal, or the book a chapter is in.

    Journal titles are kept exactly as the source gives them (NLM's capitalisation).
    """

    title: str | None = field(default=None, converter=_opt_str)
    #: ISO abbreviation (PubMed ``ISOAbbreviation``, ``Int J Mol Sci``).
    iso_abbreviation: str | None = field(default=None, converter=_opt_str)
    #: NLM title abbreviation (MEDLINE ``TA``, ``Int J Mol Sci``); often equal to ISO.
    nlm_abbreviation: str | None = field(default=None, converter=_opt_str)
    issn_print: str | None = field(default=None, converter=_opt_str)
    issn_electronic: str | None = field(default=None, converter=_opt_str)
    issn_linking: str | None = field(default=None, converter=_opt_str)
    nlm_unique_id: str | None = field(default=None, converter=_opt_str)
    #: Country of publication of the journal (MEDLINE ``PL``).
    country: str | None = field(default=None, converter=_opt_str)
    #: A series or collection the container belongs to (MEDLINE ``CTI``).
    series: str | None = field(default=None, converter=_opt_str)

    @property
    def abbreviation(self) -> str | None:
        """The best short title: ISO abbreviation, else the NLM one."""
        return self.iso_abbreviation or self.nlm_abbreviation

    @property
    def issns(self) -> tuple[str, ...]:
        """Distinct ISSNs in the order print, electronic, linking."""
        seen: list[str] = []
        for issn in (self.issn_print, self.issn_electronic, self.issn_linking):
            if issn and issn not in seen:
                seen.append(issn)
        return tuple(seen)


# --------------------------------------------------------------------------- pages


@frozen
class Pages:
    """A page range: first and last page, and the range as printed.

    ``printed`` keeps the source's wording (``"113-25"``); ``first``/``last`` are expanded
    (``"113"``, ``"125"``).
    """

    first: str | None = field(default=None, converter=_opt_str)
    last: str | None = field(default=None, converter=_opt_str)
    printed: str | None = field(default=None, converter=_opt_str)

    def __bool__(self) -> bool:
        return bool(self.first or self.last or self.printed)

    @property
    def range(self) -> str | None:
        """``first-last`` (or whichever exists), for writers."""
        if self.first and self.last and self.last != self.first:
            return f"{self.first}-{self.last}"
        return self.first or self.printed


# --------------------------------------------------------------------------- content


@frozen
class AbstractSection:
    """One labelled part of a structured abstract (or the whole of an unlabelled one)."""

    text: RichText = field(converter=_rich_required)
    label: str | None = field(default=None, converter=_opt_str)
    #: NLM category (BACKGROUND, OBJECTIVE, METHODS, RESULTS, CONCLUSIONS, UNASSIGNED).
    category: str | None = field(default=None, converter=_opt_str)


@frozen
class Abstract:
    """An abstract: its sections in order, and the copyright line if any."""

    sections: tuple[AbstractSection, ...] = field(default=(), converter=_tuple)
    copyright: str | None = field(default=None, converter=_opt_str)
    #: For other abstracts: who wrote it (``AAMC``, ``Publisher``, ``plain-language-summary``).
    type: str | None = field(default=None, converter=_opt_str)
    language: str | None = field(default=None, converter=_opt_str)

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """Plain text on one line: each section as ``LABEL: text`` (or its text alone), joined by spaces."""
        parts = [f"{s.label}: {s.text}" if s.label else str(s.text) for s in self.sections]
        return " ".join(parts)


@frozen
class Keyword:
    """An author keyword (or other owner's keyword) as the source lists it."""

    term: str = field(converter=_strip, validator=_non_empty)
    major: bool = False
    #: Who assigned it (PubMed ``Owner``: ``NOTNLM``, ``NLM``...); None when unknown.
    owner: str | None = field(default=None, converter=_opt_str)


@frozen
class MeshQualifier:
    """A MeSH subheading attached to a descriptor."""

    name: str = field(converter=_strip, validator=_non_empty)
    ui: str | None = field(default=None, converter=_opt_str)
    major: bool = False


@frozen
class MeshHeading:
    """A MeSH heading: descriptor, its unique ID, major-topic flag and qualifiers."""

    descriptor: str = field(converter=_strip, validator=_non_empty)
    ui: str | None = field(default=None, converter=_opt_str)
    major: bool = False
    qualifiers: tuple[MeshQualifier, ...] = field(default=(), converter=_tuple)
    #: Descriptor type when it is not a plain descriptor (``Geographic``).
    type: str | None = field(default=None, converter=_opt_str)

    @property
    def is_major(self) -> bool:
        """Major topic through the descriptor or any qualifier."""
        return self.major or any(q.major for q in self.qualifiers)


@frozen
class Substance:
    """A chemical or substance indexed for the work."""

    name: str = field(converter=_strip, validator=_non_empty)
    #: CAS registry number, EC number, or ``0`` when none (as PubMed gives it).
    registry_number: str | None = field(default=None, converter=_opt_str)
    ui: str | None = field(default=None, converter=_opt_str)


@frozen
class Grant:
    """A grant that funded the work."""

    id: str | None = field(default=None, converter=_opt_str)
    acronym: str | None = field(default=None, converter=_opt_str)
    agency: str | None = field(default=None, converter=_opt_str)
    country: str | None = field(default=None, converter=_opt_str)


@frozen
class RelatedWork:
    """A link to a related work: comment, erratum, retraction, update, republication...

    ``relation`` uses PubMed's CommentsCorrections vocabulary (``CommentOn``,
    ``CommentIn``, ``ErratumIn``, ``ErratumFor``, ``RetractionIn``, ``RetractionOf``,
    ``UpdateIn``, ``UpdateOf``, ``RepublishedIn``, ...), the one every source maps to.
    """

    relation: str = field(converter=_strip, validator=_non_empty)
    citation: str | None = field(default=None, converter=_opt_str)
    pmid: str | None = field(default=None, converter=_opt_pmid)
    note: str | None = field(default=None, converter=_opt_str)


@frozen
class Provenance:
    """Where a record came from, and what reading it noticed.

    Provenance never takes part in record equality: the same work read from two
    sources is the same record.
    """

    format: str | None = None
    source: str | None = None
    #: 1-based line of the record's first line, for line-oriented formats.
    line: int | None = None
    #: Byte offset of the record, for formats without lines (XML).
    offset: int | None = None
    #: 0-based index of the record in its source.
    index: int | None = None
    warnings: tuple[str, ...] = field(default=(), converter=_tuple)
    #: Model fields the source did not provide (``("authors",)`` for a copied page
    #: that had no author line), so a partial record is never mistaken for a full one.
    missing: tuple[str, ...] = field(default=(), converter=_tuple)
    #: Where filled-in fields came from, as ``(field, origin)`` pairs (``("authors",
    #: "pubmed efetch PMID 36233087")``): set when a fetched record completes this one.
    filled: tuple[tuple[str, str], ...] = field(default=(), converter=_tuple)
    #: Provenance of the other records merged into this one (see :func:`jakcite.merge`).
    merged: tuple[Provenance, ...] = field(default=(), converter=_tuple)

    def origin_of(self, name: str) -> str | None:
        """Where the field ``name`` came from when it was filled in, else None (from the source itself)."""
        for field_name, origin in self.filled:
            if field_name == name:
                return origin
        return None


# --------------------------------------------------------------------------- record


class WorkType(enum.Enum):
    """Kind of work. Publication types as PubMed lists them stay in ``publication_types``.

    A PubMed "Review" is a journal article whose publication types include ``Review``
    (see :attr:`Record.is_review`); :attr:`REVIEW` is a review *of another work*
    (a book review), as CSL and BibLaTeX use the word.
    """

    JOURNAL_ARTICLE = "journal-article"
    MAGAZINE_ARTICLE = "magazine-article"
    NEWSPAPER_ARTICLE = "newspaper-article"
    REVIEW = "review"
    BOOK = "book"
    CHAPTER = "chapter"
    PREPRINT = "preprint"
    CONFERENCE_PAPER = "conference-paper"
    REPORT = "report"
    THESIS = "thesis"
    WEBPAGE = "webpage"
    DATASET = "dataset"
    SOFTWARE = "software"
    PATENT = "patent"
    MANUSCRIPT = "manuscript"
    OTHER = "other"


def _worktype(value: WorkType | str) -> WorkType:
    return value if isinstance(value, WorkType) else WorkType(value)


def _str_tuple(value: Iterable[str] | None) -> tuple[str, ...]:
    items = _tuple(value)
    if not items:  # the default, and most records' languages/types once read
        return items
    return tuple(s.strip() for s in items if s and s.strip())


def _pairs(value: Iterable[tuple[str, str]] | None) -> tuple[tuple[str, str], ...]:
    items = _tuple(value)
    if not items:
        return items
    result = []
    for pair in items:
        key, val = pair
        result.append((str(key), str(val)))
    return tuple(result)


def _nonempty_pages(value: Pages | None) -> Pages | None:
    return value if value else None


def _nonempty_abstract(value: Abstract | None) -> Abstract | None:
    return value if value is not None and value.sections else None


#: Shared defaults: both classes are frozen, so one empty instance serves every record.
_NO_IDENTIFIERS = Identifiers()
_NO_PROVENANCE = Provenance()


@frozen
class Record:
    """One bibliographic work with everything its source said about it.

    Only ``type`` is required: a copied page may lack the title, the authors, anything.
    Which fields the source did not have is recorded in ``provenance.missing``.
    """

    type: WorkType = field(default=WorkType.JOURNAL_ARTICLE, converter=_worktype)
    #: Cite key / item id as the source had it (BibTeX key, CSL ``id``, RIS ``ID``).
    key: str | None = field(default=None, converter=_opt_str)
    title: RichText | None = field(default=None, converter=_rich)
    #: True when the title was given in brackets: an English translation of a title in
    #: another language (the original is ``vernacular_title``).
    title_translated: bool = False
    vernacular_title: RichText | None = field(default=None, converter=_rich)
    transliterated_title: str | None = field(default=None, converter=_opt_str)
    short_title: str | None = field(default=None, converter=_opt_str)

    authors: tuple[Contributor, ...] = field(default=(), converter=_tuple)
    #: True when the source showed only part of the author list ("et al.").
    authors_truncated: bool = False
    editors: tuple[Contributor, ...] = field(default=(), converter=_tuple)
    #: Collaborators listed by PubMed as investigators (``IR``/``InvestigatorList``).
    investigators: tuple[Contributor, ...] = field(default=(), converter=_tuple)

    container: Container | None = None
    volume: str | None = field(default=None, converter=_opt_str)
    issue: str | None = field(default=None, converter=_opt_str)
    pages: Pages | None = field(default=None, converter=_nonempty_pages)
    #: Article number / electronic location (``e000512``, ``11788``), never a page.
    article_number: str | None = field(default=None, converter=_opt_str)
    publisher: str | None = field(default=None, converter=_opt_str)
    publisher_place: str | None = field(default=None, converter=_opt_str)
    edition: str | None = field(default=None, converter=_opt_str)
    #: Book or report number in a series, report number, thesis kind...
    number: str | None = field(default=None, converter=_opt_str)

    published: PartialDate | None = None
    #: Electronic publication date (PubMed ``ArticleDate``, MEDLINE ``DEP``, "Epub").
    epublished: PartialDate | None = None
    accessed: PartialDate | None = None
    history: tuple[HistoryDate, ...] = field(default=(), converter=_tuple)

    ids: Identifiers = _NO_IDENTIFIERS
    url: str | None = field(default=None, converter=_opt_str)

    abstract: Abstract | None = field(default=None, converter=_nonempty_abstract)
    other_abstracts: tuple[Abstract, ...] = field(default=(), converter=_tuple)
    keywords: tuple[Keyword, ...] = field(default=(), converter=_tuple)
    mesh: tuple[MeshHeading, ...] = field(default=(), converter=_tuple)
    substances: tuple[Substance, ...] = field(default=(), converter=_tuple)
    grants: tuple[Grant, ...] = field(default=(), converter=_tuple)
    #: PubMed's publication types, in source order (``Journal Article``, ``Review``...).
    publication_types: tuple[str, ...] = field(default=(), converter=_str_tuple)
    #: Languages as given (PubMed uses ISO 639-2 codes: ``eng``, ``ger``).
    languages: tuple[str, ...] = field(default=(), converter=_str_tuple)
    #: PubMed publication status (``ppublish``, ``epublish``, ``aheadofprint``).
    publication_status: str | None = field(default=None, converter=_opt_str)
    related: tuple[RelatedWork, ...] = field(default=(), converter=_tuple)
    conflict_of_interest: str | None = field(default=None, converter=_opt_str)
    note: str | None = field(default=None, converter=_opt_str)

    #: Works this one cites, each itself a record (with ``reference_text`` set).
    references: tuple[Record, ...] = field(default=(), converter=_tuple)
    #: For a cited reference: the reference string exactly as the citing work printed it.
    reference_text: str | None = field(default=None, converter=_opt_str)

    #: Anything the source carried that the model has no slot for, as ordered
    #: ``(key, value)`` pairs; keys are namespaced by format (``"medline:SI"``).
    extra: tuple[tuple[str, str], ...] = field(default=(), converter=_pairs)
    provenance: Provenance = field(default=_NO_PROVENANCE, eq=False, repr=False)

    def __repr__(self) -> str:
        """One line a person can read: type, first author, year, title's start, identifiers.

        The attrs repr of a record with its cited references runs to tens of kilobytes;
        ``attrs.asdict`` or :meth:`to_dict` show every field.
        """
        return f"<Record {summary_line(self)}>"

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-safe plain data (see :func:`to_plain` for the shape)."""
        result = to_plain(self)
        assert isinstance(result, dict)
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """The record :meth:`to_dict` gave: ``Record.from_dict(r.to_dict()) == r``."""
        record: Record = from_plain(cls, data)
        return record

    @property
    def is_review(self) -> bool:
        """True for a review article (PubMed publication type ``Review`` and kin)."""
        return any(pt in ("Review", "Systematic Review") for pt in self.publication_types)

    @property
    def year(self) -> int | None:
        """Year of publication, falling back to the electronic publication year."""
        date = self.published or self.epublished
        return date.year if date else None

    def extra_values(self, key: str) -> list[str]:
        """All ``extra`` values stored under ``key``, in order."""
        return [v for k, v in self.extra if k == key]

    def label(self) -> str:
        """A short human name for messages: key, PMID, DOI or the title's start."""
        if self.key:
            return self.key
        if self.ids.pmid:
            return f"PMID {self.ids.pmid}"
        if self.ids.doi:
            return f"doi:{self.ids.doi}"
        if self.title:
            text = self.title.text
            return text[:40] + ("..." if len(text) > 40 else "")
        return "<untitled>"


def contributors_text(people: Sequence[Contributor]) -> str:
    """Names joined for messages (``"A. Novák, J. Müller; LUPUS-JAK Investigators"``)."""
    return ", ".join(p.display for p in people)


def summary_line(record: Record) -> str:
    """``journal-article · Richter P et al. · 2022 · Title start… · PMID 1 · doi:10.1/x``."""
    parts = [record.type.value]
    if record.authors:
        first = record.authors[0]
        name = f"{first.family} {first.initials or ''}".strip() if isinstance(first, Person) else first.name
        many = len(record.authors) > 1 or record.authors_truncated
        parts.append(f"{name} et al." if many else name)
    if record.year is not None:
        parts.append(str(record.year))
    if record.title:
        text = record.title.text
        parts.append(repr(text if len(text) <= 60 else text[:59] + "\u2026"))
    if record.ids.pmid:
        parts.append(f"PMID {record.ids.pmid}")
    if record.ids.doi:
        parts.append(f"doi:{record.ids.doi}")
    if record.references:
        parts.append(f"{len(record.references)} references")
    return " \u00b7 ".join(parts)


# --------------------------------------------------------------------------- plain data
#
# One generic mapping between the model and JSON-safe data, driven by the attrs fields
# and their type hints, so that a new field needs no code here.  The shape: an object is
# a dict of its fields that differ from their defaults (a record's "type" always; its
# provenance too); tuples are
# lists; enums are their values; a RichText without markup is a string, with markup a
# list of {"text", "marks"} runs; a contributor is a dict with "family" (a Person) or
# "name" (a Collective).


def to_plain(value: object) -> Any:
    """``value`` (any model object, or a tuple of them) as JSON-safe plain data."""
    if isinstance(value, RichText):
        if not value.has_markup:
            return value.text
        return [{"text": s.text, "marks": sorted(m.value for m in s.marks)} for s in value.segments]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list, frozenset)):
        return [to_plain(v) for v in value]
    if attrs.has(type(value)):
        result: dict[str, Any] = {}
        for attribute in attrs.fields(type(value)):  # type: ignore[arg-type]
            item = getattr(value, attribute.name)
            if (
                attribute.name != "type"
                and attribute.default is not attrs.NOTHING
                and _is_default(item, attribute.default)
            ):
                continue
            result[attribute.name] = to_plain(item)
        return result
    return value


def _is_default(item: object, default: object) -> bool:
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return False
    return bool(item == default) or (item in ((), None) and default in ((), None))


def from_plain(cls: type[Any], data: Any) -> Any:
    """Build a ``cls`` from what :func:`to_plain` gave (validators and converters run)."""
    hints = _hints(cls)
    kwargs = {name: _from_hint(hints[name], value) for name, value in data.items()}
    return cls(**kwargs)


def _hints(cls: type[Any]) -> dict[str, Any]:
    import typing

    return typing.get_type_hints(cls, globalns=globals())


def _from_hint(hint: Any, value: Any) -> Any:
    import types
    import typing

    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _from_hint(options[0], value)
        return _contributor(value) if set(options) == {Person, Collective} else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_hint(args[0], v) for v in value)
        return tuple(_from_hint(a, v) for a, v in zip(args, value, strict=True))
    if origin is frozenset:
        return frozenset(_from_hint(args[0], v) for v in value)
    if hint is RichText:
        if isinstance(value, str):
            return RichText.plain(value)
        return RichText(tuple(Segment(run["text"], frozenset(Mark(m) for m in run["marks"])) for run in value))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if isinstance(hint, type) and attrs.has(hint):
        return from_plain(hint, value)
    return value


def _contributor(value: dict[str, Any]) -> Contributor:
    return from_plain(Person, value) if "family" in value else from_plain(Collective, value)  # type: ignore[no-any-return]
