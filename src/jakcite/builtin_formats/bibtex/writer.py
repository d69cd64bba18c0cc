"""Records to BibTeX and BibLaTeX, built as a bibtexparser v2 library and written by it.

Two dialects share one writer:

* ``bibtex``: classic BibTeX-safe output for ``plain``, ``unsrtnat`` and their kin:
  ASCII (non-ASCII as LaTeX commands), ``journal``, ``year``, bare month macros
  (``month = oct``), ``pmid``/``pmcid`` fields that styles ignore.
* ``biblatex``: UTF-8, ``journaltitle`` + ``shortjournal``, ISO ``date`` (ranges and
  seasons included), ``eprint``/``eprinttype = {pubmed}``, ``langid``, ``origtitle``.

Entry types are chosen so that every type's required fields are present but the author
(an anonymous journal article stays an ``@article``, as Zotero and Better BibTeX write it:
a style warns about the missing author, which is the data's), else ``@misc``.  Fields come in the fixed order of
:data:`BIBTEX_FIELD_ORDER` / :data:`BIBLATEX_FIELD_ORDER`; same records, same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import AddEnclosingMiddleware
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from jakcite.builtin_formats.bibtex.citekeys import (
    DEFAULT_PATTERN,
    PatternError,
    check_pattern,
    keyed_texts,
)
from jakcite.builtin_formats.bibtex.latex_encode import escape, latex_commands, rich_to_latex
from jakcite.builtin_formats.bibtex.vocabulary import (
    ENTRY_TYPE_WORK,
    MODEL_FIELDS,
    MONTH_MACROS,
    SEASON_CODES,
    SUBTYPE_OF_WORK,
    VERBATIM_FIELDS,
    Dialect,
    canonical_entry_type,
)
from jakcite.errors import WriteError
from jakcite.markup import join
from jakcite.model import Collective, Container, Contributor, PartialDate, Person, Record, RichText, WorkType
from jakcite.util.field_lists import split_keywords, split_standard_numbers
from jakcite.util.languages import babel_name, split_languages
from jakcite.util.pages import expand_page_range
from jakcite.util.titles import title_to_write
from jakcite.util.work_types import ARTICLE_LIKE, PERIODICAL_ARTICLES

__all__ = [
    "BIBLATEX_FIELD_ORDER",
    "BIBTEX_FIELD_ORDER",
    "choose_entry_type",
    "format_name",
    "own_fields",
    "verbatim_value",
    "write",
    "written_issn",
]

BIBTEX_FIELD_ORDER = (
    "author", "editor", "title", "booktitle", "journal", "year", "month", "volume", "number",
    "issue", "pages", "eid", "chapter", "edition", "series", "publisher", "address", "institution", "school",
    "type", "howpublished", "note", "issn", "isbn", "doi", "pmid", "pmcid", "url", "language",
    "keywords", "abstract", "key", "entrysubtype",
)  # fmt: skip
BIBLATEX_FIELD_ORDER = (
    "author", "editor", "title", "shorttitle", "origtitle", "booktitle", "journaltitle", "shortjournal",
    "date", "volume", "number", "pages", "eid", "chapter", "edition", "series", "publisher",
    "location", "institution", "type", "howpublished", "note", "issn", "isbn", "doi", "eprint",
    "eprinttype", "pmcid", "url", "urldate", "langid", "keywords", "abstract", "key", "entrysubtype",
)  # fmt: skip

#: The month macros by month number - 1.
_MONTH_MACROS = tuple(MONTH_MACROS)

#: Required fields per entry type: each item is a group of alternatives, one must be present.
REQUIRED: dict[Dialect, dict[str, tuple[tuple[str, ...], ...]]] = {
    "bibtex": {
        # No author needed: an anonymous article stays an article (styles warn, and sort by ``key``).
        "article": (("title",), ("journal",), ("year",)),
        "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
        "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year",)),
        "inproceedings": (("author",), ("title",), ("booktitle",), ("year",)),
        "techreport": (("author",), ("title",), ("institution",), ("year",)),
        "phdthesis": (("author",), ("title",), ("school",), ("year",)),
        "unpublished": (("author",), ("title",), ("note",)),
        "misc": (),
    },
    "biblatex": {
        "article": (("title",), ("journaltitle",), ("date",)),
        "book": (("author",), ("title",), ("date",)),
        "collection": (("editor",), ("title",), ("date",)),
        "incollection": (("author",), ("editor",), ("title",), ("booktitle",), ("date",)),
        "inbook": (("author",), ("title",), ("booktitle",), ("date",)),
        "inproceedings": (("author",), ("title",), ("booktitle",), ("date",)),
        "report": (("author",), ("title",), ("type",), ("institution",), ("date",)),
        "thesis": (("author",), ("title",), ("type",), ("institution",), ("date",)),
        "unpublished": (("author",), ("title",), ("date",)),
        "online": (("title",), ("url", "doi", "eprint"), ("date",)),
        "dataset": (("title",), ("date",)),
        "software": (("title",), ("date",)),
        "patent": (("author",), ("title",), ("number",), ("date",)),
        "misc": (),
    },
}

#: Field pairs a classic style refuses together ("can't use both volume and number fields").
CONFLICTS: dict[Dialect, dict[str, tuple[tuple[str, str], ...]]] = {
    "bibtex": {
        "book": (("author", "editor"), ("volume", "number")),
        "incollection": (("volume", "number"),),
        "inproceedings": (("volume", "number"),),
    },
    "biblatex": {},
}

#: Entry types to try for each work type, best first; ``misc`` is always the last resort.
PREFERRED: dict[Dialect, dict[WorkType, tuple[str, ...]]] = {
    "bibtex": {
        WorkType.JOURNAL_ARTICLE: ("article",),
        WorkType.MAGAZINE_ARTICLE: ("article",),
        WorkType.NEWSPAPER_ARTICLE: ("article",),
        WorkType.REVIEW: ("article",),
        WorkType.BOOK: ("book",),
        WorkType.CHAPTER: ("incollection",),
        WorkType.CONFERENCE_PAPER: ("inproceedings",),
        WorkType.REPORT: ("techreport",),
        WorkType.THESIS: ("phdthesis",),
        WorkType.MANUSCRIPT: ("unpublished",),
    },
    "biblatex": {
        WorkType.JOURNAL_ARTICLE: ("article",),
        WorkType.MAGAZINE_ARTICLE: ("article",),
        WorkType.NEWSPAPER_ARTICLE: ("article",),
        WorkType.REVIEW: ("article",),
        WorkType.BOOK: ("book", "collection"),  # a book of editors only is a collection
        WorkType.CHAPTER: ("incollection", "inbook"),
        WorkType.CONFERENCE_PAPER: ("inproceedings",),
        WorkType.REPORT: ("report",),
        WorkType.THESIS: ("thesis",),
        WorkType.MANUSCRIPT: ("unpublished",),
        WorkType.WEBPAGE: ("online",),
        WorkType.DATASET: ("dataset",),
        WorkType.SOFTWARE: ("software",),
        WorkType.PATENT: ("patent",),
    },
}


class _Options:
    """Writer options after checking."""

    def __init__(
        self,
        dialect: Dialect,
        key_pattern: str = DEFAULT_PATTERN,
        journal_abbreviation: bool = False,
        case_protection: bool = True,
        unicode: bool = False,
    ) -> None:
        try:
            check_pattern(key_pattern)
        except PatternError as exc:
            raise WriteError(str(exc)) from exc
        self.dialect = dialect
        self.key_pattern = key_pattern
        self.journal_abbreviation = bool(journal_abbreviation)
        self.case_protection = bool(case_protection)
        self.unicode = bool(unicode)

    @property
    def ascii_only(self) -> bool:
        return self.dialect == "bibtex"


# --------------------------------------------------------------------------- names


def _name_part(text: str, ascii_only: bool) -> str:
    """Escape one name part; brace it when BibTeX would split it (commas, ``and``)."""
    escaped = escape(text, ascii_only=ascii_only)
    words = text.lower().split()
    if "," in text or "and" in words or "others" == text.strip().lower():
        return "{" + escaped + "}"
    return escaped


def given_for(person: Person) -> str | None:
    """The given name written for ``person``: the given name, else dotted initials."""
    if person.given:
        return person.given
    if person.initials:
        return " ".join(f"{c}." for c in person.initials if c.isalpha()) or person.initials
    return None


def format_name(contributor: Contributor, *, ascii_only: bool) -> str:
    """One name in BibTeX's ``von Last, Jr, First`` form; group authors fully braced."""
    if isinstance(contributor, Collective):
        name = escape(contributor.name, ascii_only=ascii_only)
        # A braced name opening with a command is one "special character" to BibTeX and
        # to readers; the empty group keeps it a plain protected group name.
        return "{{}" + name + "}" if name.startswith("\\") else "{" + name + "}"
    particles = " ".join(p for p in (contributor.dropping_particle, contributor.particle) if p)
    family = _name_part(contributor.family, ascii_only)
    last = f"{escape(particles, ascii_only=ascii_only)} {family}" if particles else family
    given = given_for(contributor)
    if not given:
        return _name_without_given(contributor, particles, ascii_only)
    first = _name_part(given, ascii_only)
    if contributor.suffix:
        return f"{last}, {_name_part(contributor.suffix, ascii_only)}, {first}"
    return f"{last}, {first}"


