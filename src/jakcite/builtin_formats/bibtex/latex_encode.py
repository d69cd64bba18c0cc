"""Record text to inert LaTeX: escaping, case protection and rich text.

Everything here treats record content as *data*: every LaTeX special character is
escaped, so no title, name or abstract can become a command (``\\input{/etc/passwd}``
comes out as ``\\textbackslash{}input\\textbraceleft{}/etc/passwd\\textbraceright{}``).
Braces are written as ``\\textbraceleft{}``/``\\textbraceright{}``, never ``\\{``, because
BibTeX counts every brace, escaped or not, when it splits a .bib file.

Two text modes:

* ``ascii_only=True`` (classic BibTeX): text is NFC-normalised and non-ASCII characters
  become LaTeX commands (``{\\'e}``, ``{\\ss}``, ``{\\ensuremath{\\alpha}}``), but only where
  the command reads back as the same character; the few without such a form are
  approximated (:func:`approximate_char`), so the output is pure ASCII and compiles
  under pdflatex.
* ``ascii_only=False`` (BibLaTeX with Biber): UTF-8 is written as is.

Case protection (see :func:`needs_case_protection`) braces the words that a BibTeX style
lower-casing a title would damage; it only ever adds braces, never changes a letter.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import UnicodeToLatexEncoder

from jakcite.builtin_formats.bibtex.vocabulary import (
    COMBINING_ACCENTS,
    LATEX_APPROXIMATIONS,
    MATH_SYMBOL_COMMANDS,
    TEXT_SYMBOL_COMMANDS,
)
from jakcite.model import Mark, RichText, Segment
from jakcite.util.case import needs_case_protection

__all__ = [
    "approximate_char",
    "bibtex_text",
    "braces_read_as_nocase",
    "escape",
    "latex_commands",
    "needs_case_protection",
    "pdflatex_text",
    "rich_to_latex",
    "settle_nocase",
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
#: Text macros a plain ``article`` with ``inputenc`` and ``textcomp`` (OT1 or T1) knows.
SAFE_TEXT_MACROS = frozenset(
    """ss o O l L ae AE oe OE aa AA i j H c d b t r u v ensuremath
    textdegree textmu texttimes textdiv textregistered texttrademark textcopyright textsection
    textparagraph textdagger textdaggerdbl textbullet textellipsis textendash textemdash
    textquoteleft textquoteright textquotedblleft textquotedblright textexclamdown textquestiondown
    textsterling texteuro textyen textcent textonehalf textonequarter textthreequarters
    textonesuperior texttwosuperior textthreesuperior textordfeminine textordmasculine textlnot
    textbrokenbar textcurrency textperthousand textpertenthousand textnumero textcelsius textmho
    textperiodcentered textasteriskcentered textasciimacron textasciiacute textasciidieresis
    textasciibreve textasciicaron textacutedbl textbaht textflorin textlira textnaira textpeso
    textwon textdong textcolonmonetary textdiscount textestimated textrecipe textreferencemark
    textservicemark textcircledP textleftarrow textrightarrow textuparrow textdownarrow
    textfractionsolidus textinterrobang textasciicircum textasciitilde""".split()
) | frozenset(TEXT_SYMBOL_COMMANDS.values())
#: Math macros of LaTeX itself (no amssymb), allowed inside ``\ensuremath``.
SAFE_MATH_MACROS = frozenset(
    """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi
    pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda
    Xi Pi Sigma Upsilon Phi Psi Omega pm mp times div cdot leq geq neq approx sim simeq equiv infty
    partial nabla sum prod int oint sqrt circ bullet in notin ni subset supset subseteq supseteq cap
    cup wedge vee forall exists emptyset langle rangle perp parallel angle cdots ldots vdots ddots
    star ast dagger ddagger hbar Re Im aleph wp mid ll gg oplus otimes ominus odot oslash cong doteq
    asymp propto models vdash dashv top bot mapsto rightarrow leftarrow leftrightarrow Rightarrow
    Leftarrow Leftrightarrow uparrow downarrow updownarrow Uparrow Downarrow Updownarrow nearrow
    searrow swarrow nwarrow hookleftarrow hookrightarrow prec succ preceq succeq sqcap sqcup
    sqsubseteq sqsupseteq uplus wr amalg diamond bigcap bigcup bigvee bigwedge coprod ell lceil
    rceil lfloor rfloor smile frown neg surd prime""".split()
)
_MACRO = re.compile(r"\\([A-Za-z]+|.)")


def _compiles_everywhere(latex: str) -> bool:
    """True when every command in ``latex`` exists in a plain pdflatex document."""
    for name in _MACRO.findall(latex):
        if len(name) == 1 and not name.isalpha():
            continue  # accents \' \" \^ ... and spacing \, \;
        if name not in SAFE_TEXT_MACROS and name not in SAFE_MATH_MACROS:
            return False
    return True


#: Letters whose LaTeX forms need the T1 font encoding, spelled the usual ASCII way.
_T1_LETTERS = {
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "ŋ": "ng",
    "Ŋ": "NG",
    "đ": "d",
    "Đ": "D",
    "ħ": "h",
    "Ħ": "H",
}
_APPROXIMATIONS = {**_T1_LETTERS, **LATEX_APPROXIMATIONS}
#: Exact forms pylatexenc does not write (jakcite's reader reads them back).
#: A control symbol (``\\,``) goes unbraced: Biber mangles ``{\\,}`` closing a group.
_EXACT_FORMS = {
    **{char: "{\\" + name + "}" if name.isalpha() else "\\" + name for char, name in TEXT_SYMBOL_COMMANDS.items()},
    **{char: "{$\\" + name + "$}" for char, name in MATH_SYMBOL_COMMANDS.items()},
}
_MARKS = "".join(COMBINING_ACCENTS)
#: An ASCII letter and a combining mark NFC could not compose with it (``V̇``).
_ACCENTED = re.compile(f"([A-Za-z])([{_MARKS}])")
#: What the classic pass looks at: accented pairs (kept) and every other non-ASCII character.
_ACCENTED_OR_NON_ASCII = re.compile(f"([A-Za-z][{_MARKS}])|[^\\x00-\\x7f]")
#: The characters :func:`pdflatex_text` replaces.
_APPROXIMATED = re.compile("[" + "".join(LATEX_APPROXIMATIONS) + "]")
_SPECIALS_TABLE = str.maketrans(_SPECIALS)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TOKENS = re.compile(r"([ \t\n\r\f\v]+)")
#: Text LaTeX prints as it is: ASCII letters, digits and harmless punctuation (no specials,
#: no whitespace, no backquote); with no ``--`` or ``''`` it holds no ligature either.
_VERBATIM = re.compile(r"[A-Za-z0-9.,;:()\[\]/+=*@\"'?!-]*")

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


#: pylatexenc's math form, and its symbol accents with a braced letter (``{\\.{e}}``).
_ENSUREMATH = re.compile(r"\{\\ensuremath\{(\\[A-Za-z]+)\}\}")
_DOTLESS_I = re.compile(r"\\([.'`^\"~=uvHcdbr])(\{?)\\i(\}?)(?![A-Za-z])")
_BRACED_ACCENT = re.compile(r"\{\\([.'`^\"~=])\{([A-Za-z])\}\}")


def _for_importers(latex: str) -> str:
    """The spellings Zotero's BibTeX import reads as the character (it reads ``{$\\beta$}`` and
    ``{\\.e}``, not ``{\\ensuremath{\\beta}}`` or ``{\\.{e}}``); Biber leaves them alone too."""
    latex = _ENSUREMATH.sub(r"{$\1$}", latex)
    # ``{\\'\\i}`` (accent on a dotless i) reads as ``ı́`` in pandoc: LaTeX puts the accent on i alike.
    latex = _DOTLESS_I.sub(r"\\\1\2i\3", latex)
    return _BRACED_ACCENT.sub(r"{\\\1\2}", latex)


@lru_cache(maxsize=4096)
def latex_for_char(char: str) -> str:
    """The LaTeX form of one non-ASCII character, or the character itself.

    A form is used only when LaTeX-to-text reads it back as the same character, so
    writing ASCII never loses a character (``′`` has no such form and stays UTF-8).
    """
    if char in _EXACT_FORMS:
        return _EXACT_FORMS[char]
    encoded = _for_importers(_encoder().unicode_to_latex(char))
    if encoded == char or not _compiles_everywhere(encoded):
        return char
    try:
        back = _decoder().latex_to_text(encoded)
    except Exception:  # noqa: BLE001 - pylatexenc may choke on its own output; keep the char
        return char
    return encoded if back == char else char


@lru_cache(maxsize=4096)
def approximate_char(char: str) -> str:
    """An ASCII-safe stand-in for a character with no exact LaTeX form (classic BibTeX only).

    The LaTeX reading of pylatexenc's nearest form (``‑`` -> ``-``, ``⁻`` -> ``^-``), else the
    compatibility decomposition without accents (``：`` -> ``:``, ``Ș`` -> ``S``), else ``?``.
    """
    if char in _APPROXIMATIONS:
        return _APPROXIMATIONS[char]
    if unicodedata.combining(char):
        return ""  # a mark on nothing it can accent in LaTeX: the base letter stays
    encoded = _encoder().unicode_to_latex(char)
    candidates: list[str] = []
    if encoded != char:
        try:
            candidates.append(str(_decoder().latex_to_text(encoded)).strip())
        except Exception:  # noqa: BLE001 - pylatexenc may choke on its own output
            pass
    decomposed = unicodedata.normalize("NFKD", char)
    candidates.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    for candidate in candidates:
        if candidate and candidate != char and all(_exact(c) for c in candidate):
            return candidate
    return "?"


def _exact(char: str) -> bool:
    return ord(char) < 128 or latex_for_char(char) != char


def bibtex_text(text: str) -> str:
    """Text as classic BibTeX output carries it: NFC, and characters without an exact
    LaTeX form replaced by :func:`approximate_char` (BibLaTeX output keeps all of Unicode)."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    return _ACCENTED_OR_NON_ASCII.sub(_bibtex_char, text)


