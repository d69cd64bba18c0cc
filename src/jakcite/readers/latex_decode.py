"""LaTeX field values to Unicode rich text, for the BibTeX reader.

BibTeX values are LaTeX: accents (``{\\'e}``, ``\\v{c}``), special characters (``\\&``,
``\\%``), dashes and quotes (``--``, ````x''``), inline formatting (``\\textit{}``,
``\\emph{}``, ``{\\it ...}``, ``\\textsuperscript{}``), math (``$\\alpha$``, ``$^{2}$``) and
case-protecting braces (``{JAK}``).  :func:`latex_to_rich` turns such a value into
:class:`~jakcite.model.RichText`: formatting becomes marks, the rest becomes Unicode text
(through pylatexenc's walker and its LaTeX-to-text tables), braces vanish.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexNode,
    LatexWalker,
)
from pylatexenc.latexwalker import get_default_latex_context_db as get_default_latex_walker_context_db
from pylatexenc.macrospec import MacroSpec

from jakcite.model import Mark, RichText, Segment
from jakcite.util.case import needs_case_protection

__all__ = ["latex_to_plain", "latex_to_rich", "needs_decoding"]

#: Commands taking one argument that mark their argument.
MARK_COMMANDS = {
    "textit": Mark.ITALIC,
    "emph": Mark.ITALIC,
    "textsl": Mark.ITALIC,
    "mkbibemph": Mark.ITALIC,
    "textbf": Mark.BOLD,
    "mkbibbold": Mark.BOLD,
    "textsuperscript": Mark.SUPERSCRIPT,
    "mkbibsuperscript": Mark.SUPERSCRIPT,
    "textsubscript": Mark.SUBSCRIPT,
    "textsc": Mark.SMALL_CAPS,
    "underline": Mark.UNDERLINE,
    "uline": Mark.UNDERLINE,
}
#: Declarations that mark the rest of their group (``{\\it text}``).
MARK_DECLARATIONS = {
    "it": Mark.ITALIC,
    "itshape": Mark.ITALIC,
    "em": Mark.ITALIC,
    "sl": Mark.ITALIC,
    "slshape": Mark.ITALIC,
    "bf": Mark.BOLD,
    "bfseries": Mark.BOLD,
    "sc": Mark.SMALL_CAPS,
    "scshape": Mark.SMALL_CAPS,
}
#: Text symbols pylatexenc does not know, as the writer emits them.
_EXTRA_SYMBOLS = {
    "textbraceleft": "{",
    "textbraceright": "}",
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textunderscore": "_",
    "textbackslash": "\\",
    "textperiodcentered": "\u00b7",
}
_NEEDS_DECODING = re.compile(r"[\\{}$~]|--|``|''|!`|\?`")
_NEEDS_WALKER = re.compile(r"[\\$~]|--|``|''|!`|\?`")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


@lru_cache(maxsize=1)
def _text_converter() -> LatexNodes2Text:
    db = get_default_latex_context_db()
    db = db.filter_context(keep_categories=None)
    specs = [MacroTextSpec(name, simplify_repl=value) for name, value in _EXTRA_SYMBOLS.items()]
    specs.append(MacroTextSpec("url", simplify_repl="%s"))
    db.add_context_category("jakcite-symbols", macros=specs, prepend=True)
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=True, keep_comments=False)


@lru_cache(maxsize=1)
def _walker_context() -> Any:
    """Macro argument specs for the walker (pylatexenc's defaults plus ``\\href{url}{text}``)."""
    db = get_default_latex_walker_context_db()
    db.add_context_category("jakcite-args", macros=[MacroSpec("href", "{{")], prepend=True)
    return db


def needs_decoding(value: str) -> bool:
    """True when ``value`` holds anything LaTeX gives a meaning to (commands, braces, dashes...)."""
    return _NEEDS_DECODING.search(value) is not None


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text)


