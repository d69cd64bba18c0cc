"""Person names in the forms biomedical sources print them."""

from __future__ import annotations

import re
from functools import lru_cache

from jakcite.model import Person

__all__ = ["initials_of", "parse_inverted_name", "parse_medline_short_name"]

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "2nd", "3rd", "jr.", "sr."}
_NAME_PARTS = re.compile(r"[\s.\-]+")


@lru_cache(maxsize=4096)
def initials_of(given: str) -> str:
    """``"Anna Maria"`` -> ``"AM"``, ``"Jean-Pierre"`` -> ``"JP"``."""
    return "".join(part[0] for part in _NAME_PARTS.split(given) if part and part[0].isalpha()).upper()


def parse_medline_short_name(text: str) -> Person:
    """MEDLINE ``AU`` form: ``"Novák A"``, ``"Smith JR Jr"``, ``"van der Berg AB"``."""
    parts = text.split()
    suffix = None
    if len(parts) > 2 and parts[-1].lower().rstrip(".") in {s.rstrip(".") for s in _SUFFIXES}:
        suffix = parts.pop()
    if len(parts) >= 2 and re.fullmatch(r"[A-Z\u00C0-\u024F]{1,4}", parts[-1]):
        initials = parts.pop()
        return Person(family=" ".join(parts), initials=initials, suffix=suffix)
    return Person(family=" ".join(parts), suffix=suffix)


def parse_inverted_name(text: str) -> Person:
    """``"Family, Given"`` (MEDLINE ``FAU``, RIS ``AU``), with an optional ``, Jr`` suffix."""
    parts = [p.strip() for p in text.split(",")]
    family = parts[0]
    given = parts[1] if len(parts) > 1 else None
    suffix = parts[2] if len(parts) > 2 and parts[2] else None
    if given and suffix is None:
        words = given.split()
        if len(words) > 1 and words[-1].lower() in _SUFFIXES:
            suffix = words[-1]
            given = " ".join(words[:-1])
    return Person(
        family=family or text.strip(),
        given=given or None,
        initials=initials_of(given) if given else None,
        suffix=suffix,
    )
