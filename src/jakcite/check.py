"""Round-trip checking: write records in a format, read them back, compare field by field.

A format declares what it cannot carry (:class:`~jakcite.registry.Coverage`); a round trip
is correct when ``read(write(record)) == coverage.project(record)``.  Every other difference
is an *undeclared loss*, which :func:`check_roundtrip` reports with the record and the field.
"""

from __future__ import annotations

import enum
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs
from attrs import frozen

from jakcite.api import iter_records, write
from jakcite.errors import JakciteError
from jakcite.model import Record
from jakcite.registry import Format, get_format

__all__ = [
    "Difference",
    "FieldLoss",
    "FormatReport",
    "actual_losses",
    "check_roundtrip",
    "diff_records",
    "project",
    "project_all",
]

_MISSING = object()


@frozen
class Difference:
    """One field that differs after a round trip."""

    record: str
    field: str
    expected: str
    actual: str


@frozen
class FieldLoss:
    """A declared loss as it happened to these records: which field, in how many, an example."""

    field: str
    records: int
    example: str


@frozen
class FormatReport:
    """The result of round-tripping a set of records through one format."""

    format: str
    records: int
    fields_compared: int
    #: How many field values the format's declared losses took from these records.
    declared_losses: int
    differences: tuple[Difference, ...]
    #: True when writing the re-read records gave exactly the same text again.
    idempotent: bool
    error: str | None = None
    #: The declared losses that happened, per field (most records first).
    losses: tuple[FieldLoss, ...] = ()

    @property
    def ok(self) -> bool:
        """No undeclared difference, no error, idempotent output."""
        return not self.differences and self.error is None and self.idempotent


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


def _walk(expected: Any, actual: Any, path: str) -> Iterator[tuple[str, Any, Any] | str]:
    """Yield a path string per leaf compared, and (path, expected, actual) per difference."""
    if attrs.has(type(expected)) and type(expected) is type(actual):
        for attribute in attrs.fields(type(expected)):
            if not attribute.eq:
                continue
            name = attribute.name
            yield from _walk(getattr(expected, name), getattr(actual, name), f"{path}.{name}" if path else name)
        return
    if isinstance(expected, tuple) and isinstance(actual, tuple) and not _is_pair_list(expected):
        for i in range(max(len(expected), len(actual))):
            left = expected[i] if i < len(expected) else _MISSING
            right = actual[i] if i < len(actual) else _MISSING
            if left is _MISSING or right is _MISSING:
                yield (f"{path}[{i}]", left, right)
                yield f"{path}[{i}]"
            else:
                yield from _walk(left, right, f"{path}[{i}]")
        return
    yield path
    if expected != actual:
        yield (path, expected, actual)


def _is_pair_list(value: tuple[Any, ...]) -> bool:
    return bool(value) and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) for v in value)


def diff_records(expected: Record, actual: Record) -> tuple[int, list[tuple[str, Any, Any]]]:
    """Count the leaf fields compared and list the differing ones as (path, expected, actual)."""
    compared = 0
    diffs: list[tuple[str, Any, Any]] = []
    for item in _walk(expected, actual, ""):
        if isinstance(item, str):
            compared += 1
        else:
            diffs.append(item)
    return compared, diffs


def project(record: Record, fmt: Format) -> Record:
    """The record reduced to what ``fmt`` carries (its declared projection)."""
    return fmt.coverage.project(record) if fmt.coverage is not None else record


def project_all(records: Sequence[Record], fmt: Format) -> list[Record]:
    """Each record's projection, with the key the format's writer gives it in this list."""
    projected = [project(r, fmt) for r in records]
    if fmt.coverage is None or fmt.coverage.keys is None:
        return projected
    keys = fmt.coverage.keys(records)
    return [attrs.evolve(r, key=key) for r, key in zip(projected, keys, strict=True)]


def _render(value: Any) -> str:
    if value is _MISSING:
        return "<absent>"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return _short(value)


_INDEX = re.compile(r"\[\d+\]")


def actual_losses(records: Sequence[Record], fmt: Format) -> tuple[int, tuple[FieldLoss, ...]]:
    """What the format's projection takes from these records: values lost, and per field
    (indices dropped: ``authors.affiliations``) the records it happened to, with the first."""
    values = 0
    per_field: dict[str, list[str]] = {}
    for record in records:
        _, diffs = diff_records(record, project(record, fmt))
        values += len(diffs)
        for name in dict.fromkeys(_INDEX.sub("", path) for path, _, _ in diffs):
            per_field.setdefault(name, []).append(record.label())
    ranked = sorted(per_field.items(), key=lambda item: (-len(item[1]), item[0]))
    return values, tuple(FieldLoss(name, len(labels), labels[0]) for name, labels in ranked)


def check_roundtrip(records: Sequence[Record], format: str | Format, **options: Any) -> FormatReport:
    """Write ``records`` in ``format``, read them back and compare with their projection."""
    fmt = get_format(format)
    losses, per_field = actual_losses(records, fmt)
    try:
        text = write(records, fmt, **options) or ""
        back = list(iter_records(io.StringIO(text), fmt, name=f"<{fmt.name} output>"))
    except JakciteError as exc:
        return FormatReport(fmt.name, len(records), 0, losses, (), False, f"{type(exc).__name__}: {exc}")
    differences: list[Difference] = []
    compared = 0
    if len(back) != len(records):
        differences.append(Difference("*", "record count", str(len(records)), str(len(back))))
    for original, expected, again in zip(records, project_all(records, fmt), back, strict=False):
        if expected.key is None and again.key is not None:
            # Formats that need an identifier (BibTeX keys, CSL ids) may assign one to a
            # record that had none: that is an addition, not a loss.
            expected = attrs.evolve(expected, key=again.key)
        count, diffs = diff_records(expected, again)
        compared += count
        label = original.label()
        differences.extend(Difference(label, path, _render(left), _render(right)) for path, left, right in diffs)
    idempotent = (write(back, fmt, **options) or "") == text
    return FormatReport(fmt.name, len(records), compared, losses, tuple(differences), idempotent, None, per_field)


def roundtrip_formats(names: Iterable[str] | None = None) -> list[Format]:
    """Formats that can both read and write (the ones a round trip can check)."""
    from jakcite.registry import load_formats

    if names is not None:
        return [get_format(n) for n in names]
    return [f for f in load_formats().values() if f.can_read and f.can_write]