class _Builder:
    """Collects segments while walking the node tree."""

    def __init__(self, *, nocase_groups: bool = False) -> None:
        self.segments: list[Segment] = []
        self.converter = _text_converter()
        self.nocase_groups = nocase_groups
        self.seen_word = False  # a word has been read: the next one is not the title's first
        self.group_depth = 0

    def text(self, text: str, marks: frozenset[Mark]) -> None:
        if text:
            self.segments.append(Segment(text, marks))
            self.seen_word = self.seen_word or any(c.isalnum() for c in text)

    def group(self, node: LatexGroupNode, marks: frozenset[Mark]) -> None:
        if self.nocase_groups and self.group_depth == 0 and self._is_author_protection(node):
            marks = marks | {Mark.NOCASE}
        self.group_depth += 1
        try:
            self.nodes(node.nodelist, marks)
        finally:
            self.group_depth -= 1

    def argument(self, node: LatexNode, marks: frozenset[Mark]) -> None:
        if isinstance(node, LatexGroupNode):
            self.nodes(node.nodelist, marks)
        else:
            self.nodes([node], marks)

    def _is_author_protection(self, node: LatexGroupNode) -> bool:
        """A group the author braced to keep its case, not one word braced by the usual rule.

        Groups opening with a command other than a formatting one (``{\\"u}``, ``{\\it x}``)
        are special characters or declarations; a single word that :func:`needs_case_protection` braces anyway (how
        writers protect acronyms and names, ``{JAK}``) carries nothing more.
        """
        inner = [n for n in node.nodelist or [] if not isinstance(n, LatexCommentNode)]
        if not inner or (isinstance(inner[0], LatexMacroNode) and inner[0].macroname not in MARK_COMMANDS):
            return False
        text = self._plain(inner)
        if not text:
            return False
        if _SPACES.search(text):  # several words (a no-break space joins words into one)
            return True
        return not needs_case_protection(text, first=not self.seen_word)

    @staticmethod
    def _plain(nodes: list[LatexNode]) -> str:
        """The plain text of already parsed nodes (as :func:`latex_to_plain` gives it)."""
        inner = _Builder()
        inner.nodes(nodes, frozenset())
        return _collapse("".join(s.text for s in inner.segments)).strip()

    def nodes(self, nodes: list[LatexNode] | None, marks: frozenset[Mark]) -> None:
        if not nodes:
            return
        index = 0
        current = marks
        while index < len(nodes):
            node = nodes[index]
            index += 1
            if isinstance(node, LatexCommentNode):
                continue
            if isinstance(node, LatexGroupNode):
                self.group(node, current)
            elif isinstance(node, LatexMacroNode) and node.macroname in MARK_DECLARATIONS:
                current = current | {MARK_DECLARATIONS[node.macroname]}
            elif isinstance(node, LatexMacroNode) and node.macroname in MARK_COMMANDS:
                mark = MARK_COMMANDS[node.macroname]
                args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
                # A formatting command's argument braces are not case protection.
                if args:
                    self.argument(args[-1], current | {mark})
                elif index < len(nodes) and isinstance(nodes[index], LatexGroupNode):
                    self.argument(nodes[index], current | {mark})
                    index += 1
            elif isinstance(node, LatexMathNode):
                self.math(node, current)
            elif isinstance(node, LatexCharsNode):
                self.text(node.chars, current)
            else:
                self.other(node, current)

    def other(self, node: LatexNode, marks: frozenset[Mark]) -> None:
        """Any other node through pylatexenc's tables; on its failure, the node's arguments."""
        try:
            self.text(self.converter.nodelist_to_text([node]), marks)
        except (IndexError, KeyError, AttributeError, TypeError, ValueError):
            if isinstance(node, LatexMacroNode) and node.nodeargd is not None:
                self.nodes([a for a in node.nodeargd.argnlist if a is not None], marks)
            else:
                self.text(node.latex_verbatim(), marks)

    def math(self, node: LatexMathNode, marks: frozenset[Mark]) -> None:
        inner = node.nodelist or []
        body = "".join(n.latex_verbatim() for n in inner).strip()
        script = re.fullmatch(r"([\^_])\s*(\{(?P<braced>[^{}]*)\}|(?P<bare>\S))", body)
        if script:
            mark = Mark.SUPERSCRIPT if script.group(1) == "^" else Mark.SUBSCRIPT
            value = script.group("braced") if script.group("braced") is not None else script.group("bare")
            self.text(latex_to_plain(value), marks | {mark})
            return
        self.other(node, marks)


