r"""The blocks of a .bib file, found by BibTeX's own rules, and a reader of one block's body.

BibTeX ignores the text between blocks.  A block is an ``@``, optional white space, an
identifier (the entry type or the command ``comment``, ``preamble``, ``string``: any
characters but white space and ``"#%'(),={}``), optional white space (newlines too), then
``{`` or ``(`` and a body up to the matching ``}`` or ``)``.  Braces are balanced in a body;
in a ``(`` block a ``)`` inside a quoted value does not close it.  Unlike BibTeX, a
backslash and the character after it (``\{``, ``\"``) count as text, as bibtexparser
reads them, so that entries it read before are still found.  A ``@comment`` without a
delimiter is only the word (BibTeX skips it like any text between blocks); with one, its
body is skipped as Biber and bibtexparser skip it.  A block never closed ends where the next
line starts with a block head, and is marked as not closed.

:func:`read_entry_body` and :func:`read_string_body` read a body by BibTeX's rules (an
entry: its key, a comma, ``name = value`` fields separated by commas; a value: ``{...}``,
``"..."`` in which a ``"`` inside braces does not end the value, a number or a macro name,
joined by ``#``).  They give the values as the file writes them, delimiters included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

__all__ = ["Block", "read_entry_body", "read_string_body", "scan_blocks"]

#: The characters of a BibTeX identifier (entry types, keys' neighbours, field and macro names).
_ID = r"[^\s\"#%'(),={}@]"
_HEAD = re.compile(rf"@\s*({_ID}*)\s*([{{(])")
#: A line starting with a block head: where a block never closed is cut.
_LINE_HEAD = re.compile(rf"^[ \t]*(?=@\s*{_ID}*\s*[{{(])", re.MULTILINE)
#: Braces (and, in ``(`` blocks, quotes and parentheses); a backslash and the character after
#: it are one mark that counts for nothing (``\{`` is a brace in the text, as bibtexparser reads it).
_MARKS = re.compile(r"\\.|[{}]", re.DOTALL)
_PAREN_MARKS = re.compile(r'\\.|[{}()"]', re.DOTALL)
_NAME = re.compile(rf"({_ID}+)\s*=\s*")
_MACRO = re.compile(rf"{_ID}+")
_NUMBER = re.compile(r"\d+")
_SPACE = re.compile(r"\s*")


@attrs.frozen
class Block:
    """One ``@`` block: its type (lower case), delimiter, body, place in the text and 0-based line."""

    kind: str
    opener: str
    body: str
    start: int
    end: int
    line: int
    closed: bool

    @property
    def closer(self) -> str:
        """The delimiter that closes the block."""
        return "}" if self.opener == "{" else ")"


def _matching_close(text: str, start: int, opener: str) -> int | None:
    """Index of the delimiter closing a body that starts at ``start``; None if it never closes."""
    depth = 0
    in_quotes = False
    for mark in (_MARKS if opener == "{" else _PAREN_MARKS).finditer(text, start):
        char = mark.group()
        if char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
        elif char == "}" and opener == "{":
            return mark.start()
        elif char == '"' and depth == 0:
            in_quotes = not in_quotes
        elif char == ")" and depth == 0 and not in_quotes:
            return mark.start()
    return None


def scan_blocks(text: str) -> Iterator[Block]:
    """Every block of a .bib text, in file order."""
    position = 0
    line = 0
    while (head := _HEAD.search(text, position)) is not None:
        line += text.count("\n", position, head.start())
        body_start = head.end()
        close = _matching_close(text, body_start, head.group(2))
        if close is None:
            cut = _LINE_HEAD.search(text, body_start)
            end = cut.start() if cut is not None else len(text)
            body, closed = text[body_start:end], False
        else:
            end = close + 1
            body, closed = text[body_start:close], True
        yield Block(head.group(1).lower(), head.group(2), body, head.start(), end, line, closed)
        line += text.count("\n", head.start(), end)
        position = end


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def _braced_end(text: str, position: int) -> int:
    """End of the ``{...}`` starting at ``position`` (just after its closing brace)."""
    depth = 0
    for mark in _MARKS.finditer(text, position):
        depth += {"{": 1, "}": -1}.get(mark.group(), 0)
        if depth == 0:
            return mark.end()
    raise ValueError("a `{` is never closed")


def _quoted_end(text: str, position: int) -> int:
    """End of the ``"..."`` starting at ``position``: a ``"`` inside braces does not end it."""
    depth = 0
    index = position + 1
    while index < len(text):
        char = text[index]
        if char == "\\":  # as in the block scan, ``\"`` or ``\{`` is one character of the text
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise ValueError('a `}` closes no `{` in a "quoted" value')
        elif char == '"' and depth == 0:
            return index + 1
        index += 1
    raise ValueError('a "quoted" value is never closed')


def _token_end(text: str, position: int) -> int:
    """End of one value part: ``{...}``, ``"..."``, a number or a macro name."""
    char = text[position : position + 1]
    if char == "{":
        return _braced_end(text, position)
    if char == '"':
        return _quoted_end(text, position)
    match = _NUMBER.match(text, position) or _MACRO.match(text, position)
    if match is None:
        raise ValueError(f"expected a value, found {text[position : position + 20]!r}")
    return match.end()


def _value_end(text: str, position: int) -> int:
    """End of a value: parts joined by ``#``."""
    while True:
        end = _token_end(text, position)
        after = _skip_space(text, end)
        if text[after : after + 1] != "#":
            return end
        position = _skip_space(text, after + 1)


def _assignments(text: str) -> list[tuple[str, str]]:
    """``name = value`` pairs separated by commas (a trailing comma allowed)."""
    pairs: list[tuple[str, str]] = []
    position = _skip_space(text, 0)
    while position < len(text):
        name = _NAME.match(text, position)
        if name is None:
            raise ValueError(f"expected a field name and `=`, found {text[position : position + 20]!r}")
        end = _value_end(text, name.end())
        pairs.append((name.group(1), text[name.end() : end]))
        position = _skip_space(text, end)
        if position < len(text) and text[position] != ",":
            raise ValueError(f"expected `,` after the value of {name.group(1)}, found {text[position]!r}")
        position = _skip_space(text, position + 1)
    return pairs


def read_entry_body(body: str) -> tuple[str, list[tuple[str, str]]]:
    """(key, fields) of an entry's body; ValueError says why BibTeX would not read it."""
    key, comma, rest = body.partition(",")
    key = key.strip()
    if re.search(r"[\s{}=]", key):
        raise ValueError(f"expected a key and a comma, found {key[:20]!r}")
    return key, _assignments(rest) if comma else []


def read_string_body(body: str) -> tuple[str, str]:
    """(name, value) of an ``@string`` body; ValueError says why BibTeX would not read it."""
    pairs = _assignments(body)
    if len(pairs) != 1:
        raise ValueError("a @string defines one macro")
    return pairs[0]
