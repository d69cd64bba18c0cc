"""PubMed's short author lists: ``Richter P, Cardoneanu A, Rezus E; LUPUS Study Group.``

The Summary text save, the CSV save's ``Authors`` column and the NLM citation print the
authors in MEDLINE ``AU`` form, persons separated by commas, group authors after a
semicolon; a list cut short ends in ``et al.``.
"""

from __future__ import annotations

import re

import attrs

from jakcite.model import Collective, Contributor
from jakcite.util.names import parse_medline_short_name

__all__ = ["AuthorList", "parse_author_list"]

_UPPER = "A-Z\u00c0-\u00de\u0100-\u024f"
#: ``Novák A``, ``van der Berg AB``, ``Smith JR Jr``, ``Buliga-Finis ON``.
_SHORT_NAME = re.compile(rf"(?:[^\W\d_][\w'’\-]*\s+)+[{_UPPER}]{{1,4}}(?:\s+(?:Jr|Sr|II|III|IV|2nd|3rd))?")
#: A name without initials (``Basappa``), accepted only next to names with them.
_BARE_NAME = re.compile(r"(?:[^\W\d_][\w'’\-]*\s+){0,3}[^\W\d_][\w'’\-]+")
_ET_AL = re.compile(r",?\s*(?:et al\.?|\.\.\.|…)$")
_GROUP_WORDS = re.compile(
    r"\b(?:Group|Consortium|Committee|Investigators|Collaborat\w*|Society|Association|Team|Network|Study|Trial|"
    r"Working|Council|Initiative|Alliance)\b",
    re.IGNORECASE,
)


@attrs.frozen
class AuthorList:
    """The contributors of an author list, and whether it was cut short (``et al.``)."""

    authors: tuple[Contributor, ...]
    truncated: bool = False


def parse_author_list(text: str) -> AuthorList | None:
    """The authors of a MEDLINE-form list, or None when ``text`` is not one."""
    body = " ".join(text.split()).rstrip(".").strip()
    truncated = bool(_ET_AL.search(body))
    body = _ET_AL.sub("", body).strip()
    if not body:
        return None
    persons_part, _, groups_part = body.partition(";")
    persons = _persons(persons_part)
    if persons is None:
        if groups_part or not _GROUP_WORDS.search(persons_part) or len(persons_part.split()) > 15:
            return None
        return AuthorList((Collective(persons_part.strip()),), truncated)
    groups = [Collective(g.strip()) for g in groups_part.split(";") if g.strip()]
    return AuthorList((*persons, *groups), truncated)


def _persons(text: str) -> list[Contributor] | None:
    items = [i.strip() for i in text.split(",")]
    if not all(items):
        return None
    with_initials = sum(1 for item in items if _SHORT_NAME.fullmatch(item))
    if with_initials == 0 or any(not (_SHORT_NAME.fullmatch(i) or _BARE_NAME.fullmatch(i)) for i in items):
        return None
    return [parse_medline_short_name(item) for item in items]
