"""Disambiguation of cites by names: ``disambiguate-add-names`` and
``disambiguate-add-givenname`` with each ``givenname-disambiguation-rule``.

citeproc-py disambiguates nothing.  Before a document's cites are rendered, jakcite
renders each cited work's plain first cite; works whose cites print alike are told apart
as citeproc-js does, in its order: first by showing more names (``Smith, Brown, et al.``
for ``Smith et al.``), then by showing given names (initials, then whole), then (in
:func:`jakcite.csl.corrections.prepare_disambiguation`) by year suffixes.  With the
``all-names`` and ``primary-name`` rules, given names are also added wherever two
different people of one family name are cited, ambiguous cites or not.

What a work's names show is an :class:`Expansion`, kept on the reference
(:data:`jakcite.csl.compiled.DISAMBIGUATION`) and read by the compiled ``cs:name``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from jakcite.csl.compiled import DISAMBIGUATION
from jakcite.csl.output import strip_markers

__all__ = ["Expansion", "disambiguate"]

_NAME_VARIABLES = ("author", "editor", "translator", "composer", "director", "container_author")


@attrs.define
class Expansion:
    """How much of a work's names its citations show beyond the style's default."""

    names: int = 0
    #: given-name level (1: initials or given name, 2: whole given name) for every name shown
    given: int = 0
    #: given-name level of one name, by (variable, index)
    by_name: dict[tuple[str, int], int] = attrs.field(factory=dict)
    #: ``disambiguate="true"`` conditions hold (the last resort before year suffixes)
    condition: bool = False

    def given_level(self, variable: str, index: int) -> int:
        """The given-name level of the ``index``-th name of ``variable``."""
        return max(self.given, self.by_name.get((variable, index), 0))


def _true(element: Any, option: str) -> bool:
    return str(element.get(option, "false")).lower() == "true"


def disambiguate(root: Any, bib: Any, render_cite: Callable[[Any], str | None]) -> dict[str, str | None]:
    """Expand the names of works whose cites in ``bib`` would print alike.

    ``render_cite`` renders one registered item's plain cite (``None`` when it cannot).
    Returns the cites rendered on the way that no expansion changed, by item key.
    """
    citation = root.citation
    if citation is None:
        return {}
    for item in bib.items:
        item.reference.pop(DISAMBIGUATION, None)
    add_names, add_given = _true(citation, "disambiguate-add-names"), _true(citation, "disambiguate-add-givenname")
    if not (add_names or add_given or root.__dict__.get("_jk_has_disambiguate_condition")):
        return {}
    rule = str(citation.get("givenname-disambiguation-rule", "by-cite"))
    if add_given and rule != "by-cite":
        _expand_ambiguous_names(bib.items, rule)
    seen: dict[str, str | None] = {}

    def remembered(item: Any) -> str | None:
        text = seen[item["key"]] = render_cite(item)
        return text

    by_cite = add_given and rule in ("by-cite", "all-names", "all-names-with-initials")
    for group in _ambiguous(bib.items, remembered):
        _resolve(group, render_cite, add_names, by_cite, rule)
    return {key: text for key, text in seen.items() if not _expanded(bib.source[key])}


def _expanded(reference: Any) -> bool:
    found = reference.get(DISAMBIGUATION)
    return found is not None and found != Expansion()


def _expansion(item: Any) -> Expansion:
    reference = item.reference
    found = reference.get(DISAMBIGUATION)
    if found is None:
        found = reference[DISAMBIGUATION] = Expansion()
    return found  # type: ignore[no-any-return]


def _key(item: Any, render_cite: Callable[[Any], str | None]) -> str | None:
    text = render_cite(item)
    return None if text is None else strip_markers(text)


def _ambiguous(items: Sequence[Any], render_cite: Callable[[Any], str | None]) -> list[list[Any]]:
    """Groups of items whose cites print alike; only works sharing a first name (or title)
    can, so only those are rendered."""
    buckets: dict[str, list[Any]] = {}
    for item in items:
        buckets.setdefault(_first_name(item.reference), []).append(item)
    groups: dict[str, list[Any]] = {}
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        for item in bucket:
            key = _key(item, render_cite)
            if key:
                groups.setdefault(key, []).append(item)
    return [group for group in groups.values() if len(group) > 1]


def _first_name(reference: Any) -> str:
    for variable in _NAME_VARIABLES:
        names = reference.get(variable)
        if names:
            return str(names[0].parts()[1] or "").casefold()
    return str(reference.get("title", "")).casefold()


def _names_of(item: Any) -> tuple[Any, ...]:
    reference = item.reference
    return tuple(
        tuple(tuple(str(part or "") for part in name.parts()) for name in reference.get(v) or ())
        for v in _NAME_VARIABLES
    )


def _names_count(item: Any) -> int:
    reference = item.reference
    return max((len(reference.get(v) or []) for v in _NAME_VARIABLES), default=0)


def _resolve(
    group: list[Any], render_cite: Callable[[Any], str | None], add_names: bool, add_given: bool, rule: str
) -> None:
    """Show more names, then given names, until the group's cites differ.

    Each step keeps the least expansion that tells the most cites apart, and none when
    nothing does (citeproc-js's "failure": the cites stay as the style prints them).
    """
    pending = group
    if len({_names_of(item) for item in pending}) < 2:
        # the same people: no names can tell these works apart
        for item in pending:
            _expansion(item).condition = True
        return
    if add_names:
        most = max(_names_count(item) for item in pending)
        pending = _step(pending, render_cite, range(2, most + 1), "names")
    if add_given and pending:
        top = 1 if rule.endswith("with-initials") else 2
        pending = _step(pending, render_cite, range(1, top + 1), "given")
    for item in pending:
        _expansion(item).condition = True


def _step(items: list[Any], render_cite: Callable[[Any], str | None], levels: range, field: str) -> list[Any]:
    """Try each level of one expansion on ``items``; keep the best; the items still alike."""
    best, best_distinct = 0, len({_key(item, render_cite) for item in items})
    for level in levels:
        for item in items:
            setattr(_expansion(item), field, level)
        distinct = len({_key(item, render_cite) for item in items})
        if distinct > best_distinct:
            best, best_distinct = level, distinct
        if distinct == len(items):
            break
    for item in items:
        setattr(_expansion(item), field, best)
    return _still_alike(items, render_cite)


def _still_alike(items: Sequence[Any], render_cite: Callable[[Any], str | None]) -> list[Any]:
    """The items whose cite still prints like another's of ``items``."""
    keys = [_key(item, render_cite) for item in items]
    return [item for item, key in zip(items, keys, strict=True) if key and keys.count(key) > 1]


def _person(name: Any) -> tuple[str, str, str]:
    given, family, dp, ndp, _suffix = name.parts()
    family_key = " ".join(str(p) for p in (dp, ndp, family) if p)
    given_text = str(given or "")
    words = given_text.replace("-", " ").replace(".", " ").split()
    # "J. J." and "J.J." are one person: compare the letters only
    return family_key, "".join(word[:1] for word in words), "".join(words)


def _expand_ambiguous_names(items: Sequence[Any], rule: str) -> None:
    """Given names wherever one family name stands for different people (all-names, primary-name)."""
    primary = rule.startswith("primary-name")
    with_initials = rule.endswith("with-initials")
    people: dict[str, set[tuple[str, str]]] = {}
    shown: list[tuple[Any, str, int, tuple[str, str, str]]] = []
    for item in items:
        for variable in _NAME_VARIABLES:
            for index, name in enumerate(item.reference.get(variable) or []):
                if primary and index > 0:
                    break
                person = _person(name)
                people.setdefault(person[0], set()).add((person[1], person[2]))
                shown.append((item, variable, index, person))
    for item, variable, index, (family, initials, _given) in shown:
        others = people[family]
        if len(others) < 2:
            continue
        same_initials = sum(1 for i, _ in others if i == initials) > 1
        if same_initials and with_initials:
            continue  # initials cannot tell these people apart, and whole names are not allowed
        _expansion(item).by_name[(variable, index)] = 2 if same_initials else 1
