"""Mixed content (titles, abstracts) to rich text: ``<i> <b> <sup> <sub> <u>`` and MathML.

PubMed puts a small HTML-like tag set inside ``ArticleTitle``, ``AbstractText`` and
friends, and sometimes MathML (``<mml:math>``).  Inline tags become
:class:`~jakcite.model.Mark` on :class:`~jakcite.model.Segment` runs; MathML becomes
readable linear text with super- and subscripts kept as marks (``η`` sub ``p`` sup ``2``).
Comments are skipped (their tail text is kept); unresolved entity references become the
character they name, or stay as literal ``&name;`` text when the name is unknown.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Callable

from lxml import etree

from jakcite.model import Mark, RichText, Segment

__all__ = ["all_text", "element_rich_text", "element_text", "squash"]

_SPACE_RE = re.compile(r"\s+")
_INLINE_MARKS = {
    "i": Mark.ITALIC,
    "b": Mark.BOLD,
    "sup": Mark.SUPERSCRIPT,
    "sub": Mark.SUBSCRIPT,
    "u": Mark.UNDERLINE,
}
_NO_MARKS: frozenset[Mark] = frozenset()

Emit = Callable[[str, frozenset[Mark]], None]


def squash(text: str) -> str:
    """Collapse runs of whitespace (newlines, tabs, indentation) to one space."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return _SPACE_RE.sub(" ", text)
    return text


def all_text(elem: etree._Element, sep: str = "") -> str:
    """Every piece of text inside ``elem`` (markup ignored), joined by ``sep``."""
    return sep.join(str(t) for t in elem.itertext())


def local_name(tag: object) -> str:
    """``{ns}name`` or ``prefix:name`` -> ``name``; non-elements give ``''``."""
    if not isinstance(tag, str):
        return ""
    if tag[:1] == "{":
        return tag.rpartition("}")[2]
    return tag.rpartition(":")[2]


def _entity_text(node: etree._Entity) -> str:
    """An entity reference the parser left unexpanded (no DTD was loaded)."""
    name = str(node.name)
    if name.startswith("#"):
        try:
            return chr(int(name[2:], 16) if name[1:2] in "xX" else int(name[1:]))
        except ValueError:
            return f"&{name};"
    codepoint = html.entities.name2codepoint.get(name)
    return chr(codepoint) if codepoint is not None else f"&{name};"


def element_rich_text(elem: etree._Element) -> RichText:
    """The element's content as rich text (whitespace collapsed, ends stripped)."""
    if len(elem) == 0:
        text = squash(elem.text or "").strip()
        return RichText.plain(text) if text else RichText()
    runs: list[tuple[str, frozenset[Mark]]] = []

    def emit(text: str, marks: frozenset[Mark]) -> None:
        if text:
            runs.append((text, marks))

    _walk_content(elem, _NO_MARKS, emit)
    return _to_rich(runs)


def element_text(elem: etree._Element | None) -> str | None:
    """Plain text of an element (markup dropped, whitespace collapsed), None when empty."""
    if elem is None:
        return None
    if len(elem) == 0:
        text = elem.text
        return squash(text).strip() or None if text else None
    return element_rich_text(elem).text or None


def _to_rich(runs: list[tuple[str, frozenset[Mark]]]) -> RichText:
    segments: list[Segment] = []
    previous_space = True  # drop leading whitespace
    for text, marks in runs:
        text = squash(text)
        if previous_space and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        segments.append(Segment(text, marks))
        previous_space = text.endswith(" ")
    return RichText(segments).strip()


def _walk_inline(node: etree._Element, marks: frozenset[Mark], emit: Emit) -> None:
    """Emit the text of one child node of mixed content (its tail is the caller's)."""
    if isinstance(node, etree._Entity):
        emit(_entity_text(node), marks)
        return
    if not isinstance(node.tag, str):  # comment or processing instruction
        return
    name = local_name(node.tag)
    if name == "math":
        for text, math_marks in math_runs(node):
            emit(text, marks | math_marks)
        return
    mark = _INLINE_MARKS.get(name)
    _walk_content(node, marks | {mark} if mark is not None else marks, emit)


def _walk_content(node: etree._Element, marks: frozenset[Mark], emit: Emit) -> None:
    """Emit the mixed content inside ``node`` with ``marks``: its text, then each child and its tail."""
    if node.text:
        emit(node.text, marks)
    for child in node:
        _walk_inline(child, marks, emit)
        if child.tail:
            emit(child.tail, marks)


