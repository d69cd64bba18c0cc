"""The model's own cost: constructing the objects a read produced, with no reading at all.

Any reader must at least parse its input and construct the model objects it reports. This
module measures the second part on its own: it reads a file once (untimed), lists every model
object in the result with the arguments that rebuild it (only the fields that differ from the
defaults, children already built), and :func:`construct` then calls each class's constructor
on those arguments. The time of :func:`construct` is a lower bound on what any reader of the
same records costs beyond its parser, so ``parser + construct`` is a floor that no reader
producing this model can beat. ``make bench`` prints it next to the targets.
"""

from __future__ import annotations

from typing import Any

import attrs


def _is_default(attribute: attrs.Attribute[Any], value: object) -> bool:
    default = attribute.default
    if default is attrs.NOTHING or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return False
    return type(value) is type(default) and bool(value == default)


def _collect(value: object, found: list[tuple[type, dict[str, Any]]]) -> None:
    """Every attrs instance inside ``value``, children before parents."""
    cls = type(value)
    if attrs.has(cls):
        kwargs = {}
        for attribute in attrs.fields(cls):
            field_value = getattr(value, attribute.name)
            _collect(field_value, found)
            if attribute.init and not _is_default(attribute, field_value):
                kwargs[attribute.name] = field_value
        found.append((cls, kwargs))
    elif cls is tuple:
        for item in value:  # type: ignore[attr-defined]
            _collect(item, found)


def constructor_calls(records: list[Any]) -> list[tuple[type, dict[str, Any]]]:
    """The constructor calls that rebuild ``records`` and everything in them."""
    found: list[tuple[type, dict[str, Any]]] = []
    for record in records:
        _collect(record, found)
    return found


def construct(calls: list[tuple[type, dict[str, Any]]]) -> int:
    """Make every call (what a reader does at the least); returns how many objects were built."""
    for cls, kwargs in calls:
        cls(**kwargs)
    return len(calls)
