"""Cite positions (``first``, ``subsequent``, ``ibid``, ``ibid-with-locator``,
``near-note``) and ``first-reference-note-number``, as CSL 1.0.2 defines them.

citeproc-py tests positions against the cites it has rendered, without note numbers, and
takes ``near-note-distance`` from the wrong element (a KeyError).  jakcite works each
cite's position out as the cites of a document are rendered, in the order they are
printed (after the citation's own sort), and keeps it on the cite for the
``position`` tests (:class:`PositionCorrections`).
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["FIRST", "IBID", "IBID_WITH_LOCATOR", "SUBSEQUENT", "Position", "PositionCorrections", "Tracker"]

FIRST, SUBSEQUENT, IBID, IBID_WITH_LOCATOR = "first", "subsequent", "ibid", "ibid-with-locator"
#: Where a cite's :class:`Position` is kept (the cite's ``__dict__``: a CustomDict's keys are its fields).
POSITION = "_jk_position"


@attrs.frozen
class Position:
    """Where a cite stands in its document."""

    kind: str
    near_note: bool = False
    first_note: int | None = None


#: The "position" of an entry being rendered in the bibliography: no test holds.
IN_BIBLIOGRAPHY = Position("bibliography")


def _locator(item: Any) -> tuple[str, str] | None:
    if "locator" not in item:
        return None
    locator = item["locator"]
    return (str(locator.label), str(locator.identifier))


@attrs.define
class Tracker:
    """The document so far: the previous cite and citation, each work's first and last note."""

    near_note_distance: int = 5
    previous: Any = None
    previous_citation: list[Any] = attrs.field(factory=list)
    current: list[Any] = attrs.field(factory=list)
    first_note: dict[str, int] = attrs.field(factory=dict)
    last_note: dict[str, int] = attrs.field(factory=dict)
    citations: int = 0

    def start(self) -> None:
        """A new citation begins."""
        if self.current:
            self.previous_citation = self.current
        self.current = []
        self.citations += 1

    def place(self, item: Any, note: int | None) -> Position:
        """The position of ``item``, the next cite printed, and record it."""
        key = item.key
        number = note if note is not None else self.citations
        if key not in self.first_note:
            position = Position(FIRST)
            self.first_note[key] = number
        else:
            near = number - self.last_note[key] <= self.near_note_distance
            position = Position(self._repeat_kind(item), near, self.first_note[key])
        self.last_note[key] = number
        self.previous = item
        self.current.append(item)
        return position

    def _repeat_kind(self, item: Any) -> str:
        previous = self.previous
        if self.current:
            same = previous is not None and previous.key == item.key
        else:
            # the first cite of a citation: ibid only after a citation of that work alone
            cited = self.previous_citation
            same = len(cited) == 1 and cited[0].key == item.key
        if not same:
            return SUBSEQUENT
        mine, theirs = _locator(item), _locator(previous)
        if theirs is None:
            return IBID_WITH_LOCATOR if mine is not None else IBID
        if mine is None:
            return SUBSEQUENT
        return IBID if mine == theirs else IBID_WITH_LOCATOR


def _holds(test: str, position: Position) -> bool:
    kind = position.kind
    if test == FIRST:
        return kind == FIRST
    if test == SUBSEQUENT:
        return kind != FIRST
    if test == IBID:
        return kind in (IBID, IBID_WITH_LOCATOR)
    if test == IBID_WITH_LOCATOR:
        return kind == IBID_WITH_LOCATOR
    if test == "near-note":
        return kind != FIRST and position.near_note
    return False


class PositionCorrections:
    """``cs:if position``: the cite's :class:`Position` (never true in a bibliography)."""

    __slots__ = ()

    def _position(self, item: Any, context: Any) -> list[bool]:
        element: Any = self
        tests = element.get("position").split()
        in_bibliography = element.__dict__.get("_jk_in_bibliography")
        if in_bibliography is None:
            found = element.xpath_search("./ancestor::*[self::cs:bibliography]")
            in_bibliography = element.__dict__["_jk_in_bibliography"] = bool(found)
        position = item.__dict__.get(POSITION)
        if in_bibliography or position is None:
            if in_bibliography:
                return [False] * len(tests)
            position = Position(FIRST)  # a cite rendered on its own (disambiguation trials)
        return [_holds(test, position) for test in tests]