# --------------------------------------------------------------------------- MathML

_SPACED_OPERATORS = frozenset("=<>≤≥≈≠±×+→←↔∈∉⊂⊆≡∝∼~") | {"−", "-"}
_ROW_LIKE = frozenset({"math", "mrow", "mstyle", "mpadded", "menclose", "mtd", "merror", "mphantom", "mlabeledtr"})
_TOKENS = frozenset({"mi", "mn", "mo", "mtext", "ms", "ci", "csymbol"})
_SYMBOLS = {
    "infinity": "∞",
    "complexes": "ℂ",
    "reals": "ℝ",
    "integers": "ℤ",
    "naturalnumbers": "ℕ",
    "rationals": "ℚ",
    "primes": "ℙ",
    "pi": "π",
    "exponentiale": "e",
    "imaginaryi": "i",
    "emptyset": "∅",
    "notanumber": "NaN",
    "true": "true",
    "false": "false",
}
_INFIX = {
    "in": "∈",
    "notin": "∉",
    "eq": "=",
    "neq": "≠",
    "lt": "<",
    "gt": ">",
    "leq": "≤",
    "geq": "≥",
    "approx": "≈",
    "plus": "+",
    "minus": "−",
    "times": "×",
    "divide": "/",
    "and": "and",
    "or": "or",
    "subset": "⊂",
    "union": "∪",
    "intersect": "∩",
}

Runs = list[tuple[str, frozenset[Mark]]]


def math_runs(node: etree._Element) -> Runs:
    """A MathML element as text runs, with super/subscripts marked."""
    runs: Runs = []
    _math(node, _NO_MARKS, runs, in_script=False)
    return runs


def _children(node: etree._Element) -> list[etree._Element]:
    return [c for c in node if isinstance(c.tag, str)]


def _token_text(node: etree._Element) -> str:
    return " ".join(all_text(node).split())


def _math(node: etree._Element, marks: frozenset[Mark], out: Runs, *, in_script: bool) -> None:
    name = local_name(node.tag)
    kids = _children(node)
    if name in _TOKENS:
        out.append((_token_text(node), marks))
    elif name == "cn":
        _math_number(node, marks, out)
    elif name in _SYMBOLS:
        out.append((_SYMBOLS[name], marks))
    elif name == "mspace":
        out.append((" ", marks))
    elif name in ("annotation", "annotation-xml", "none", "mprescripts"):
        return
    elif name == "semantics":
        if kids:
            _math(kids[0], marks, out, in_script=in_script)
    elif name in ("msub", "munder"):
        _scripts(kids, marks, out, (Mark.SUBSCRIPT,))
    elif name in ("msup", "mover"):
        _scripts(kids, marks, out, (Mark.SUPERSCRIPT,))
    elif name in ("msubsup", "munderover"):
        _scripts(kids, marks, out, (Mark.SUBSCRIPT, Mark.SUPERSCRIPT))
    elif name == "mmultiscripts":
        _multiscripts(kids, marks, out)
    elif name == "mfrac":
        _fraction(kids, marks, out, in_script)
    elif name == "msqrt":
        out.append(("√", marks))
        _grouped(kids, marks, out, in_script)
    elif name == "mroot":
        if len(kids) == 2:
            _math(kids[1], marks | {Mark.SUPERSCRIPT}, out, in_script=True)
            out.append(("√", marks))
            _grouped(kids[:1], marks, out, in_script)
    elif name == "mfenced":
        _fenced(node, kids, marks, out, in_script)
    elif name in ("mtable", "matrix"):
        _table(kids, marks, out, in_script)
    elif name in ("mtr", "matrixrow"):
        _joined(kids, ", ", marks, out, in_script)
    elif name == "apply":
        _apply(kids, marks, out, in_script)
    else:  # rows and anything unknown: children in order
        _row(kids, marks, out, in_script)


def _row(kids: list[etree._Element], marks: frozenset[Mark], out: Runs, in_script: bool) -> None:
    for index, kid in enumerate(kids):
        if not in_script and index and local_name(kid.tag) == "mo" and _token_text(kid) in _SPACED_OPERATORS:
            out.append((f" {_token_text(kid)} ", marks))
        else:
            _math(kid, marks, out, in_script=in_script)