def _name_without_given(person: Person, particles: str, ascii_only: bool) -> str:
    """A name with no given name: several words would read as First Last, and BibTeX
    rejects a name ending in a comma, so the family name (and suffix) is braced as one
    word: ``{Ines Barroso}``, ``van {A Jr}``.  Without a particle it then reads back as a
    group name, which BibTeX does not tell apart.
    """
    family = " ".join(p for p in (person.family, person.suffix) if p)
    if len(family.split()) > 1:
        escaped = "{" + escape(family, ascii_only=ascii_only) + "}"
    else:
        escaped = _name_part(family, ascii_only)
    return f"{escape(particles, ascii_only=ascii_only)} {escaped}" if particles else escaped


def format_names(people: Sequence[Contributor], truncated: bool, *, ascii_only: bool) -> str | None:
    """Names joined by `` and ``; a truncated list ends in ``and others``."""
    if not people:
        return None
    names = [format_name(p, ascii_only=ascii_only) for p in people]
    if truncated:
        names.append("others")
    return " and ".join(names)


# --------------------------------------------------------------------------- values


def date_for(record: Record) -> PartialDate | None:
    """The date written: the publication date, else the electronic one."""
    return record.published or record.epublished


def biblatex_date(date: PartialDate) -> str:
    """ISO 8601/EDTF as Biber reads it: ``2022-10-04``, ``2019-09/2019-10``, ``2000-21``."""

    def one(part: PartialDate) -> str:
        if part.season is not None and part.month is None:
            return f"{part.year:04d}-{SEASON_CODES[part.season]}"
        return part.iso()

    text = one(date)
    if date.end is not None:
        text += "/" + one(date.end)
    return text


