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
import string
from bisect import bisect_right
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

from jakcite.builtin_formats.bibtex.vocabulary import MATH_SYMBOL_COMMANDS, TEXT_SYMBOL_COMMANDS
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
    **{name: char for char, name in TEXT_SYMBOL_COMMANDS.items()},
    **{name: char for char, name in MATH_SYMBOL_COMMANDS.items()},
}
#: A stretch of text and its marks, as the builder collects them.
_Run = tuple[str, frozenset[Mark]]
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
    """Collects ``(text, marks)`` runs while walking the node tree (segments are made once, at the end)."""

    def __init__(self, *, nocase_groups: bool = False) -> None:
        self.segments: list[_Run] = []
        self.converter = _text_converter()
        self.nocase_groups = nocase_groups
        self.seen_word = False  # a word has been read: the next one is not the title's first
        self.group_depth = 0

    def text(self, text: str, marks: frozenset[Mark]) -> None:
        if text:
            self.segments.append((text, marks))
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
        and groups holding only math (``{$\\beta$}``) are special characters or declarations; a single word that :func:`needs_case_protection` braces anyway (how
        writers protect acronyms and names, ``{JAK}``) carries nothing more.
        """
        inner = [n for n in node.nodelist or [] if not isinstance(n, LatexCommentNode)]
        if not inner or (isinstance(inner[0], LatexMacroNode) and inner[0].macroname not in MARK_COMMANDS):
            return False
        if len(inner) == 1 and isinstance(inner[0], LatexMathNode):
            return False  # ``{$\\beta$}``: one symbol, as writers spell a Greek letter
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
        return _collapse("".join(text for text, _ in inner.segments)).strip()

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
    if whole:
        builder.nodes(_walk(value), frozenset())
    else:
        for is_latex, piece in _pieces(value):
            if is_latex:
                segments, builder.seen_word = _walked(piece, nocase_groups, builder.seen_word)
                builder.segments.extend(segments)
            else:
                builder.text(piece, frozenset())
    # Whitespace is collapsed once runs are merged, wherever the pieces were cut.
    return RichText([Segment(_collapse(text), marks) for text, marks in _merged(builder.segments)])


def _merged(runs: list[_Run]) -> list[_Run]:
    """Neighbouring runs with the same marks joined, empty ones left out (as :class:`RichText` does)."""
    merged: list[_Run] = []
    for text, marks in runs:
        if not text:
            continue
        if merged and merged[-1][1] == marks:
            merged[-1] = (merged[-1][0] + text, marks)
        else:
            merged.append((text, marks))
    return merged


@lru_cache(maxsize=16384)
def _walked(piece: str, nocase_groups: bool, seen_word: bool) -> tuple[tuple[_Run, ...], bool]:
    """The runs one LaTeX piece adds, and whether a word has been seen after it.

    What a piece adds depends only on the piece and on the builder's state between pieces
    (``seen_word``; pieces start and end outside groups), so it is walked once per file
    however often it comes back (``\\%``, ``\\textless{}``, ``{\\ensuremath{\\beta}}``).
    """
    simple = _simple_group(piece, nocase_groups, seen_word)
    return simple if simple is not None else _walk_piece(piece, nocase_groups, seen_word)


def _walk_piece(piece: str, nocase_groups: bool, seen_word: bool) -> tuple[tuple[_Run, ...], bool]:
    """What :func:`_walked` gives, always through the walker."""
    builder = _Builder(nocase_groups=nocase_groups)
    builder.seen_word = seen_word
    builder.nodes(_walk(piece), frozenset())
    return tuple(builder.segments), builder.seen_word


_SIMPLE_GROUP = re.compile(r"(?:\\(?P<command>[A-Za-z]+))?\{(?P<text>[^\\{}$]*)\}")


def _simple_group(piece: str, nocase_groups: bool, seen_word: bool) -> tuple[tuple[_Run, ...], bool] | None:
    """``{JAK}`` or ``\\textit{in vitro}`` (plain characters inside) without the walker; else None.

    Exact: the walker reads such a piece as one group node holding one characters node (the
    text as it stands), and this is what :class:`_Builder` makes of that node: a formatting
    command marks its argument; a bare group is case protection when
    :meth:`_Builder._is_author_protection` would say so.  (A test compares both on the corpus.)
    """
    match = _SIMPLE_GROUP.fullmatch(piece)
    if match is None:
        return None
    command, text = match.group("command"), match.group("text")
    if (command is not None and command not in MARK_COMMANDS) or _LATEX_WORD.search(text) or "&" in text:
        return None
    if not text:
        return (), seen_word
    marks: frozenset[Mark] = frozenset()
    if command is not None:
        marks = frozenset({MARK_COMMANDS[command]})
    elif nocase_groups:
        plain = _collapse(text).strip()
        if plain and (_SPACES.search(plain) or not needs_case_protection(plain, first=not seen_word)):
            marks = frozenset({Mark.NOCASE})
    return ((text, marks),), seen_word or any(c.isalnum() for c in text)


def _walk(value: str) -> list[LatexNode]:
    walker = LatexWalker(value, latex_context=_walker_context(), tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    return list(nodes or [])


_LATEX_WORD = re.compile(r"%|" + _NEEDS_DECODING.pattern)  # a comment sign, or anything decoded
_COMMENT = re.compile(r"(?<!\\)%")
_DECLARATION = re.compile(r"\\(?:" + "|".join(MARK_DECLARATIONS) + r")(?![A-Za-z])")


def _pieces(value: str) -> list[tuple[bool, str]]:
    """``value`` as runs of plain words and pieces of the runs of words that need the walker.

    pylatexenc walks about 10 µs a character, and an abstract is mostly plain words
    around a few ``\\%`` or ``\\textit{}``: only the LaTeX runs are walked, in pieces
    (:func:`_atoms`).  Words are parted at spaces outside braces and math, never after a
    control word (which eats the space); a word starts with the spaces before it.  A
    declaration (``\\bf``) or comment (``%``) can reach past its word: then the whole value
    is one run, as is one with unbalanced braces.

    Only the words around the LaTeX are looked at (the plain words between them need no
    parting); a test checks this against parting every word of the corpus values.
    """
    if _DECLARATION.search(value) or _COMMENT.search(value):
        return [(True, value)]
    closed = _closed_regions(value)
    if closed is None:
        return [(True, value)]
    starts, ends = closed
    backwards = value[::-1]
    size = len(value)
    runs: list[tuple[bool, str]] = []
    run_start = run_end = 0  # the LaTeX run being grown (empty: none yet)
    for hit in _LATEX_WORD.finditer(value):
        position = hit.start()
        if position < run_end:
            continue  # in a word already taken
        word_start = _word_start(value, backwards, position, run_end, starts, ends)
        if word_start > run_end or run_start == run_end:
            if run_start < run_end:
                runs.append((True, value[run_start:run_end]))
            if word_start > run_end:
                runs.append((False, value[run_end:word_start]))
            run_start = word_start
        run_end = _word_end(value, position, starts, ends)
    if run_start < run_end:
        runs.append((True, value[run_start:run_end]))
    if run_end < size:
        runs.append((False, value[run_end:]))
    return _split_runs(runs)


_WHITE = re.compile(r"\s+")
_BRACE_MATH_OR_ESCAPE = re.compile(r"\\.|[{}$]", re.DOTALL)


def _closed_regions(value: str) -> tuple[list[int], list[int]] | None:
    """Starts and ends of the stretches inside braces or math; None when they do not close."""
    starts: list[int] = []
    ends: list[int] = []
    depth, math = 0, False
    for match in _BRACE_MATH_OR_ESCAPE.finditer(value):
        token = match.group()
        if token[0] == "\\":
            continue
        was_open = depth > 0 or math
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return None
        else:
            math = not math
        is_open = depth > 0 or math
        if is_open and not was_open:
            starts.append(match.start())
        elif was_open and not is_open:
            ends.append(match.end())
    if depth or math:
        return None
    return starts, ends


def _splits_at(value: str, white: re.Match[str], starts: list[int], ends: list[int]) -> int | None:
    """Where the next word starts in this run of white space, or None when it parts no words.

    White space parts words unless it is inside braces or math, escaped (``\\ ``: then the
    rest of the run parts), right after a control word, or at the start of the value.
    """
    index, stop = white.span()
    backslashes = 0
    while index - backslashes > 0 and value[index - backslashes - 1] == "\\":
        backslashes += 1
    if backslashes % 2:
        index += 1
        if index == stop:
            return None
    elif index == 0 or _ends_control_word(value, index):
        return None
    region = bisect_right(starts, index) - 1
    if region >= 0 and index < ends[region]:
        return None
    return index


def _ends_control_word(value: str, index: int) -> bool:
    """True when ``value[:index]`` ends with ``\\`` and ASCII letters (a control word)."""
    letter = index
    while letter > 0 and value[letter - 1] in _ASCII_LETTERS:
        letter -= 1
    return letter < index and letter > 0 and value[letter - 1] == "\\"


_ASCII_LETTERS = frozenset(string.ascii_letters)


def _word_start(value: str, backwards: str, position: int, floor: int, starts: list[int], ends: list[int]) -> int:
    """The start of the word holding ``position`` (``floor`` at the latest: a word before ended there)."""
    size = len(value)
    search_from = size - position
    while True:
        white = _WHITE.search(backwards, search_from, size - floor)
        if white is None:
            return floor
        forwards = _WHITE.match(value, size - white.end())
        assert forwards is not None
        split = _splits_at(value, forwards, starts, ends)
        if split is not None:
            return split
        search_from = white.end()


def _word_end(value: str, position: int, starts: list[int], ends: list[int]) -> int:
    """The end of the word holding ``position``: where the next word starts, or the value ends."""
    search_from = position
    while True:
        white = _WHITE.search(value, search_from)
        if white is None:
            return len(value)
        split = _splits_at(value, white, starts, ends)
        if split is not None:
            return split
        search_from = white.end()


def _split_runs(runs: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    """Each LaTeX run cut into its atoms (see :func:`_atoms`); plain runs stay whole."""
    pieces: list[tuple[bool, str]] = []
    for is_latex, run in runs:
        if is_latex:
            # A run of characters between the atoms that holds nothing the walker reads
            # (no special, no ``&``) is one characters node: its text as it stands.
            pieces += [(bool(_LATEX_WORD.search(atom)) or "&" in atom, atom) for atom in _atoms(run)]
        else:
            pieces.append((False, run))
    return pieces


_CONTROL = re.compile(r"\\(?:[A-Za-z]+|.)", re.DOTALL)
_BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.DOTALL)
_ATOM_STOP = re.compile(r"[\\{$]")
#: Control symbols that open or close math or environments: their node reaches further.
_OPENERS = frozenset({"(", ")", "[", "]", "begin", "end"})


def _group_end(word: str, start: int) -> int:
    """The index after the ``}`` closing the group opened at ``start`` (words are balanced)."""
    depth = 0
    for match in _BRACE_OR_ESCAPE.finditer(word, start):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return match.end()
    return len(word)


@lru_cache(maxsize=1024)
def _arguments(name: str) -> str | None:
    """The walker's argument spec of a macro (``""`` none, ``"{"`` one); None when unusual."""
    if name in _OPENERS:
        return None
    spec = _walker_context().get_macro_spec(name)
    if spec is None:
        return ""  # an unknown macro takes no argument (the walker's rule)
    argspec = getattr(spec.args_parser, "argspec", None)
    return argspec if argspec in ("", "{") else None


