"""A citation's cites rendered, grouped and collapsed, as CSL 1.0.2 describes and
citeproc-js does; citeproc-py has none of it.

* ``suppress-author`` drops the first ``cs:names`` a cite renders (with its
  substitutes), ``author-only`` keeps only it;
* with ``collapse`` (or ``cite-group-delimiter``) cites whose names render alike are
  grouped where the first of them stands; ``collapse="year"`` prints the names once
  (``Smith 1900, 2000``), ``year-suffix`` also the year (``2000a, b``),
  ``year-suffix-ranged`` ranges the suffixes (``2000a–c``);
* ``collapse="citation-number"`` ranges three or more consecutive numbers (``[1]–[4]``).

The first rendered ``cs:names`` is observed through :data:`FIRST_NAMES`, a
:class:`FirstNames` the layout holds while a cite renders (set by
:func:`render_citation`, read by the ``cs:names`` correction).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

import attrs
from citeproc.model import VariableError

from jakcite.csl.output import strip_markers
from jakcite.csl.positions import POSITION, Tracker

__all__ = ["FIRST_NAMES", "FirstNames", "render_citation"]

#: The layout attribute holding the :class:`FirstNames` of the cite being rendered.
FIRST_NAMES = "_jk_first_names"
EN_DASH = "\u2013"
#: Where the processor keeps the :class:`~jakcite.csl.positions.Tracker` of a document
#: (an attribute of its bibliography object).
TRACKER = "jk_positions"


@attrs.define
class FirstNames:
    """The first ``cs:names`` of one cite: whether to suppress it, and what it rendered."""

    suppress: bool = False
    text: Any = None
    done: bool = False
    #: ``subsequent-author-substitute`` in a bibliography: the previous entry's first
    #: names, and what replaces them when this entry's are the same
    previous: Any = None
    substitute: str | None = None


@attrs.frozen
class Rendered:
    """One cite, rendered in full and (for year collapsing) without its names."""

    item: Any
    text: Any
    names: str | None
    rest: Any = None


def _render(layout: Any, item: Any, suppress: bool) -> tuple[Any, FirstNames]:
    first = FirstNames(suppress=suppress)
    layout.repressed = {}
    layout.__dict__[FIRST_NAMES] = first
    try:
        return layout.render_children(item), first
    except VariableError:
        return None, first
    finally:
        layout.__dict__[FIRST_NAMES] = None


def _affixed(item: Any, text: Any) -> Any:
    if text is None:
        return None
    prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
    return prefix + text + suffix if prefix or suffix else text


def _render_cite(layout: Any, item: Any, collapse_names: bool, leading: bool) -> Rendered | None:
    cite = item.__dict__.get("_jk_cite")  # set by the processor (absent on internal renders)
    suppress = bool(cite is not None and cite.suppress_author)
    text, first = _render(layout, item, suppress)
    if cite is not None and cite.author_only:
        text = first.text
    if text is None:
        return None
    if _starts_a_sentence(item, leading) and _is_note_style(layout):
        text = _capitalise_term(layout, text)
    names = strip_markers(str(first.text)) if first.text and collapse_names and not suppress else None
    return Rendered(item, _affixed(item, text), names)


def _with_rest(layout: Any, cite: Rendered) -> Rendered:
    """The cite rendered again without its names, for a collapsed group (only those need it)."""
    return attrs.evolve(cite, rest=_affixed(cite.item, _render(layout, cite.item, True)[0]))


def render_citation(layout: Any, citation: Any, callback: Any) -> Any:
    """``Layout.render_citation`` with suppress-author, author-only, grouping and collapsing."""
    parent = layout.getparent()
    bibliography = citation.bibliography
    good = [cite for cite in citation.cites if not cite.is_bad()]
    bad = [cite for cite in citation.cites if cite.is_bad()]
    if parent.sort is not None:
        # (without a cs:sort the cites keep the order they were given, as in citeproc-js;
        # citeproc-py put them in bibliography order)
        good.sort(key=lambda item: bibliography.position[item.key])
        good = parent.sort.sort(good, layout)
    collapse = parent.get("collapse")
    grouping = bool(parent.get("cite-group-delimiter")) or (collapse or "").startswith("year")
    tracker = bibliography.__dict__.get(TRACKER)
    tracked = tracker is not None and "_jk_note" in citation.__dict__
    if tracked:
        tracker.start()
    rendered: list[Rendered] = []
    for item in good:
        if tracked:
            _place(tracker, item, citation.__dict__["_jk_note"])
        done = _render_cite(layout, item, grouping, not rendered)
        if done is not None:
            rendered.append(done)
            parent.cites.append(item)
    delimiter = layout.get("delimiter", "")
    if collapse == "citation-number":
        pieces = _number_ranges(rendered, delimiter, parent)
    elif grouping:
        groups = _group(rendered)
        if collapse:
            groups = [[_with_rest(layout, c) for c in g] if len(g) > 1 else g for g in groups]
        pieces = _grouped(groups, delimiter, parent, collapse)
    else:
        pieces = [(r.text, delimiter) for r in rendered]
    for item in bad:
        pieces.append((callback(item) or f"{item.key}?", delimiter))
    text = _join(pieces)
    if rendered and not bad and all(_author_only(r.item) for r in rendered):
        return layout.format(text)  # the names alone, for running text: no brackets
    return layout.format(layout.wrap(text))


def _author_only(item: Any) -> bool:
    cite = item.__dict__.get("_jk_cite")
    return bool(cite is not None and cite.author_only)


def _place(tracker: Tracker, item: Any, note: int | None) -> None:
    """The cite's position, and its first-reference-note-number for the styles that print it."""
    position = tracker.place(item, note)
    item.__dict__[POSITION] = position
    reference = item.reference
    if position.first_note is not None and note is not None:
        reference["first_reference_note_number"] = str(position.first_note)
    else:
        reference.pop("first_reference_note_number", None)


