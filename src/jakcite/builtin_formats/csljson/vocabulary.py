"""CSL-JSON vocabulary shared by the CSL-JSON reader and writer.

The CSL 1.0.2 data schema (``csl-data.json``) as data: which variables exist, what type of
value each takes, which item types exist, how they map onto :class:`~jakcite.model.WorkType`,
how seasons are numbered, how an item id is derived when a record has no key, and how
name particles are split off family and given names (as citeproc-js does).

Both directions use these tables, so that what the writer produces the reader takes back
exactly (read -> write -> read gives equal models).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from jakcite.model import PartialDate, Season, WorkType
from jakcite.util.dates import parse_date_text
from jakcite.util.work_types import ARTICLE_LIKE

__all__ = [
    "ARTICLE_NUMBER_KINDS",
    "CSL_TYPES",
    "DATE_MEMBERS",
    "DATE_VARIABLES",
    "EXTRA_PREFIX",
    "NAME_KEYS",
    "NAME_VARIABLES",
    "NUMBER_VARIABLES",
    "SEASONS",
    "SEASON_NUMBERS",
    "STRING_VARIABLES",
    "TYPE_FROM_WORKTYPE",
    "WORKTYPE_FROM_TYPE",
    "derive_id",
    "dump_json",
    "is_simple_page_range",
    "is_valid_variable",
    "month_or_season",
    "parse_date_string",
    "parse_names_off",
    "split_particles",
    "without_literal",
]

#: Every ``Record.extra`` key this format owns starts with this.
EXTRA_PREFIX = "csl:"

CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
    graphic hearing interview legal_case legislation manuscript map motion_picture
    musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software
    song speech standard thesis treaty webpage""".split()
)

NAME_VARIABLES = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer guest host interviewer illustrator
    narrator organizer original-author performer producer recipient reviewed-author
    script-writer series-creator translator""".split()
)

DATE_VARIABLES = frozenset("accessed available-date event-date issued original-date submitted".split())

#: Variables whose value is a string or a number.
NUMBER_VARIABLES = frozenset(
    """id chapter-number citation-number collection-number edition first-reference-note-number
    issue locator number number-of-pages number-of-volumes page page-first part printing
    supplement volume""".split()
)

#: Variables whose value is a string.
STRING_VARIABLES = frozenset(
    """citation-key language journalAbbreviation shortTitle abstract annote archive
    archive_collection archive_location archive-place authority call-number citation-label
    collection-title container-title container-title-short dimensions division DOI event
    event-title event-place genre ISBN ISSN jurisdiction keyword medium note
    original-publisher original-publisher-place original-title part-title PMCID PMID
    publisher publisher-place references reviewed-genre reviewed-title scale section source
    status title title-short URL version volume-title volume-title-short year-suffix""".split()
)

#: Keys a name object may have under the schema.
NAME_KEYS = frozenset(
    "family given dropping-particle non-dropping-particle suffix comma-suffix static-ordering literal parse-names".split()
)

#: Keys a date object may have under the schema.
DATE_MEMBERS = frozenset("date-parts season circa literal raw".split())

SEASONS = {1: Season.SPRING, 2: Season.SUMMER, 3: Season.AUTUMN, 4: Season.WINTER}
SEASON_NUMBERS = {season: number for number, season in SEASONS.items()}
_SEASON_WORDS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

#: The CSL type each kind of work is written as.  CSL 1.0.2 has no preprint type: Zotero
#: and citeproc-js write preprints as ``article``.
TYPE_FROM_WORKTYPE = {
    WorkType.JOURNAL_ARTICLE: "article-journal",
    WorkType.MAGAZINE_ARTICLE: "article-magazine",
    WorkType.NEWSPAPER_ARTICLE: "article-newspaper",
    WorkType.REVIEW: "review",
    WorkType.BOOK: "book",
    WorkType.CHAPTER: "chapter",
    WorkType.PREPRINT: "article",
    WorkType.CONFERENCE_PAPER: "paper-conference",
    WorkType.REPORT: "report",
    WorkType.THESIS: "thesis",
    WorkType.WEBPAGE: "webpage",
    WorkType.DATASET: "dataset",
    WorkType.SOFTWARE: "software",
    WorkType.PATENT: "patent",
    WorkType.MANUSCRIPT: "manuscript",
    WorkType.OTHER: "document",
}

#: How each CSL type is read.  Types without an exact model kind map to the nearest one;
#: the reader keeps the original type in ``extra`` so the writer gives it back.
WORKTYPE_FROM_TYPE = {csl: kind for kind, csl in TYPE_FROM_WORKTYPE.items()} | {
    "review-book": WorkType.REVIEW,
    "post": WorkType.WEBPAGE,
    "post-weblog": WorkType.WEBPAGE,
    "collection": WorkType.BOOK,
    "classic": WorkType.BOOK,
    "entry": WorkType.CHAPTER,
    "entry-dictionary": WorkType.CHAPTER,
    "entry-encyclopedia": WorkType.CHAPTER,
    "pamphlet": WorkType.REPORT,
    "standard": WorkType.REPORT,
}

#: Kinds of work whose CSL ``number`` is an article number (and whose ``page`` carries the
#: article number when there is no page range, as PubMed and Zotero print it): the
#: article-like works but reviews.
ARTICLE_NUMBER_KINDS = ARTICLE_LIKE - {WorkType.REVIEW}

_PAGE_TOKEN = r"[^\s,;\-\u2010-\u2015]+"
_SIMPLE_PAGES = re.compile(rf"^\s*{_PAGE_TOKEN}(?:\s*[-\u2010-\u2015]+\s*{_PAGE_TOKEN})?\s*$")


def is_simple_page_range(text: str) -> bool:
    """True for ``"113-25"``, ``"e157\u2013e161"``, ``"12"``; False for ``"1-5, 9"`` and the like.

    A simple range is written as ``first-last``; anything else keeps its wording.
    """
    return bool(_SIMPLE_PAGES.match(text))


def season_number(value: object) -> int | None:
    """A CSL season (1-4, ``"2"``, ``"Summer"``) as 1-4; None when it is none of those."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= 4 else None
    if isinstance(value, str):
        text = value.strip().lower()
        if text.isdecimal():
            return season_number(int(text))
        return _SEASON_WORDS.get(text)
    return None


