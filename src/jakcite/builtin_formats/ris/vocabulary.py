"""The RIS vocabulary shared by the reader, the writer and the coverage: ``TY`` types, the
writer's tag order and the patterns of the values both directions recognise.

Nothing here reads or writes a file: it is data, and the few lookups that go with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jakcite.model import WorkType

__all__ = [
    "HINTED_ISSN",
    "HTML_ENTITY",
    "ISBN",
    "ISBN_PREFIX",
    "ISSN",
    "NIHMSID",
    "PMCID_NOTE",
    "PMID_NOTE",
    "READ_TYPES",
    "TAG_ORDER",
    "TRAILING_INITIALS",
    "WRITE_TYPES",
    "in_tag_order",
    "kept_tag",
    "tag_rank",
]

#: ``TY`` values and the work types they mean.  Types of the old and new specifications,
#: EndNote's and Zotero's extensions; anything else is :attr:`WorkType.OTHER`.
READ_TYPES: dict[str, WorkType] = {
    "JOUR": WorkType.JOURNAL_ARTICLE,
    "EJOUR": WorkType.JOURNAL_ARTICLE,
    "JFULL": WorkType.JOURNAL_ARTICLE,
    "ABST": WorkType.JOURNAL_ARTICLE,
    "MGZN": WorkType.MAGAZINE_ARTICLE,
    "NEWS": WorkType.NEWSPAPER_ARTICLE,
    "BOOK": WorkType.BOOK,
    "EBOOK": WorkType.BOOK,
    "EDBOOK": WorkType.BOOK,
    "CLSWK": WorkType.BOOK,
    "CHAP": WorkType.CHAPTER,
    "ECHAP": WorkType.CHAPTER,
    "CONF": WorkType.CONFERENCE_PAPER,
    "CPAPER": WorkType.CONFERENCE_PAPER,
    "RPRT": WorkType.REPORT,
    "GOVDOC": WorkType.REPORT,
    "STAND": WorkType.REPORT,
    "THES": WorkType.THESIS,
    "ELEC": WorkType.WEBPAGE,
    "WEB": WorkType.WEBPAGE,
    "BLOG": WorkType.WEBPAGE,
    "DATA": WorkType.DATASET,
    "DBASE": WorkType.DATASET,
    "COMP": WorkType.SOFTWARE,
    "PAT": WorkType.PATENT,
    "UNPB": WorkType.PREPRINT,
    "MANSCPT": WorkType.MANUSCRIPT,
    "UNPD": WorkType.MANUSCRIPT,
    "INPR": WorkType.MANUSCRIPT,
}

#: The ``TY`` each work type is written as: the first ``TY`` of :data:`READ_TYPES` that
#: reads as it; a review (of another work) is written as ``JOUR`` and any other work as
#: ``GEN``.  A ``TY`` read that is not the one its type is written as is kept in extra.
WRITE_TYPES: dict[WorkType, str] = {
    **{work_type: ty for ty, work_type in reversed(READ_TYPES.items())},
    WorkType.REVIEW: "JOUR",
    WorkType.OTHER: "GEN",
}

#: The fixed order of tags after ``TY`` in written records (``ER`` closes).  Tags kept in
#: ``extra`` (``ris:XX``) go after the record's own values of the same tag and tags not
#: listed here follow ``KW``; the reader lists extras in this order too, so that a record
#: read, written and read again has its ``extra`` in the same order.
TAG_ORDER: tuple[str, ...] = (
    "ID", "TI", "ST", "AU", "A2", "T2", "J2", "T3", "PY", "DA", "ET", "Y2", "VL", "IS", "SP", "EP", "C7",
    "M1", "PB", "CY", "SN", "DO", "AN", "M2", "C2", "C6", "UR", "LA", "M3", "AB", "N1", "KW",
)  # fmt: skip
_RANK = {tag: i for i, tag in enumerate(TAG_ORDER)}


def tag_rank(tag: str) -> int:
    """Place of a tag in :data:`TAG_ORDER`; tags not listed there all rank last."""
    return _RANK.get(tag, len(TAG_ORDER))


def in_tag_order(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(tag, value)`` pairs sorted into :data:`TAG_ORDER` (stable: same-rank pairs keep their order)."""
    return sorted(pairs, key=lambda pair: tag_rank(pair[0]))


_TAG = re.compile(r"[A-Z][A-Z0-9]")


def kept_tag(key: str) -> str | None:
    """The tag an ``extra`` key ``ris:XX`` is written back as; None for other keys and for TY/ER."""
    tag = key[4:] if key.startswith("ris:") else ""
    return tag if _TAG.fullmatch(tag) and tag not in ("TY", "ER") else None


#: An ISSN alone: ``2689-6575`` or ``26896575``.
ISSN = re.compile(r"^(\d{4})-?(\d{3}[\dXx])$")
#: An ISSN as a record may hold it: spaces and a ``(Print)``-style hint around it allowed.
HINTED_ISSN = re.compile(r"^\s*(\d{4})-?(\d{3}[\dXx])\s*(?:\([^()]*\))?\s*$")
#: An ISBN-10 or ISBN-13, hyphens or spaces between the digits allowed.
ISBN = re.compile(r"^(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]$")
#: The ``ISBN`` / ``ISBN:`` label some exports print before the number.
ISBN_PREFIX = re.compile(r"^ISBN:?\s*", re.IGNORECASE)
#: A note line that is a PMID (``PMID: 123``): Zotero's Extra, copied PubMed citations.
PMID_NOTE = re.compile(r"^\s*PMID:\s*(\d+)\s*$", re.IGNORECASE)
#: A note line that is a PMCID (``PMCID: PMC4``).
PMCID_NOTE = re.compile(r"^\s*PMCID:\s*(PMC\d+)\s*$", re.IGNORECASE)
#: A ``C6`` value that is a NIHMSID (``NIHMS12345`` or the bare number).
NIHMSID = re.compile(r"^(?:NIHMS)?\d+$", re.IGNORECASE)
#: A name without a comma that ends in dotted initials (Embase's ``Adler D.G.``): a person.
TRAILING_INITIALS = re.compile(r"^(.+?)\s+((?:[A-Z]\.-?)+)$")


#: An HTML character reference, as PubMed's RIS export writes them (``&lt;``, ``&#8805;``).
HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