_SENTENCE_END = re.compile(r"\S\s+\S.*[.!?][\"'\u201d\u2019]?\s*$", re.DOTALL)


def _starts_a_sentence(item: Any, leading: bool) -> bool:
    """A cite opening its note, or after a prefix of some words ending a sentence ("Cf." alone does not)."""
    prefix = str(item.get("prefix", ""))
    return (leading and not prefix) or bool(_SENTENCE_END.search(prefix))


def _is_note_style(layout: Any) -> bool:
    root = layout.get_root()
    return str(root.get("class", "")) == "note"


def _capitalise_term(layout: Any, text: Any) -> Any:
    """A locale term opening a note takes a capital (``Ibid.``), as in citeproc-js."""
    plain = strip_markers(str(text))
    if not plain or not plain[0].islower():
        return text
    word = plain.split(" ", 1)[0]
    if word not in _terms(layout.get_root()):
        return text
    return text.capitalize_first() if hasattr(text, "capitalize_first") else text


def _terms(root: Any) -> frozenset[str]:
    found = root.__dict__.get("_jk_term_words")
    if found is None:
        # only terms a cs:text prints (citeproc-js leaves labels and date terms alone)
        names = {str(text.get("term")) for text in root.xpath_search("./cs:citation//cs:text[@term]")}
        names |= {str(text.get("term")) for text in root.xpath_search("./cs:macro//cs:text[@term]")}
        words: set[str] = set()
        for locale in root.locales:
            for term in locale.xpath_search("./cs:terms/cs:term"):
                if term.get("name") not in names:
                    continue
                for text in term.itertext():
                    if text.strip():
                        words.add(text.strip().split(" ", 1)[0])
        found = root.__dict__["_jk_term_words"] = frozenset(words)
    return frozenset(found)


def _join(pieces: Sequence[tuple[Any, str]]) -> Any:
    """Pieces each followed by its own delimiter (the last one's dropped)."""
    if not pieces:
        return None
    out = pieces[0][0]
    for (_, delimiter), (text, _) in itertools.pairwise(pieces):
        # a cite whose prefix opens with punctuation (", cited in") replaces the delimiter
        out = out + text if str(text)[:1] in _OWN_DELIMITER else out + delimiter + text
    return out


_OWN_DELIMITER = frozenset(",.;:")


def _group(rendered: Sequence[Rendered]) -> list[list[Rendered]]:
    """Cites with the same rendered names, gathered where the first of them stands."""
    groups: list[list[Rendered]] = []
    by_names: dict[str, list[Rendered]] = {}
    for cite in rendered:
        found = by_names.get(cite.names) if cite.names else None
        if found is None:
            found = []
            groups.append(found)
            if cite.names:
                by_names[cite.names] = found
        found.append(cite)
    return groups