@lru_cache(maxsize=8192)
def latex_to_rich(value: str, *, nocase_groups: bool = False) -> RichText:
    """Decode a LaTeX field value into rich text (formatting as marks, braces removed).

    With ``nocase_groups`` (titles), a group the author braced to keep its case (several
    words, or a word no case rule would brace) is marked ``NOCASE``.
    """
    if not needs_decoding(value):
        return RichText.plain(_collapse(value))
    if not _NEEDS_WALKER.search(value) and not nocase_groups:
        return RichText.plain(_collapse(value.replace("{", "").replace("}", "")))  # braces only
    return _decode(value, nocase_groups=nocase_groups)


def _decode(value: str, *, nocase_groups: bool, whole: bool = False) -> RichText:
    """Walk ``value`` (in pieces, or ``whole``: the tests check that both agree)."""
    builder = _Builder(nocase_groups=nocase_groups)
    for is_latex, piece in [(True, value)] if whole else _pieces(value):
        if is_latex:
            builder.nodes(_walk(piece), frozenset())
        else:
            builder.text(piece, frozenset())
    # Whitespace is collapsed once runs are merged, wherever the pieces were cut.
    return RichText([Segment(_collapse(s.text), s.marks) for s in RichText(builder.segments).segments])


def _walk(value: str) -> list[LatexNode]:
    walker = LatexWalker(value, latex_context=_walker_context(), tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    return list(nodes or [])


_LATEX_WORD = re.compile(r"%|" + _NEEDS_DECODING.pattern)  # a comment sign, or anything decoded
#: What matters to the word split: escapes (skipped whole), braces, math shifts, spaces.
_STRUCTURE = re.compile(r"\\.|[{}$]|\s+", re.DOTALL)
_CONTROL_WORD_END = re.compile(r"\\[A-Za-z]+$")
_COMMENT = re.compile(r"(?<!\\)%")
_DECLARATION = re.compile(r"\\(?:" + "|".join(MARK_DECLARATIONS) + r")(?![A-Za-z])")


def _pieces(value: str) -> list[tuple[bool, str]]:
    """``value`` as runs of plain words and runs of words that need the LaTeX walker.

    pylatexenc walks about 10 µs a character, and an abstract is mostly plain words
    around a few ``\\%`` or ``\\textit{}``: only the LaTeX runs are walked.  Words are
    parted at spaces outside braces and math, never after a control word (which eats the
    space).  A declaration (``\\bf``) or comment (``%``) can reach past its word: then the
    whole value is one run, as is one with unbalanced braces.
    """
    if _DECLARATION.search(value) or _COMMENT.search(value):
        return [(True, value)]
    words: list[str] = []
    depth, math, start = 0, False, 0
    for match in _STRUCTURE.finditer(value):
        token, index = match.group(), match.start()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return [(True, value)]
        elif token == "$":
            math = not math
        elif token[0].isspace() and depth == 0 and not math and index > start:
            if not _CONTROL_WORD_END.search(value, start, index):
                words.append(value[start:index])
                start = index
    if depth or math:
        return [(True, value)]
    words.append(value[start:])
    pieces: list[tuple[bool, str]] = []
    for word in words:
        is_latex = bool(_LATEX_WORD.search(word))
        if pieces and pieces[-1][0] == is_latex:
            pieces[-1] = (is_latex, pieces[-1][1] + word)
        else:
            pieces.append((is_latex, word))
    return pieces


@lru_cache(maxsize=8192)
def latex_to_plain(value: str) -> str:
    """Decode a LaTeX field value into plain Unicode text."""
    if not needs_decoding(value):
        return _collapse(value).strip()
    return latex_to_rich(value).text.strip()
