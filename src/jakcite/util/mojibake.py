"""Repair UTF-8 text that was decoded as Windows-1252 somewhere upstream ("RenstrÃ¶m").

PubMed text saves passed through old tools often carry such double-encoded names.  A run
of characters is repaired only when re-encoding it as Windows-1252 gives valid UTF-8 that
is shorter (each repaired character came from a 2-4 byte sequence), so correct text such
as "Ã" on its own is left alone.
"""

from __future__ import annotations

import re

__all__ = ["repair_mojibake"]

# Only the mojibake that really occurs is repaired: Latin letters with diacritics
# (UTF-8 lead bytes C2-C5 seen as Â Ã Ä Å, giving U+0080-U+017F) and typographic
# punctuation (E2 80 xx seen as â€x, giving U+2010-U+203A). Anything else that happens to
# look similar (Ý followed by Œ...) is more likely real text and is left alone.
_CONT = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_RUN = re.compile(f"(?:[\u00c2-\u00c5][{_CONT}]|\u00e2\u20ac[{_CONT}])+")


def _fix(match: re.Match[str]) -> str:
    run = match.group(0)
    try:
        fixed = run.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run
    return fixed if len(fixed) < len(run) else run


def repair_mojibake(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The repaired text and the list of (before, after) repairs made."""
    repairs: list[tuple[str, str]] = []

    def fix(match: re.Match[str]) -> str:
        fixed = _fix(match)
        if fixed != match.group(0):
            repairs.append((match.group(0), fixed))
        return fixed

    if text.isascii() or not _RUN.search(text):  # (a run is never ASCII: the quick test first)
        return text, repairs
    return _RUN.sub(fix, text), repairs
