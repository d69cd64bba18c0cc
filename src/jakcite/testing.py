"""Helpers for users' own test suites: assert that records survive a format.

>>> from jakcite.testing import assert_roundtrip
>>> assert_roundtrip(jakcite.read("refs.bib"), "ris")          # doctest: +SKIP

With pytest, the ``jakcite_roundtrip`` fixture (registered automatically through the
``pytest11`` entry point) is the same function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jakcite.check import FormatReport, check_roundtrip
from jakcite.model import Record
from jakcite.registry import Format

__all__ = ["RoundTripError", "assert_roundtrip"]


class RoundTripError(AssertionError):
    """A round trip lost or changed something the format declares it carries."""

    def __init__(self, report: FormatReport) -> None:
        self.report = report
        lines = [f"round trip through {report.format} is not faithful:"]
        if report.error:
            lines.append(f"  {report.error}")
        lines += [
            f"  {d.record}: {d.field}: expected {d.expected!r}, got {d.actual!r}" for d in report.differences[:50]
        ]
        if not report.idempotent:
            lines.append("  writing the re-read records gave different text (not idempotent)")
        super().__init__("\n".join(lines))


def assert_roundtrip(records: Iterable[Record] | Record, fmt: str | Format, **options: Any) -> FormatReport:
    """Raise :class:`RoundTripError` unless ``read(write(records))`` equals their projection.

    Also checks idempotence: writing the re-read records must give the same text.
    Returns the report (fields compared, declared losses) when all is well.
    """
    items = [records] if isinstance(records, Record) else list(records)
    report = check_roundtrip(items, fmt, **options)
    if not report.ok:
        raise RoundTripError(report)
    return report


def _fixture() -> Callable[..., FormatReport]:
    return assert_roundtrip


try:  # pragma: no cover - only when pytest is installed
    import pytest

    jakcite_roundtrip = pytest.fixture(name="jakcite_roundtrip")(_fixture)
except ImportError:  # pragma: no cover
    pass
