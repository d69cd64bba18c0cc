"""Record text to inert LaTeX: escaping, case protection and rich text.

Everything here treats record content as *data*: every LaTeX special character is
escaped, so no title, name or abstract can become a command (``\\input{/etc/passwd}``
comes out as ``\\textbackslash{}input\\textbraceleft{}/etc/passwd\\textbraceright{}``).
Braces are written as ``\\textbraceleft{}``/``\\textbraceright{}``, never ``\\{``, because
BibTeX counts every brace, escaped or not, when it splits a .bib file.

Two text modes:

* ``ascii_only=True`` (classic BibTeX): non-ASCII characters become LaTeX commands
  (``{\\'e}``, ``{\\ss}``, ``{\\ensuremath{\\alpha}}``), but only where the command reads
  back as the same character; characters without such a form stay as UTF-8.
* ``ascii_only=False`` (BibLaTeX with Biber): UTF-8 is written as is.

Case protection (see :func:`needs_case_protection`) braces the words that a BibTeX style
lower-casing a title would damage; it only ever adds braces, never changes a letter.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import UnicodeToLatexEncoder

from jakcite.model import Mark, RichText

__all__ = [
    "escape",
    "needs_case_protection",
    "rich_to_latex",
]

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
# Pairs TeX turns into ligatures (-- en dash, `` and '' quotes, ?` and !` inverted marks).
_LIGATURES = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")

#: Commands for marks, outermost first (NOCASE is plain braces).
MARK_COMMANDS: tuple[tuple[Mark, str], ...] = (
    (Mark.NOCASE, "{"),
    (Mark.SMALL_CAPS, r"\textsc{"),
    (Mark.BOLD, r"\textbf{"),
    (Mark.ITALIC, r"\textit{"),
    (Mark.UNDERLINE, r"\underline{"),
    (Mark.SUPERSCRIPT, r"\textsuperscript{"),
    (Mark.SUBSCRIPT, r"\textsubscript{"),
)


# pylatexenc logs every character it has no LaTeX for; we keep those as UTF-8 on purpose.
logging.getLogger("pylatexenc.latexencode").setLevel(logging.ERROR)


@lru_cache(maxsize=1)
def _encoder() -> UnicodeToLatexEncoder:
    return UnicodeToLatexEncoder(
        non_ascii_only=True, replacement_latex_protection="braces-all", unknown_char_policy="keep"
    )


@lru_cache(maxsize=1)
def _decoder() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


@lru_cache(maxsize=4096)
def latex_for_char(char: str) -> str:
    """The LaTeX form of one non-ASCII character, or the character itself.

    A form is used only when LaTeX-to-text reads it back as the same character, so
    writing ASCII never loses a character (``′`` has no such form and stays UTF-8).
    """
    encoded = _encoder().unicode_to_latex(char)
    if encoded == char:
        return char
    try:
        back = _decoder().latex_to_text(encoded)
    except Exception:  # noqa: BLE001 - pylatexenc may choke on its own output; keep the char
        return char
    return encoded if back == char else char


def escape(text: str, *, ascii_only: bool) -> str:
    """Escape record text so LaTeX prints it literally (whitespace runs become one space)."""
    text = _WHITESPACE.sub(" ", text)
    out: list[str] = []
    for char in text:
        special = _SPECIALS.get(char)
        if special is not None:
            out.append(special)
        elif ascii_only and ord(char) > 127:
            out.append(latex_for_char(char))
        else:
            out.append(char)
    return _LIGATURES.sub("{}", "".join(out))


def needs_case_protection(word: str, *, first: bool) -> bool:
    """True when a BibTeX style that lower-cases titles would damage ``word``.

    The rule (titles in biomedicine are sentence case, so a capital is meant):

    * a word with a capital letter after its first character is protected
      (acronyms, gene and protein symbols, chemical formulas: ``JAK``, ``IL-6``,
      ``mRNA``, ``CD4+``, ``BRCA1``, ``H2O``);
    * any word but the title's first that starts with a capital is protected
      (proper names, genus names of species binomials: ``Escherichia coli``, ``Europe``);
    * the first word is left alone when only its first letter is a capital (BibTeX
      keeps the first letter of a title as it is).
    """
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    if any(c.isupper() for c in letters[1:]):
        return True
    return not first and letters[0].isupper()


def _protected_text(text: str, *, ascii_only: bool, protect: bool, first_word: list[bool]) -> str:
    """Escape ``text`` word by word, bracing words that need case protection.

    ``first_word`` is a one-element flag shared across segments: True until the title's
    first word has been written.
    """
    out: list[str] = []
    for token in re.split(r"(\s+)", text):
        if not token:
            continue
        if token.isspace():
            out.append(" ")
            continue
        escaped = escape(token, ascii_only=ascii_only)
        if protect and needs_case_protection(token, first=first_word[0]):
            escaped = "{" + escaped + "}"
        if any(c.isalnum() for c in token):
            first_word[0] = False
        out.append(escaped)
    return "".join(out)


def rich_to_latex(rich: RichText, *, ascii_only: bool, protect_case: bool = False) -> str:
    """Rich text as LaTeX: marks become ``\\textit{}``, ``\\textsuperscript{}``...; text is escaped.

    With ``protect_case`` (titles), words are braced by :func:`needs_case_protection`;
    text marked ``NOCASE`` is always braced.
    """
    first_word = [True]
    parts: list[str] = []
    for segment in rich.segments:
        protect = protect_case and Mark.NOCASE not in segment.marks
        body = _protected_text(segment.text, ascii_only=ascii_only, protect=protect, first_word=first_word)
        parts.append(_wrap(body, segment.marks))
    return "".join(parts).strip()


def _wrap(body: str, marks: Iterable[Mark]) -> str:
    present = set(marks)
    opening = "".join(command for mark, command in MARK_COMMANDS if mark in present)
    closing = "}" * sum(1 for mark, _ in MARK_COMMANDS if mark in present)
    return f"{opening}{body}{closing}" if opening else body