def _atoms(word: str) -> list[str]:
    """A run of LaTeX words cut where one walker node ends and the next cannot reach back.

    Cuts fall after a run of characters (``95`` | ``\\%``), after a group that is nobody's
    argument (``GSK3`` | ``{\\ensuremath{\\beta}}`` | ``B``), after a macro taking no
    argument (``\\%`` | ``)``) and after a macro with none or one argument and the braced
    group that follows it (``\\textit{P}`` | ``,``).  Anything else (math, a macro with other
    arguments, or with an unbraced one) runs to the end of the word: one piece, one walk.
    """
    atoms: list[str] = []
    start, size = 0, len(word)
    while start < size:
        char = word[start]
        if char == "{":
            end = _group_end(word, start)
        elif char == "\\":
            control = _CONTROL.match(word, start)
            end = control.end() if control else size  # (a backslash ending the value)
            argspec = _arguments(control.group()[1:]) if control else None
            if argspec is not None and end < size and word[end] == "{":
                end = _group_end(word, end)
            elif argspec != "" or (end < size and (word[end].isspace() or word[end] in "[*")):
                end = size  # (a control word eats the spaces after it; then an argument may come)
        elif char == "$":
            end = size
        else:
            stop = _ATOM_STOP.search(word, start)
            end = stop.start() if stop else size
        atoms.append(word[start:end])
        start = end
    return atoms


@lru_cache(maxsize=8192)
def latex_to_plain(value: str) -> str:
    """Decode a LaTeX field value into plain Unicode text."""
    if not needs_decoding(value):
        return _collapse(value).strip()
    return latex_to_rich(value).text.strip()
