"""Cite keys: a small pattern language, ASCII folding, and stable unique suffixes.

A pattern is literal text with fields in square brackets, each with optional
``:modifier`` filters applied left to right::

    [auth:lower][year][title:lower]      ->  richter2022why   (the default)
    [auth][year]                         ->  Richter2022
    pmid[pmid]                           ->  pmid36183780

Fields: ``auth`` (first author's family name; a group author's first word), ``authors``
(up to two family names, then ``EtAl``), ``year``, ``title`` (first significant title
word), ``shorttitle`` (first three significant words), ``journal`` (journal
abbreviation without spaces), ``pmid``, ``doi``, ``volume``, ``pages`` (first page).
Modifiers: ``lower``, ``upper``, ``capitalize``.  Missing values fall back to ``anon``,
``nd`` and ``untitled`` so a key is never empty.

Uniqueness: records whose keys collide are ordered by what they *are* (PMID, DOI, title,
authors), never by where they sit in the input; the first keeps the bare key, the others
get ``a``, ``b``... .  So a record's key changes only when a record with the very same
bare key is added or removed; reordering the input or adding any other record never
changes it.  Keys that records already had (``Record.key``) are kept as they are.
"""

from __future__ import annotations

import pickle
import re
import secrets
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import count
from typing import IO

import attrs

from jakcite.model import Collective, Record
from jakcite.util.letter_suffixes import letter_suffix
from jakcite.util.titles import title_to_write

__all__ = [
    "DEFAULT_PATTERN",
    "KeyBasis",
    "PatternError",
    "ascii_fold",
    "assign_keys",
    "assign_keys_from",
    "identity",
    "key_basis",
    "keyed_texts",
    "render_pattern",
    "sanitize_key",
]

DEFAULT_PATTERN = "[auth:lower][year][title:lower]"

_FIELD_RE = re.compile(r"\[([a-z]+)((?::[a-z]+)*)\]")
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.+/\-]+")
_FOLD_EXTRA = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)
#: Words skipped when looking for a title's first significant word.
STOPWORDS = frozenset(
    """a an the and or but nor of on in at to for from by with without into onto about
    as is are was were be been being its it this that these those than via versus vs
    de la le les el der die das und""".split()
)


class PatternError(ValueError):
    """A cite-key pattern that names an unknown field or modifier."""


def ascii_fold(text: str) -> str:
    """``Müller-Świątek`` -> ``Muller-Swiatek``: accents dropped, ligatures spelled out."""
    if text.isascii():
        return text
    text = text.translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)


def _alnum(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", ascii_fold(text))


def _family(contributor: object) -> str:
    if isinstance(contributor, Collective):
        words = contributor.name.split()
        return words[0] if words else contributor.name
    family = getattr(contributor, "family", "")
    particle = getattr(contributor, "particle", None)
    return f"{particle} {family}" if particle else str(family)


def _title_words(record: Record) -> list[str]:
    title = title_to_write(record)
    if title is None:
        return []
    words = [_alnum(w) for w in re.split(r"[\s\-/]+", title.text)]
    return [w for w in words if w and w.lower() not in STOPWORDS]


def _field_auth(record: Record) -> str:
    return _alnum(_family(record.authors[0])) if record.authors else ""


def _field_authors(record: Record) -> str:
    names = [_alnum(_family(a)) for a in record.authors[:2]]
    text = "".join(names)
    return text + "EtAl" if len(record.authors) > 2 or record.authors_truncated else text


def _field_year(record: Record) -> str:
    return str(record.year) if record.year is not None else ""


def _field_title(record: Record) -> str:
    words = _title_words(record)
    return words[0] if words else ""


def _field_shorttitle(record: Record) -> str:
    return "".join(w[:1].upper() + w[1:] for w in _title_words(record)[:3])


def _field_journal(record: Record) -> str:
    container = record.container
    if container is None:
        return ""
    return _alnum(container.abbreviation or container.title or "")


def _field_pmid(record: Record) -> str:
    return record.ids.pmid or ""


def _field_doi(record: Record) -> str:
    return _alnum(record.ids.doi or "")


def _field_volume(record: Record) -> str:
    return _alnum(record.volume or "")


def _field_pages(record: Record) -> str:
    return _alnum(record.pages.first or "") if record.pages else ""


FIELDS: dict[str, Callable[[Record], str]] = {
    "auth": _field_auth,
    "authors": _field_authors,
    "year": _field_year,
    "title": _field_title,
    "shorttitle": _field_shorttitle,
    "journal": _field_journal,
    "pmid": _field_pmid,
    "doi": _field_doi,
    "volume": _field_volume,
    "pages": _field_pages,
}
FALLBACKS = {"auth": "anon", "authors": "anon", "year": "nd", "title": "untitled", "shorttitle": "untitled"}
MODIFIERS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda s: s[:1].upper() + s[1:],
}


