"""NLM's mark of a translated title: the whole title in square brackets."""

from __future__ import annotations

__all__ = ["unbracket_title"]


def unbracket_title(text: str) -> str | None:
    """``[Title in English].`` -> ``Title in English.`` (``[Title]`` -> ``Title``); None
    when the title is not bracketed as a whole.

    Only a bracket that opens the title and closes at its very end (before a final
    full stop) counts, so a title that merely starts with ``[FeFe]-hydrogenases`` is
    not a translated one.
    """
    end = len(text) - 1 if text.endswith("].") else len(text)
    if not text.startswith("[") or text[end - 1 : end] != "]" or end < 3:
        return None
    depth = 0
    for position, char in enumerate(text[:end]):
        depth += (char == "[") - (char == "]")
        if depth == 0 and position < end - 1:
            return None
    return text[1 : end - 1] + text[end:]
