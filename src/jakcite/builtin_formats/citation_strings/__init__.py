"""The ``citation-strings`` format: references as text, one a line or a paragraph (read-only).

PubMed's Cite button (NLM, AMA, APA, MLA) and reference lists pasted from articles.
"""

from __future__ import annotations

from jakcite.registry import Format, Lazy

__all__ = ["CITATION_STRINGS"]

CITATION_STRINGS = Format(
    name="citation-strings",
    description="References as text, one a line or paragraph: PubMed's Cite styles (NLM, AMA, APA, MLA), reference lists",
    aliases=("references", "cite-strings"),
    extensions=(".txt",),
    sniff=Lazy("jakcite.builtin_formats.citation_strings.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.citation_strings.reader:read"),
)