def dump_json(value: Any) -> str:
    """The canonical JSON text of a value kept in ``Record.extra`` (sorted keys, UTF-8)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _is_name_list(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(n, dict)
        and set(n) <= NAME_KEYS
        and all(
            isinstance(v, str)
            if k not in ("comma-suffix", "static-ordering", "parse-names")
            else isinstance(v, (str, int, float, bool))
            for k, v in n.items()
        )
        for n in value
    )


def _is_date(value: object) -> bool:
    if not isinstance(value, dict) or not set(value) <= DATE_MEMBERS:
        return False
    parts = value.get("date-parts")
    if parts is not None:
        if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
            return False
        for part in parts:
            if not isinstance(part, list) or not 1 <= len(part) <= 3:
                return False
            if not all(isinstance(p, (str, int, float)) and not isinstance(p, bool) for p in part):
                return False
    season = value.get("season")
    if season is not None and (isinstance(season, bool) or not isinstance(season, (str, int, float))):
        return False
    if "circa" in value and not isinstance(value["circa"], (str, int, float, bool)):
        return False
    return all(isinstance(value.get(k, ""), str) for k in ("literal", "raw"))


def _is_string_or_number(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def is_valid_variable(name: str, value: object) -> bool:
    """True when ``name`` is a top-level CSL variable and ``value`` has the type the schema wants."""
    if name in STRING_VARIABLES:
        return isinstance(value, str)
    if name in NUMBER_VARIABLES:
        return _is_string_or_number(value)
    if name in NAME_VARIABLES:
        return _is_name_list(value)
    if name in DATE_VARIABLES:
        return _is_date(value)
    if name == "type":
        return value in CSL_TYPES
    if name == "categories":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if name == "custom":
        return isinstance(value, dict)
    return False


def is_valid_date_member(name: str, value: object) -> bool:
    """True when ``{name: value}`` may stand in a CSL date object."""
    return name in DATE_MEMBERS and _is_date({name: value})


def derive_id(item: Mapping[str, Any]) -> str:
    """The id an item gets when its record has no key: ``pmid:N``, ``doi:X`` or a content hash.

    It depends only on the item's other variables, so the reader can recognise an id the
    writer made up (and give back a record without a key).
    """
    pmid = item.get("PMID")
    if isinstance(pmid, str) and pmid.strip():
        return f"pmid:{pmid.strip()}"
    doi = item.get("DOI")
    if isinstance(doi, str) and doi.strip():
        return f"doi:{doi.strip()}"
    canonical = json.dumps(
        {k: v for k, v in item.items() if k != "id"}, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return "item-" + hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:12]


def parse_names_off(value: object) -> bool:
    """True when a name's ``parse-names`` is false (``false``, ``0``, ``"false"``): keep it unsplit."""
    if isinstance(value, str):
        return value.strip().lower() in {"false", "0", "no", ""}
    return value is not None and not value


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def month_or_season(value: int | None) -> tuple[int | None, Season | None]:
    """A CSL month value: 1-12 a month, 13-16 and 21-24 a season, 0 or None nothing.

    Raises ``ValueError`` for anything else.
    """
    if value is None or value == 0:
        return None, None
    if 1 <= value <= 12:
        return value, None
    if 13 <= value <= 16:
        return None, SEASONS[value - 12]
    if 21 <= value <= 24:
        return None, SEASONS[value - 20]
    raise ValueError(f"month {value} is neither a month (1-12) nor a season (13-16, 21-24)")