def bibtex_month(date: PartialDate) -> tuple[str, bool] | None:
    """(month value, is a bare macro) for classic BibTeX; seasons are written as words."""
    if date.month is not None:
        return _MONTH_MACROS[date.month - 1], True
    if date.season is not None:
        return date.season.value.capitalize(), False
    return None


def pages_value(record: Record, *, ascii_only: bool) -> str | None:
    """``693--700``, a single page, or the printed form when nothing was parsed (escaped)."""
    pages = record.pages
    if pages is None:
        return None
    if pages.first and pages.last and pages.last != pages.first:
        last = expand_page_range(pages.first, pages.last)  # as a reader of ``120--32`` expands it
        return f"{escape(pages.first, ascii_only=ascii_only)}--{escape(last, ascii_only=ascii_only)}"
    single = pages.first or pages.last or pages.printed
    return escape(single, ascii_only=ascii_only) if single else None


def abstract_rich(record: Record) -> RichText | None:
    """The abstract as one rich text, labelled sections as ``LABEL: text``."""
    if record.abstract is None:
        return None
    parts = [
        join([RichText.plain(f"{s.label}:"), s.text]) if s.label else s.text for s in record.abstract.sections if s.text
    ]
    return join(parts) if parts else None


def written_issn(container: Container) -> str | None:
    """The one ISSN written: the first number of the first ISSN (print, else electronic, else linking)."""
    issns = container.issns
    numbers = split_standard_numbers(issns[0]) if issns else []
    return numbers[0] if numbers else None


def keyword_terms(record: Record) -> list[str]:
    """Keyword terms as written (comma-separated in one field).

    A term holding a separator is written as the terms a reader will find, so that
    writing what was read gives the same text.
    """
    return [term for k in record.keywords for term in split_keywords(k.term)]


def _journal(record: Record, options: _Options) -> str | None:
    container = record.container
    if container is None:
        return None
    if options.journal_abbreviation:
        return container.abbreviation or container.title
    return container.title


# --------------------------------------------------------------------------- entries