def _grouped(
    groups: Sequence[list[Rendered]], delimiter: str, parent: Any, collapse: str | None
) -> list[tuple[Any, str]]:
    cite_group = parent.get("cite-group-delimiter", ", ")
    # year suffixes are delimited as the group is when the style says how; else as the layout
    suffix_default = parent.get("cite-group-delimiter", delimiter)
    after = parent.get("after-collapse-delimiter", delimiter)
    pieces: list[tuple[Any, str]] = []
    for group in groups:
        if len(group) == 1 or not collapse:
            pieces.extend((cite.text, cite_group) for cite in group[:-1])
            pieces.append((group[-1].text, delimiter))
            continue
        inner = [(group[0].text, cite_group)] + [(cite.rest or cite.text, cite_group) for cite in group[1:]]
        if collapse in ("year-suffix", "year-suffix-ranged"):
            inner = _suffixes(group, inner, parent, collapse == "year-suffix-ranged", suffix_default)
        inner[-1] = (inner[-1][0], after)
        pieces.extend(inner)
    return pieces


def _year_suffix(item: Any) -> str | None:
    reference = item.reference
    suffix = reference.get("year_suffix")
    return str(suffix) if suffix else None


def _suffixes(
    group: Sequence[Rendered], inner: list[tuple[Any, str]], parent: Any, ranged: bool, delimiter: str
) -> list[tuple[Any, str]]:
    """Within a group, a cite of the same year as the one before prints its suffix only
    (``2000a, b``); with ``ranged``, three or more suffixes in sequence as ``a–c``."""
    suffix_delimiter = parent.get("year-suffix-delimiter", delimiter)
    after = parent.get("after-collapse-delimiter", delimiter)
    runs: list[list[tuple[Rendered, tuple[Any, str], str | None]]] = []
    for cite, piece in zip(group, inner, strict=True):
        suffix = _year_suffix(cite.item)
        if runs and suffix and _same_year(runs[-1][-1][0], runs[-1][-1][2], cite, suffix):
            runs[-1].append((cite, piece, suffix))
        else:
            runs.append([(cite, piece, suffix)])
    out: list[tuple[Any, str]] = []
    for run in runs:
        if len(run) == 1:
            out.append(run[0][1])
            continue
        suffixes = [str(suffix) for _, _, suffix in run]
        parts = _suffix_parts(suffixes, ranged)
        text = run[0][1][0]
        first = parts[0]
        if first != suffixes[0]:  # the run begins with a range: a–c
            text = text + first[len(suffixes[0]) :]
        text = text + "".join(suffix_delimiter + part for part in parts[1:])
        out.append((text, after))
    return out


def _same_year(previous: Rendered, previous_suffix: str | None, cite: Rendered, suffix: str) -> bool:
    def base(one: Rendered, own: str | None) -> str | None:
        if not own or "locator" in one.item:
            return None
        return strip_markers(str(one.rest if one.rest is not None else one.text)).replace(own, "", 1)

    left = base(previous, previous_suffix)
    return left is not None and left == base(cite, suffix)


def _suffix_parts(suffixes: Sequence[str], ranged: bool) -> list[str]:
    """Suffixes as printed: each, or (``ranged``) runs of three or more in sequence as ``a–c``."""
    if not ranged:
        return list(suffixes)
    parts: list[str] = []
    index = 0
    while index < len(suffixes):
        end = index
        while end + 1 < len(suffixes) and _next_letter(suffixes[end], suffixes[end + 1]):
            end += 1
        if end - index >= 2:
            parts.append(suffixes[index] + EN_DASH + suffixes[end])
        else:
            parts.extend(suffixes[index : end + 1])
        index = end + 1
    return parts


def _next_letter(a: str, b: str) -> bool:
    return len(a) == len(b) == 1 and ord(b) - ord(a) == 1


def _number_ranges(rendered: Sequence[Rendered], delimiter: str, parent: Any) -> list[tuple[Any, str]]:
    """Runs of three or more consecutive citation numbers as ``first–last``."""
    after = parent.get("after-collapse-delimiter", delimiter)
    pieces: list[tuple[Any, str]] = []
    index = 0
    while index < len(rendered):
        end = index
        while (
            end + 1 < len(rendered)
            and rendered[end + 1].item.number == rendered[end].item.number + 1
            and not _has_extras(rendered[end + 1].item)
            and not _has_extras(rendered[end].item)
        ):
            end += 1
        if end - index >= 2:
            pieces.append((rendered[index].text + EN_DASH + rendered[end].text, after))
        else:
            pieces.extend((cite.text, delimiter) for cite in rendered[index : end + 1])
        index = end + 1
    return pieces


def _has_extras(item: Any) -> bool:
    return any(key in item for key in ("locator", "prefix", "suffix"))
