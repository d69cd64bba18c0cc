"""NLM's mark of a translated title: the whole title in square brackets; the title a writer writes."""

from __future__ import annotations

from jakcite.model import Record, RichText

__all__ = ["title_to_write", "translation_bracket", "unbracket_title"]


def title_to_write(record: Record) -> RichText | None:
    """The record's title, else its title in the original language.

    PubMed gives some records only a ``VernacularTitle`` (an empty ``<ArticleTitle/>``, PMID
    28304499): the writers use it as the title rather than write an entry with none.
    """
    if record.title is not None and record.title.text.strip():
        return record.title
    if record.vernacular_title is not None and record.vernacular_title.text.strip():
        return record.vernacular_title
    return record.title


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
