"""Letter suffixes that tell apart things that would otherwise be equal (``2019a``, ``2019b``)."""

from __future__ import annotations

__all__ = ["letter_suffix"]


def letter_suffix(index: int) -> str:
    """The ``index``-th suffix of the sequence a, b, ... z, aa, ab ...: 0 -> a, 25 -> z, 26 -> aa."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
