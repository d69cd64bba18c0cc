"""The ``citation-strings`` format: references as text, one a line or a paragraph (read-only).

PubMed's Cite button (NLM, AMA, APA, MLA) and reference lists pasted from articles.
"""

from __future__ import annotations

from jakcite.builtin_formats.citation_strings.reader import read
from jakcite.builtin_formats.citation_strings.sniffer import sniff
from jakcite.registry import Format

__all__ = ["CITATION_STRINGS"]

CITATION_STRINGS = Format(
    name="citation-strings",
    description="References as text, one a line or paragraph: PubMed's Cite styles (NLM, AMA, APA, MLA), reference lists",
    aliases=("references", "cite-strings"),
    extensions=(".txt",),
    sniff=sniff,
    reader=read,
)