_SPACES = re.compile(r"[ \t\r\n]{2,}")


class _Fields:
    """Field values collected for one entry (LaTeX already), with bare-macro flags."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.bare: set[str] = set()

    def put(self, name: str, value: str | None, *, bare: bool = False) -> None:
        if value is None or not value.strip():
            return
        # TeX reads a run of spaces as one, and so does every reader: write it as one
        # (approximated characters such as an em space become spaces beside spaces).
        self.values[name] = _SPACES.sub(" ", value)
        if bare:
            self.bare.add(name)

    def text(self, name: str, value: str | None, options: _Options) -> None:
        if value is not None:
            self.put(name, escape(value, ascii_only=options.ascii_only).strip())

    def verbatim(self, name: str, value: str | None) -> None:
        """Identifiers and URLs as they are (see :func:`verbatim_value`)."""
        if value is not None:
            self.put(name, verbatim_value(value))


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def verbatim_value(value: str) -> str:
    """A url, doi, eprint... value as written: Biber and url.sty read these fields verbatim,
    so nothing is LaTeX-escaped (``a_b%20c`` stays).  Only braces matter to a .bib parser:
    unbalanced ones are percent-encoded (``%7B``, ``%7D``), as a URL may spell them anyway.
    """
    value = " ".join(value.split())
    if _balanced(value):
        return value
    return value.replace("{", "%7B").replace("}", "%7D")


def _common_fields(record: Record, options: _Options) -> _Fields:
    fields = _Fields()
    ascii_only = options.ascii_only
    fields.put("author", format_names(record.authors, record.authors_truncated, ascii_only=ascii_only))
    fields.put("editor", format_names(record.editors, False, ascii_only=ascii_only))
    title = title_to_write(record)
    if title is not None:
        fields.put("title", rich_to_latex(title, ascii_only=ascii_only, protect_case=options.case_protection))
    fields.put("volume", escape(record.volume, ascii_only=ascii_only) if record.volume else None)
    fields.put("pages", pages_value(record, ascii_only=ascii_only))
    fields.text("eid", record.article_number, options)
    fields.text("edition", record.edition, options)
    fields.text("note", record.note, options)
    container = record.container
    if container is not None:
        fields.text("series", container.series, options)
        fields.verbatim("issn", written_issn(container))
    fields.verbatim("isbn", ", ".join(split_standard_numbers(" ".join(record.ids.isbn))) or None)
    fields.verbatim("doi", record.ids.doi)
    fields.verbatim("url", record.url)
    fields.verbatim("pmcid", record.ids.pmcid)
    terms = keyword_terms(record)
    if terms:
        fields.put("keywords", ", ".join(escape(t, ascii_only=ascii_only) for t in terms))
    abstract = abstract_rich(record)
    if abstract is not None:
        fields.put("abstract", rich_to_latex(abstract, ascii_only=ascii_only))
    return fields


#: The year written for a record without any date (natbib styles need a year).
NO_DATE = "n.d."


def _bibtex_fields(record: Record, options: _Options, fields: _Fields) -> None:
    date = date_for(record)
    if date is None:
        fields.put("year", NO_DATE)
    else:
        fields.put("year", f"{date.year}")
        month = bibtex_month(date)
        if month is not None:
            fields.put("month", month[0], bare=month[1])
    fields.verbatim("pmid", record.ids.pmid)
    if record.languages:
        # Written as the reader will read it back: codes (``English`` -> ``eng``), each once.
        codes = split_languages(", ".join(record.languages))
        fields.put("language", escape(", ".join(codes), ascii_only=True))


def _biblatex_fields(record: Record, options: _Options, fields: _Fields) -> None:
    date = date_for(record)
    if date is not None:
        fields.put("date", biblatex_date(date))
    if record.ids.pmid:
        fields.verbatim("eprint", record.ids.pmid)
        fields.put("eprinttype", "pubmed")
    if record.short_title:
        fields.text("shorttitle", record.short_title, options)
    if record.vernacular_title is not None:
        fields.put("origtitle", rich_to_latex(record.vernacular_title, ascii_only=False))
    container = record.container
    if container is not None and record.type in PERIODICAL_ARTICLES:
        fields.text("shortjournal", container.abbreviation, options)
    if record.accessed is not None:
        fields.put("urldate", record.accessed.iso())
    if record.languages:
        fields.put("langid", escape(babel_name(record.languages[0]), ascii_only=False))


def _container_fields(record: Record, options: _Options, fields: _Fields) -> None:
    """Journal or book title, issue/number and publisher, by kind of work."""
    journal_field = "journal" if options.dialect == "bibtex" else "journaltitle"
    ascii_only = options.ascii_only
    if record.type in ARTICLE_LIKE:
        fields.text(journal_field, _journal(record, options), options)
        # BibTeX styles warn about a number without a volume: then the issue goes to
        # ``issue``, which they ignore and jakcite reads back.
        issue_field = "issue" if options.dialect == "bibtex" and not record.volume else "number"
        fields.text(issue_field, record.issue or record.number, options)
    else:
        container = record.container
        if container is not None and container.title:
            booktitle = rich_to_latex(
                RichText.plain(container.title), ascii_only=ascii_only, protect_case=options.case_protection
            )
            fields.put("booktitle", booktitle)
        fields.text("number", record.number, options)
    fields.text("publisher", record.publisher, options)
    fields.text("address" if options.dialect == "bibtex" else "location", record.publisher_place, options)


def identifier_note(record: Record) -> str | None:
    """``PMID 123`` (or ``doi:...``) for a record with nothing else a style could print."""
    if record.ids.pmid:
        return f"PMID {record.ids.pmid}"
    if record.ids.doi:
        return escape(f"doi:{record.ids.doi}", ascii_only=False)
    return None


def _pdflatex_safe(fields: _Fields) -> None:
    """BibLaTeX values with the characters pdflatex cannot typeset as LaTeX commands
    (:func:`~jakcite.builtin_formats.bibtex.latex_encode.latex_commands`); verbatim fields stay."""
    for name, value in fields.values.items():
        if name not in VERBATIM_FIELDS:
            # (an approximated space beside a space is one space, as TeX and readers take it)
            fields.values[name] = _SPACES.sub(" ", latex_commands(value))


def _satisfies(fields: _Fields, required: tuple[tuple[str, ...], ...]) -> bool:
    return all(any(name in fields.values for name in group) for group in required)


def _institution_fields(entry_type: str, record: Record, options: _Options) -> dict[str, str]:
    """Fields some entry types need under other names (institution, school, type)."""
    publisher = escape(record.publisher, ascii_only=options.ascii_only) if record.publisher else None
    extra: dict[str, str] = {}
    if entry_type in ("techreport", "report", "phdthesis", "thesis") and publisher:
        extra["school" if entry_type == "phdthesis" else "institution"] = publisher
    if entry_type == "report":
        extra["type"] = "techreport"
    if entry_type == "thesis":
        extra["type"] = "phdthesis"
    return extra


def choose_entry_type(record: Record, fields: _Fields, dialect: Dialect) -> str:
    """The first entry type for the record's work type whose required fields are all there
    (and no two fields its styles refuse together); ``misc`` otherwise."""
    options = _Options(dialect)
    for entry_type in PREFERRED[dialect].get(record.type, ()):
        trial = dict(fields.values)
        trial.update(_institution_fields(entry_type, record, options))
        probe = _Fields()
        probe.values = trial
        conflicts = CONFLICTS[dialect].get(entry_type, ())
        clash = any(a in trial and b in trial for a, b in conflicts)
        if _satisfies(probe, REQUIRED[dialect][entry_type]) and not clash:
            return entry_type
    return "misc"


def _misc_fields(record: Record, options: _Options, fields: _Fields) -> None:
    """A @misc keeps the container in ``howpublished`` so that styles print it."""
    container_title = fields.values.pop("journal", None) or fields.values.pop("journaltitle", None)
    booktitle = fields.values.pop("booktitle", None)
    published_in = container_title or booktitle
    if published_in:
        fields.put("howpublished", published_in)


#: The prefix of the ``extra`` entries the BibTeX reader keeps (``bibtex:file``).
_EXTRA_PREFIX = "bibtex:"


def own_fields(record: Record) -> list[tuple[str, str]]:
    """The fields of a .bib file the model has no slot for (JabRef's ``file``, ``groups``,
    ``owner``; Zotero's and Better BibTeX's own), as read into ``extra``, in their order.

    They are written back as they were read (LaTeX, unchanged), so a BibTeX -> BibTeX round
    trip keeps them; entries of other formats (``ris:``, ``csl:``) are not BibTeX.
    """
    fields: list[tuple[str, str]] = []
    for name, value in record.extra:
        if name.startswith(_EXTRA_PREFIX):
            field = name[len(_EXTRA_PREFIX) :]
            if (
                field not in MODEL_FIELDS
                and field not in _LINK_FIELDS
                and _FIELD_NAME.fullmatch(field)
                and value.strip()
                and _balanced(value)
            ):
                fields.append((field, value))
    return fields


_FIELD_NAME = re.compile(r"[a-z][a-z0-9_:.+-]*")
#: Links to other entries: the reader has resolved them into the record already (written
#: back, they would be inherited from again).
_LINK_FIELDS = frozenset({"crossref", "xref", "xdata", "entryset", "related", "set"})


def build_fields(record: Record, key: str, options: _Options) -> tuple[str, list[tuple[str, str, bool]]]:
    """The entry type and the ordered ``(field, LaTeX value, bare)`` triples of one record."""
    fields = _common_fields(record, options)
    _container_fields(record, options, fields)
    if options.dialect == "bibtex":
        _bibtex_fields(record, options, fields)
    else:
        _biblatex_fields(record, options, fields)
    entry_type = choose_entry_type(record, fields, options.dialect)
    for name, value in _institution_fields(entry_type, record, options).items():
        fields.put(name, value)
    if entry_type in ("techreport", "report", "phdthesis", "thesis") and "institution" in fields.values:
        fields.values.pop("publisher", None)
    if entry_type == "phdthesis":
        fields.values.pop("publisher", None)
    if entry_type == "misc":
        _misc_fields(record, options, fields)
    if ENTRY_TYPE_WORK[canonical_entry_type(entry_type)] is not record.type:
        if entry_type == "article" and record.type in SUBTYPE_OF_WORK:
            fields.put("entrysubtype", SUBTYPE_OF_WORK[record.type])
        else:
            fields.put("entrysubtype", record.type.value)
    if not record.authors and not record.editors:
        fields.put("key", key)  # BibTeX styles sort and label by it when there is no author
    if entry_type == "misc" and not any(
        name in fields.values for name in ("author", "title", "howpublished", "year", "month", "note")
    ):
        fields.put("note", identifier_note(record))
    if options.dialect == "biblatex" and not options.unicode:
        _pdflatex_safe(fields)
    order = BIBTEX_FIELD_ORDER if options.dialect == "bibtex" else BIBLATEX_FIELD_ORDER
    unknown = set(fields.values) - set(order)
    if unknown:
        raise WriteError(f"{record.label()}: internal error, fields without a place in the order: {sorted(unknown)}")
    triples = [(name, fields.values[name], name in fields.bare) for name in order if name in fields.values]
    return entry_type, triples + [(name, value, False) for name, value in own_fields(record)]


def _entry(record: Record, key: str, options: _Options) -> Entry:
    try:
        entry_type, triples = build_fields(record, key, options)
    except WriteError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise WriteError(f"{record.label()}: cannot be written as {options.dialect}: {exc}") from exc
    fields = [Field(name, value, enclosing="no-enclosing" if bare else "{") for name, value, bare in triples]
    return Entry(entry_type, key, fields)


def _format() -> BibtexFormat:
    fmt = BibtexFormat()  # type: ignore[no-untyped-call]
    fmt.indent = "  "
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    return fmt


def _write(records: Iterable[Record], out: TextIO, options: _Options) -> None:
    stack = [
        AddEnclosingMiddleware(
            allow_inplace_modification=True,
            default_enclosing="{",
            reuse_previous_enclosing=False,
            enclose_integers=True,
        )
    ]
    bibtex_format = _format()

    def render(record: Record, key: str) -> str:
        library = Library([_entry(record, key, options)])
        return str(write_string(library, unparse_stack=stack, bibtex_format=bibtex_format))

    for index, text in enumerate(keyed_texts(records, render, options.key_pattern)):
        if index:
            out.write(bibtex_format.block_separator)
        out.write(text)


def write(records: Iterable[Record], out: TextIO, /, *, dialect: Dialect, **options: Any) -> None:
    """Write ``records`` in ``dialect``: classic BibTeX or BibLaTeX for Biber.

    Options: ``key_pattern``, ``journal_abbreviation``, ``case_protection``, ``unicode``
    (BibLaTeX: raw UTF-8 for xelatex/lualatex instead of LaTeX commands for the characters
    pdflatex cannot typeset).
    """
    _write(records, out, _Options(dialect, **options))
