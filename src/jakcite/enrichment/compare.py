"""Whether two records describe the same work: normalised titles, years, first authors."""

from __future__ import annotations

import unicodedata

from jakcite.model import Collective, Contributor, Record

__all__ = ["conflicts", "first_author_key", "normal_text", "title_key"]


def normal_text(text: str) -> str:
    """Case, accents, punctuation and spacing folded away (``"Müller,"`` -> ``"muller"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def title_key(record: Record) -> str | None:
    """The normalised title, or None without one."""
    return normal_text(record.title.text) or None if record.title else None


def _name_key(person: Contributor) -> str:
    return normal_text(person.name if isinstance(person, Collective) else person.family)


def first_author_key(record: Record) -> str | None:
    """The first author's normalised family name (or group name), or None."""
    return _name_key(record.authors[0]) if record.authors else None


def _years(record: Record) -> set[int]:
    return {d.year for d in (record.published, record.epublished) if d is not None}


def conflicts(base: Record, other: Record) -> list[str]:
    """What says ``base`` and ``other`` are different works: title, year, first author.

    A field only one of them has is no conflict; years conflict when no publication year
    of one is a publication year of the other (print and electronic years may differ).
    """
    found: list[str] = []
    mine, theirs = title_key(base), title_key(other)
    if mine and theirs and mine != theirs:
        found.append(f"title {base.title.text if base.title else ''!r} vs {other.title.text if other.title else ''!r}")
    years, other_years = _years(base), _years(other)
    if years and other_years and not years & other_years:
        found.append(f"year {min(years)} vs {min(other_years)}")
    author, other_author = first_author_key(base), first_author_key(other)
    if author and other_author and author != other_author:
        found.append(f"first author {base.authors[0].display!r} vs {other.authors[0].display!r}")
    return found