def _math_number(node: etree._Element, marks: frozenset[Mark], out: Runs) -> None:
    parts = [(node.text or "").strip()] + [(c.tail or "").strip() for c in node if local_name(c.tag) == "sep"]
    if node.get("type") == "complex-cartesian" and len(parts) == 2:
        out.append((f"{parts[0]} + {parts[1]}i", marks))
    else:
        out.append((" ".join(p for p in parts if p), marks))


def _scripts(kids: list[etree._Element], marks: frozenset[Mark], out: Runs, script_marks: tuple[Mark, ...]) -> None:
    if not kids:
        return
    _math(kids[0], marks, out, in_script=False)
    for kid, mark in zip(kids[1:], script_marks, strict=False):
        _math(kid, marks | {mark}, out, in_script=True)


def _multiscripts(kids: list[etree._Element], marks: frozenset[Mark], out: Runs) -> None:
    if not kids:
        return
    names = [local_name(k.tag) for k in kids]
    split = names.index("mprescripts") if "mprescripts" in names else len(kids)
    post, pre = kids[1:split], kids[split + 1 :]
    for i, kid in enumerate(pre):
        _math(kid, marks | {Mark.SUBSCRIPT if i % 2 == 0 else Mark.SUPERSCRIPT}, out, in_script=True)
    _math(kids[0], marks, out, in_script=False)
    for i, kid in enumerate(post):
        _math(kid, marks | {Mark.SUBSCRIPT if i % 2 == 0 else Mark.SUPERSCRIPT}, out, in_script=True)


def _is_compound(node: etree._Element) -> bool:
    return local_name(node.tag) in _ROW_LIKE and len(_children(node)) > 1


def _grouped(kids: list[etree._Element], marks: frozenset[Mark], out: Runs, in_script: bool) -> None:
    """Children in parentheses unless they are one simple token."""
    simple = len(kids) == 1 and not _is_compound(kids[0])
    if not simple:
        out.append(("(", marks))
    _row(kids, marks, out, in_script)
    if not simple:
        out.append((")", marks))


def _fraction(kids: list[etree._Element], marks: frozenset[Mark], out: Runs, in_script: bool) -> None:
    if len(kids) != 2:
        _row(kids, marks, out, in_script)
        return
    _grouped(kids[:1], marks, out, in_script)
    out.append(("/", marks))
    _grouped(kids[1:], marks, out, in_script)


def _fenced(
    node: etree._Element, kids: list[etree._Element], marks: frozenset[Mark], out: Runs, in_script: bool
) -> None:
    separators = "".join((node.get("separators", ",") or "").split())
    out.append((node.get("open", "("), marks))
    for index, kid in enumerate(kids):
        if index and separators:
            out.append((separators[min(index - 1, len(separators) - 1)] + " ", marks))
        _math(kid, marks, out, in_script=in_script)
    out.append((node.get("close", ")"), marks))


def _joined(kids: list[etree._Element], sep: str, marks: frozenset[Mark], out: Runs, in_script: bool) -> None:
    for index, kid in enumerate(kids):
        if index:
            out.append((sep, marks))
        _math(kid, marks, out, in_script=in_script)


def _table(kids: list[etree._Element], marks: frozenset[Mark], out: Runs, in_script: bool) -> None:
    out.append(("[", marks))
    _joined(kids, "; ", marks, out, in_script)
    out.append(("]", marks))


def _apply(kids: list[etree._Element], marks: frozenset[Mark], out: Runs, in_script: bool) -> None:
    if not kids:
        return
    operator, args = local_name(kids[0].tag), kids[1:]
    if operator in _INFIX and len(args) >= 2:
        _joined(args, f" {_INFIX[operator]} ", marks, out, in_script)
    elif operator == "power" and len(args) == 2:
        _math(args[0], marks, out, in_script=in_script)
        _math(args[1], marks | {Mark.SUPERSCRIPT}, out, in_script=True)
    elif operator in ("minus",) and len(args) == 1:
        out.append(("−", marks))
        _math(args[0], marks, out, in_script=in_script)
    else:
        head = _token_text(kids[0]) if operator in _TOKENS else _SYMBOLS.get(operator, operator)
        out.append((head, marks))
        out.append(("(", marks))
        _joined(args, ", ", marks, out, in_script)
        out.append((")", marks))
