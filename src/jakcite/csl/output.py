"""Output formats for formatted citations: text, html, markdown, rst, latex.

citeproc-py renders through a *formatter* module whose ``Italic``/``Bold``/... wrap text in
the target markup as it goes.  jakcite instead renders every style once, through
:data:`MARKER_FORMATTER`, which wraps formatted runs in private-use code points
(U+E000-U+E00B); titles' own markup (PubMed ``<i>``, ``<sup>``...) is turned into the same
markers when items are prepared.  One final pass (:func:`render`) turns the marked text
into the requested output format, escaping it for that format.  So:

* rich text from the data and formatting from the style nest and combine correctly
  (italics inside an italic title flip to roman, as citeproc-js does);
* no markup is ever escaped twice or leaks as literal ``<i>`` into any output;
* the same rendering serves every output format.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from types import SimpleNamespace

from citeproc.string import String

from jakcite.markup import OUTPUT_MARKUPS

__all__ = [
    "DATA_QUOTE",
    "FIELD",
    "MARKERS",
    "MARKER_FORMATTER",
    "OUTPUT_FORMATS",
    "STYLE_QUOTE",
    "MarkedString",
    "render",
    "strip_markers",
]

#: Mark name -> (open, close) private-use code points.
MARKERS: dict[str, tuple[str, str]] = {
    "i": ("\ue000", "\ue001"),
    "b": ("\ue002", "\ue003"),
    "sup": ("\ue004", "\ue005"),
    "sub": ("\ue006", "\ue007"),
    "sc": ("\ue008", "\ue009"),
    "u": ("\ue00a", "\ue00b"),
}
#: Quotation marks, resolved to the locale's quotes (outer or inner, by nesting) by
#: :func:`jakcite.csl.corrections.resolve_quotes`: quotes from the data, quotes from the style.
DATA_QUOTE = ("\ue00c", "\ue00d")
STYLE_QUOTE = ("\ue00e", "\ue00f")
#: Between the first field of a bibliography entry and the rest, with ``second-field-align``:
#: a space in text, citeproc-js's ``csl-left-margin`` / ``csl-right-inline`` blocks in HTML.
FIELD = "\ue010"
_OPEN = {o: name for name, (o, _) in MARKERS.items()}
_CLOSE = {c: name for name, (_, c) in MARKERS.items()}
MARKER_CHARS = frozenset(_OPEN) | frozenset(_CLOSE) | frozenset(DATA_QUOTE) | frozenset(STYLE_QUOTE)
_MARKER_CLASS = "[\ue000-\ue00f]"
_MARKER_RE = re.compile(_MARKER_CLASS)
OUTPUT_FORMATS = OUTPUT_MARKUPS


class MarkedString(String):  # type: ignore[misc]  # citeproc is untyped
    """A citeproc string that may hold markers; case changes skip over them."""

    def capitalize_first(self) -> MarkedString:
        """Upper-case the first letter that is not a marker."""
        text = str(self)
        for index, char in enumerate(text):
            if char not in MARKER_CHARS:
                return MarkedString(text[:index] + char.upper() + text[index + 1 :])
        return self


def _wrapper(mark: str) -> Callable[[object], MarkedString]:
    open_, close = MARKERS[mark]

    def wrap(text: object) -> MarkedString:
        return MarkedString(f"{open_}{text}{close}")

    return wrap


def _same(text: object) -> MarkedString:
    return MarkedString(str(text))


#: The citeproc-py formatter jakcite renders with: markers, no escaping (done at the end).
MARKER_FORMATTER = SimpleNamespace(
    preformat=lambda text: str(text),
    Italic=_wrapper("i"),
    Oblique=_wrapper("i"),
    Bold=_wrapper("b"),
    Light=_same,
    Underline=_wrapper("u"),
    Superscript=_wrapper("sup"),
    Subscript=_wrapper("sub"),
    SmallCaps=_wrapper("sc"),
)


def strip_markers(text: str) -> str:
    """The plain text of marked text."""
    return _MARKER_RE.sub("", text).replace(FIELD, " ")


# --------------------------------------------------------------------------- tree


_Node = tuple[str, list["_Node | str"]]


def _parse(text: str) -> list[_Node | str]:
    """Marked text as a tree of (mark, children) nodes and strings; unbalanced marks dropped."""
    root: list[_Node | str] = []
    stack: list[tuple[str, list[_Node | str]]] = [("", root)]
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            stack[-1][1].append("".join(buffer))
            buffer.clear()

    for char in text:
        if char in _OPEN:
            flush()
            node: _Node = (_OPEN[char], [])
            stack[-1][1].append(node)
            stack.append(node)
        elif char in _CLOSE:
            flush()
            name = _CLOSE[char]
            if any(frame[0] == name for frame in stack[1:]):
                while stack[-1][0] != name:
                    stack.pop()
                stack.pop()
        else:
            buffer.append(char)
    flush()
    return root


ENGLISH_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")


_QUOTE_MARKERS = re.compile("([" + "".join(DATA_QUOTE + STYLE_QUOTE) + "])")


def resolve_quotes(text: str, quotes: tuple[str, str, str, str]) -> str:
    """Quote markers to quotation marks: outer quotes, inner quotes when nested (flip-flop).

    An unmatched closing mark becomes ``’`` (an apostrophe after all).
    """
    if not _QUOTE_MARKERS.search(text):
        return text
    out: list[str] = []
    depth = 0
    for char in _QUOTE_MARKERS.split(text):
        if char in (DATA_QUOTE[0], STYLE_QUOTE[0]):
            out.append(quotes[0] if depth % 2 == 0 else quotes[2])
            depth += 1
        elif char in (DATA_QUOTE[1], STYLE_QUOTE[1]):
            if depth == 0:
                out.append("\u2019")
                continue
            depth -= 1
            out.append(quotes[1] if depth % 2 == 0 else quotes[3])
        else:
            out.append(char)
    return "".join(out)


_Escape = Callable[[str], str]
_Wrap = Callable[[str, str], str]


def _emit(nodes: list[_Node | str], escape: _Escape, wrap: _Wrap, italic: bool = False) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(escape(node))
            continue
        mark, children = node
        if mark == "i":
            # Flip-flop: italics inside italics render roman (CSL spec, citeproc-js).
            inner = _emit(children, escape, wrap, not italic)
            out.append(wrap("roman" if italic else "i", inner) if inner else "")
        else:
            inner = _emit(children, escape, wrap, italic)
            out.append(wrap(mark, inner) if inner else "")
    return "".join(out)


# --------------------------------------------------------------------------- formats

_HTML_TAGS = {
    "i": ("<i>", "</i>"),
    "roman": ('<span style="font-style:normal;">', "</span>"),
    "b": ("<b>", "</b>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "sc": ('<span style="font-variant:small-caps;">', "</span>"),
    "u": ('<span style="text-decoration:underline;">', "</span>"),
}


def _html_escape(text: str) -> str:
    return html.escape(text, quote=False)


def _html_wrap(mark: str, inner: str) -> str:
    open_, close = _HTML_TAGS[mark]
    return f"{open_}{inner}{close}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _markdown_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _markdown_wrap(mark: str, inner: str) -> str:
    if mark in ("i", "b"):
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        core = inner.strip()
        if not core:
            return inner
        token = "*" if mark == "i" else "**"
        return f"{lead}{token}{core}{token}{trail}"
    if mark in ("sup", "sub"):
        return f"<{mark}>{inner}</{mark}>"
    return inner  # roman, small caps, underline: no markdown syntax


_RST_SPECIAL = re.compile(r"([\\`*_|])")
_RST_ROLES = {"i": "emphasis", "b": "strong", "sup": "sup", "sub": "sub"}


def _rst_escape(text: str) -> str:
    return _RST_SPECIAL.sub(r"\\\1", text)


def _rst_wrap(mark: str, inner: str) -> str:
    role = _RST_ROLES.get(mark)
    if role is None or not inner.strip():
        return inner
    # Interpreted text needs a boundary; "\ " is an escaped, invisible space.
    return f"\\ :{role}:`{inner}`\\ "


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile(r"[\\&%$#_{}~^]")
_LATEX_COMMANDS = {
    "i": r"\textit",
    "roman": r"\textup",
    "b": r"\textbf",
    "sup": r"\textsuperscript",
    "sub": r"\textsubscript",
    "sc": r"\textsc",
    "u": r"\underline",
}


def _latex_escape(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group(0)], text)


def _latex_wrap(mark: str, inner: str) -> str:
    return f"{_LATEX_COMMANDS[mark]}{{{inner}}}"


_FORMATS: dict[str, tuple[_Escape, _Wrap]] = {
    "html": (_html_escape, _html_wrap),
    "markdown": (_markdown_escape, _markdown_wrap),
    "rst": (_rst_escape, _rst_wrap),
    "latex": (_latex_escape, _latex_wrap),
}


def render(marked: str, output: str) -> str:
    """Turn marked text into ``output`` (one of :data:`OUTPUT_FORMATS`)."""
    if DATA_QUOTE[0] in marked or STYLE_QUOTE[0] in marked or DATA_QUOTE[1] in marked or STYLE_QUOTE[1] in marked:
        marked = resolve_quotes(marked, ENGLISH_QUOTES)
    if output == "text":
        return strip_markers(marked)
    try:
        escape, wrap = _FORMATS[output]
    except KeyError:
        raise ValueError(f"unknown output format {output!r} (choose from {', '.join(OUTPUT_FORMATS)})") from None
    if FIELD in marked and output == "html":
        first, rest = marked.split(FIELD, 1)
        return (
            f'<div class="csl-left-margin">{_emit(_parse(first), escape, wrap)}</div>'
            f'<div class="csl-right-inline">{_emit(_parse(rest), escape, wrap)}</div>'
        )
    text = _emit(_parse(marked.replace(FIELD, " ")), escape, wrap)
    if output == "rst":
        text = text.replace("\\ \\ ", "\\ ").removeprefix("\\ ").removesuffix("\\ ")
    return text
