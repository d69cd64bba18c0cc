"""Corrections of citeproc-py defects, so that output matches citeproc-js.

citeproc-js (the processor behind Zotero and Mendeley) is jakcite's reference.  Each
correction below names the citeproc-py behaviour it fixes and why; they are applied only
by jakcite's processor (:class:`jakcite.csl.processor.Processor` with ``corrected=True``),
as mixins on jakcite's own element subclasses (:data:`OVERRIDES`) or as a final text pass
(:func:`postprocess`).  Installed packages are never modified.

Element corrections:

* ``Layout`` — with ``second-field-align`` the citation number is a field of its own;
  citeproc-py glues it to the entry (``1.Dörner``), citeproc-js separates it by a space
  (in HTML, its ``csl-left-margin`` and ``csl-right-inline`` blocks: :data:`~jakcite.csl.output.FIELD`).
* ``Date`` — a localized date (``form="text"``) takes its delimiter from the locale's
  date format; citeproc-py used the calling element's and printed ``2020Apr``.

Text corrections (:func:`postprocess`):

* a period after ``?`` or ``!`` is dropped (``Why?.`` -> ``Why?``), as citeproc-js does;
* punctuation doubled across a formatting boundary (``et al.`` in italics followed by
  ``.``) is collapsed, as citeproc-py already does for unformatted text;
* with the locale option ``punctuation-in-quote`` (en-US), a comma or period following
  a closing quote moves inside it (``"Title,"``), which citeproc-py never does.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import citeproc.model as cm
from citeproc.model import VariableError
from citeproc.source import Date as CiteprocDate
from citeproc.string import MixedString, NoCase, join

from jakcite.csl import grouping
from jakcite.csl.compiled import AUTHORS_TRUNCATED, DISAMBIGUATION
from jakcite.csl.output import ENGLISH_QUOTES, FIELD, STYLE_QUOTE, MarkedString, resolve_quotes, strip_markers
from jakcite.csl.positions import PositionCorrections

QuoteMarks = tuple[str, str, str, str]

__all__ = ["OVERRIDES", "postprocess", "prepare_disambiguation", "quote_marks"]


class LayoutCorrections:
    """``cs:layout``: a space after the first field when ``second-field-align`` is set."""

    __slots__ = ()

    def render_bibliography(self, citation_items: Any) -> list[Any]:
        layout: Any = self
        if not layout.getparent().get("second-field-align"):
            return list(super().render_bibliography(citation_items))  # type: ignore[misc]
        output_items = []
        for item in citation_items:
            layout.repressed = {}
            fields = _render_fields(layout, item)
            text = (
                join([fields[0], join(fields[1:], "")], FIELD) if len(fields) > 1 else (fields[0] if fields else None)
            )
            text = layout.format(layout.wrap(text))
            if text is not None:
                output_items.append(text)
        return output_items

    def render_citation(self, citation: Any, callback: Any) -> Any:
        """Cites with suppress-author / author-only, grouped and collapsed (:mod:`jakcite.csl.grouping`)."""
        return grouping.render_citation(self, citation, callback)


def _render_fields(parent: Any, item: Any) -> list[Any]:
    """Each child of ``parent`` rendered, as ``Parent.render_children`` does, unjoined."""
    output = []
    for child in parent.iterchildren():
        try:
            text = child.render(item)
        except VariableError:
            continue
        if text is not None:
            output.append(text)
    return output


class DateCorrections:
    """``cs:date``: a localized date format joins its parts with its own delimiter.

    Also: a date range rendered inside a macro crashed citeproc-py, which joined the
    range with the *calling* ``cs:text`` element (which cannot join); a style date is its
    own context.
    """

    __slots__ = ()

    def process(
        self, item: Any, variable: Any = None, show_parts: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        if context is not None and not isinstance(context, cm.Date):
            context = None
        return super().process(item, variable, show_parts, context, **kwargs)  # type: ignore[misc]

    def render_date_range(self, date_range: Any, show_parts: Any = None, context: Any = None) -> Any:
        """A range prints its shared parts once, in the format's order (``2020 Jan–Mar``).

        citeproc-py always printed the shared part last (``Jan–Mar2020``), dropped
        ranges of seasons and printed nothing for a range inside one year shown by its
        year alone; citeproc-js follows the date format's order.
        """
        element: Any = self
        show = list(show_parts or ("year", "month", "day"))
        begin, end = date_range.begin, date_range.end
        if end.is_nil():
            return element.render_single_date(begin, show, context)
        if begin.get("year") != end.get("year"):
            differ = {"year", "month", "day"}
        elif begin.get("month") != end.get("month") or begin.get("season") != end.get("season"):
            differ = {"month", "day"}
        else:
            differ = {"day"} if begin.get("day") != end.get("day") else set()
        order = [child.get("name") for child in element.iterchildren() if child.get("name") in show]
        diff = [name for name in order if name in differ]
        if not diff:
            return element.render_single_date(begin, show, context)
        first, last = order.index(diff[0]), order.index(diff[-1])
        start = element.render_single_date(begin, diff, context)
        stop = element.render_single_date(end, diff, context)
        if start is None or stop is None:
            return element.render_single_date(begin, show, context)
        pieces = []
        if order[:first]:
            pieces.append(element.render_single_date(begin, order[:first], context))
        pieces.append(join([str(start).rstrip(" ,"), _range_delimiter(element, diff[0]), stop], ""))
        if order[last + 1 :]:
            pieces.append(element.render_single_date(begin, order[last + 1 :], context))
        own = element.get("delimiter")
        if own is None and context is not None and context is not element:
            own = context.get("delimiter")
        return join([piece for piece in pieces if piece is not None], own or "")

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        element: Any = self
        if context is None or context is element or not element.is_locale_date():
            return super().render_single_date(date, show_parts, context)  # type: ignore[misc]
        parts = element.parts(date, show_parts, context)
        if not parts:
            return None
        delimiter = element.get("delimiter", context.get("delimiter", ""))
        return join(parts, delimiter)


# --------------------------------------------------------------------------- title case

#: citeproc-js's stop words (``CSL.SKIP_WORDS``): left lower-case in title case.
SKIP_WORDS = frozenset(
    "about above across afore after against al along alongside amid amidst among amongst anenst apropos apud "
    "around as aside astride at athwart atop barring before behind below beneath beside besides between beyond "
    "but by circa despite down during et except for forenenst from given in inside into lest like modulo near "
    "next notwithstanding of off on onto out over per plus pro qua sans since than through thru throughout "
    "thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without or yet so and nor a an the de d' von van c ca".split()
)
_CASE_SPLIT = re.compile(r"([\u2018\u2019\u201c\u201d\"'\-\u2013\u2014/.,;?!:\[\]()]|[\ue000-\ue00f])")
_SPACES = re.compile(r"(\s+)")


def _capitalise(word: str) -> str:
    if len(word) == 1 and "\u0370" <= word <= "\u03ff":
        return word  # a lone Greek letter is a symbol, not a word
    return word[:1].upper() + word[1:]


def title_case(segments: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """citeproc-js's English title case over (text, protected) segments.

    Every word that is all lower-case and not a stop word gets a capital; so do the
    first word, a word after ``:``, ``?`` or ``!``, the part before a hyphen, and a
    stop word ending the title.  Words with capitals already (``mRNA``) are kept, and
    protected (``nocase``) text is never touched.
    """
    tokens: list[list[Any]] = []  # [text, kind] with kind "word", "space", "tag", "keep"
    for text, protected in segments:
        if protected:
            tokens.append([text, "keep"])
            continue
        for piece in _CASE_SPLIT.split(text):
            if not piece:
                continue
            if _CASE_SPLIT.fullmatch(piece):
                tokens.append([piece, "tag"])
            else:
                tokens.extend([part, "space" if part.isspace() else "word"] for part in _SPACES.split(piece) if part)
    first, after_punct, last_word = True, False, None
    first_chunk = True  # citeproc-js honours a following hyphen only before the first tag
    for index, token in enumerate(tokens):
        text, kind = token
        if kind == "tag":
            after_punct = after_punct or text in "!?:"
            first_chunk = False
            continue
        if kind != "word":
            if kind == "keep" and text.strip():
                first = after_punct = False
                last_word = None
            continue
        lower = text.lower()
        following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
        capitalize = (
            (len(text) > 1 and lower not in SKIP_WORDS) or (first_chunk and following == "-") or first or after_punct
        )
        if capitalize and text == lower:
            token[0] = _capitalise(text)
        first = after_punct = False
        last_word = token
    if last_word is not None and len(last_word[0]) > 1 and last_word[0].lower() in SKIP_WORDS:
        last_word[0] = _capitalise(last_word[0])
    out: list[tuple[str, bool]] = []
    for text, kind in tokens:
        protected = kind == "keep"
        if out and out[-1][1] == protected:
            out[-1] = (out[-1][0] + text, protected)
        else:
            out.append((text, protected))
    return out


class TextCaseCorrections:
    """``text-case="title"`` as citeproc-js does it (stop words, hyphens, last word)."""

    __slots__ = ()

    def case(self, text: Any, language: Any = None) -> Any:
        element: Any = self
        # citeproc-py skipped title case whenever no language was passed (labels, date
        # parts); citeproc-js applies it unless the item's language is not English.
        if language is not None:
            language = str(language).lower()  # "Eng" is English too
        if element.get("text-case") != "title" or (language is not None and language != "en") or not text:
            return super().case(text, language)  # type: ignore[misc]
        segments = (
            [(str(part), isinstance(part, NoCase)) for part in text]
            if isinstance(text, MixedString)
            else [(str(text), False)]
        )
        cased = title_case(segments)
        return MixedString([NoCase(t) if keep else MarkedString(t) for t, keep in cased])


# --------------------------------------------------------------------------- quotes, substitution


class LabelCorrections(TextCaseCorrections):
    """``cs:label`` of a variable the item lacks prints nothing (as a missing variable does).

    citeproc-py printed the term anyway, so Chicago's ``<group><text variable="edition"/>
    <label variable="edition"/></group>`` left a stray "Edition." in journal articles.
    """

    __slots__ = ()

    def process(self, item: Any, variable: Any = None, plural: Any = None, context: Any = None, **kwargs: Any) -> Any:
        element: Any = self
        if variable is None:
            own = element.get("variable")
            missing = not item.has_locator if own == "locator" else own.replace("-", "_") not in item.reference
            if missing:
                raise VariableError
        return super().process(item, variable, plural, context=context, **kwargs)  # type: ignore[misc]


class QuoteCorrections:
    """``quotes="true"``: wrap in quote markers, resolved to the locale's quotes at the end.

    citeproc-py looked the quote terms up while rendering (some styles crashed when a
    locale lacked them) and could not flip nested quotes or move punctuation inside them.
    """

    __slots__ = ()

    def quote(self, string: Any) -> Any:
        element: Any = self
        if str(element.get("quotes", "false")).lower() == "true":
            return MarkedString(STYLE_QUOTE[0]) + string + MarkedString(STYLE_QUOTE[1])
        return string


class SuppressionCorrections:
    """A variable printed through ``cs:substitute`` is not printed again in the same entry.

    citeproc-py only suppressed a substituted ``<text variable>``, not one reached through
    a macro (APA's ``<text macro="title"/>``), so an anonymous article showed its title twice.
    """

    __slots__ = ()

    def _variable(self, item: Any, context: Any) -> Any:
        element: Any = self
        layout = context.get_layout()
        variable = element.get("variable")
        suppressed = layout.repressed.get(_SUPPRESSED)
        if suppressed and variable in suppressed:
            return None
        text = super()._variable(item, context)  # type: ignore[misc]
        if variable in _NUMBER_VARIABLES and text and _NUMBER_RANGE.match(str(text)):
            # citeproc-js prints a numeric range in issue/volume... with an en dash
            text = MarkedString(_NUMBER_RANGE.sub("\\1\u2013\\2", str(text)))
        recording = layout.__dict__.get("_jk_recording")
        if recording is not None and text:
            recording.append(variable)
        return text


class SortOptionsCorrections:
    """A sort key's name options reach names inside nested macros.

    citeproc-py passed the sort options (``name-as-sort-order="all"``, no "and", no
    "et al.") only one macro deep, so Chicago's ``author-sort`` macro, which calls
    ``author-bib``, sorted by the names as displayed.
    """

    __slots__ = ()

    def process(self, item: Any, context: Any = None, sort_options: Any = None, **kwargs: Any) -> Any:
        element: Any = self
        if sort_options is None or "macro" not in element.attrib:
            return super().process(item, context=context, **kwargs)  # type: ignore[misc]
        language = item.reference.get("language")
        language = language[:2] if language else element.get_root().get("default-locale", "en")[:2]
        text = element.get_macro(element.get("macro")).render(
            item, context if context is not None else element, sort_options
        )
        return text, language


_SUPPRESSED = "_jk_suppressed"
_NUMBER_VARIABLES = frozenset(
    {"issue", "volume", "number", "collection-number", "chapter-number", "number-of-pages", "number-of-volumes"}
)
_NUMBER_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


class SubstituteCorrections:
    """``cs:substitute`` records which variables it printed, for :class:`SuppressionCorrections`."""

    __slots__ = ()

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if context is None:
            return super().render(item, context=context, **kwargs)  # type: ignore[misc]
        layout = context.get_layout()
        previous = layout.__dict__.get("_jk_recording")
        recording: list[str] = []
        layout.__dict__["_jk_recording"] = recording
        try:
            text = super().render(item, context=context, **kwargs)  # type: ignore[misc]
        finally:
            layout.__dict__["_jk_recording"] = previous
        if text:
            layout.repressed.setdefault(_SUPPRESSED, set()).update(recording)
            if previous is not None:
                previous.extend(recording)
        return text


class NamesCorrections:
    """A ``cs:names`` without ``cs:name`` anywhere inside ``cs:substitute`` (also within a
    ``cs:choose``) takes the name, et-al and label of the ``cs:names`` being substituted.

    citeproc-py did this only for direct children of ``cs:substitute``; Chicago's
    ``<choose><if ...><names variable="editor"/>`` printed editors with default options.
    """

    __slots__ = ()

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        element: Any = self
        if names_context is None and element.name is None:
            outer = element.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
            if outer:
                names_context = outer[0]
        layout = _layout_of(context if context is not None else element)
        present = [v for v in element.get("variable", "").split() if v.replace("-", "_") in item.reference]
        if layout is not None and present:
            suppressed = layout.repressed.get(_SUPPRESSED)
            if suppressed and all(v in suppressed for v in present):
                raise VariableError  # printed already through cs:substitute: treated as empty
        reference = item.reference
        if present and (reference.get(DISAMBIGUATION) or ("author" in present and reference.get(AUTHORS_TRUNCATED))):
            _seed_default_name(names_context if names_context is not None else element)
        text = super().process(item, names_context=names_context, context=context, **kwargs)  # type: ignore[misc]
        if layout is not None and text:
            recording = layout.__dict__.get("_jk_recording")
            if recording is not None:
                recording.extend(present)
            first = layout.__dict__.get(grouping.FIRST_NAMES)
            if first is not None and not first.done and not _in_substitute(element):
                first.done, first.text = True, text
                if first.suppress:
                    raise VariableError  # suppress-author, or the names a collapsed group prints once
                if first.substitute is not None and first.previous is not None and str(first.previous) == str(text):
                    return MarkedString(first.substitute)  # subsequent-author-substitute
        return text


def _in_substitute(element: Any) -> bool:
    found = element.__dict__.get("_jk_in_substitute")
    if found is None:
        found = element.__dict__["_jk_in_substitute"] = bool(element.xpath_search("./ancestor::cs:substitute"))
    return bool(found)


def _seed_default_name(names: Any) -> None:
    """Give a ``cs:names`` without ``cs:name`` its default now, as citeproc-py would.

    jakcite's ``cs:names`` then hands back its compiled ``cs:name``
    (:class:`jakcite.csl.elements._NamesDefaultName`), which knows an author list the
    source truncated or disambiguation expands; citeproc-py's own default, used for the
    first entry, does not.
    """
    if names.name is None:
        names.insert(0, cm.Name())


def _layout_of(element: Any) -> Any:
    found = element.xpath_search("./ancestor-or-self::cs:layout[1]")
    return found[0] if found else None


# --------------------------------------------------------------------------- names


_LOWER_AFTER_HYPHEN = re.compile(r"-(?=[a-z])[^\s-]*")


class NameCorrections:
    """``cs:name``: ``initialize="false"`` keeps given names whole (only initials get the
    ``initialize-with`` mark), and ``demote-non-dropping-particle="sort-only"`` demotes
    particles in sort keys (``de Castro`` sorts under C)."""

    __slots__ = ()

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = super().get_option(name, context, sort_options)  # type: ignore[misc]
        if name == "and" and sort_options is not None:
            return None  # sort keys are the names alone, without "and"/"&" (as citeproc-js)
        if name == "demote-non-dropping-particle" and sort_options is not None and value == "sort-only":
            # Rendering a sort key: "sort-only" demotes the particle here (citeproc-py never did).
            return "display-and-sort"
        return value

    def process(self, item: Any, variable: Any, context: Any = None, sort_options: Any = None, **kwargs: Any) -> Any:
        element: Any = self
        element.__dict__["_jk_sorting"] = sort_options is not None
        try:
            return super().process(item, variable, context=context, sort_options=sort_options, **kwargs)  # type: ignore[misc]
        finally:
            element.__dict__["_jk_sorting"] = False

    def et_al(self) -> Any:
        """No "et al." in sort keys (citeproc-js sorts by the names alone)."""
        element: Any = self
        if element.__dict__.get("_jk_sorting"):
            return ""
        return super().et_al()  # type: ignore[misc]

    def initialize(self, given: str, mark: str, context: Any) -> str:
        element: Any = self
        if str(element.get("initialize", "true")).lower() != "false":
            # "Shu-jen" initializes to "S." (citeproc-js); citeproc-py printed "S.-. jen ."
            given = _LOWER_AFTER_HYPHEN.sub("", given)
            return str(super().initialize(given, mark, context))  # type: ignore[misc]
        out = ""
        for word in given.split():
            bare = word.rstrip(".")
            if len(bare) == 1 and bare.isupper():
                out += bare + mark
            else:
                out += word + " "
        return out.strip()


# --------------------------------------------------------------------------- pages


_TRUE_RANGE = re.compile(r"^([A-Za-z]*)\d+\s*[-\u2013]\s*([A-Za-z]*)\d+$")
_KEEP_HYPHEN = "\u2011"


def _protect_hyphen(part: str) -> str:
    """A hyphenated page that is not a range of like numbers keeps its hyphen (``938-946.e2``)."""
    match = _TRUE_RANGE.match(part)
    if "-" not in part or (match and match.group(1) == match.group(2)):
        return part
    return part.replace("-", _KEEP_HYPHEN)


_RANGE_MARK = re.compile(r"(\d+)\x00(\d+)")
_EMBEDDED_RANGE = re.compile(r"(?<![\w.\u2011-])(\d+)-(\d+)(?![\w.\u2011-])")


class PageRangeCorrections:
    """Page ranges: expand an abbreviated last page (``2278-88``) before ``page-range-format``.

    citeproc-py applied the format to the last page as written, so ``expanded`` printed
    ``2278–88``; citeproc-js expands first and then abbreviates as the style asks.
    """

    __slots__ = ()

    def _process(self, value: Any, variable: str) -> Any:
        """An article number with a hyphen (``e01530-19``) is not a range (as citeproc-js).

        Only ``12-19``, ``e513-e514``, ``S12-S15`` (same prefix both sides) are ranges.
        """
        if variable.startswith("page") and "-" in str(value):
            parts = [self._jk_embedded_ranges(_protect_hyphen(p.strip())) for p in str(value).split(",")]
            value = ", ".join(parts)
            result = super()._process(value, variable)  # type: ignore[misc]
            return result.replace(_KEEP_HYPHEN, "-") if _KEEP_HYPHEN in str(result) else result
        return super()._process(value, variable)  # type: ignore[misc]

    def _jk_embedded_ranges(self, part: str) -> str:
        """Ranges inside a longer page text (``1787-8; discussion 1791``) are still ranges."""
        if _KEEP_HYPHEN not in part:
            return part
        text = part.replace(_KEEP_HYPHEN, "-")
        if _TRUE_RANGE.match(text) or not _EMBEDDED_RANGE.search(text):
            return part
        protected = _EMBEDDED_RANGE.sub(lambda m: f"{m.group(1)}\x00{m.group(2)}", text).replace("-", _KEEP_HYPHEN)
        element: Any = self
        delimiter = str(element.get_single_term(name="page-range-delimiter") or "\u2013")
        return _RANGE_MARK.sub(
            lambda m: f"{m.group(1)}{delimiter}{self._format_last_page(m.group(1), m.group(2))}", protected
        )

    def _format_last_page(self, first: str, last: str) -> Any:
        element: Any = self
        if element.get_root().get_option("page-range-format") is None:
            return last
        range_format = element.get_root().get_option("page-range-format")
        prefix = _PAGE_PREFIX.match(first)
        if prefix and prefix.group(1) and last.startswith(prefix.group(1)):
            # e513-e514: the prefix is printed once, the numbers abbreviate as usual
            digits = last[prefix.end(1) :]
            result = self._format_last_page(first[prefix.end(1) :], digits)
            return prefix.group(1) + digits if result == digits else result
        if not (first.isdigit() and last.isdigit()):
            return last
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        if len(last) != len(first) or range_format == "expanded":
            return last
        common = 0
        while common < len(first) and first[common] == last[common]:
            common += 1
        if range_format in ("chicago", "chicago-15", "chicago-16"):
            range_format = _chicago_format(int(first), common, range_format)
        if range_format == "minimal":
            return last[min(common, len(last) - 1) :]
        if range_format == "minimal-two":
            return last[min(common, len(last) - 2) :] if len(last) >= 2 else last
        return last


_PAGE_PREFIX = re.compile(r"^([A-Za-z]+)\d+$")


def _chicago_format(first: int, common: int, variant: str) -> str:
    """Chicago Manual of Style page abbreviation rules as a plain range format."""
    if first < 100 or first % 100 == 0:
        return "expanded"
    if first % 100 < 10:
        return "minimal"
    if variant != "chicago-16" and first >= 1000 and common < 2:
        return "expanded"
    return "minimal-two"


# --------------------------------------------------------------------------- sorting


def collation_key(value: Any) -> tuple[Any, ...]:
    """A sort key close to ICU's root collation: letters before accents before case.

    citeproc-py compares code points (``Çelik`` after ``Zhang``); citeproc-js uses the
    locale collator, where ``Ç`` sorts with ``C`` and ``D’Esposito`` with ``Desposito``.
    """
    text = strip_markers(str(value))
    if text.isdigit():
        return (0, int(text), "")
    folded = "".join(
        _primary(c)
        for c in unicodedata.normalize("NFKD", text.casefold().translate(_BASE_LETTERS))
        if not unicodedata.combining(c)
    )
    folded = _SPACE_RUNS.sub("\x01", folded).strip("\x01")
    return (1, folded, text.casefold(), text)


#: Letters that carry their diacritic without Unicode decomposition; ICU sorts them with the base letter.
_BASE_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"}
)


_SPACE_RUNS = re.compile("\x01+")


def _primary(char: str) -> str:
    """Letters and digits count, spaces sort first, punctuation is ignored (as citeproc-js sorts)."""
    if char.isalnum():
        return char
    return "\x01" if char.isspace() else ""


class SortCorrections:
    """``cs:sort`` with locale-like collation instead of code-point order."""

    __slots__ = ()

    def sort(self, items: Any, context: Any) -> list[Any]:
        element: Any = self
        if len(items) < 2:
            return list(items)  # one cite (every citation jakcite renders): already in order
        keys = element.findall("cs:key", element.nsmap)
        columns = [
            (key.get("sort", "ascending").lower() == "descending", key.sort_keys(items, context)) for key in keys
        ]
        order = list(range(len(items)))
        for descending, values in reversed(columns):
            present = [i for i in order if values[i] is not None and str(values[i]) != ""]
            absent = [i for i in order if values[i] is None or str(values[i]) == ""]
            present.sort(key=lambda i: collation_key(values[i]), reverse=descending)
            order = present + absent
        return [items[i] for i in order]


def quote_marks(root: Any) -> QuoteMarks:
    """The locale's open/close quotes and inner quotes (for straight quotes in the data)."""
    marks = []
    for name in ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote"):
        term = root.get_single_term(name)
        marks.append(str(term) if term else "")
    if not all(marks):
        return ENGLISH_QUOTES
    return (marks[0], marks[1], marks[2], marks[3])


def _suffix(index: int) -> str:
    """a, b, ... z, aa, ab... (citeproc-js's year-suffix sequence)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _name_key(reference: Any) -> tuple[Any, ...]:
    names = reference.get("author") or reference.get("editor") or []
    return tuple(tuple(str(part or "") for part in name.parts()) for name in names)


def _first_name(reference: Any) -> str:
    for variable in ("author", "editor", "translator", "container_author"):
        names = reference.get(variable)
        if names:
            parts = names[0].parts()
            return str(parts[1] or "").casefold()
    return str(reference.get("title", "")).casefold()


def prepare_disambiguation(root: Any, bib: Any, rendered: dict[str, str | None] | None = None) -> None:
    """Year suffixes (``2019a``, ``2019b``) for works whose citations would be identical.

    citeproc-py has no disambiguation at all.  This implements the common case as
    citeproc-js does: with ``disambiguate-add-year-suffix``, works whose first citation
    renders the same (and, when the style may add names, whose author lists are the
    same) get suffixes in bibliography order.  ``rendered`` holds cites already rendered
    as they stand (by item key).
    """
    from citeproc.source import Citation

    citation = root.citation
    if citation is None or str(citation.get("disambiguate-add-year-suffix", "false")).lower() != "true":
        return
    from jakcite.csl.processor import FastCitationItem

    compare_names = any(
        str(citation.get(option, "false")).lower() == "true"
        for option in ("disambiguate-add-names", "disambiguate-add-givenname")
    )
    # Only works sharing a year and a first name (or title) can cite alike: render just those.
    candidates: dict[tuple[Any, ...], list[Any]] = {}
    for item in bib.items:
        reference = item.reference
        issued = reference.get("issued")
        if not isinstance(issued, CiteprocDate):
            continue
        issued.pop(YEAR_SUFFIX, None)
        reference.pop("year_suffix", None)
        candidates.setdefault((issued.get("year"), _first_name(reference)), []).append(item)
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for items in candidates.values():
        if len(items) < 2:
            continue
        for item in items:
            reference = item.reference
            if rendered is not None and item["key"] in rendered:
                text = rendered[item["key"]]  # rendered already, while disambiguating by names
                if text is None:
                    continue
            else:
                cite = Citation([FastCitationItem(item["key"])])
                cite.bibliography = bib
                try:
                    text = citation.render(cite, [], None)
                except Exception:  # noqa: BLE001 - a citation that cannot render cannot be ambiguous
                    continue
            key = (strip_markers(str(text)).casefold(), _name_key(reference) if compare_names else ())
            groups.setdefault(key, []).append(reference)
    for references in groups.values():
        if len(references) < 2:
            continue
        for index, reference in enumerate(references):
            suffix = _suffix(index)
            reference["issued"][YEAR_SUFFIX] = suffix
            reference["year_suffix"] = suffix


YEAR_SUFFIX = "jk_year_suffix"


class DatePartCorrections(TextCaseCorrections):
    """The year carries its year suffix unless the style prints ``year-suffix`` itself."""

    __slots__ = ()

    def process(self, date: Any, context: Any = None) -> Any:
        element: Any = self
        text = super().process(date, context)  # type: ignore[misc]
        suffix = date.get(YEAR_SUFFIX) if isinstance(date, dict) else None
        root = element.get_root()
        style = root if isinstance(root, cm.Style) else getattr(root, "style", root)
        if suffix and element.get("name") == "year" and not _explicit_year_suffix(style):
            text = f"{text}{suffix}"
        return text


def _explicit_year_suffix(root: Any) -> bool:
    cached = root.__dict__.get("_jk_explicit_suffix")
    if cached is None:
        cached = root.__dict__["_jk_explicit_suffix"] = bool(root.xpath_search(".//cs:text[@variable='year-suffix']"))
    return bool(cached)


_M = "[\ue000-\ue00b]"
_QUESTION_PERIOD = re.compile(rf"([?!])({_M}*[\ue00d\ue00f]?{_M}*)\.")
_DOUBLED = re.compile(rf"([.,;:])({_M}+)\1")
#: Two marks meeting across a boundary (a suffix and the next prefix), as citeproc-js merges
#: them (its "full monty" table): the pairs not listed keep both marks.
#: (A mark doubled is left to ``_DOUBLED``, which needs a boundary between: an ellipsis
#: or "?!" in the data stays.)
_MERGED_MARKS = {
    ":.": ":", ":!": "!", ":?": "?",
    ";:": ";", ";.": ";", ";!": "!", ";?": "?",
    "!:": "!", "!.": "!",
    "?:": "?", "?.": "?",
}  # fmt: skip
_MARK_PAIR = re.compile(rf"([:;!?.,])({_M}*)([:;!?.,])")
_PUNCT_AFTER_QUOTE = re.compile(rf"({_M}*)\ue00f({_M}*)([.,])")
_DOUBLE_PERIOD_IN_QUOTE = re.compile(rf"([.!?])([\ue00d]?{_M}*)\.({_M}*)\ue00f")


def _merge_marks(found: re.Match[str]) -> str:
    merged = _MERGED_MARKS.get(found[1] + found[3])
    if merged is None:
        return found[0]
    return merged + found[2] if merged == found[1] else found[2] + merged


def _locale_flags(root: Any) -> tuple[bool, QuoteMarks]:
    cached = root.__dict__.get("_jk_locale_flags")
    if cached is None:
        option = root.get_locale_option("punctuation-in-quote")
        cached = root.__dict__["_jk_locale_flags"] = (str(option).lower() == "true", quote_marks(root))
    return cached  # type: ignore[no-any-return]


def postprocess(text: str, root: Any) -> str:
    """Fix punctuation citeproc-py leaves behind and print quotes (see the module docstring)."""
    text = _QUESTION_PERIOD.sub(r"\1\2", text)
    text = _DOUBLED.sub(r"\1\2", text)
    if _MARK_PAIR.search(text):
        text = _MARK_PAIR.sub(_merge_marks, text)
    punctuation_in_quote, quotes = _locale_flags(root)
    if STYLE_QUOTE[1] in text and punctuation_in_quote:
        text = _PUNCT_AFTER_QUOTE.sub(lambda m: f"{m.group(3)}{m.group(1)}\ue00f{m.group(2)}", text)
        text = _DOUBLE_PERIOD_IN_QUOTE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}\ue00f", text)
    return resolve_quotes(text, quotes)


def _range_delimiter(date: Any, part: str) -> str:
    for child in date.iterchildren():
        if child.get("name") == part and child.get("range-delimiter"):
            return str(child.get("range-delimiter"))
    return "\u2013"


OVERRIDES: dict[str, type] = {
    "Layout": LayoutCorrections,
    "Date": DateCorrections,
    "Text": type(
        "TextCorrections",
        (SortOptionsCorrections, TextCaseCorrections, PageRangeCorrections, QuoteCorrections, SuppressionCorrections),
        {"__slots__": ()},
    ),
    "Substitute": SubstituteCorrections,
    "Label": LabelCorrections,
    "Name_Part": TextCaseCorrections,
    "Names": NamesCorrections,
    "Date_Part": DatePartCorrections,
    "Number": PageRangeCorrections,
    "Name": NameCorrections,
    "Sort": SortCorrections,
    "If": PositionCorrections,
    "Else_If": PositionCorrections,
}