def _bibtex_char(match: re.Match[str]) -> str:
    char = match.group()
    if match.group(1):
        return char  # written as an accent command
    return char if _exact(char) else approximate_char(char)


def pdflatex_text(text: str) -> str:
    """Text as BibLaTeX output for pdflatex carries it: only the characters of
    :data:`~jakcite.builtin_formats.bibtex.vocabulary.LATEX_APPROXIMATIONS` change
    (a narrow no-break space becomes a thin space), and an ASCII letter with a combining
    accent is composed (``e\\u0301`` -> ``é``); everything else is kept."""
    if text.isascii():
        return text
    text = _APPROXIMATED.sub(lambda m: LATEX_APPROXIMATIONS[m.group()], text)
    # A letter and its accent are written as an accent command, which reads back composed.
    return _ACCENTED.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)


def _accent(match: re.Match[str]) -> str:
    # The letter braced twice: Biber leaves ``{\\.{{V}}}`` as it is (``{\\.{V}}`` it turns into
    # UTF-8, which pdflatex cannot typeset).
    return "{\\" + COMBINING_ACCENTS[match.group(2)] + "{{" + match.group(1) + "}}}"


def _typeset_by_inputenc(char: str) -> bool:
    """Latin letters with an accent-command form: LaTeX's ``utf8`` input encoding maps them
    to the same commands itself, so BibLaTeX output keeps them readable as UTF-8."""
    return "\u00c0" <= char <= "\u017f" and char not in "\u00d7\u00f7" and _exact(char)