# render_pattern checks its pattern for every record: remember the patterns that passed
# (a failing one raises every time, since lru_cache does not keep exceptions).
@lru_cache(maxsize=64)
def check_pattern(pattern: str) -> None:
    """Raise :class:`PatternError` for unknown fields or modifiers in ``pattern``."""
    for match in _FIELD_RE.finditer(pattern):
        if match.group(1) not in FIELDS:
            raise PatternError(f"unknown cite-key field [{match.group(1)}]; known: {', '.join(sorted(FIELDS))}")
        for modifier in filter(None, match.group(2).split(":")):
            if modifier not in MODIFIERS:
                raise PatternError(f"unknown cite-key modifier :{modifier}; known: {', '.join(sorted(MODIFIERS))}")
    leftover = _FIELD_RE.sub("", pattern)
    if "[" in leftover or "]" in leftover:
        raise PatternError(f"malformed cite-key pattern {pattern!r} (fields look like [auth:lower])")


def sanitize_key(key: str) -> str:
    """A key BibTeX and Biber accept: ASCII letters, digits and ``_:.+/-`` only."""
    return _KEY_UNSAFE.sub("", ascii_fold(key).replace(" ", "_"))


def render_pattern(record: Record, pattern: str = DEFAULT_PATTERN) -> str:
    """The bare key of ``record`` under ``pattern`` (before uniqueness suffixes)."""
    check_pattern(pattern)

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        value = FIELDS[name](record) or FALLBACKS.get(name, "")
        for modifier in filter(None, match.group(2).split(":")):
            value = MODIFIERS[modifier](value)
        return value

    key = sanitize_key(_FIELD_RE.sub(substitute, pattern))
    return key or "ref"


def identity(record: Record) -> tuple[str, ...]:
    """What a record is, for ordering colliding keys independently of input order."""
    pmid = record.ids.pmid or ""
    return (
        pmid.rjust(12, "0") if pmid else "~",
        (record.ids.doi or "~").lower(),
        title.text if (title := title_to_write(record)) else "~",
        "; ".join(getattr(a, "display", "") for a in record.authors),
        record.published.iso() if record.published else "~",
        record.volume or "",
        record.pages.range or "" if record.pages else "",
    )


#: How many leading parts of :func:`identity` a :class:`KeyBasis` holds: PMID and DOI,
#: which tell almost every pair of records apart.
_HEAD = 2


@attrs.frozen(slots=True)
class KeyBasis:
    """What a record's key depends on, small enough to hold for a million records.

    ``head`` is the start of the record's :func:`identity`; the rest of it is needed only
    to order records whose keys collide *and* whose heads are equal, and is then fetched.
    """

    own: str | None
    base: str
    head: tuple[str, ...]


def key_basis(record: Record, pattern: str = DEFAULT_PATTERN, ident: tuple[str, ...] | None = None) -> KeyBasis:
    """The :class:`KeyBasis` of one record under ``pattern``; ``ident`` is the record's
    :func:`identity` when the caller has computed it already."""
    if record.key:
        return KeyBasis(record.key, "", ())
    return KeyBasis(None, render_pattern(record, pattern), (ident or identity(record))[:_HEAD])


def assign_keys(records: Sequence[Record], pattern: str = DEFAULT_PATTERN) -> list[str]:
    """A unique key for every record, in input order (see the module docs for the rules)."""
    check_pattern(pattern)
    bases = [key_basis(record, pattern) for record in records]
    return assign_keys_from(bases, lambda wanted: {i: identity(records[i]) for i in wanted})


