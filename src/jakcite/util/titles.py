"""NLM's mark of a translated title: the whole title in square brackets."""

from __future__ import annotations

__all__ = ["translation_bracket", "unbracket_title"]


def translation_bracket(text: str) -> int | None:
    """The index of the ``]`` that closes a translated title, or None when ``text`` is not one.

    NLM prints a title translated into English in brackets, ``[Title in English].``.  Only a
    bracket that opens the title and closes at its very end (before an optional final full
    stop) counts, so a title that merely starts with ``[FeFe]-hydrogenases`` is not one.
    """
    end = len(text) - 1 if text.endswith("].") else len(text)
    if not text.startswith("[") or text[end - 1 : end] != "]" or end < 3:
        return None
    depth = 0
    for position, char in enumerate(text[:end]):
        depth += (char == "[") - (char == "]")
        if depth == 0 and position < end - 1:
            return None
    return end - 1


def unbracket_title(text: str) -> str | None:
    """``[Title in English].`` -> ``Title in English.`` (``[Title]`` -> ``Title``); None
    when the title is not bracketed as a whole (see :func:`translation_bracket`)."""
    close = translation_bracket(text)
    return None if close is None else text[1:close] + text[close + 1 :]
