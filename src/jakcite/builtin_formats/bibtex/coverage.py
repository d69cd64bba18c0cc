"""What BibTeX and BibLaTeX carry of a record: the declared losses and the projection.

``project(record, dialect=...)`` maps a record onto what the dialect's writer writes and
the reader reads back (see ``docs/formats/bibtex.md``): a round trip is correct when
``read(write(r)) == project(r)``, with the cite key the writer assigns in the list
(:func:`~jakcite.builtin_formats.bibtex.citekeys.assign_keys`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from jakcite.builtin_formats.bibtex.latex_encode import bibtex_text, latex_commands, pdflatex_text, settle_nocase
from jakcite.builtin_formats.bibtex.reader import parse_name
from jakcite.builtin_formats.bibtex.vocabulary import Dialect
from jakcite.builtin_formats.bibtex.writer import (
    abstract_rich,
    date_for,
    format_name,
    own_fields,
    verbatim_value,
    written_issn,
)
from jakcite.model import (
    Abstract,
    AbstractSection,
    Collective,
    Container,
    Contributor,
    Identifiers,
    Keyword,
    Mark,
    Pages,
    PartialDate,
    Record,
    RichText,
    Segment,
)
from jakcite.registry import Loss
from jakcite.util.field_lists import split_keywords, split_standard_numbers
from jakcite.util.languages import babel_name, iso_code, split_languages
from jakcite.util.pages import parse_pages
from jakcite.util.titles import title_to_write
from jakcite.util.work_types import ARTICLE_LIKE

__all__ = ["LOSSES", "project"]


def _same(text: str) -> str:
    return text


_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


class _Carrier:
    """How one dialect carries text: BibLaTeX Unicode but for :func:`pdflatex_text`'s few
    approximations (none with ``unicode=True``), BibTeX :func:`bibtex_text`."""

    def __init__(self, biblatex: bool, unicode: bool = False) -> None:
        self.biblatex = biblatex
        self.fold: Callable[[str], str] = bibtex_text
        if biblatex:
            self.fold = _same if unicode else pdflatex_text

    def text(self, value: str | None) -> str | None:
        if value is None:
            return None
        return _WHITESPACE.sub(" ", self.fold(value)).strip() or None

    def rich(self, value: RichText | None) -> RichText | None:
        """Whitespace collapsed per run; NOCASE marks dropped (braces read back as plain text)."""
        if value is None:
            return None
        segments = [Segment(_WHITESPACE.sub(" ", self.fold(s.text)), s.marks - {Mark.NOCASE}) for s in value.segments]
        return RichText(segments).strip() or None

    def title(self, value: RichText | None) -> RichText | None:
        """As :meth:`rich`, but NOCASE stays where its braces read back as NOCASE."""
        if value is None:
            return None
        folded = RichText([Segment(self.fold(s.text), s.marks) for s in value.segments])
        settled = settle_nocase(folded, ascii_only=not self.biblatex)
        segments = [Segment(_WHITESPACE.sub(" ", s.text), s.marks) for s in settled.segments]
        return RichText(segments).strip() or None

    def name(self, contributor: Contributor) -> Contributor | None:
        """What BibTeX's name grammar makes of the written name (particles, suffix, initials)."""
        if isinstance(contributor, Collective):
            return Collective(self.text(contributor.name) or contributor.name)
        written = format_name(contributor, ascii_only=not self.biblatex)
        if self.biblatex and self.fold is not _same:
            written = latex_commands(written)  # as the writer's pdflatex pass writes it
        return parse_name(written)

    def names(self, people: tuple[Contributor, ...]) -> tuple[Contributor, ...]:
        return tuple(p for p in (self.name(c) for c in people) if p is not None)


def _date(date: PartialDate | None, *, keep_day: bool, keep_range: bool) -> PartialDate | None:
    if date is None:
        return None
    end = _date(date.end, keep_day=keep_day, keep_range=False) if keep_range and date.end else None
    day = date.day if keep_day else None
    start = PartialDate(date.year, date.month, day, date.season if date.month is None else None)
    return attrs.evolve(start, end=end) if end is not None and end != start else start


def _pages(pages: Pages | None, carrier: _Carrier) -> Pages | None:
    if pages is None:
        return None
    if pages.first and pages.last and pages.last != pages.first:
        text = f"{pages.first}-{pages.last}"
    else:
        text = pages.first or pages.last or pages.printed or ""
    return parse_pages(carrier.text(text))


def _abstract(record: Record, carrier: _Carrier) -> Abstract | None:
    rich = carrier.rich(abstract_rich(record))
    return Abstract((AbstractSection(rich),)) if rich else None


def _container(record: Record, carrier: _Carrier) -> Container | None:
    container = record.container
    if container is None:
        return None
    projected = Container(
        title=carrier.text(container.title),
        iso_abbreviation=carrier.text(container.abbreviation)
        if carrier.biblatex and record.type in ARTICLE_LIKE
        else None,
        issn_print=written_issn(container),
        series=carrier.text(container.series),
    )
    return projected if any(attrs.astuple(projected)) else None


def _languages(record: Record, carrier: _Carrier) -> tuple[str, ...]:
    if carrier.biblatex:
        return (iso_code(babel_name(record.languages[0])),) if record.languages else ()
    return tuple(split_languages(carrier.fold(", ".join(record.languages))))