#: Fetches the full :func:`identity` of the records at the given indices.
IdentityLookup = Callable[[set[int]], dict[int, tuple[str, ...]]]


def assign_keys_from(bases: Sequence[KeyBasis], identities: IdentityLookup) -> list[str]:
    """:func:`assign_keys` from each record's :class:`KeyBasis`, in input order.

    ``identities`` is called at most once, for the records that only their full identity
    can order; a streaming writer reads those back from where it put them.
    """
    keys: list[str | None] = [None] * len(bases)
    taken: set[str] = set()
    for index, basis in enumerate(bases):
        if basis.own is not None:
            key = sanitize_key(basis.own) or "ref"
            if key in taken:
                key = next(key + letter_suffix(n) for n in count() if key + letter_suffix(n) not in taken)
            keys[index] = key
            taken.add(key)
    groups: dict[str, list[int]] = {}
    for index, basis in enumerate(bases):
        if basis.own is None:
            groups.setdefault(basis.base, []).append(index)
    orders = _collision_orders(groups, bases, identities)
    for base in sorted(groups):
        members = orders[base]
        candidates = ([base] if base not in taken else []) + [
            base + letter_suffix(n) for n in range(len(members) * 2 + 26)
        ]
        free = (c for c in candidates if c not in taken)
        for index in members:
            key = next(free, None) or next(
                base + letter_suffix(n) for n in count() if base + letter_suffix(n) not in taken
            )
            keys[index] = key
            taken.add(key)
    return [k or "ref" for k in keys]


def _collision_orders(
    groups: dict[str, list[int]], bases: Sequence[KeyBasis], identities: IdentityLookup
) -> dict[str, list[int]]:
    """Each group's members sorted by ``(identity, index)``.

    Sorting by ``(head, index)`` is that order when a group's heads all differ, since a
    head is the identity's first parts; only groups with equal heads need full identities.
    """
    by_head = {base: sorted(members, key=lambda i: (bases[i].head, i)) for base, members in groups.items()}
    tied = {base for base, members in by_head.items() if len({bases[i].head for i in members}) < len(members)}
    if not tied:
        return by_head
    full = identities({i for base in tied for i in by_head[base]})
    for base in tied:
        by_head[base] = sorted(by_head[base], key=lambda i: (full[i], i))
    return by_head


#: Above this many bytes the spilled texts go to a temporary file instead of memory.
_SPILL_IN_MEMORY = 1 << 20


def keyed_texts(
    records: Iterable[Record], render: Callable[[Record, str], str], pattern: str = DEFAULT_PATTERN
) -> Iterator[str]:
    """Each record rendered by ``render(record, key)`` with its key from :func:`assign_keys`,
    in input order, holding neither the records nor their texts in memory.

    Keys unique and stable within a file depend on every record, so the first text can only
    be given once the last record is read.  Each record is rendered at once with a
    placeholder key and spilled, and only its small :class:`KeyBasis` stays in memory.  The
    placeholder is random per call and made of letters and digits, so a writer writes it
    unchanged (in BibTeX, JSON or RIS) and it can never occur in the record's own text.
    """
    check_pattern(pattern)
    placeholder = f"jakcitekey{secrets.token_hex(12)}"
    bases: list[KeyBasis] = []
    with tempfile.SpooledTemporaryFile(max_size=_SPILL_IN_MEMORY) as spill:
        for record in records:
            # A record keeping its own key is never ordered against others: no identity.
            ident = None if record.key else identity(record)
            bases.append(key_basis(record, pattern, ident))
            pickle.dump((ident, render(record, placeholder)), spill, protocol=pickle.HIGHEST_PROTOCOL)
        keys = assign_keys_from(bases, lambda wanted: _spilled_identities(spill, wanted))
        spill.seek(0)
        for key in keys:
            _, text = pickle.load(spill)
            yield text.replace(placeholder, key)


def _spilled_identities(spill: IO[bytes], wanted: set[int]) -> dict[int, tuple[str, ...]]:
    """The identities of the spilled records at ``wanted`` (one pass over the spill)."""
    spill.seek(0)
    found: dict[int, tuple[str, ...]] = {}
    for index in range(max(wanted) + 1):
        ident, _ = pickle.load(spill)
        if index in wanted and ident is not None:
            found[index] = ident
    return found