def _pdflatex_char(match: re.Match[str]) -> str:
    char = match.group()
    return char if _typeset_by_inputenc(char) else latex_for_char(char)


def latex_commands(latex: str) -> str:
    """Escaped UTF-8 LaTeX with every character that has an exact LaTeX form written as it
    (``α`` -> ``{\\ensuremath{\\alpha}}``, ``V̇`` -> ``{\\.{V}}``); characters without one stay,
    and so do the accented Latin letters ``inputenc`` maps itself (``é``, ``ł``).

    For BibLaTeX output compiled with pdflatex: the value must already be escaped (its
    text is data), so only its non-ASCII characters change.
    """
    if latex.isascii():
        return latex
    # The approximations are text (``＆`` is ``&``): escaped as the rest of the value was.
    approximated = _APPROXIMATED.sub(lambda m: escape(LATEX_APPROXIMATIONS[m.group()], ascii_only=False), latex)
    if approximated != latex:  # ``−-`` is now ``--``: keep it from becoming a dash
        latex = _LIGATURES.sub("{}", approximated)
    latex = _ACCENTED.sub(_composed_or_accent, latex)
    return _NON_ASCII.sub(_pdflatex_char, latex)


def _composed_or_accent(match: re.Match[str]) -> str:
    """``e`` + U+0301 is ``é`` (written as that letter is), ``V`` + U+0307 an accent command."""
    composed = unicodedata.normalize("NFC", match.group())
    return composed if len(composed) == 1 else _accent(match)


