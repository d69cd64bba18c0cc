"""Identifiers read from text, checked: a malformed one costs its field, never the record."""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from jakcite.model import Identifiers

__all__ = ["CheckedIdentifiers", "check_identifiers"]

#: Registered DOIs may hold almost any character, but a space or a comma in one read from
#: text is the next field run into it (``10.3390/ijms231911788.,Richter``).
_RUN_ON_DOI = re.compile(r"[\s,]")


@attrs.frozen
class CheckedIdentifiers:
    """The identifiers that passed, and the rejected ones kept as extra data with a warning each."""

    ids: Identifiers
    extra: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()


def check_identifiers(values: Mapping[str, str | None], *, extra_prefix: str) -> CheckedIdentifiers:
    """Check ``{"pmid": ..., "pmcid": ..., "doi": ...}``; a value the model refuses goes to
    ``extra`` as ``(extra_prefix:kind, value)`` with a warning, so it is neither accepted nor lost."""
    good: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    warnings: list[str] = []
    for kind, value in values.items():
        if value is None or not value.strip():
            continue
        try:
            Identifiers(**{kind: value})
            if kind == "doi" and _RUN_ON_DOI.search(value.strip()):
                raise ValueError("a DOI holds no space or comma (another field run into it?)")
        except ValueError as exc:
            extra.append((f"{extra_prefix}:{kind}", value))
            warnings.append(f"malformed {kind.upper()} {value!r} not accepted (kept as extra data): {exc}")
            continue
        good[kind] = value
    return CheckedIdentifiers(Identifiers(**good), tuple(extra), tuple(warnings))