def project(record: Record, *, dialect: Dialect, unicode: bool = False) -> Record:
    """What ``dialect``'s output carries of ``record`` (BibTeX or BibLaTeX; ``unicode`` as the writer's option)."""
    biblatex = dialect == "biblatex"
    carrier = _Carrier(biblatex, unicode)
    text = carrier.text
    is_article = record.type in ARTICLE_LIKE
    date = date_for(record)
    isbn = split_standard_numbers(", ".join(record.ids.isbn)) if record.ids.isbn else []
    keywords = split_keywords(text(", ".join(k.term for k in record.keywords)) or "")
    return Record(
        type=record.type,
        key=record.key,
        title=carrier.title(title_to_write(record)),
        vernacular_title=carrier.title(record.vernacular_title) if biblatex else None,
        short_title=text(record.short_title) if biblatex else None,
        authors=carrier.names(record.authors),
        authors_truncated=record.authors_truncated and bool(record.authors),
        editors=carrier.names(record.editors),
        container=_container(record, carrier),
        volume=text(record.volume),
        issue=text(record.issue or record.number) if is_article else None,
        number=None if is_article else text(record.number),
        pages=_pages(record.pages, carrier),
        article_number=text(record.article_number),
        publisher=text(record.publisher),
        publisher_place=text(record.publisher_place),
        edition=text(record.edition),
        published=_date(date, keep_day=biblatex, keep_range=biblatex),
        accessed=_date(record.accessed, keep_day=True, keep_range=False) if biblatex else None,
        ids=Identifiers(
            pmid=record.ids.pmid,
            pmcid=record.ids.pmcid,
            doi=verbatim_value(record.ids.doi) if record.ids.doi else None,
            isbn=isbn,
        ),
        url=verbatim_value(record.url) or None if record.url else None,
        abstract=_abstract(record, carrier),
        keywords=[Keyword(k) for k in keywords],
        languages=_languages(record, carrier),
        note=text(record.note),
        extra=[(f"bibtex:{name}", " ".join(value.split())) for name, value in own_fields(record)],
    )


_COMMON_LOSSES = (
    Loss("title", "lossy", "case-protection braces read back as plain text (NOCASE marks are not kept)"),
    Loss("title_translated", "dropped"),
    Loss("transliterated_title", "dropped"),
    Loss("authors.affiliations", "dropped"),
    Loss("authors.orcid", "dropped"),
    Loss("authors.equal_contribution", "dropped"),
    Loss("authors.valid", "dropped"),
    Loss("authors.initials", "lossy", "derived from the given name on reading"),
    Loss(
        "authors.family",
        "lossy",
        "a person with no given name, no particle and a family name of several words (or a suffix) "
        "is written braced and reads back as a group name",
    ),
    Loss(
        "authors.particle",
        "lossy",
        "BibTeX's name grammar decides: lower-case words before the family name are the particle",
    ),
    Loss("investigators", "dropped"),
    Loss("container.nlm_abbreviation", "dropped"),
    Loss("container.issn_electronic", "lossy", "one ISSN is written (print, else electronic, else linking)"),
    Loss("container.issn_linking", "lossy", "one ISSN is written"),
    Loss("container.nlm_unique_id", "dropped"),
    Loss("container.country", "dropped"),
    Loss("pages.printed", "lossy", "written as first--last"),
    Loss("epublished", "lossy", "used as the date only when there is no publication date"),
    Loss("history", "dropped"),
    Loss("ids.pii", "dropped"),
    Loss("ids.nihmsid", "dropped"),
    Loss("ids.mid", "dropped"),
    Loss("ids.others", "dropped"),
    Loss("abstract", "lossy", "sections become one text, labels as 'LABEL: '; copyright dropped"),
    Loss("other_abstracts", "dropped"),
    Loss("key", "lossy", "cite keys are made valid (ASCII letters, digits and _:.+/-) and unique in the file"),
    Loss("keywords.term", "lossy", "a keyword holding ',' or ';' is read back as several keywords"),
    Loss("keywords.major", "dropped"),
    Loss("keywords.owner", "dropped"),
    Loss("mesh", "dropped"),
    Loss("substances", "dropped"),
    Loss("grants", "dropped"),
    Loss("publication_types", "dropped"),
    Loss("publication_status", "dropped"),
    Loss("related", "dropped"),
    Loss("conflict_of_interest", "dropped"),
    Loss("references", "dropped"),
    Loss("reference_text", "dropped"),
    Loss(
        "extra",
        "lossy",
        "the .bib file's own fields (JabRef's file, groups, owner; Zotero's and Better BibTeX's) are written "
        "back; other formats' entries and values kept for a field the model reads are dropped",
    ),
    Loss("published.literal", "dropped"),
)
_BIBTEX_TEXT = Loss(
    "*",
    "lossy",
    "text is NFC-normalised; the rare characters with no LaTeX form are approximated (biblatex keeps them)",
)
#: The declared losses of each dialect.
LOSSES: dict[Dialect, tuple[Loss, ...]] = {
    "bibtex": (
        *_COMMON_LOSSES,
        _BIBTEX_TEXT,
        Loss("published.day", "dropped", "classic BibTeX has year and month only"),
        Loss("published.end", "dropped", "date ranges keep their start"),
        Loss("vernacular_title", "dropped"),
        Loss("short_title", "dropped"),
        Loss("container.iso_abbreviation", "lossy", "written as the journal only with journal_abbreviation=true"),
        Loss("accessed", "dropped"),
    ),
    "biblatex": (
        *_COMMON_LOSSES,
        Loss("languages", "lossy", "only the first language is written (langid)"),
    ),
}