def escape(text: str, *, ascii_only: bool) -> str:
    """Escape record text so LaTeX prints it literally (whitespace runs become one space).

    With ``ascii_only`` the text is first mapped by :func:`bibtex_text`, so the result is ASCII.
    """
    if _VERBATIM.fullmatch(text) and "--" not in text and "''" not in text:
        return text  # most words of most titles, and most names: every pass below is the identity
    if ascii_only:
        text = bibtex_text(text)
    # Specials first: their forms are ASCII, so the non-ASCII pass cannot touch them.
    text = _WHITESPACE.sub(" ", text).translate(_SPECIALS_TABLE)
    if ascii_only and not text.isascii():
        text = _NON_ASCII.sub(_latex_char, _ACCENTED.sub(_accent, text))
    return _LIGATURES.sub("{}", text)


def _latex_char(match: re.Match[str]) -> str:
    return latex_for_char(match.group())


def _protected_text(text: str, *, ascii_only: bool, protect: bool, first_word: list[bool]) -> str:
    """Escape ``text`` word by word, bracing words that need case protection.

    ``first_word`` is a one-element flag shared across segments: True until the title's
    first word has been written.
    """
    if not protect:
        # Nothing to brace: one pass over the whole text gives what word by word would
        # (escaping never looks across whitespace, and runs of it become one space).
        if first_word[0] and any(c.isalnum() for c in text):
            first_word[0] = False
        return escape(text, ascii_only=ascii_only)
    out: list[str] = []
    for token in _TOKENS.split(text):
        if not token:
            continue
        if _WHITESPACE.fullmatch(token):
            out.append(" ")
            continue
        escaped = escape(token, ascii_only=ascii_only)
        if needs_case_protection(token, first=first_word[0]):
            escaped = "{" + escaped + "}"
        if any(c.isalnum() for c in token):
            first_word[0] = False
        out.append(escaped)
    return "".join(out)


def braces_read_as_nocase(text: str, *, first: bool, ascii_only: bool) -> bool:
    """Whether ``{text}`` in a title reads back as case-protected (``NOCASE``) text.

    It does when it holds several words, or one word that :func:`needs_case_protection`
    would not brace; not when it is empty or opens with a command (a special character).
    """
    words = text.strip()
    if not words or escape(words, ascii_only=ascii_only).startswith("\\"):
        return False
    return bool(_WHITESPACE.search(words)) or not needs_case_protection(words, first=first)


def settle_nocase(rich: RichText, *, ascii_only: bool) -> RichText:
    """``rich`` with NOCASE kept only where its braces read back as NOCASE.

    A NOCASE word that the case rule braces anyway is written like any other word, so that
    writing what was read gives the same text.
    """
    segments: list[Segment] = []
    seen_word = False
    for segment in rich.segments:
        marks = segment.marks
        if Mark.NOCASE in marks and not braces_read_as_nocase(segment.text, first=not seen_word, ascii_only=ascii_only):
            marks = marks - {Mark.NOCASE}
        seen_word = seen_word or any(c.isalnum() for c in segment.text)
        segments.append(Segment(segment.text, marks))
    return RichText(segments)


def rich_to_latex(rich: RichText, *, ascii_only: bool, protect_case: bool = False) -> str:
    """Rich text as LaTeX: marks become ``\\textit{}``, ``\\textsuperscript{}``...; text is escaped.

    With ``protect_case`` (titles), words are braced by :func:`needs_case_protection`;
    text marked ``NOCASE`` is braced as a whole (see :func:`settle_nocase`).
    """
    if ascii_only:
        # Case protection is decided on the characters BibTeX will see.
        rich = RichText([Segment(bibtex_text(s.text), s.marks) for s in rich.segments])
    if protect_case:
        rich = settle_nocase(rich, ascii_only=ascii_only)
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