def _iso(text: str) -> PartialDate:
    match = _ISO_DATE.match(text)
    if match is None:
        raise ValueError(f"not an ISO date: {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    month_value, season = month_or_season(month)
    return PartialDate(year, month_value, day or None, season)


def parse_date_string(text: str) -> PartialDate | None:
    """A date written as text: ISO/EDTF (``2019-05-03``, ``2019-05/2019-06``, ``2017-21``)
    or free text (``Spring 2009``, ``2019 Sep-Oct``); None when no year can be found.

    The result carries no ``literal``: the CSL reader and writer keep the wording themselves.
    """
    halves = [h.strip() for h in text.strip().split("/")]
    try:
        if 1 <= len(halves) <= 2 and all(_ISO_DATE.match(h) for h in halves):
            dates = [_iso(h) for h in halves]
            return attrs.evolve(dates[0], end=dates[1] if len(dates) > 1 else None)
        parsed = parse_date_text(text)
    except ValueError:
        return None
    return without_literal(parsed) if parsed is not None else None


def without_literal(date: PartialDate) -> PartialDate:
    """The date without its wording (``literal``), its end's too: what CSL date parts say."""
    end = attrs.evolve(date.end, literal=None, end=None) if date.end is not None else None
    return attrs.evolve(date, literal=None, end=end)


# --------------------------------------------------------------------------- particles

_PARTICLE_WORD = re.compile(r"^(?:[a-z\u00df-\u00ff][\w\u00c0-\u024f]*['\u2019]?|[a-z]['\u2019])$")
_APOSTROPHE_PARTICLE = re.compile(r"^([a-z\u00df-\u00ff]{1,3}['\u2019])(\S.*)$")


def _is_particle(word: str) -> bool:
    return bool(_PARTICLE_WORD.match(word)) and not word.endswith(".")


def split_particles(family: str, given: str | None) -> tuple[str, str | None, str | None, str | None]:
    """Split name particles off as citeproc-js does when ``parse-names`` is not false.

    ``("van der Vlist", "Eric")`` -> family ``Vlist``, non-dropping particle ``van der``;
    ``("Humboldt", "Alexander von")`` -> dropping particle ``von``; ``("d'Alembert", ...)``
    -> particle ``d'``.  Returns ``(family, given, non_dropping, dropping)``; a name
    without lower-case leading (or trailing given) words comes back unchanged.
    """
    words = family.split(" ")
    non_dropping: list[str] = []
    while len(words) > 1 and _is_particle(words[0]):
        non_dropping.append(words.pop(0))
    rest = " ".join(words)
    if not non_dropping:
        match = _APOSTROPHE_PARTICLE.match(rest)
        if match and match.group(2)[0].isupper():
            non_dropping.append(match.group(1))
            rest = match.group(2)
    dropping: list[str] = []
    if given:
        given_words = given.split(" ")
        while len(given_words) > 1 and _is_particle(given_words[-1]):
            dropping.insert(0, given_words.pop())
        given = " ".join(given_words)
    particle = " ".join(non_dropping) if non_dropping else None
    return rest, given, particle, " ".join(dropping) if dropping else None
