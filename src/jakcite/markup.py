"""Conversions between :class:`~jakcite.model.RichText` and HTML-like inline markup.

PubMed XML, CSL-JSON and copied pages all use the same small tag set (``<i>``, ``<b>``,
``<sup>``, ``<sub>``, ``<u>``, small caps and CSL's ``<span class="nocase">``), so the
mapping lives here once, for readers and writers alike.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from jakcite.model import Mark, RichText, Segment

__all__ = ["OUTPUT_MARKUPS", "from_html", "to_html", "to_plain"]

#: The markups a formatted bibliography can be written in (``--markup``, ``output=``).
OUTPUT_MARKUPS = ("text", "html", "markdown", "rst", "latex")

_TAG_RE = re.compile(r"<(/?)([a-zA-Z]+)([^<>]*)>")
_SIMPLE_TAGS = {
    "i": Mark.ITALIC,
    "em": Mark.ITALIC,
    "b": Mark.BOLD,
    "strong": Mark.BOLD,
    "sup": Mark.SUPERSCRIPT,
    "sub": Mark.SUBSCRIPT,
    "u": Mark.UNDERLINE,
    "sc": Mark.SMALL_CAPS,
}
_SPAN_MARKS = (
    (re.compile(r"small-caps"), Mark.SMALL_CAPS),
    (re.compile(r"nocase"), Mark.NOCASE),
    (re.compile(r"italic"), Mark.ITALIC),
    (re.compile(r"bold"), Mark.BOLD),
)
_OPEN_HTML = {
    Mark.ITALIC: "<i>",
    Mark.BOLD: "<b>",
    Mark.SUPERSCRIPT: "<sup>",
    Mark.SUBSCRIPT: "<sub>",
    Mark.UNDERLINE: "<u>",
    Mark.SMALL_CAPS: '<span style="font-variant:small-caps;">',
    Mark.NOCASE: '<span class="nocase">',
}
_CLOSE_HTML = {m: "</span>" if o.startswith("<span") else "</" + o[1:] for m, o in _OPEN_HTML.items()}
# Outer-to-inner nesting order, so output is stable.
_ORDER = list(_OPEN_HTML)


def _span_mark(attrs: str) -> Mark | None:
    for pattern, mark in _SPAN_MARKS:
        if pattern.search(attrs):
            return mark
    return None


def from_html(text: str, *, unescape: bool = True) -> RichText:
    """Parse inline HTML-like markup into rich text.

    Unknown tags are kept as literal text (a ``<`` in a chemical name is data, not
    markup); unbalanced closing tags are ignored.  ``unescape`` decodes entities
    such as ``&amp;`` (CSL-JSON and HTML do; plain text does not need it).
    """
    stack: list[Mark | None] = []
    names: list[str] = []  # the tag that opened each stack entry
    segments: list[Segment] = []
    pos = 0

    def emit(chunk: str) -> None:
        if chunk:
            chunk = html.unescape(chunk) if unescape else chunk
            segments.append(Segment(chunk, frozenset(m for m in stack if m is not None)))

    for match in _TAG_RE.finditer(text):
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        mark = _SIMPLE_TAGS.get(name) if name != "span" else _span_mark(attrs)
        if name not in _SIMPLE_TAGS and name != "span":
            continue  # not markup: stays in the text
        emit(text[pos : match.start()])
        pos = match.end()
        if not closing:
            stack.append(mark)
            names.append(name)
        elif stack:
            # Close the innermost matching tag (a ``</span>`` closes the innermost span,
            # whatever its style); tolerate sloppy nesting.
            for i in range(len(stack) - 1, -1, -1):
                if (names[i] == "span") if name == "span" else (stack[i] == mark and names[i] != "span"):
                    del stack[i]
                    del names[i]
                    break
    emit(text[pos:])
    return RichText(segments)


def to_html(rich: RichText, *, escape: bool = True) -> str:
    """Render rich text as HTML-like inline markup (the CSL-JSON convention)."""
    out: list[str] = []
    open_marks: list[Mark] = []
    for seg in rich.segments:
        wanted = [m for m in _ORDER if m in seg.marks]
        # Close marks no longer wanted (and everything opened after them).
        keep = 0
        while keep < len(open_marks) and keep < len(wanted) and open_marks[keep] == wanted[keep]:
            keep += 1
        for mark in reversed(open_marks[keep:]):
            out.append(_CLOSE_HTML[mark])
        del open_marks[keep:]
        for mark in wanted[keep:]:
            out.append(_OPEN_HTML[mark])
            open_marks.append(mark)
        out.append(html.escape(seg.text, quote=False) if escape else seg.text)
    for mark in reversed(open_marks):
        out.append(_CLOSE_HTML[mark])
    return "".join(out)


def to_plain(rich: RichText | None) -> str:
    """Plain text of rich text (empty string for None)."""
    return rich.text if rich is not None else ""


def join(parts: Iterable[RichText], sep: str = " ") -> RichText:
    """Concatenate rich texts with a plain separator."""
    segments: list[Segment] = []
    for i, part in enumerate(parts):
        if i:
            segments.append(Segment(sep))
        segments.extend(part.segments)
    return RichText(segments)
