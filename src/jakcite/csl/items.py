"""CSL-JSON items to citeproc-py references, prepared the way citeproc-js reads them.

citeproc-py's own JSON reader (``citeproc.source.json.CiteProcJSON``) differs from
citeproc-js in ways that show on every PubMed record; each difference is handled here,
before rendering, with the reason next to it:

* ids keep their case (citeproc-py lower-cases them, so ``PMID:X`` and ``pmid:x`` clash);
* inline markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small caps) becomes formatting
  markers instead of literal tags (see :mod:`jakcite.csl.output`), and
  ``<span class="nocase">`` protects its text from case changes;
* straight quotes become typographic ones and ``'`` becomes ``’``, as citeproc-js prints;
* particles written into a name (``van der Berg`` as family name) are split into CSL's
  particle fields, so styles demote and sort them as citeproc-js does;
* variables citeproc-py does not know are left out quietly instead of warning per item.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from citeproc import DATES, NAMES, VARIABLES
from citeproc.source import Date, DateRange, LiteralDate, Name, Reference
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String

from jakcite.csl.output import DATA_QUOTE, MARKERS, MarkedString

__all__ = ["StockJSON", "mark_quotes", "parse_rich", "prepare_item", "prepare_items", "stock_references"]

#: The fields a citeproc-py ``Reference`` accepts without warning.
_KNOWN = frozenset(VARIABLES) | {"uri", "container_uri", "contributor", "date"}
_PUA_RE = re.compile("[\ue000-\uf8ff]")
_TAG_RE = re.compile(r"<(/?)(i|b|em|strong|sup|sub|sc|span)(\s[^<>]*)?>", re.IGNORECASE)
_TAG_MARK = {"i": "i", "em": "i", "b": "b", "strong": "b", "sup": "sup", "sub": "sub", "sc": "sc"}
_NOCASE = "nocase"


_OPENING_BEFORE = frozenset(" \t\n\u00a0([{/-\u2013\u2014") | frozenset(DATA_QUOTE)
_CLOSING_PUNCT = frozenset(".,;:!?)]}-\u2013\u2014/")


def _closes_later(text: str, start: int, char: str, found: dict[str, int]) -> bool:
    """Whether a quotation opened at ``start`` with ``char`` (``‘`` closes with ``’``) can
    close later in ``text``; the last closing position per mark is worked out once."""
    closer = char if char != "\u2018" else "\u2019"
    last = found.get(closer)
    if last is None:
        last = found[closer] = _last_closing(text, closer)
    return last > start


def _last_closing(text: str, char: str) -> int:
    """The last position (after the first character) where ``char`` could close a quotation:
    not after a space, not before a letter or digit; -1 when there is none."""
    index = text.rfind(char)
    while index > 0:
        before = text[index - 1]
        after = text[index + 1] if index + 1 < len(text) else ""
        if not before.isspace() and not after.isalnum():
            return index
        index = text.rfind(char, 0, index)
    return -1


_QUOTE_CHARS = re.compile("[\"'\u201c\u201d\u2018\u2019]")


def mark_quotes(text: str) -> list[str]:
    """Each character of ``text``, with quotation marks replaced by quote markers.

    citeproc-js treats straight and typographic quotes in the data as quotation marks
    (printed with the locale's quotes, flipped to inner quotes when nested) and a ``'``
    inside a word as the apostrophe ``’``; citeproc-py printed them as typed.
    """
    out = list(text)
    stack: list[tuple[str, int]] = []  # (kind, position of the opening marker)
    open_count = {'"': 0, "'": 0}  # how many of each kind the stack holds
    last_closing: dict[str, int] = {}
    for match in _QUOTE_CHARS.finditer(text):  # only quotation marks are looked at
        index = match.start()
        char = text[index]
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        opening = (not before or before in _OPENING_BEFORE) and bool(after) and not after.isspace()
        closing = (
            bool(before)
            and not before.isspace()
            and (not after or after.isspace() or after in _CLOSING_PUNCT or after in "\"'\u201d\u2019")
        )
        kind = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}.get(char, char)
        if kind == "'" and before.isalnum() and after.isalnum():
            out[index] = "\u2019"
        elif closing and open_count[kind] and char not in "\u201c\u2018":
            while stack and stack[-1][0] != kind:
                open_count[stack.pop()[0]] -= 1
            stack.pop()
            open_count[kind] -= 1
            out[index] = DATA_QUOTE[1]
        elif opening and char not in "\u201d\u2019" and (kind == '"' or _closes_later(text, index, char, last_closing)):
            stack.append((kind, index))
            open_count[kind] += 1
            out[index] = DATA_QUOTE[0]
        elif kind == "'":
            out[index] = "\u2019"
    for _, position in stack:  # never closed: not a quotation after all
        out[position] = text[position] if text[position] != "'" else "\u2019"
    return out


def _span_mark(attrs: str) -> str | None:
    lowered = attrs.lower()
    if "nocase" in lowered:
        return _NOCASE
    if "small-caps" in lowered:
        return "sc"
    if "italic" in lowered:
        return "i"
    if "bold" in lowered:
        return "b"
    return ""


def parse_rich(value: object) -> MixedString:
    """A CSL-JSON string with inline HTML-like markup as a citeproc string with markers."""
    text = _PUA_RE.sub("", str(value))
    if "<" not in text and "&" not in text:
        if not any(q in text for q in "\"'\u201c\u201d\u2018\u2019"):
            return MixedString([MarkedString(text)])
        return MixedString([MarkedString("".join(mark_quotes(text)))])
    # Split into text chunks and tags; quotes are matched across chunks (tags are transparent).
    chunks: list[str] = []
    tags: list[tuple[str, str, str] | None] = []
    pos = 0
    for match in _TAG_RE.finditer(text):
        chunks.append(html.unescape(text[pos : match.start()]))
        tags.append((match.group(1), match.group(2).lower(), match.group(3) or ""))
        pos = match.end()
    chunks.append(html.unescape(text[pos:]))
    tags.append(None)
    marked = mark_quotes("".join(chunks))
    pieces: list[tuple[str, bool]] = []  # (marked text, nocase)
    stack: list[str | None] = []
    offset = 0
    for chunk, tag in zip(chunks, tags, strict=True):
        if chunk:
            pieces.append(("".join(marked[offset : offset + len(chunk)]), _NOCASE in stack))
            offset += len(chunk)
        if tag is None:
            continue
        closing, name, attrs = tag
        if not closing:
            mark = _span_mark(attrs) if name == "span" else _TAG_MARK[name]
            stack.append(mark)
            if mark in MARKERS:
                pieces.append((MARKERS[mark][0], False))
            continue
        wanted = None if name == "span" else _TAG_MARK[name]
        for index in range(len(stack) - 1, -1, -1):
            if wanted is None or stack[index] == wanted:
                mark = stack.pop(index)
                if mark in MARKERS:
                    pieces.append((MARKERS[mark][1], False))
                break
    for mark in reversed(stack):  # close what the source left open
        if mark in MARKERS:
            pieces.append((MARKERS[mark][1], False))
    parts: list[Any] = []
    for chunk, nocase in pieces:
        if parts and isinstance(parts[-1], NoCase) == nocase:
            merged = str(parts[-1]) + chunk
            parts[-1] = NoCase(merged) if nocase else MarkedString(merged)
        else:
            parts.append(NoCase(chunk) if nocase else MarkedString(chunk))
    return MixedString(parts)


_PARTICLE_WORD = re.compile(r"^[a-z\u00df-\u00ff][\w\u2019'-]*$")


def _split_particles(name: dict[str, Any]) -> dict[str, Any]:
    """Lower-case words opening a family name (``van der``) become its non-dropping particle.

    citeproc-js does this for every name whose particle fields are empty; without it,
    styles that demote particles sort and print ``van der Berg`` under "v".
    """
    family = name.get("family")
    if not isinstance(family, str) or "non-dropping-particle" in name or " " not in family:
        return name
    words = family.split(" ")
    cut = 0
    while cut < len(words) - 1 and _PARTICLE_WORD.match(words[cut]):
        cut += 1
    if cut == 0:
        return name
    result = dict(name)
    result["non-dropping-particle"] = " ".join(words[:cut])
    result["family"] = " ".join(words[cut:])
    return result


def _names(value: Iterable[Mapping[str, Any]]) -> list[Name]:
    names = []
    for raw in value:
        data = {
            k: v
            for k, v in raw.items()
            if k in ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
        }
        if "literal" not in data and "family" not in data and "given" not in data:
            continue
        if "literal" in data:
            data = {"literal": data["literal"]}
        else:
            data = _split_particles(data)
        names.append(Name(**{k: str(v).replace("'", "\u2019") for k, v in data.items()}))
    return names


def _int_or_str(part: Any) -> Any:
    try:
        return int(part)
    except (TypeError, ValueError):
        return part


def _date(value: Mapping[str, Any]) -> Any:
    parts = [p for p in value.get("date-parts") or [] if p and p[0] not in (None, "")]
    circa = bool(value.get("circa"))
    dates = []
    for raw in parts[:2]:
        fields = dict(zip(("year", "month", "day"), (_int_or_str(p) for p in raw), strict=False))
        if not all(isinstance(v, int) for v in fields.values()):
            raise ValueError(f"date-parts must be numbers, got {raw!r}")
        if "season" in value and len(raw) == 1:
            fields["season"] = _int_or_str(value["season"])
        if "month" in fields and isinstance(fields["month"], int) and 13 <= fields["month"] <= 16:
            fields["season"] = fields.pop("month") - 12
            fields.pop("day", None)
        dates.append(fields)
    if len(dates) == 1:
        return Date(circa=circa, **dates[0])
    if len(dates) == 2:
        return DateRange(begin=Date(**dates[0]), end=Date(**dates[1]), circa=circa)
    if value.get("literal") or value.get("raw"):
        return LiteralDate(str(value.get("literal") or value.get("raw")), circa=circa)
    return None


def prepare_item(item: Mapping[str, Any], wanted: frozenset[str] | None = None) -> Reference:
    """One CSL-JSON item as a citeproc-py reference (see the module docstring).

    ``wanted`` (``_``-spelt variable names) limits preparation to the variables a style
    uses: parsing an abstract no style prints is wasted work.
    """
    fields: dict[str, Any] = {}
    for key, value in item.items():
        if value is None or value == "" or value == []:
            continue
        name = key.replace("-", "_")
        if name in ("id", "type", "key"):
            continue
        if name == "shortTitle":
            name = "title_short"
        elif name == "journalAbbreviation":
            # citeproc-js uses it only when container-title-short is missing
            if item.get("container-title-short"):
                continue
            name = "container_title_short"
        if name not in _KNOWN or (wanted is not None and name not in wanted and name != "language"):
            continue
        if name in NAMES:
            names = _names(value)
            if names:
                fields[name] = names
        elif name in DATES:
            if isinstance(value, Mapping):
                date = _date(value)
                if date is not None:
                    fields[name] = date
        elif name == "language":
            fields[name] = str(value)
        else:
            fields[name] = parse_rich(value)
    if "title" in fields and "title_short" not in fields and (wanted is None or "title_short" in wanted):
        main = _main_title(item.get("title"))
        if main is not None:
            fields["title_short"] = parse_rich(main)
    return Reference(str(item["id"]), str(item.get("type") or "article"), **fields)


def _main_title(title: object) -> str | None:
    """A title's main part, before its subtitle, as citeproc-js makes a missing short title.

    MLA cites a work by its short title: without one the whole title, subtitle and all,
    stood in the in-text citation.
    """
    if not isinstance(title, str) or ": " not in title:
        return None
    main = title.split(": ", 1)[0].strip()
    return main or None


def prepare_items(items: Iterable[Mapping[str, Any]]) -> list[Reference]:
    """Every item prepared with :func:`prepare_item`."""
    return [prepare_item(item) for item in items]


class StockJSON(CiteProcJSON):  # type: ignore[misc]  # citeproc is untyped
    """citeproc-py's own JSON reader (``CiteProcJSON``), unchanged in what it builds.

    For the stock-equivalent path (corrections off), which must read items exactly as
    citeproc-py does.  Only a string without any markup takes a short cut to the object
    citeproc-py's ``parse_string`` builds for it (one ``String`` in a ``MixedString``);
    everything else goes through citeproc-py's code.
    """

    def __init__(self, json_data: Iterable[Mapping[str, Any]]) -> None:
        """``CiteProcJSON.__init__``: the same loop, with set look-ups for the variable kinds
        and each ``Reference`` filled in as ``Reference.__init__`` fills it."""
        for ref in json_data:
            ref_data = {}
            for key, value in ref.items():
                python_key = key.replace("-", "_")
                if python_key == "id":
                    ref_key = str(value).lower()
                    continue
                elif python_key == "type":
                    ref_type = value
                    continue
                elif python_key == "key":
                    continue  # conflicts with the ref_key, so citeproc-py ignores it
                if python_key == "shortTitle":
                    python_key = "title_short"
                if python_key in _NAME_VARIABLES:
                    value = self.parse_names(value)
                elif python_key in _DATE_VARIABLES:
                    value = self.parse_date(value)
                elif key not in ("language",):
                    value = self.parse_string(value)
                ref_data[python_key] = value
            self.add(_reference(ref_key, ref_type, ref_data))

    def parse_string(self, string: Any) -> MixedString:
        """``CiteProcJSON.parse_string`` (a plain string without tags: directly)."""
        text = str(string)
        if "<" not in text:
            return MixedString([String(text)]) if text else MixedString()
        return super().parse_string(text)

    def parse_names(self, json_data: Any) -> list[Name]:
        """``CiteProcJSON.parse_names``: a name of the usual parts is filled in directly (what
        ``Name(**parts)`` does when it has nothing to warn about)."""
        names = []
        for name_data in json_data:
            if "literal" not in name_data and name_data.keys() <= _NAME_PARTS:
                name = Name.__new__(Name)
                dict.update(name, name_data)
            else:
                name = Name(**name_data)
            names.append(name)
        return names

    def parse_date(self, json_data: Any) -> Any:
        """``CiteProcJSON.parse_date``: a single date of whole-number parts (no season) is
        filled in directly, as ``Date(circa=..., year=..., ...)`` fills it in (``circa``
        first and, like every argument, passed through ``int``)."""
        parts = json_data.get("date-parts") if type(json_data) is dict else None
        if (
            type(parts) is list
            and len(parts) == 1
            and "season" not in json_data
            and type(parts[0]) is list
            and 1 <= len(parts[0]) <= 3
            and all(type(part) is int for part in parts[0])
        ):
            date = Date.__new__(Date)
            dict.__setitem__(date, "circa", int(json_data.get("circa", 0) != 0))
            dict.update(date, zip(_DATE_PARTS, parts[0], strict=False))
            return date
        return super().parse_date(json_data)


_DATE_PARTS = ("year", "month", "day")
_NAME_PARTS = frozenset({"family", "given", "dropping-particle", "non-dropping-particle", "suffix"})
_NAME_VARIABLES = frozenset(NAMES)
_DATE_VARIABLES = frozenset(DATES)


def _reference(key: str, kind: Any, fields: dict[str, Any]) -> Reference:
    """``Reference(key, kind, **fields)``: ``key`` and ``type`` first, then the fields, with
    the warning ``CustomDict`` gives for fields it does not know."""
    reference = Reference.__new__(Reference)
    dict.__setitem__(reference, "key", key)
    dict.__setitem__(reference, "type", kind)
    unsupported = set(fields.keys()) - _KNOWN
    if unsupported:
        warnings.warn("The following arguments for Reference are unsupported: " + ", ".join(unsupported), stacklevel=2)
    dict.update(reference, fields)
    return reference


def stock_references(items: Iterable[Mapping[str, Any]]) -> list[Reference]:
    """Items as citeproc-py's ``CiteProcJSON`` reads them (ids lower-cased, no markup parsing)."""
    return list(StockJSON(list(items)).values())
